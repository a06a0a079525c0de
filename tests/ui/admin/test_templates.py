"""The templates tab: a template edited with its variables, refused at the field, previewed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from complaintdesk.services.context import Connection, ServiceContext
from complaintdesk.services.outbound import template_admin
from complaintdesk.ui.admin.templates import CannedDialog, TemplatesModel, TemplatesTab
from complaintdesk.ui.main_window import MainWindow
from tests.ui.admin.test_configuration import open_configuration
from tests.ui.conftest import Desk
from tests.ui.helpers import open_window, settle, submit


def open_templates(qtbot: QtBot, window: MainWindow) -> TemplatesTab:
    dialog = open_configuration(qtbot, window)
    dialog.tabs.setCurrentWidget(dialog.templates)
    tab = dialog.templates
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    settle(qtbot, window)
    return tab


def test_an_unknown_variable_is_refused_under_the_text_listing_the_allowed_ones(
    qtbot: QtBot, connection: Connection, desk: Desk, cli_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, connection, desk.admin)
    tab = open_templates(qtbot, window)
    tab.select("acknowledgement", "en")
    settle(qtbot, window)
    assert tab.current() is not None
    original = tab.body.toPlainText()

    tab.body.setPlainText(original + "\n{{ owner_name }}")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)

    message = tab.body_error.text
    assert message.startswith("This kind of template is not given owner_name. Allowed variables:")
    assert "reference, customer_name" in message
    assert tab.body.toPlainText().endswith("{{ owner_name }}")  # kept as typed
    saved = {(t.code, t.language): t for t in template_admin.list_templates(cli_ctx)}
    assert not saved[("acknowledgement", "en")].edited


def test_a_template_is_previewed_in_french_and_saved(
    qtbot: QtBot, connection: Connection, desk: Desk, cli_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, connection, desk.admin)
    tab = open_templates(qtbot, window)
    tab.select("canned.call-back", "fr")
    settle(qtbot, window)

    tab.body.setPlainText("Bonjour {{ customer_name }}, nous vous rappelons demain.")
    tab.french.setChecked(True)
    tab.preview()
    assert tab.rendered.toPlainText().endswith("Bonjour Léa Martin, nous vous rappelons demain.\n")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.current() is not None and tab.current().edited)

    found = template_admin.canned_responses(cli_ctx, "rappelons", "fr")
    assert [c.code for c in found] == ["canned.call-back"]
    assert tab.reset_button.isEnabled()  # a shipped text to go back to


def test_a_final_response_template_must_keep_its_sections(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.admin)
    tab = open_templates(qtbot, window)
    tab.select("final_response.uk-fca", "en")
    settle(qtbot, window)
    body = tab.body.toPlainText()

    tab.body.setPlainText(body.replace("The Financial Ombudsman Service's leaflet\n", ""))
    tab.preview()

    assert "The Financial Ombudsman Service's leaflet" in tab.body_error.text
    assert tab.rendered.toPlainText() == ""


def test_a_new_canned_response_is_added_and_found(
    qtbot: QtBot, connection: Connection, desk: Desk, cli_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, connection, desk.admin)
    tab = open_templates(qtbot, window)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    form = tab.form
    assert isinstance(form, CannedDialog)
    qtbot.keyClicks(form.title, "Parcel found")
    form.text.setPlainText("Dear {{ customer_name }}, we found your parcel ({{ reference }}).")

    submit(qtbot, form)
    qtbot.waitUntil(
        lambda: tab.current() is not None and tab.current().code == "canned.parcel-found"
    )

    assert [c.title for c in template_admin.canned_responses(cli_ctx, "parcel", "en")] == [
        "Parcel found"
    ]


def test_templates_model_passes_the_model_tester(
    qtmodeltester: ModelTester, cli_ctx: ServiceContext
) -> None:
    model = TemplatesModel()
    qtmodeltester.check(model)
    model.set_rows(template_admin.list_templates(cli_ctx))

    qtmodeltester.check(model)

    kinds = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert {"Acknowledgement email", "Final response letter", "Canned response"} <= kinds

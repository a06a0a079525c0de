"""The promises tab: policies listed, due dates previewed, a copy edited and saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from complaintdesk.services.context import Connection, ServiceContext
from complaintdesk.services.promises import catalogue
from complaintdesk.ui.admin.policies import PoliciesTab
from complaintdesk.ui.admin.policy_targets import CopyPolicyDialog, PoliciesModel, PolicyColumn
from complaintdesk.ui.main_window import MainWindow
from tests.ui.admin.test_configuration import open_configuration
from tests.ui.conftest import Desk
from tests.ui.helpers import open_window, settle, submit

ACPR_FROM_FRIDAY_MORNING = [
    ("Acknowledge", "Thursday 2025-07-24", "23:59"),
    ("Response", "Thursday 2025-09-11", "23:59"),
]
"""fr-acpr from Friday 11 July 2025 09:30 in Paris: 10 jours ouvrables (14 July is off)
and two months."""


def open_promises(qtbot: QtBot, window: MainWindow) -> PoliciesTab:
    dialog = open_configuration(qtbot, window)
    dialog.tabs.setCurrentWidget(dialog.policies)
    tab = dialog.policies
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    settle(qtbot, window)
    return tab


def type_receipt(qtbot: QtBot, window: MainWindow, tab: PoliciesTab, typed: str) -> None:
    tab.received.setFocus()
    tab.received.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClicks(tab.received, typed)
    settle(qtbot, window)


def select(qtbot: QtBot, window: MainWindow, tab: PoliciesTab, code: str) -> None:
    tab.select(code)
    settle(qtbot, window)


def test_the_tab_lists_the_presets_and_previews_acpr_dates_for_a_typed_time(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.admin)
    tab = open_promises(qtbot, window)

    codes = [tab.model.index(r, PolicyColumn.CODE).data() for r in range(tab.model.rowCount())]
    assert sorted(codes) == sorted(catalogue.PRESETS)
    assert [tab.model.index(r, PolicyColumn.ACTIVE).data() for r in range(2)] == ["Active"] * 2

    select(qtbot, window, tab, "fr-acpr")
    type_receipt(qtbot, window, tab, "202507110930")

    assert tab.received.dateTime().toString("yyyy-MM-dd HH:mm") == "2025-07-11 09:30"
    assert tab.received_label.text() == "&Received (Europe/Paris time):"
    assert tab.preview_rows() == ACPR_FROM_FRIDAY_MORNING
    assert not tab.pauses.isEnabled()  # regulatory deadlines never pause


def test_a_copy_with_a_changed_amount_changes_the_preview(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.admin)
    tab = open_promises(qtbot, window)
    select(qtbot, window, tab, "fr-acpr")
    type_receipt(qtbot, window, tab, "202507110930")

    qtbot.mouseClick(tab.copy_button, Qt.MouseButton.LeftButton)
    form = tab.form
    assert isinstance(form, CopyPolicyDialog)
    qtbot.keyClicks(form.code, "acpr-fast")
    submit(qtbot, form)
    qtbot.waitUntil(lambda: tab.current() is not None and tab.current().code == "acpr-fast")
    settle(qtbot, window)
    assert tab.model.index(tab.model.row_of("acpr-fast"), PolicyColumn.ACTIVE).data() == (
        "Inactive"
    )
    assert tab.preview_rows() == ACPR_FROM_FRIDAY_MORNING

    amount = tab.targets.rows[0][1]
    amount.selectAll()
    qtbot.keyClicks(amount, "5")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.preview_rows()[0][1] == "Friday 2025-07-18")
    settle(qtbot, window)

    assert tab.preview_rows()[1] == ACPR_FROM_FRIDAY_MORNING[1]
    assert tab.recompute_row.isVisible()
    qtbot.mouseClick(tab.recompute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.recompute_hint.text().startswith("Done:"))
    assert not tab.progress.isVisible()


def test_a_bad_amount_is_refused_next_to_the_targets(
    qtbot: QtBot, connection: Connection, desk: Desk, cli_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, connection, desk.admin)
    tab = open_promises(qtbot, window)
    select(qtbot, window, tab, "fr-acpr")
    amount = tab.targets.rows[0][1]
    amount.selectAll()
    qtbot.keyClicks(amount, "ten")

    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)

    assert tab.error.isVisible()
    assert tab.error.text == (
        "Target 'acknowledge': the amount must be a whole number of at least 1, not 'ten'."
    )
    assert amount.text() == "ten"
    saved = {p.code: p for p in catalogue.list_policies(cli_ctx)}["fr-acpr"]
    assert saved.targets["targets"][0]["amount"] == 10


def test_policies_model_passes_the_model_tester(
    qtmodeltester: ModelTester, connection: Connection, cli_ctx: ServiceContext
) -> None:
    model = PoliciesModel()
    qtmodeltester.check(model)
    model.set_rows(catalogue.list_policies(cli_ctx))

    qtmodeltester.check(model)

    assert model.rowCount() == len(catalogue.PRESETS)
    assert model.index(0, PolicyColumn.KIND).data() in ("Regulatory", "Service")
    assert model.headerData(PolicyColumn.ACTIVE, Qt.Orientation.Horizontal) == "State"


def test_a_scope_is_saved_and_the_preview_says_which_policy_a_london_complaint_gets(
    qtbot: QtBot, connection: Connection, desk: Desk, cli_ctx: ServiceContext
) -> None:
    from complaintdesk.domain.vocabulary import SiteKind
    from complaintdesk.services.admin import organisation

    organisation.add_site(cli_ctx, "LON01", "London", SiteKind.BRANCH, "Europe/London")
    window = open_window(qtbot, connection, desk.admin)
    tab = open_promises(qtbot, window)
    select(qtbot, window, tab, "uk-fca-payment")
    tab.pages.setCurrentWidget(tab.scope)
    assert tab.scope.fields["countries"].text() == "GB"

    qtbot.keyClicks(tab.scope.fields["categories"], "payments.*")
    tab.scope.ticks["channels"]["email"].setChecked(True)
    qtbot.mouseClick(tab.scope.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.recompute_row.isVisible())
    saved = {p.code: p for p in catalogue.list_policies(cli_ctx)}["uk-fca-payment"]
    assert saved.conditions == {
        "categories": ["payments.*"],
        "channels": ["email"],
        "countries": ["GB"],
    }

    tab.pages.setCurrentWidget(tab.which)
    tab.which.site.setCurrentIndex(tab.which.site.findData("LON01"))
    qtbot.waitUntil(lambda: "FCA DISP 1 (uk-fca)" in tab.which.answer.text())
    answer = tab.which.answer.text()
    assert "Regulatory deadlines: United Kingdom — FCA DISP 1 (uk-fca)" in answer
    assert "because site country is GB." in answer
    assert "Not fr-acpr: this complaint is outside its site country." in answer


def test_an_unknown_site_in_a_scope_is_refused_under_the_scope(
    qtbot: QtBot, connection: Connection, desk: Desk, cli_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, connection, desk.admin)
    tab = open_promises(qtbot, window)
    select(qtbot, window, tab, "fr-acpr")
    tab.scope.fields["sites"].setText("NOWHERE")

    qtbot.mouseClick(tab.scope.save_button, Qt.MouseButton.LeftButton)

    assert tab.scope.error.text == "Unknown site: NOWHERE."
    assert tab.scope.fields["sites"].text() == "NOWHERE"
    saved = {p.code: p for p in catalogue.list_policies(cli_ctx)}["fr-acpr"]
    assert saved.conditions == {"countries": ["FR"]}

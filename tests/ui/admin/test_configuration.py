"""Configuration: functions and members, routing rules, "try on this complaint"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from complaintdesk.services.admin import routing_rules
from complaintdesk.services.context import Connection, ServiceContext
from complaintdesk.ui.admin.configuration import AdminDialog, FunctionDialog, MemberDialog
from complaintdesk.ui.admin.routing_rules import RuleColumn, RulesModel
from complaintdesk.ui.dialogs.rule import RuleDialog
from complaintdesk.ui.main_window import MainWindow
from tests.ui.conftest import Desk
from tests.ui.helpers import CTRL, open_window, press, record, settle, submit

ALL_OPEN_ROW = 2


def open_configuration(qtbot: QtBot, window: MainWindow) -> AdminDialog:
    press(qtbot, window, Qt.Key.Key_Comma, CTRL)
    dialog = window.admin_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.rules.model.rowCount() > 0)
    return dialog


def test_an_added_rule_is_listed_and_the_preview_on_a_complaint_shows_it(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    record(connection, desk.ann, "Refund promised at the counter never came")
    window = open_window(qtbot, connection, desk.admin)
    window.go_to_queue(ALL_OPEN_ROW)
    dialog = open_configuration(qtbot, window)
    dialog.tabs.setCurrentWidget(dialog.rules)
    reference = window.detail.workspace.value("reference")
    assert dialog.rules.try_button.text() == f"&Try on {reference}"

    qtbot.mouseClick(dialog.rules.add_button, Qt.MouseButton.LeftButton)
    form = dialog.form
    assert isinstance(form, RuleDialog)
    qtbot.keyClicks(form.name, "Refunds")
    qtbot.keyClicks(form.keywords, "refund, remboursement")
    form.function.setFocus()
    qtbot.keyClick(form.function, Qt.Key.Key_Down)  # (none) → Billing
    submit(qtbot, form)
    qtbot.waitUntil(lambda: dialog.rules.model.row_named("Refunds") >= 0)
    settle(qtbot, window)

    qtbot.mouseClick(dialog.rules.try_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Refunds" in dialog.rules.preview.text())

    lines = dialog.rules.preview.text().splitlines()
    assert lines[0] == "If routed now: Rule 30 “Refunds” matched: the text mentions “refund”."
    assert lines[1] == "Because its conditions hold: keywords: refund, remboursement"
    assert lines[2] == "Function: Billing · Priority: unchanged · Team queue: —"
    row = dialog.rules.model.row_named("Refunds")
    assert dialog.rules.table.selectionModel().isRowSelected(row)


def test_a_function_and_a_member_are_added(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.admin)
    dialog = open_configuration(qtbot, window)
    assert dialog.functions.texts() == ["Billing (billing)", "  Bea Billing"]

    qtbot.mouseClick(_button(dialog, "Add &function…"), Qt.MouseButton.LeftButton)
    form = dialog.form
    assert isinstance(form, FunctionDialog)
    qtbot.keyClicks(form.code, "logistics")
    qtbot.keyClicks(form.name, "Logistics")
    submit(qtbot, form)
    qtbot.waitUntil(lambda: "Logistics (logistics)" in dialog.functions.texts())

    qtbot.mouseClick(dialog.functions.add_member_button, Qt.MouseButton.LeftButton)
    member = dialog.form
    assert isinstance(member, MemberDialog)
    member.function.setCurrentIndex(member.function.findData("logistics"))
    qtbot.keyClicks(member.login, "carl")
    submit(qtbot, member)
    qtbot.waitUntil(lambda: "  Carl Cooper" in dialog.functions.texts())

    assert dialog.functions.texts() == [
        "Billing (billing)",
        "  Bea Billing",
        "Logistics (logistics)",
        "  Carl Cooper",
    ]


def test_an_unknown_login_is_refused_in_the_member_form(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.admin)
    dialog = open_configuration(qtbot, window)
    qtbot.mouseClick(dialog.functions.add_member_button, Qt.MouseButton.LeftButton)
    member = dialog.form
    assert isinstance(member, MemberDialog)
    qtbot.keyClicks(member.login, "nobody")

    submit(qtbot, member)

    assert member.isVisible()
    assert member.error.text == "No user 'nobody' exists."
    assert member.login.text() == "nobody"


def _button(dialog: AdminDialog, text: str) -> QPushButton:
    found = [b for b in dialog.functions.findChildren(QPushButton) if b.text() == text]
    assert len(found) == 1
    return found[0]


def test_rules_model_passes_the_model_tester(
    qtmodeltester: ModelTester, connection: Connection, desk: Desk, cli_ctx: ServiceContext
) -> None:
    model = RulesModel()
    qtmodeltester.check(model)
    model.set_rules(routing_rules.list_rules(cli_ctx), {"billing": "Billing"})

    qtmodeltester.check(model)

    assert model.rowCount() == 2
    assert model.index(0, RuleColumn.FUNCTION).data() == "Billing"
    assert model.index(0, RuleColumn.CONDITIONS).data() == "keywords: facture, invoice"
    assert model.index(1, RuleColumn.POSITION).data() == "default"
    assert model.index(1, RuleColumn.CONDITIONS).data() == "(anything)"
    assert model.headerData(RuleColumn.ASSIGNMENT, Qt.Orientation.Horizontal) == ("Owner picked by")

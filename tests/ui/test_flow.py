"""Issue 3's flow through the screens, by keyboard: record, route, ask, answer, resolve, close."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from complaintdesk.services.context import Actor, Connection
from complaintdesk.services.read_models import QueueKind
from complaintdesk.ui.dialogs.new_complaint import NewComplaintDialog
from complaintdesk.ui.dialogs.requests import AskDialog, ReplyDialog
from complaintdesk.ui.dialogs.resolve import ResolveDialog
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.session.sign_in import SignInDialog
from complaintdesk.ui.workspace.availability import Act
from tests.ui.conftest import PASSWORD, Desk
from tests.ui.helpers import CTRL, CTRL_SHIFT, open_window, press, settle, submit, wait_for_form


def sign_in(qtbot: QtBot, connection: Connection, login: str) -> Actor:
    """Sign in through the real dialog, typing login and password."""
    dialog = SignInDialog(connection)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login_edit, login)
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None
    return dialog.actor


def record_phone_complaint(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    form = wait_for_form(qtbot, window, NewComplaintDialog)
    assert form.channel.currentText() == "Phone"
    qtbot.keyClicks(form.customer_name, "Lea Martin")  # QTest types ASCII only
    qtbot.keyClicks(form.phone, "06 12 34 56 78")
    qtbot.keyClicks(form.subject, "Charged twice on my March invoice")
    qtbot.keyClicks(form.description, "The March invoice was taken twice from my account.")
    submit(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    settle(qtbot, window)


def ask_billing(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_F, CTRL_SHIFT)
    form = wait_for_form(qtbot, window, AskDialog)
    assert form.functions.hasFocus()
    qtbot.keyClick(form.functions, Qt.Key.Key_Space)  # ticks Billing, the first function
    assert form.chosen() == ["billing"]
    qtbot.keyClicks(form.question, "Was the March invoice charged twice?")
    submit(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    settle(qtbot, window)


def answer_as_billing(qtbot: QtBot, connection: Connection, bea: Actor) -> None:
    window = open_window(qtbot, connection, bea)
    assert [window.navigation.item(r).text() for r in range(window.navigation.count())] == [
        "Asked of my function (1)"
    ]
    workspace = window.detail.workspace
    assert window.detail.shown is not None
    assert workspace.value("subject") == "Charged twice on my March invoice"
    assert window.complaint_actions.enabled() == {Act.ANSWER, Act.DECLINE}
    assert workspace.read_only_hint.isVisible()
    press(qtbot, window, Qt.Key.Key_E, CTRL_SHIFT)
    form = wait_for_form(qtbot, window, ReplyDialog)
    qtbot.keyClicks(form.text, "Yes: charged twice; the refund left today.")
    submit(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    settle(qtbot, window)
    assert "Answered" in workspace.awaited.requests.item(0).text()
    assert window.table.empty_message == "Nothing asked of your function right now"
    window.close()


def resolve_and_close(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_R, CTRL_SHIFT)
    form = wait_for_form(qtbot, window, ResolveDialog)
    assert form.outcome.currentText() == "Upheld"
    qtbot.keyClicks(form.remedy, "Refund of the duplicate payment")
    form.root_cause.setFocus()
    qtbot.keyClick(form.root_cause, Qt.Key.Key_Down)
    assert form.root_cause.currentText() == "Billing error"
    submit(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    settle(qtbot, window)
    assert window.detail.workspace.value("status") == "Resolved"
    press(qtbot, window, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.AltModifier)  # Close
    settle(qtbot, window)
    assert window.detail.workspace.value("status") == "Closed"


def test_record_route_ask_answer_resolve_close_as_the_issue_tells_it(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    ann = open_window(qtbot, connection, sign_in(qtbot, connection, "ann"))
    workspace = ann.detail.workspace

    record_phone_complaint(qtbot, ann)

    assert ann.queue_model.request is not None
    assert ann.queue_model.request.queue is QueueKind.MINE
    assert ann.table.selectionModel().isRowSelected(0)
    assert workspace.value("function") == "Billing"
    assert workspace.value("owner") == "Ann Archer"
    assert workspace.why_text() == (
        "Rule 10 “Invoices” matched: the text mentions “invoice”.\n"
        "It set the function Billing, the priority high, the team queue care."
    )
    assert "Rule 10 “Invoices” matched: the text mentions “invoice”." in (
        ann.statusBar().currentMessage()
    )

    press(qtbot, ann, Qt.Key.Key_K, CTRL | Qt.KeyboardModifier.AltModifier)  # acknowledge
    settle(qtbot, ann)
    press(qtbot, ann, Qt.Key.Key_W, CTRL_SHIFT)  # start work
    settle(qtbot, ann)
    ask_billing(qtbot, ann)
    assert workspace.value("status") == "Waiting on function"
    assert workspace.awaited.requests.item(0).text().startswith("Billing · Waiting for an answer")

    answer_as_billing(qtbot, connection, desk.bea)

    press(qtbot, ann, Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: ann.notifications.text() == "1 unread")
    assert workspace.value("status") == "In progress"
    assert "A: Yes: charged twice; the refund left today." in (
        workspace.awaited.requests.item(0).text()
    )

    resolve_and_close(qtbot, ann)

    assert workspace.timeline_texts() == [
        "From the customer — Phone",
        "Ann Archer recorded the complaint (Phone)",
        "Routed to Billing: Rule 10 “Invoices” matched: the text mentions “invoice”.",
        "Ann Archer acknowledged the complaint",
        "Ann Archer started work",
        "Ann Archer asked Billing: Was the March invoice charged twice?",
        "now waiting on a function's answer",
        "Bea Billing answered for Billing: Yes: charged twice; the refund left today.",
        "back in progress (Bea Billing)",
        "Ann Archer resolved it — upheld",
        "Ann Archer closed it",
    ]
    assert "Root cause: Billing error" in workspace.awaited.resolution.text()

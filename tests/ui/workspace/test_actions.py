"""The workspace's actions: conflicts, refusals, shortcuts, notifications, read-only roles."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton
from pytestqt.qtbot import QtBot

from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints import ownership
from complaintdesk.services.context import Connection, ServiceContext
from complaintdesk.ui.dialogs.concurrent_edit import ConcurrentEditDialog
from complaintdesk.ui.dialogs.new_complaint import NewComplaintDialog
from complaintdesk.ui.dialogs.simple import TextDialog
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.window.palette import window_commands
from complaintdesk.ui.workspace.availability import Act
from tests.ui.conftest import Desk
from tests.ui.helpers import (
    CTRL,
    CTRL_SHIFT,
    open_window,
    press,
    record,
    settle,
    submit,
    wait_for_form,
)

UNASSIGNED_ROW = 3
"""My complaints, Team queue, All open, Unassigned: agents without a function."""


def test_the_second_agent_gets_the_conflict_with_what_changed_and_keeps_the_text(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    record(connection, desk.admin, "Router drops the line every evening")
    ann = open_window(qtbot, connection, desk.ann)
    carl = open_window(qtbot, connection, desk.carl)
    for window in (ann, carl):
        window.go_to_queue(UNASSIGNED_ROW)
        assert window.detail.workspace.value("owner") == "Unassigned"
    press(qtbot, carl, Qt.Key.Key_Delete, CTRL_SHIFT)  # Withdraw…
    form = wait_for_form(qtbot, carl, TextDialog)
    qtbot.keyClicks(form.text, "Customer called back: it works now")

    press(qtbot, ann, Qt.Key.Key_T, CTRL)  # Take, on the same version carl's screen shows
    settle(qtbot, ann)
    assert ann.detail.workspace.value("owner") == "Ann Archer"
    submit(qtbot, form)

    qtbot.waitUntil(lambda: isinstance(carl.operations.last_message, ConcurrentEditDialog))
    conflict = carl.operations.last_message
    assert isinstance(conflict, ConcurrentEditDialog)
    assert conflict.isVisible()
    assert conflict.windowTitle() == "Someone else changed this complaint"
    assert conflict.lines == ["Owner: Unassigned → Ann Archer"]
    assert form.isVisible()
    assert form.value() == "Customer called back: it works now"
    conflict.reload_button.click()
    assert carl.detail.workspace.value("owner") == "Ann Archer"
    assert carl.detail.workspace.read_only_hint.text().startswith("Ann Archer owns this complaint")
    assert form.isVisible()
    assert form.value() == "Customer called back: it works now"


def test_an_invalid_phone_number_is_shown_at_the_field_and_nothing_typed_is_lost(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.ann)
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    form = wait_for_form(qtbot, window, NewComplaintDialog)
    qtbot.keyClicks(form.customer_name, "Lea Martin")
    qtbot.keyClicks(form.phone, "12 34")
    qtbot.keyClicks(form.subject, "Charged twice")
    qtbot.keyClicks(form.description, "Taken twice in March.")

    submit(qtbot, form)

    assert form.isVisible()
    assert form.field_error("phone") == "'12 34' is not a valid phone number."
    assert form.phone.hasFocus()
    assert form.error.text == ""
    typed = (form.customer_name.text(), form.phone.text(), form.subject.text())
    assert typed == ("Lea Martin", "12 34", "Charged twice")
    assert form.description.toPlainText() == "Taken twice in March."
    assert window.queue_model.rowCount() == 0  # nothing was recorded


def _menu_actions(window: MainWindow) -> list[QAction]:
    found = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        found += [a for a in menu.actions() if not a.isSeparator() and a.menu() is None]
    return found


def test_every_action_has_a_shortcut_or_is_in_the_palette_and_no_two_share_one(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.admin)
    actions = set(_menu_actions(window)) | set(window.actions())

    in_palette = {c.action for c in window_commands(window)}
    missing = [a.text() for a in actions if a.shortcut().isEmpty() and a not in in_palette]
    keyed = [a for a in actions if not a.shortcut().isEmpty()]
    keys = [a.shortcut().toString(QKeySequence.SequenceFormat.PortableText) for a in keyed]

    assert missing == []
    assert len(keys) == len(set(keys)), sorted(keys)
    assert {a.shortcut().toString() for a in window.complaint_actions.actions.values()} >= {
        "Ctrl+T",
        "Ctrl+Shift+T",
    }
    assert window.configuration_action.shortcut().toString() == "Ctrl+,"


def test_actions_follow_ownership_and_status(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    record(connection, desk.admin, "Parcel lost")
    window = open_window(qtbot, connection, desk.ann)
    window.go_to_queue(UNASSIGNED_ROW)
    bar = window.detail.workspace.action_bar
    assert window.complaint_actions.enabled() == {Act.TAKE, Act.NOTE, Act.WITHDRAW}

    press(qtbot, window, Qt.Key.Key_T, CTRL)
    settle(qtbot, window)

    enabled = window.complaint_actions.enabled()
    assert {Act.ACKNOWLEDGE, Act.START_WORK, Act.TRANSFER, Act.RESOLVE} <= enabled
    assert Act.TAKE not in enabled
    assert Act.CLOSE not in enabled  # only a resolved complaint closes
    shown = {b.text() for b in bar.findChildren(QToolButton) if b.isVisible()}
    assert "Take" not in shown
    assert "Acknowledge" in shown


def test_a_notification_opens_its_complaint_and_is_marked_read(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    recorded = record(connection, desk.ann, "Invoice wrong", channel=Channel.PHONE)
    window = open_window(qtbot, connection, desk.carl)
    assert window.notifications.text() == "No unread notifications"
    _transfer_to_carl(connection, desk, recorded.complaint_id)
    window.notifications.refresh()
    qtbot.waitUntil(lambda: window.notifications.text() == "1 unread")

    qtbot.mouseClick(window.notifications, Qt.MouseButton.LeftButton)
    dialog = window.notifications.dialog
    assert dialog is not None
    assert "transferred to you by Ann Archer: back from holiday" in dialog.texts()[0]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)

    assert window.detail.shown is not None
    assert window.detail.shown.id == recorded.complaint_id
    settle(qtbot, window)
    assert window.notifications.text() == "No unread notifications"


def _transfer_to_carl(connection: Connection, desk: Desk, complaint_id: uuid.UUID) -> None:
    ann = ServiceContext(connection.uow, desk.ann)
    detail = complaints.get_detail(ann, complaint_id)
    assert desk.carl.user_id is not None
    ownership.transfer(ann, detail.id, desk.carl.user_id, "back from holiday", detail.version)


def test_a_function_member_sees_only_what_is_asked_and_reads_the_rest(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.bea)

    assert window.navigation.count() == 1
    assert window.navigation.item(0).text() == "Asked of my function (0)"
    assert window.table.empty_state_visible
    assert window.table.empty_message == "Nothing asked of your function right now"
    assert not window.complaint_actions.new_complaint.isEnabled()

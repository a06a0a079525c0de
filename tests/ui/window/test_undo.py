"""Undo of the last reversible action: Ctrl+Z reverts it, audited, never over a later change."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints import ownership
from complaintdesk.services.context import Connection, ServiceContext
from complaintdesk.ui.main_window import MainWindow
from tests.ui.conftest import PASSWORD, Desk
from tests.ui.helpers import CTRL, open_window, press, record, settle

UNASSIGNED_ROW = 3
"""My complaints, Team queue, All open, Unassigned: agents without a function."""


def _take_shown(qtbot: QtBot, connection: Connection, desk: Desk) -> tuple[MainWindow, uuid.UUID]:
    recorded = record(connection, desk.admin, "Router drops the line every evening")
    window = open_window(qtbot, connection, desk.ann)
    window.go_to_queue(UNASSIGNED_ROW)
    press(qtbot, window, Qt.Key.Key_T, CTRL)  # Take
    settle(qtbot, window)
    return window, recorded.complaint_id


def test_ctrl_z_after_take_gives_the_complaint_back_to_nobody_audited(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window, complaint_id = _take_shown(qtbot, connection, desk)
    undo = window.complaint_actions.handlers.last_action.action
    assert window.statusBar().currentMessage().endswith("done — Ctrl+Z to undo")
    assert undo.isEnabled()
    assert undo.text().startswith("&Undo take of ")

    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    settle(qtbot, window)

    ann = ServiceContext(connection.uow, desk.ann)
    detail = complaints.get_detail(ann, complaint_id)
    assert detail.owner_id is None
    actions = [(e.login, e.action) for e in detail.events]
    assert ("ann", "owner_released") in actions
    reasons = [e.details for e in detail.events if e.action == "release_reason"]
    assert reasons == [{"reason": "undo"}]
    assert window.statusBar().currentMessage().startswith("Undone: take of ")
    assert not undo.isEnabled()  # one step only


def test_ctrl_z_in_a_text_field_undoes_the_typing_not_the_take(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window, complaint_id = _take_shown(qtbot, connection, desk)
    field = QLineEdit()  # any text field of the window, as a form's would be
    window.statusBar().addPermanentWidget(field)  # a temporary message hides the others
    window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "router")

    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    settle(qtbot, window)

    ann = ServiceContext(connection.uow, desk.ann)
    assert complaints.get_detail(ann, complaint_id).owner_id == desk.ann.user_id
    assert field.text() == ""  # the field undid its own typing
    assert window.complaint_actions.handlers.last_action.action.isEnabled()


def test_an_undo_after_someone_else_s_change_is_refused_and_changes_nothing(
    qtbot: QtBot, connection: Connection, desk: Desk, cli_ctx: ServiceContext
) -> None:
    window, complaint_id = _take_shown(qtbot, connection, desk)
    users.add_user(cli_ctx, "sue", PASSWORD, role=Role.SUPERVISOR, site_code="HQ")
    sue = ServiceContext(connection.uow, auth.sign_in(connection.uow, "sue", PASSWORD))
    version = complaints.get_detail(sue, complaint_id).version
    assert desk.carl.user_id is not None
    ownership.transfer(sue, complaint_id, desk.carl.user_id, "Ann is off", version)

    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: isinstance(window.operations.last_message, QMessageBox))

    box = window.operations.last_message
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("Not undone: someone changed this complaint after your take")
    detail = complaints.get_detail(sue, complaint_id)
    assert detail.owner_id == desk.carl.user_id
    box.close()

"""The screen lock and the password dialogs, driven through the main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from complaintdesk.app import Backend
from complaintdesk.domain.errors import SignInFailed
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, credentials, users
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.ui.dialogs.password import ChangePasswordDialog, ResetPasswordDialog
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.session.idle_lock import IdleLock
from tests.ui.conftest import PASSWORD
from tests.ui.helpers import CTRL_SHIFT, open_window, press

SHOTS = Path("/tmp/shots-security")


def _unlock(qtbot: QtBot, lock: IdleLock, password: str) -> None:
    assert lock.panel is not None
    qtbot.keyClicks(lock.panel.password_edit, password)
    qtbot.mouseClick(lock.panel.unlock_button, Qt.MouseButton.LeftButton)


def _shot(window: MainWindow, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / f"{name}.png"))


def test_ctrl_shift_l_covers_the_window_and_only_the_password_opens_it(
    qtbot: QtBot, connection: Connection, agent: Actor
) -> None:
    window = open_window(qtbot, connection, agent)
    lock = window.security.idle_lock

    press(qtbot, window, Qt.Key.Key_L, CTRL_SHIFT)

    assert lock.locked
    assert lock.panel is not None
    assert lock.panel.isVisible()
    assert lock.panel.geometry() == window.rect()
    assert not window.refresh_action.isEnabled(), "shortcuts are off while locked"
    _shot(window, "locked")
    _unlock(qtbot, lock, "not my password")
    assert lock.locked
    assert "wrong password" in lock.panel.error.text
    _unlock(qtbot, lock, PASSWORD)
    assert not lock.locked
    assert window.refresh_action.isEnabled()


def test_the_window_locks_itself_after_the_idle_delay_and_input_postpones_it(
    qtbot: QtBot, connection: Connection, agent: Actor
) -> None:
    window = open_window(qtbot, connection, agent)
    lock = window.security.idle_lock
    assert lock.timer.interval() > 0, "the preferences' default delay applies"
    lock.timer.setInterval(300)

    qtbot.keyClick(window.table, Qt.Key.Key_Down)  # any input starts the count again
    assert lock.timer.isActive()
    qtbot.waitUntil(lambda: lock.locked, timeout=3_000)

    assert lock.panel is not None
    assert lock.panel.isVisible()


def test_repeated_wrong_passwords_on_the_lock_lock_the_account(
    qtbot: QtBot, connection: Connection, agent: Actor
) -> None:
    window = open_window(qtbot, connection, agent)
    lock = window.security.idle_lock
    lock.lock()

    for _ in range(auth.MAX_FAILURES):
        _unlock(qtbot, lock, "guess")

    _unlock(qtbot, lock, PASSWORD)

    assert lock.locked, "even the right password waits for the lock-out to end"
    assert lock.panel is not None
    assert "locked after repeated failures" in lock.panel.error.text


def test_a_person_changes_their_password(
    qtbot: QtBot, sqlite_backend: Backend, agent_ctx: ServiceContext
) -> None:
    dialog = ChangePasswordDialog(agent_ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.current, PASSWORD)
    qtbot.keyClicks(dialog.new, "a brand new password")
    qtbot.keyClicks(dialog.repeat, "a brand new passwore")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "differ" in dialog.error.text

    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "a brand new password")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert auth.sign_in(sqlite_backend.uow, "alice", "a brand new password")
    with pytest.raises(SignInFailed):
        auth.sign_in(sqlite_backend.uow, "alice", PASSWORD)


def test_an_administrator_resets_a_password_that_must_be_changed_at_once(
    qtbot: QtBot, sqlite_backend: Backend, cli_ctx: ServiceContext, agent: Actor
) -> None:
    users.add_user(cli_ctx, "root", PASSWORD, role=Role.ADMIN, site_code="HQ")
    admin = ServiceContext(sqlite_backend.uow, auth.sign_in(sqlite_backend.uow, "root", PASSWORD))
    dialog = ResetPasswordDialog(admin)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.login, "alice")
    qtbot.keyClicks(dialog.temporary, "temporary password 1")
    qtbot.keyClicks(dialog.repeat, "temporary password 1")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    alice = ServiceContext(
        sqlite_backend.uow, auth.sign_in(sqlite_backend.uow, "alice", "temporary password 1")
    )
    assert credentials.must_change(alice)
    forced = ChangePasswordDialog(alice, forced=True)
    qtbot.addWidget(forced)
    assert "reset your password" in forced.intro.text()
    assert forced.cancel_button.text() == "&Quit"
    qtbot.keyClicks(forced.current, "temporary password 1")
    qtbot.keyClicks(forced.new, "alice's own password")
    qtbot.keyClicks(forced.repeat, "alice's own password")
    with qtbot.waitSignal(forced.accepted):
        qtbot.mouseClick(forced.ok_button, Qt.MouseButton.LeftButton)
    assert not credentials.must_change(alice)
    assert forced.result() == QDialog.DialogCode.Accepted


def test_only_administrators_see_the_reset_action(
    qtbot: QtBot, connection: Connection, agent: Actor
) -> None:
    window = open_window(qtbot, connection, agent)

    assert window.security.reset_action is None
    assert window.security.change_action.isEnabled()

"""Sign-in and first-run dialogs, driven with keys and clicks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from complaintdesk.app import Backend
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth
from complaintdesk.services.context import Actor, Connection
from complaintdesk.ui.session.first_run import FirstRunDialog
from complaintdesk.ui.session.sign_in import SignInDialog
from tests.ui.conftest import PASSWORD


def open_sign_in(qtbot: QtBot, connection: Connection) -> SignInDialog:
    dialog = SignInDialog(connection)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()  # the offscreen platform does not activate new windows itself
    return dialog


def test_a_wrong_password_is_refused_inline_and_cleared(
    qtbot: QtBot, connection: Connection, agent: Actor
) -> None:
    dialog = open_sign_in(qtbot, connection)
    qtbot.keyClicks(dialog.login_edit, "alice")
    qtbot.keyClicks(dialog.password_edit, "battery staple")

    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.actor is None
    assert dialog.error.isVisible()
    assert dialog.error.text == "Unknown login or wrong password."
    assert dialog.password_edit.text() == ""
    assert dialog.password_edit.hasFocus()
    assert dialog.login_edit.text() == "alice"


def test_the_right_password_signs_in_with_enter(
    qtbot: QtBot, connection: Connection, agent: Actor
) -> None:
    dialog = open_sign_in(qtbot, connection)
    qtbot.keyClicks(dialog.login_edit, "alice")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)

    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None
    assert dialog.actor.login == "alice"


def test_the_title_names_the_database(qtbot: QtBot, connection: Connection) -> None:
    dialog = open_sign_in(qtbot, connection)

    assert connection.description in dialog.windowTitle()
    assert dialog.login_edit.hasFocus()


def test_first_run_creates_an_administrator_who_can_sign_in(
    qtbot: QtBot, sqlite_backend: Backend, connection: Connection
) -> None:
    dialog = FirstRunDialog(connection)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login_edit, "boss")
    qtbot.keyClicks(dialog.name_edit, "Big Boss")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClicks(dialog.repeat_edit, PASSWORD)

    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)

    assert dialog.created is not None
    assert dialog.created.role == Role.ADMIN.value
    actor = auth.sign_in(sqlite_backend.uow, "boss", PASSWORD)
    assert actor.display_name == "Big Boss"


def test_first_run_refuses_two_different_passwords(
    qtbot: QtBot, sqlite_backend: Backend, connection: Connection
) -> None:
    dialog = FirstRunDialog(connection)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login_edit, "boss")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClicks(dialog.repeat_edit, PASSWORD + "!")

    qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)

    assert dialog.created is None
    assert dialog.error.text == "The two passwords differ; type them again."
    assert not auth.has_users(sqlite_backend.uow)

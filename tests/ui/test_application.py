"""Start-up: opening the database, its failures, first run, sign-in, main window."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from complaintdesk.app import Settings, connect
from complaintdesk.domain.errors import DatabaseNewerThanApp
from complaintdesk.services.context import Actor, Connection
from complaintdesk.storage import encryption
from complaintdesk.storage.database import sqlite_url
from complaintdesk.ui import application
from complaintdesk.ui.application import OpeningIndicator
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.session.first_run import FirstRunDialog
from complaintdesk.ui.session.sign_in import SignInDialog
from tests.ui.conftest import PASSWORD

Shown = list[tuple[str, str]]


@pytest.fixture
def critical_dialogs(monkeypatch: pytest.MonkeyPatch) -> Shown:
    """Capture critical message boxes instead of showing them (they would block)."""
    shown: Shown = []

    def critical(_parent: QWidget | None, title: str, text: str, *_: Any) -> None:
        shown.append((title, text))

    monkeypatch.setattr(QMessageBox, "critical", critical)
    return shown


def when_shown(kind: type[QWidget], act: Callable[[Any], None]) -> None:
    """Call ``act`` with the first visible ``kind`` window once it appears (inside exec)."""

    def poll() -> None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if found:
            act(found[0])
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def test_a_database_that_cannot_be_used_is_explained_and_exits_1(
    qtbot: QtBot, critical_dialogs: Shown
) -> None:
    def refuse() -> Connection:
        raise DatabaseNewerThanApp("This database was made by a newer ComplaintDesk (0042).")

    code = application.run(refuse)

    assert code == 1
    assert critical_dialogs == [
        (
            "ComplaintDesk cannot start",
            "This database was made by a newer ComplaintDesk (0042).",
        )
    ]
    assert QApplication.applicationName() == "ComplaintDesk"
    assert QApplication.organizationName() == "ComplaintDesk"


def test_a_bug_while_opening_is_logged_with_its_traceback(
    qtbot: QtBot, critical_dialogs: Shown, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> Connection:
        raise KeyError("oops")

    with caplog.at_level(logging.ERROR):
        code = application.run(broken)

    assert code == 1
    assert "KeyError" in critical_dialogs[0][1]
    assert "Traceback" not in critical_dialogs[0][1]
    assert any(record.exc_info for record in caplog.records)


def test_a_slow_open_says_what_is_happening(qtbot: QtBot, connection: Connection) -> None:
    release = threading.Event()
    seen: list[str] = []

    def slow_open() -> Connection:
        release.wait(10)
        return connection

    def saw(progress: OpeningIndicator) -> None:
        seen.append(progress.text)
        release.set()

    when_shown(OpeningIndicator, saw)
    opened = application.open_database(slow_open)

    assert opened is connection
    assert seen == ["Opening the database…"]


def test_first_run_then_sign_in_leads_to_the_main_window(
    qtbot: QtBot, connection: Connection
) -> None:
    def create_admin(dialog: FirstRunDialog) -> None:
        dialog.login_edit.setText("boss")
        dialog.name_edit.setText("Big Boss")
        dialog.password_edit.setText(PASSWORD)
        dialog.repeat_edit.setText(PASSWORD)
        dialog.buttons.accepted.emit()
        when_shown(SignInDialog, sign_in)

    def sign_in(dialog: SignInDialog) -> None:
        assert dialog.login_edit.text() == "boss"
        dialog.password_edit.setText(PASSWORD)
        dialog.sign_in_button.click()

    when_shown(FirstRunDialog, create_admin)
    window = application.start(lambda: connection)

    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.windowTitle() == "ComplaintDesk — Big Boss"


def test_cancelling_the_sign_in_exits_quietly(
    qtbot: QtBot, connection: Connection, agent: Actor
) -> None:
    when_shown(SignInDialog, lambda dialog: dialog.reject())

    assert application.start(lambda: connection) == 0


def test_an_encrypted_database_asks_for_its_passphrase_until_it_opens(
    qtbot: QtBot, sqlite_database: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encryption.encrypt_file(sqlite_database, "a long branch passphrase")
    monkeypatch.setenv(encryption.KEY_VARIABLE, "set by the test")  # restored afterwards
    monkeypatch.delenv(encryption.KEY_VARIABLE)
    monkeypatch.setattr(encryption, "find_key", lambda _: os.environ.get(encryption.KEY_VARIABLE))
    asked: list[str] = []
    answers = iter(["a wrong guess", "a long branch passphrase"])

    def type_passphrase(*args: Any) -> tuple[str, bool]:
        asked.append(args[2])
        return next(answers), True

    monkeypatch.setattr(QInputDialog, "getText", type_passphrase)
    when_shown(FirstRunDialog, lambda dialog: dialog.reject())  # the database opened

    outcome = application.start(lambda: connect(Settings(sqlite_url(sqlite_database), data_dir)))

    assert outcome == 0
    assert len(asked) == 2, "asked again after a wrong passphrase"
    assert "encrypted" in asked[0]


def test_giving_up_on_the_passphrase_exits_1(
    sqlite_database: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encryption.encrypt_file(sqlite_database, "a long branch passphrase")
    monkeypatch.setattr(encryption, "find_key", lambda path: None)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args: ("", False))

    outcome = application.start(lambda: connect(Settings(sqlite_url(sqlite_database), data_dir)))

    assert outcome == 1

"""Starting the desktop application: open the database, first run, sign in, main window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.errors import ComplaintDeskError, DatabaseKeyRequired
from complaintdesk.services.admin import auth, credentials
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.ui.dialogs.password import ChangePasswordDialog
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.phone.phone_desk import attach_phone
from complaintdesk.ui.session import preferences
from complaintdesk.ui.session.first_run import FirstRunDialog
from complaintdesk.ui.session.sign_in import SignInDialog
from complaintdesk.ui.tasks import Task, TaskRunner
from complaintdesk.ui.window import window_state

log = logging.getLogger(__name__)

APP_NAME = "ComplaintDesk"
OpenConnection = Callable[[], Connection]
OPENING_DELAY_MS = 400
"""Opening faster than this shows no progress window at all (no flicker)."""


def run(open_connection: OpenConnection) -> int:
    """Run the desktop application until its main window closes.

    Args:
        open_connection: opens the database; may raise :class:`ComplaintDeskError`.

    Returns:
        The process exit code: 0 after a normal session or a cancelled sign-in,
        1 when the database could not be opened.
    """
    app = application()
    outcome = start(open_connection)
    if isinstance(outcome, int):
        return outcome
    outcome.show()
    return app.exec()


def application() -> QApplication:
    """Return the running QApplication, creating it with ComplaintDesk's names."""
    existing = QApplication.instance()
    app = cast(QApplication, existing) if existing is not None else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    preferences.apply(preferences.app_settings())  # language and theme, before any window
    return app


def start(open_connection: OpenConnection) -> MainWindow | int:
    """Open the database and take the person to a (not yet shown) main window.

    Returns:
        The main window, or the exit code when there is nothing to show.
    """
    opened = open_database(open_connection)
    while isinstance(opened, DatabaseKeyRequired):  # an encrypted branch database
        passphrase = ask_passphrase(str(opened))
        if passphrase is None:
            return 1
        os.environ[DatabaseKeyRequired.key_variable] = passphrase
        opened = open_database(open_connection)
    if isinstance(opened, Exception):
        show_start_failure(opened)
        return 1
    try:
        actor = sign_in(opened)
    except ComplaintDeskError as error:  # the database failed between two dialogs
        show_start_failure(error)
        return 1
    if actor is None:
        return 0
    ctx = ServiceContext(opened.uow, actor)
    if credentials.must_change(ctx) and not ChangePasswordDialog(ctx, forced=True).exec():
        return 0  # a reset password is good for choosing another one, nothing else
    window = MainWindow(opened, actor)
    attach_phone(window, opened, ctx)  # `complaintdesk call` shows callers in this window
    window_state.keep(window, preferences.app_settings())  # as the person left it
    return window


def ask_passphrase(problem: str) -> str | None:
    """Ask for the passphrase of an encrypted database; None if the person gives up."""
    text, given = QInputDialog.getText(
        None,
        QCoreApplication.translate("Application", "Encrypted database"),
        problem + "\n\n" + QCoreApplication.translate("Application", "Passphrase:"),
        QLineEdit.EchoMode.Password,
    )
    return text if given and text else None


def sign_in(connection: Connection) -> Actor | None:
    """Create the first administrator if there is none, then ask who is there.

    Returns:
        The signed-in person, or None if they cancelled.
    """
    login = ""
    if not auth.has_users(connection.uow):
        first_run = FirstRunDialog(connection)
        if first_run.exec() != QDialog.DialogCode.Accepted or first_run.created is None:
            return None
        login = first_run.created.login
    dialog = SignInDialog(connection, login=login)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def open_database(open_connection: OpenConnection) -> Connection | Exception:
    """Open the database off the GUI thread while a small window says what is happening.

    A first demo seeding takes seconds; the GUI stays responsive meanwhile.

    Returns:
        The connection, or the exception that prevented it.
    """
    outcome: list[Connection | Exception] = []
    loop = QEventLoop()
    indicator = OpeningIndicator()
    runner = TaskRunner(max_threads=1)

    def finish(result: Connection | Exception) -> None:
        outcome.append(result)
        loop.quit()

    def work(_task: Task[Connection]) -> Connection:
        return open_connection()

    runner.run(work, finish, finish)
    loop.exec()
    indicator.finish()
    runner.shutdown()
    indicator.deleteLater()
    runner.deleteLater()
    return outcome[0]


class OpeningIndicator(QDialog):
    """A small window saying the database is being opened, shown only if that takes a while.

    It has no Cancel: stopping an upgrade or a demo seeding half-way is worse than waiting.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setModal(True)
        label = QLabel(self.tr("Opening the database…"))
        bar = QProgressBar()
        bar.setRange(0, 0)  # busy: opening cannot say how far it is
        bar.setTextVisible(False)
        bar.setAccessibleName(self.tr("Opening the database"))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(bar)
        self.setMinimumWidth(320)
        self._label = label
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.timeout.connect(self.show)
        self._delay.start(OPENING_DELAY_MS)

    @property
    def text(self) -> str:
        """What the window says."""
        return self._label.text()

    def finish(self) -> None:
        """Close the window (or make sure it never appears)."""
        self._delay.stop()
        self.hide()

    def reject(self) -> None:
        """Ignore Escape: there is nothing to cancel."""


def show_start_failure(error: Exception, parent: QWidget | None = None) -> None:
    """Tell the person why ComplaintDesk cannot start, in plain words (no traceback)."""
    title = QCoreApplication.translate("Startup", "ComplaintDesk cannot start")
    if isinstance(error, ComplaintDeskError):
        message = str(error)
    else:
        # A bug: its traceback went to the log when the task delivered it.
        message = QCoreApplication.translate(
            "Startup",
            "An unexpected error stopped ComplaintDesk ({kind}: {error}). "
            "The details are in the log.",
        ).format(kind=type(error).__name__, error=error)
    QMessageBox.critical(parent, title, message)

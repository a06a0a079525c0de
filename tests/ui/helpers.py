"""Helpers of the GUI tests: open a main window, press shortcuts, wait for forms."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from complaintdesk.domain.vocabulary import Channel, ContactKind
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.ui.dialogs.form import FormDialog
from complaintdesk.ui.main_window import MainWindow

F = TypeVar("F", bound=FormDialog)
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_window(qtbot: QtBot, connection: Connection, actor: Actor) -> MainWindow:
    """Open the main window as ``actor`` once its counts and notifications have arrived."""
    window = MainWindow(connection, actor)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()  # offscreen does not activate new windows itself
    settle(qtbot, window)
    return window


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until no work of ``window`` is running any more.

    Twenty seconds, not pytest-qt's five: on a loaded two-core machine a page of the queue
    and a complaint's detail can take longer than five to come back, and waiting costs
    nothing when they come back at once.
    """
    qtbot.waitUntil(
        lambda: window.tasks.pending == 0 and not window.operations.busy, timeout=20_000
    )


def press(qtbot: QtBot, window: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """Press a shortcut on ``window``, made active first as a window manager would do it.

    The offscreen platform does not give the activation back when a dialog closes, and a
    window shortcut only fires in the active window.
    """
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, modifiers)


def wait_for_form(qtbot: QtBot, window: MainWindow, kind: type[F]) -> F:
    """Return the complaint form of ``kind`` once it is open (pick lists load first)."""

    def opened() -> bool:
        form = window.complaint_actions.handlers.dialog
        return isinstance(form, kind) and form.isVisible()

    qtbot.waitUntil(opened)
    form = window.complaint_actions.handlers.dialog
    assert isinstance(form, kind)
    return form


def submit(qtbot: QtBot, form: FormDialog) -> None:
    """Press Ctrl+Enter in ``form`` and wait until the service answered."""
    press(qtbot, form, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not form.busy)


def record(
    connection: Connection,
    actor: Actor,
    subject: str,
    *,
    channel: Channel = Channel.EMAIL,
    email: str = "lea@example.org",
) -> intake.IntakeResult:
    """Record a complaint through the services, as a channel or a colleague would."""
    customer = CustomerInput("Léa Martin", [(ContactKind.EMAIL, email)])
    new = intake.NewComplaint(channel, subject, f"{subject}. Please help.", customer)
    return intake.record_complaint(ServiceContext(connection.uow, actor), new)

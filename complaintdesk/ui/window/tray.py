"""Notifications in the system tray: a message when new ones arrive, a click opens it.

Only news is shown: what was unread when the window opened was seen in the status bar
indicator already, and each notification is shown once. The tray itself is reached through
one function (``show``) so that tests, where no tray exists offscreen, pass a recorder.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QStyle, QSystemTrayIcon, QWidget

from complaintdesk.services.complaints.notifications import NotificationView
from complaintdesk.ui.window.notifications import NotificationIndicator

Show = Callable[[str, str], None]
"""Shows a tray message: title, text."""
SHOWN_LINES = 3
"""At most this many notifications are spelled out in one message."""


def news(
    seen: Collection[uuid.UUID] | None, unread: Iterable[NotificationView]
) -> tuple[NotificationView, ...]:
    """Return the notifications of ``unread`` that are new.

    Args:
        seen: the ids already looked at; None at start, when nothing counts as new.
        unread: the unread notifications now.
    """
    if seen is None:
        return ()
    return tuple(n for n in unread if n.id not in seen)


class TrayNotices(QObject):
    """Decides what the tray says, and which complaint its message opens.

    Args:
        show: shows a tray message (``QSystemTrayIcon.showMessage``, or a test's recorder).
        parent: the owner (the tray icon or the window).
    """

    open_complaint = Signal(object)
    """The tray message was clicked; the argument is its complaint's id."""

    def __init__(self, show: Show, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show = show
        self._seen: set[uuid.UUID] | None = None
        self.latest: NotificationView | None = None
        """The notification the last message was about (a click opens its complaint)."""

    def absorb(self, unread: tuple[NotificationView, ...]) -> None:
        """Look at the unread notifications; show a message about the new ones."""
        fresh = news(self._seen, unread)
        self._seen = (self._seen or set()) | {n.id for n in unread}
        if not fresh:
            return
        self.latest = fresh[0]
        title = self.tr("%n new notifications", "", len(fresh))
        lines = [n.text for n in fresh[:SHOWN_LINES]]
        if len(fresh) > SHOWN_LINES:
            lines.append(self.tr("…and %n more", "", len(fresh) - SHOWN_LINES))
        self._show(title, "\n".join(lines))

    def message_clicked(self) -> None:
        """Open the complaint of the notification the message was about."""
        if self.latest is not None and self.latest.complaint_id is not None:
            self.open_complaint.emit(self.latest.complaint_id)


def wire(
    notices: TrayNotices,
    window: QWidget,
    indicator: NotificationIndicator,
    show_complaint: Callable[[uuid.UUID], None],
) -> None:
    """Feed ``notices`` from the indicator; a click raises ``window`` on the complaint."""

    def open_complaint(complaint_id: uuid.UUID) -> None:
        raise_window(window)
        show_complaint(complaint_id)

    indicator.arrived.connect(notices.absorb)
    notices.open_complaint.connect(open_complaint)


def raise_window(window: QWidget) -> None:
    """Bring ``window`` to the front, restored if it was minimised."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def attach_tray(
    window: QWidget,
    indicator: NotificationIndicator,
    show_complaint: Callable[[uuid.UUID], None],
) -> TrayNotices | None:
    """Put an icon in the system tray for ``window``; None where there is no tray."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    icon = window.windowIcon()
    if icon.isNull():
        icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
    tray = QSystemTrayIcon(icon, window)
    tray.setToolTip(window.windowTitle())
    tray.activated.connect(lambda _reason: raise_window(window))
    notices = TrayNotices(lambda title, text: tray.showMessage(title, text), tray)
    tray.messageClicked.connect(notices.message_clicked)
    wire(notices, window, indicator, show_complaint)
    tray.show()
    return notices

"""The screen lock: after a while without input, the window hides behind a password.

An event filter on the QApplication restarts a timer on every key press, click, wheel or
mouse move; when it runs out (``security/idle_minutes`` in the preferences, 0 never), or
when the person chooses Lock now (Ctrl+Shift+L), an opaque panel covers the whole window
and every action of the window is disabled, so neither the complaint on screen nor a
shortcut is available. Only the signed-in person's password opens it again, checked by the
services with the lock-out rules of a sign-in; Quit closes the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.admin import credentials
from complaintdesk.services.context import ServiceContext
from complaintdesk.ui.session.sign_in import ErrorLabel

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
LOCK_KEYS = "Ctrl+Shift+L"


class LockPanel(QWidget):
    """The opaque panel over a locked window: whose session, password, Unlock, Quit."""

    def __init__(self, name: str, login: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setObjectName("lockPanel")
        heading = QLabel(self.tr("ComplaintDesk is locked"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        heading.setFont(font)
        who = QLabel(self.tr("Signed in as {name} ({login}).").format(name=name, login=login))
        who.setTextFormat(Qt.TextFormat.PlainText)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Your password"))
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.password_edit.setMinimumWidth(260)
        self.error = ErrorLabel()
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("&Quit"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)
        box = QWidget()
        column = QVBoxLayout(box)
        for widget in (heading, who, self.password_edit, self.error):
            column.addWidget(widget)
        column.addLayout(buttons)
        box.setMaximumWidth(420)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.password_edit.returnPressed.connect(self.unlock_button.click)


class IdleLock(QObject):
    """Locks ``window`` after ``idle_minutes`` without input, or on demand.

    Args:
        window: the main window to cover.
        ctx: the signed-in person (only their password unlocks).
        idle_minutes: minutes without input before locking; 0 never locks by itself.
    """

    locked_changed = Signal(bool)
    """True when the window locks, False when the person unlocks it."""

    def __init__(self, window: QWidget, ctx: ServiceContext, idle_minutes: int) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._disabled: list[QAction] = []
        self.panel: LockPanel | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_idle_minutes(idle_minutes)
        self.lock_action = QAction(self.tr("&Lock now"), window)
        self.lock_action.setShortcut(QKeySequence(LOCK_KEYS))
        self.lock_action.triggered.connect(self.lock)
        window.addAction(self.lock_action)
        window.installEventFilter(self)  # to keep the panel over a resized window
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        """True while the panel covers the window."""
        return self.panel is not None

    def set_idle_minutes(self, minutes: int) -> None:
        """Change the delay (0: never lock by itself) and start counting again."""
        self.timer.setInterval(max(0, minutes) * 60_000)
        self._restart()

    def _restart(self) -> None:
        if self.timer.interval() > 0 and not self.locked:
            self.timer.start()
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Restart the countdown on any input (never consumes the event)."""
        if event.type() in ACTIVITY and not self.locked:
            self._restart()
        elif event.type() == QEvent.Type.Resize and watched is self._window:
            self.follow_resize()
        return False

    def lock(self) -> None:
        """Cover the window and disable its actions until the password is given again."""
        if self.locked:
            return
        self.timer.stop()
        actor = self._ctx.actor
        panel = LockPanel(actor.display_name, actor.login, self._window)
        panel.unlock_button.clicked.connect(self._try_unlock)
        panel.quit_button.clicked.connect(self._window.close)
        panel.setGeometry(self._window.rect())
        panel.show()
        panel.raise_()
        panel.password_edit.setFocus()
        self.panel = panel
        self._disabled = [
            a
            for a in self._window.findChildren(QAction)
            if a.isEnabled() and a is not self.lock_action
        ]
        for action in self._disabled:
            action.setEnabled(False)
        self.lock_action.setEnabled(False)
        self.locked_changed.emit(True)

    def _try_unlock(self) -> None:
        panel = self.panel
        if panel is None:
            return
        try:
            credentials.confirm(self._ctx, panel.password_edit.text())
        except ComplaintDeskError as error:
            panel.error.show_message(str(error))
            panel.password_edit.clear()
            panel.password_edit.setFocus()
            return
        self.unlock()

    def unlock(self) -> None:
        """Remove the panel and give the actions back (after the password was checked)."""
        if self.panel is None:
            return
        self.panel.hide()
        self.panel.deleteLater()
        self.panel = None
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self.lock_action.setEnabled(True)
        self._restart()
        self.locked_changed.emit(False)

    def follow_resize(self) -> None:
        """Keep the panel over the whole window when it is resized."""
        if self.panel is not None:
            self.panel.setGeometry(self._window.rect())

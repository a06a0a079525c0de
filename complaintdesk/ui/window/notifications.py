"""Unread notifications: a small indicator in the status bar, a list behind it.

The indicator reads the unread notifications off the GUI thread after each operation and
every minute. Opening one shows its complaint and marks it read.
"""

from __future__ import annotations

import uuid
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.services.complaints import notifications
from complaintdesk.services.complaints.notifications import NotificationView
from complaintdesk.services.context import ServiceContext
from complaintdesk.ui import labels
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.tasks import Task, TaskRunner

REFRESH_MS = 60_000
"""How often the indicator looks for news when nothing else made it look."""
_ROW = Qt.ItemDataRole.UserRole


class NotificationIndicator(QToolButton):
    """Shows "3 unread" in the status bar; clicking it lists them.

    Args:
        ctx: the signed-in person.
        runner: the window's runner (reads happen off the GUI thread).
        operations: marks notifications read.
        parent: the status bar.
    """

    open_complaint = Signal(object)
    """A notification was opened; the argument is its complaint's id."""
    arrived = Signal(object)
    """The unread notifications were read again (a tuple of :class:`NotificationView`)."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        operations: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner
        self._ops = operations
        self._generation = 0
        self.unread: tuple[NotificationView, ...] = ()
        self.dialog: NotificationsDialog | None = None
        self.setAutoRaise(True)
        self.setAccessibleName(self.tr("Notifications"))
        self.setToolTip(self.tr("Your unread notifications (Ctrl+I)"))
        self.clicked.connect(self.show_list)
        self.timer = self._timer()
        self._show_count()

    def _timer(self) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(REFRESH_MS)
        timer.timeout.connect(self.refresh)
        timer.start()
        return timer

    def refresh(self) -> None:
        """Read the unread notifications off the GUI thread; older reads are dropped."""
        self._generation += 1
        ctx = self._ctx

        def work(_task: Task[tuple[NotificationView, ...]]) -> tuple[NotificationView, ...]:
            return notifications.unread(ctx)

        self._runner.run(work, partial(self._arrived, self._generation), self._failed)

    def _arrived(self, generation: int, unread: tuple[NotificationView, ...]) -> None:
        if generation == self._generation:
            self.unread = unread
            self._show_count()
            self.arrived.emit(unread)

    def _failed(self, error: Exception) -> None:
        self.setToolTip(self.tr("Notifications could not be read: {}").format(error))

    def _show_count(self) -> None:
        count = len(self.unread)
        text = self.tr("%n unread", "", count) if count else self.tr("No unread notifications")
        self.setText(text)
        self.setAccessibleDescription(text)
        font = self.font()
        font.setBold(count > 0)  # news stands out; no news stays quiet
        self.setFont(font)

    def show_list(self) -> None:
        """List the unread notifications; opening one shows its complaint."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = NotificationsDialog(self.unread, self.window())
        self.dialog.chosen.connect(self._open)
        self.dialog.all_read.connect(self._mark_all_read)
        self.dialog.open()

    def _open(self, view: NotificationView) -> None:
        self._mark_read([view.id])
        if view.complaint_id is not None:
            self.open_complaint.emit(view.complaint_id)

    def _mark_all_read(self) -> None:
        self._mark_read([n.id for n in self.unread])

    def _mark_read(self, ids: list[uuid.UUID]) -> None:
        ctx = self._ctx
        self.unread = tuple(n for n in self.unread if n.id not in ids)
        self._show_count()  # at once; the refresh after the change confirms it
        self._ops.run(lambda: notifications.mark_read(ctx, ids), Changes(notifications=True))


class NotificationsDialog(QDialog):
    """The unread notifications, newest first; Enter opens the one selected.

    Args:
        unread: the notifications to list.
        parent: the main window.
    """

    chosen = Signal(object)
    """A notification to open (a :class:`NotificationView`)."""
    all_read = Signal()

    def __init__(self, unread: tuple[NotificationView, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Notifications"))
        self._unread = unread
        self.list = self._list(unread)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(
            self.tr("&Open complaint"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setEnabled(bool(unread))
        self.read_button = buttons.addButton(
            self.tr("Mark all &read"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.read_button.setEnabled(bool(unread))
        self.read_button.clicked.connect(self._all_read)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.open_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 320)

    def _list(self, unread: tuple[NotificationView, ...]) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(self.tr("Unread notifications"))
        widget.setWordWrap(True)
        for row, view in enumerate(unread):
            item = QListWidgetItem(f"{labels.local_time(view.created_at)} — {view.text}")
            item.setData(_ROW, row)
            widget.addItem(item)
        if not unread:
            empty = QListWidgetItem(self.tr("Nothing new. Notifications appear here."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(empty)
        else:
            widget.setCurrentRow(0)
        widget.itemActivated.connect(lambda _item: self.open_selected())
        return widget

    def texts(self) -> list[str]:
        """Return the lines shown."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def open_selected(self) -> None:
        """Open the selected notification's complaint and close the list."""
        item = self.list.currentItem()
        row = item.data(_ROW) if item is not None else None
        if row is None:
            return
        self.chosen.emit(self._unread[int(row)])
        self.accept()

    def _all_read(self) -> None:
        self.all_read.emit()
        self.accept()

"""Undo for the last reversible action: one record, one "Undo <what>" action (Ctrl+Z).

The inverse is an ordinary audited change made through the services (the previous owner
given back with the reason "undo"), carrying the version the action left: if someone
changed the complaint since, the undo is refused and nothing of theirs is overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from complaintdesk.domain.errors import ConcurrentEditError, ValidationError
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.operations import Operations

UNDO_KEYS = "Ctrl+Z"
"""Text fields take Ctrl+Z for themselves first (Qt's shortcut override), as people expect."""
MESSAGE_MS = 30_000


class UndoRefused(ValidationError):
    """The complaint changed since the action: undoing it would overwrite that change."""


@dataclass(frozen=True)
class Undoable:
    """The last reversible action.

    Attributes:
        what: what was done, as a person reads it ("take of CD-2026-0001").
        inverse: performs the inverse through the services (runs off the GUI thread).
        changes: what the inverse changes.
        refusals: turns the inverse's result into what could not be undone (a bulk undo
            goes through complaint by complaint), or "" when everything was.
    """

    what: str
    inverse: Callable[[], object]
    changes: Changes
    refusals: Callable[[Any], str] | None = None


class LastAction(QObject):
    """Keeps the last reversible action and undoes it through the operations helper.

    Args:
        window: where the action's shortcut works and the status bar is.
        operations: runs the inverse off the GUI thread and announces what changed.
    """

    def __init__(self, window: QWidget, operations: Operations) -> None:
        super().__init__(window)
        self._window = window
        self._ops = operations
        self.last: Undoable | None = None
        self.last_message: QMessageBox | None = None
        """The last refusal shown (tests read it)."""
        self.action = QAction(self.tr("&Undo"), window)
        self.action.setShortcut(QKeySequence(UNDO_KEYS))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.setStatusTip(self.tr("Undo the last reversible action"))
        self.action.setEnabled(False)
        self.action.triggered.connect(self.undo)
        window.addAction(self.action)

    def remember(self, undoable: Undoable) -> None:
        """Make ``undoable`` the action Ctrl+Z reverts, and say so in the status bar."""
        self.last = undoable
        self.action.setText(self.tr("&Undo {what}").format(what=undoable.what))
        self.action.setEnabled(True)
        what = undoable.what[:1].upper() + undoable.what[1:]
        self._say(self.tr("{what} done — Ctrl+Z to undo").format(what=what))

    def undo(self) -> None:
        """Revert the last action; refused plainly if the complaint changed since."""
        undoable = self.last
        if undoable is None:
            return
        self.forget()
        refused = self.tr(
            "Not undone: someone changed this complaint after your {what}. "
            "Nothing was changed; reload it to see what they did."
        ).format(what=undoable.what)

        def work() -> object:
            try:
                return undoable.inverse()
            except ConcurrentEditError as error:
                raise UndoRefused(refused) from error

        self._ops.run(work, undoable.changes, done=lambda result: self._undone(undoable, result))

    def _undone(self, undoable: Undoable, result: object) -> None:
        refused = undoable.refusals(result) if undoable.refusals is not None else ""
        if not refused:
            self._say(self.tr("Undone: {what}").format(what=undoable.what))
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Not everything was undone"),
            refused,
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.open()
        self.last_message = box

    def forget(self) -> None:
        """Nothing is left to undo."""
        self.last = None
        self.action.setText(self.tr("&Undo"))
        self.action.setEnabled(False)

    def _say(self, message: str) -> None:
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(message, MESSAGE_MS)

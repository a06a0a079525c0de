"""The keyboard's own actions: command palette, cheat sheet, preferences.

Rule kept by ``tests/ui/test_shortcuts.py``: every action of the main window has a shortcut
or can be found in the command palette, and no two actions share a shortcut.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from complaintdesk.services.context import ServiceContext
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:  # each screen's module is imported when it is first opened
    from complaintdesk.ui.session.preferences import PreferencesDialog
    from complaintdesk.ui.window.cheat_sheet import CheatSheet
    from complaintdesk.ui.window.palette import CommandPalette, OpenId
    from complaintdesk.ui.workspace.customer_card import CustomerCardDialog

PALETTE_KEYS = "Ctrl+K"
CHEAT_SHEET_KEYS = ("F1", "?")
"""``?`` only reaches the window outside text fields: a text field takes it as a letter."""


class HelpActions(QObject):
    """Creates the palette, cheat sheet and preferences actions of one main window.

    Args:
        window: the main window.
        ctx: the signed-in caller (the palette's lookups).
        tasks: the window's task runner.
        operations: the window's operations (a customer card opened from the palette).
        open_complaint: shows a complaint in the window.
    """

    def __init__(
        self,
        window: QMainWindow,
        ctx: ServiceContext,
        tasks: TaskRunner,
        operations: Operations,
        open_complaint: OpenId,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._tasks = tasks
        self._ops = operations
        self._open_complaint = open_complaint
        self.palette: CommandPalette | None = None
        self.cheat_sheet: CheatSheet | None = None
        self.preferences: PreferencesDialog | None = None
        self.card: CustomerCardDialog | None = None
        self.palette_action = self._action(
            self.tr("&Command palette…"), (PALETTE_KEYS,), self.open_palette
        )
        self.cheat_sheet_action = self._action(
            self.tr("&Keyboard shortcuts"), CHEAT_SHEET_KEYS, self.open_cheat_sheet
        )
        self.preferences_action = self._action(self.tr("Pr&eferences…"), (), self.open_preferences)

    def _action(self, text: str, keys: tuple[str, ...], slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def fill_menus(self, file_menu: QMenu, help_menu: QMenu) -> None:
        """Put preferences in the File menu above its last entry (Quit), the rest in Help."""
        entries = file_menu.actions()
        if entries:
            file_menu.insertAction(entries[-1], self.preferences_action)
        else:
            file_menu.addAction(self.preferences_action)
        help_menu.addAction(self.palette_action)
        help_menu.addAction(self.cheat_sheet_action)

    def open_palette(self) -> None:
        """Open a fresh command palette (it reads the window's actions as they are now)."""
        from complaintdesk.ui.window.palette import CommandPalette

        if self.palette is not None:
            self.palette.deleteLater()
        self.palette = CommandPalette(
            self._window, self._ctx, self._tasks, self._open_complaint, self.open_customer
        )
        self.palette.open()

    def open_cheat_sheet(self) -> None:
        """Open the list of every action and its keys."""
        from complaintdesk.ui.window.cheat_sheet import CheatSheet

        if self.cheat_sheet is not None:
            self.cheat_sheet.deleteLater()
        native = QKeySequence(PALETTE_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
        self.cheat_sheet = CheatSheet(self._window, native)
        self.cheat_sheet.open()

    def open_preferences(self) -> None:
        """Open the preferences (kept in the person's settings)."""
        from complaintdesk.ui.session.preferences import PreferencesDialog, app_settings

        if self.preferences is not None:
            self.preferences.deleteLater()
        self.preferences = PreferencesDialog(app_settings(), self._window)
        self.preferences.idle_minutes_changed.connect(self._follow_idle_minutes)
        self.preferences.open()

    def _follow_idle_minutes(self, minutes: int) -> None:
        lock = getattr(getattr(self._window, "security", None), "idle_lock", None)
        if lock is not None:
            lock.set_idle_minutes(minutes)  # ui/session/idle_lock.py: no restart needed

    def open_customer(self, customer_id: uuid.UUID) -> None:
        """Open a customer's card (found in the palette)."""
        from complaintdesk.ui.workspace.customer_card import CustomerCardDialog

        self.card = CustomerCardDialog(self._ctx, self._ops, customer_id, self._window)
        self.card.show()

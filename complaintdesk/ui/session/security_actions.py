"""The File menu's security actions: lock now, change my password, reset someone's password."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu, QMessageBox

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui.session import preferences
from complaintdesk.ui.session.idle_lock import IdleLock

if TYPE_CHECKING:  # the audit viewer and the password forms are imported at first use
    from complaintdesk.services.admin.audit_log import AuditQuery
    from complaintdesk.ui.admin.audit_viewer import AuditDialog


class SecurityActions(QObject):
    """Owns the window's idle lock and the password dialogs.

    Args:
        window: the main window.
        ctx: the signed-in person.
    """

    def __init__(
        self,
        window: QMainWindow,
        ctx: ServiceContext,
        shown: Callable[[], ComplaintDetail | None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._shown = shown
        self.dialog: AuditDialog | None = None
        self.history_action = QAction(self.tr("Audit &trail of this complaint…"), window)
        self.history_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.history_action.triggered.connect(self.complaint_trail)
        window.addAction(self.history_action)
        minutes = preferences.idle_minutes(preferences.app_settings())
        self.idle_lock = IdleLock(window, ctx, minutes)
        self.change_action = QAction(self.tr("Change my &password…"), window)
        self.change_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.change_action.triggered.connect(self.change_password)
        window.addAction(self.change_action)
        self.reset_action: QAction | None = None
        if ctx.actor.can(Permission.MANAGE_USERS):
            self.reset_action = QAction(self.tr("&Reset a user's password…"), window)
            self.reset_action.triggered.connect(self.reset_password)
            window.addAction(self.reset_action)
            self.user_trail_action = QAction(self.tr("Audit trail of a &user…"), window)
            self.user_trail_action.triggered.connect(self.user_trail)
            window.addAction(self.user_trail_action)

    def fill_menu(self, menu: QMenu) -> None:
        """Add the actions to ``menu`` (the File menu), in a group of their own."""
        menu.addSeparator()
        menu.addAction(self.history_action)
        menu.addAction(self.idle_lock.lock_action)
        if self._ctx.actor.user_id is not None:
            menu.addAction(self.change_action)
        if self.reset_action is not None:
            menu.addAction(self.reset_action)
            menu.addAction(self.user_trail_action)

    def change_password(self) -> None:
        """Ask for the current password and a new one."""
        from complaintdesk.ui.dialogs.password import ChangePasswordDialog

        ChangePasswordDialog(self._ctx, parent=self._window).exec()

    def reset_password(self) -> None:
        """Give a user a temporary password (administrators)."""
        from complaintdesk.ui.dialogs.password import ResetPasswordDialog

        ResetPasswordDialog(self._ctx, parent=self._window).exec()

    def complaint_trail(self) -> None:
        """Show the audit trail of the complaint on screen."""
        from complaintdesk.services.admin.audit_log import AuditQuery

        shown = self._shown()
        if shown is None:
            QMessageBox.information(
                self._window, self.tr("Audit trail"), self.tr("Open a complaint first.")
            )
            return
        self._open(AuditQuery(complaint_id=shown.id), shown.reference)

    def user_trail(self) -> None:
        """Ask for a login and show what that user did (administrators)."""
        from complaintdesk.services.admin.audit_log import AuditQuery

        login, given = QInputDialog.getText(
            self._window, self.tr("Audit trail of a user"), self.tr("Login:")
        )
        if given and login.strip():
            self._open(AuditQuery(login=login), login.strip())

    def _open(self, query: AuditQuery, title: str) -> None:
        from complaintdesk.ui.admin.audit_viewer import AuditDialog

        try:
            self.dialog = AuditDialog(self._ctx, query, title, self._window)
        except ComplaintDeskError as error:
            QMessageBox.warning(self._window, self.tr("Audit trail"), str(error))
            return
        self.dialog.show()

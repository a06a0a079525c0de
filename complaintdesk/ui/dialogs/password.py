"""Passwords: a person changes theirs; an administrator sets a temporary one for someone.

Neither dialog ever shows a password, old or new: the fields echo dots, and an
administrator's reset only sets a temporary password the person must change at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.admin import credentials, passwords
from complaintdesk.services.context import ServiceContext
from complaintdesk.ui.session.sign_in import ErrorLabel


def _secret(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


class _PasswordDialog(QDialog):
    """Heading, intro, a form and an inline error; subclasses check and save."""

    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.form = QFormLayout()
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def _save(self) -> None:
        raise NotImplementedError

    def _refuse(self, message: str, field: QLineEdit) -> None:
        self.error.show_message(message)
        field.selectAll()
        field.setFocus()


class ChangePasswordDialog(_PasswordDialog):
    """The signed-in person replaces their password (current one first).

    Args:
        ctx: the signed-in person.
        forced: after a reset: the dialog says why, and cancelling means not signing in.
        parent: the main window.
    """

    def __init__(
        self, ctx: ServiceContext, *, forced: bool = False, parent: QWidget | None = None
    ) -> None:
        intro = (
            self.tr(
                "An administrator reset your password. Choose your own now: "
                "the temporary one works only for this."
            )
            if forced
            else self.tr("Give your current password, then the new one twice.")
        )
        super().__init__(self.tr("Change your password"), intro, self.tr("&Change"), parent)
        self._ctx = ctx
        self.current = _secret(self.tr("Current password"))
        self.new = _secret(self.tr("New password"))
        self.repeat = _secret(self.tr("New password again"))
        self.form.addRow(self.tr("C&urrent password:"), self.current)
        self.form.addRow(self.tr("&New password:"), self.new)
        self.form.addRow(self.tr("&Again:"), self.repeat)
        hint = QLabel(self.tr("At least {count} characters.").format(count=passwords.MIN_LENGTH))
        self.form.addRow("", hint)
        if forced:
            self.cancel_button.setText(self.tr("&Quit"))
        self.current.setFocus()

    def _save(self) -> None:
        if self.new.text() != self.repeat.text():
            self._refuse(self.tr("The two new passwords differ."), self.repeat)
            return
        try:
            credentials.change_password(self._ctx, self.current.text(), self.new.text())
        except ComplaintDeskError as error:
            self._refuse(str(error), self.current if "password" in str(error) else self.new)
            return
        self.accept()


class ResetPasswordDialog(_PasswordDialog):
    """An administrator gives someone a temporary password (never reading the old one).

    Args:
        ctx: the administrator.
        login: the login to fill in, or empty.
        parent: the main window.
    """

    def __init__(self, ctx: ServiceContext, login: str = "", parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Reset a password"),
            self.tr(
                "Set a temporary password and tell it to the person: they must choose "
                "their own when they next sign in. Their current password is not shown "
                "and stops working."
            ),
            self.tr("&Reset"),
            parent,
        )
        self._ctx = ctx
        self.login = QLineEdit(login)
        self.login.setAccessibleName(self.tr("Login"))
        self.temporary = _secret(self.tr("Temporary password"))
        self.repeat = _secret(self.tr("Temporary password again"))
        self.form.addRow(self.tr("&Login:"), self.login)
        self.form.addRow(self.tr("&Temporary password:"), self.temporary)
        self.form.addRow(self.tr("&Again:"), self.repeat)
        self.login.setFocus()

    def _save(self) -> None:
        if self.temporary.text() != self.repeat.text():
            self._refuse(self.tr("The two passwords differ."), self.repeat)
            return
        try:
            credentials.reset_password(self._ctx, self.login.text(), self.temporary.text())
        except ComplaintDeskError as error:
            self._refuse(str(error), self.login)
            return
        self.accept()

"""Signing in: who you are decides what the main window shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.admin import auth
from complaintdesk.services.context import Actor, Connection

ERROR_COLOUR = "#b3261e"


class ErrorLabel(QWidget):
    """An inline error: icon and text (red, but never colour alone), hidden when empty.

    Args:
        parent: the owning widget.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._icon = QLabel()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        size = self.fontMetrics().height() + 4
        self._icon.setPixmap(icon.pixmap(size, size))
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._text = QLabel()
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setWordWrap(True)
        self._text.setStyleSheet(f"color: {ERROR_COLOUR};")
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        self.setAccessibleName(self.tr("Error"))
        self.hide()

    @property
    def text(self) -> str:
        """The message shown (empty when hidden)."""
        return self._text.text()

    def show_message(self, message: str) -> None:
        """Show ``message``; an empty one hides the label."""
        self._text.setText(message)
        self.setAccessibleDescription(message)
        self.setVisible(bool(message))


class SignInDialog(QDialog):
    """Login and password; accepted once the services recognise the person.

    Args:
        connection: the open database (its description is shown in the title).
        login: a login to fill in (after a first run, say).
        parent: the owning widget.
    """

    def __init__(
        self, connection: Connection, *, login: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._connection = connection
        self._actor: Actor | None = None
        self.setWindowTitle(
            self.tr("Sign in to ComplaintDesk — {database}").format(database=connection.description)
        )
        self.login_edit = QLineEdit(login)
        self.login_edit.setAccessibleName(self.tr("Login"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.sign_in_button = self.buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_in_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._try_sign_in)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(connection.description)
        (self.password_edit if login else self.login_edit).setFocus()

    def _lay_out(self, database: str) -> None:
        heading = QLabel(self.tr("Sign in to ComplaintDesk"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        where = QLabel(self.tr("Database: {database}").format(database=database))
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Login:"), self.login_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    @property
    def actor(self) -> Actor | None:
        """The signed-in person once the dialog is accepted, else None."""
        return self._actor

    def _try_sign_in(self) -> None:
        login = self.login_edit.text()
        if not login.strip():
            self.error.show_message(self.tr("Enter your login."))
            self.login_edit.setFocus()
            return
        try:
            self._actor = auth.sign_in(self._connection.uow, login, self.password_edit.text())
        except ComplaintDeskError as error:
            # Only the password goes: the login stays, so a typo costs one field.
            self.error.show_message(str(error))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.accept()

"""The first run of a new installation: create the first administrator."""

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
from complaintdesk.services.admin import users
from complaintdesk.services.context import Connection
from complaintdesk.services.read_models import UserView
from complaintdesk.ui.session.sign_in import ErrorLabel


class FirstRunDialog(QDialog):
    """Login, display name and password (twice) of the first administrator.

    Args:
        connection: the open, user-less database.
        parent: the owning widget.
    """

    def __init__(self, connection: Connection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._connection = connection
        self._created: UserView | None = None
        self.setWindowTitle(self.tr("Welcome to ComplaintDesk"))
        self.login_edit = self._field(self.tr("Login"))
        self.name_edit = self._field(self.tr("Display name"))
        self.password_edit = self._field(self.tr("Password"), secret=True)
        self.repeat_edit = self._field(self.tr("Password again"), secret=True)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        create = self.buttons.addButton(
            self.tr("Create administrator"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        create.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._try_create)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(connection.description)
        self.login_edit.setFocus()

    def _field(self, name: str, *, secret: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def _lay_out(self, database: str) -> None:
        intro = QLabel(
            self.tr(
                "This database has no users yet. Create the first administrator; "
                "they can then add everyone else.\nDatabase: {database}"
            ).format(database=database)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Login:"), self.login_edit)
        form.addRow(self.tr("&Display name:"), self.name_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        form.addRow(self.tr("Password &again:"), self.repeat_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    @property
    def created(self) -> UserView | None:
        """The administrator created, once the dialog is accepted."""
        return self._created

    def _try_create(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self._refuse(self.tr("The two passwords differ; type them again."))
            return
        try:
            self._created = users.add_first_administrator(
                self._connection.uow,
                self.login_edit.text(),
                self.password_edit.text(),
                display_name=self.name_edit.text().strip() or None,
            )
        except ComplaintDeskError as error:
            self._refuse(str(error))
            return
        self.accept()

    def _refuse(self, message: str) -> None:
        self.error.show_message(message)
        self.password_edit.clear()
        self.repeat_edit.clear()
        self.password_edit.setFocus()

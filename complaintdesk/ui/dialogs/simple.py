"""Small forms: a reason or a note, a customer commitment (a response: ``response.py``)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import QDateTimeEdit, QWidget

from complaintdesk.ui.dialogs.form import FormDialog, text_edit

COMMITMENT_DAYS = 7
"""How long a customer is given by default to provide what is asked."""


class TextDialog(FormDialog):
    """One text to write: a note, or the reason for a withdrawal or a cancellation.

    Args:
        title: what the dialog does.
        ok_text: the OK button's text.
        label: the field's label, with its mnemonic.
        placeholder: a hint of what to write.
        intro: a sentence above the field, or empty.
        parent: the main window.
    """

    def __init__(
        self,
        title: str,
        ok_text: str,
        label: str,
        placeholder: str,
        *,
        intro: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, ok_text, intro=intro, parent=parent)
        self.text = self.add_field(label, text_edit(placeholder, lines=4))
        self.text.setFocus()

    def value(self) -> str:
        """Return the text as typed."""
        return self.text.toPlainText()


class CommitmentDialog(FormDialog):
    """What the customer must provide, and by when; the promise clock may pause meanwhile.

    Args:
        parent: the main window.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Record a customer commitment"),
            self.tr("&Record"),
            intro=self.tr(
                "The complaint waits on the customer until this is fulfilled or cancelled."
            ),
            parent=parent,
        )
        self.what = self.add_field(
            self.tr("&What:"), text_edit(self.tr("e.g. a copy of the bank statement"), lines=2)
        )
        default = QDateTime.currentDateTime().addDays(COMMITMENT_DAYS)
        default.setTime(QTime(17, 0))
        self.due = self.add_field(self.tr("&Due by:"), QDateTimeEdit(default))
        self.due.setCalendarPopup(True)
        self.due.setMinimumDateTime(QDateTime.currentDateTime())
        self.what.setFocus()

    def due_at(self) -> datetime:
        """Return the due instant chosen, in UTC."""
        return datetime.fromtimestamp(self.due.dateTime().toSecsSinceEpoch(), UTC)

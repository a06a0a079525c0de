"""Small forms: a reason or a note, a customer commitment, a response given to the customer."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import QDateTimeEdit, QWidget

from complaintdesk.domain.vocabulary import Channel
from complaintdesk.ui import labels
from complaintdesk.ui.dialogs.form import FormDialog, combo, text_edit

RESPONSE_CHANNELS = (Channel.PHONE, Channel.EMAIL, Channel.LETTER, Channel.SHOP, Channel.SOCIAL)
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


class ResponseDialog(FormDialog):
    """What was said to the customer, on which channel; a phone call counts as a response.

    Args:
        channel: the channel offered first (the complaint's own).
        parent: the main window.
    """

    def __init__(self, channel: Channel, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Record a response to the customer"),
            self.tr("&Record response"),
            intro=self.tr("A reply by phone, at the counter or by letter counts as a response."),
            parent=parent,
        )
        choices = [(labels.channel_label(c), c) for c in RESPONSE_CHANNELS]
        first = channel if channel in RESPONSE_CHANNELS else Channel.PHONE
        self.channel = self.add_field(self.tr("&Channel:"), combo(choices, first))
        self.text = self.add_field(
            self.tr("&What was said:"), text_edit(self.tr("The answer given"), lines=5)
        )
        self.text.setFocus()

    def chosen_channel(self) -> Channel:
        """Return the channel chosen."""
        return Channel(self.channel.currentData())

"""Recording a complaint taken on the phone, at the counter, by letter or from a post."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateEdit, QWidget

from complaintdesk.domain.vocabulary import Channel, Segment
from complaintdesk.services.complaints.directory import Choice
from complaintdesk.services.complaints.intake import NewComplaint
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.ui import labels
from complaintdesk.ui.dialogs.customer_lines import add_customer_lines, typed_contacts
from complaintdesk.ui.dialogs.form import FormDialog, MoneyField, combo, line_edit, text_edit

CHANNELS = (Channel.PHONE, Channel.SHOP, Channel.LETTER, Channel.EMAIL, Channel.SOCIAL)
LANGUAGES = ("en", "fr")


class NewComplaintDialog(FormDialog):
    """Channel, customer, what is wrong; OK records it and routes it at once.

    Args:
        categories: the category taxonomy (the category is optional).
        parent: the main window.
    """

    def __init__(self, categories: tuple[Choice, ...], parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("New complaint"),
            self.tr("&Record complaint"),
            intro=self.tr(
                "Phone, shop and letter complaints belong to you once recorded; email and "
                "social ones go to their team queue. Routing picks the function."
            ),
            parent=parent,
        )
        self._add_customer_fields()
        self._add_complaint_fields(categories)
        self.customer_name.setFocus()

    def _add_customer_fields(self) -> None:
        channels = [(labels.channel_label(c), c) for c in CHANNELS]
        self.channel = self.add_field(self.tr("C&hannel:"), combo(channels, Channel.PHONE))
        self.letter_date = self.add_field(
            self.tr("Letter written &on:"), QDateEdit(QDate.currentDate())
        )
        self.letter_date.setCalendarPopup(True)
        self.letter_date.setMaximumDate(QDate.currentDate())
        self.letter_date.setToolTip(
            self.tr("The date written on the letter: some rules count from the customer's sending.")
        )
        self.channel.currentIndexChanged.connect(self._channel_changed)
        self._channel_changed()
        self.customer_name, self.phone, self.email = add_customer_lines(self)
        segments = [(labels.segment_label(s.value), s) for s in labels.SEGMENTS]
        self.segment = self.add_field(self.tr("Se&gment:"), combo(segments, Segment.STANDARD))
        languages = [(labels.language_label(code), code) for code in LANGUAGES]
        self.language = self.add_field(self.tr("&Language:"), combo(languages, "en"))

    def _add_complaint_fields(self, categories: tuple[Choice, ...]) -> None:
        self.subject = self.add_field(
            self.tr("&Subject:"), line_edit(placeholder=self.tr("In a few words, what is wrong"))
        )
        self.description = self.add_field(
            self.tr("&Description:"), text_edit(self.tr("What the customer said"), lines=4)
        )
        choices = [(self.tr("(not known yet)"), None), *((c.label, c.value) for c in categories)]
        self.category = self.add_field(self.tr("Ca&tegory:"), combo(choices))
        self.money = self.add_field(
            self.tr("&Amount at stake:"), MoneyField(self.tr("Amount at stake"))
        )

    def _channel_changed(self, *_args: object) -> None:
        letter = self.channel.currentData() == Channel.LETTER
        self.letter_date.setVisible(letter)
        label = self.form.labelForField(self.letter_date)
        if label is not None:
            label.setVisible(letter)

    def dated(self) -> datetime | None:
        """Return the letter's date as the start of that day here (None unless a letter)."""
        if self.channel.currentData() != Channel.LETTER:
            return None
        midnight = QDateTime(self.letter_date.date(), QTime(0, 0))  # here, local time
        return datetime.fromtimestamp(midnight.toSecsSinceEpoch(), UTC)

    def check(self) -> str:
        """Refuse what is plainly missing before asking the services."""
        if not self.subject.text().strip():
            self.subject.setFocus()
            return self.tr("Write the subject: in a few words, what is wrong.")
        if not self.money.is_valid():
            self.money.amount.setFocus()
            return self.tr("The amount is a number such as 42.50.")
        return ""

    def new_complaint(self) -> NewComplaint:
        """Return the complaint as typed (read on the GUI thread, before the service runs)."""
        customer = CustomerInput(
            self.customer_name.text().strip(),
            typed_contacts(self.phone, self.email),
            segment=Segment(self.segment.currentData()),
            language=str(self.language.currentData()),
        )
        amount = self.money.value()
        return NewComplaint(
            channel=Channel(self.channel.currentData()),
            subject=self.subject.text(),
            description=self.description.toPlainText(),
            customer=customer,
            category_code=self.category.currentData(),
            amount=amount,
            currency=self.money.currency_code() if amount is not None else None,
            letter_date=self.dated(),
        )

"""Recording a complaint taken on the phone, at the counter, by letter or from a post."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QWidget

from complaintdesk.domain.vocabulary import Channel, ContactKind, Segment
from complaintdesk.services.customers import CustomerInput
from complaintdesk.services.directory import Choice
from complaintdesk.services.intake import NewComplaint
from complaintdesk.ui import labels
from complaintdesk.ui.dialogs.form import FormDialog, combo, line_edit, text_edit

CHANNELS = (Channel.PHONE, Channel.SHOP, Channel.LETTER, Channel.EMAIL, Channel.SOCIAL)
LANGUAGES = ("en", "fr")
CURRENCIES = ("EUR", "GBP", "USD")
AMOUNT = QRegularExpression(r"^\d{0,9}([.,]\d{0,2})?$")


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
        channels = [(labels.channel_label(c), c) for c in CHANNELS]
        self.channel = self.add_field(self.tr("C&hannel:"), combo(channels, Channel.PHONE))
        self.customer_name = self.add_field(self.tr("Customer &name:"), line_edit())
        self.phone = self.add_field(
            self.tr("&Phone:"), line_edit(placeholder="06 12 34 56 78"), error_key="phone"
        )
        self.email = self.add_field(
            self.tr("&Email:"), line_edit(placeholder="name@example.org"), error_key="email"
        )
        segments = [(labels.segment_label(s.value), s) for s in labels.SEGMENTS]
        self.segment = self.add_field(self.tr("Se&gment:"), combo(segments, Segment.STANDARD))
        languages = [(labels.language_label(code), code) for code in LANGUAGES]
        self.language = self.add_field(self.tr("&Language:"), combo(languages, "en"))
        self.subject = self.add_field(
            self.tr("&Subject:"), line_edit(placeholder=self.tr("In a few words, what is wrong"))
        )
        self.description = self.add_field(
            self.tr("&Description:"), text_edit(self.tr("What the customer said"), lines=4)
        )
        choices = [(self.tr("(not known yet)"), None), *((c.label, c.value) for c in categories)]
        self.category = self.add_field(self.tr("Ca&tegory:"), combo(choices))
        self.amount = line_edit(placeholder="0.00")
        self.amount.setValidator(QRegularExpressionValidator(AMOUNT, self.amount))
        self.currency = combo([(code, code) for code in CURRENCIES])
        self.currency.setAccessibleName(self.tr("Currency"))
        self.add_field(self.tr("&Amount at stake:"), self._amount_row())
        self.amount.setAccessibleName(self.tr("Amount at stake"))
        self.customer_name.setFocus()

    def _amount_row(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.amount, 1)
        line.addWidget(self.currency)
        return row

    def check(self) -> str:
        """Refuse what is plainly missing before asking the services."""
        if not self.subject.text().strip():
            self.subject.setFocus()
            return self.tr("Write the subject: in a few words, what is wrong.")
        if self.amount.text() and self._amount() is None:
            self.amount.setFocus()
            return self.tr("The amount is a number such as 42.50.")
        return ""

    def _amount(self) -> Decimal | None:
        text = self.amount.text().strip().replace(",", ".")
        try:
            return Decimal(text) if text else None
        except InvalidOperation:
            return None

    def new_complaint(self) -> NewComplaint:
        """Return the complaint as typed (read on the GUI thread, before the service runs)."""
        contacts = [
            (kind, edit.text().strip())
            for kind, edit in ((ContactKind.PHONE, self.phone), (ContactKind.EMAIL, self.email))
            if edit.text().strip()
        ]
        customer = CustomerInput(
            self.customer_name.text().strip(),
            contacts,
            segment=Segment(self.segment.currentData()),
            language=str(self.language.currentData()),
        )
        amount = self._amount()
        return NewComplaint(
            channel=Channel(self.channel.currentData()),
            subject=self.subject.text(),
            description=self.description.toPlainText(),
            customer=customer,
            category_code=self.category.currentData(),
            amount=amount,
            currency=self.currency.currentData() if amount is not None else None,
        )

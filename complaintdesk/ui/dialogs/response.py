"""Record a response given to the customer — an answer, or a regulated letter.

"What it is" offers an ordinary answer and the letters the complaint's rule knows: a final
response, a summary resolution (UK), a holding reply (payment services). Choosing a letter
fills the text with its template for this complaint, to edit; the services read the letter
as it is recorded and refuse one whose required sections are missing or emptied, naming
them under the text, which is kept as typed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QWidget

from complaintdesk.domain.vocabulary import Channel, LetterKind
from complaintdesk.ui import labels
from complaintdesk.ui.dialogs.form import FormDialog, combo, text_edit

RESPONSE_CHANNELS = (Channel.PHONE, Channel.EMAIL, Channel.LETTER, Channel.SHOP, Channel.SOCIAL)
HOLDING_DAYS = 20
"""The date first offered for the final response after a holding reply (calendar days)."""


class ResponseDialog(FormDialog):
    """What was said to the customer, on which channel, and whether it is a regulated letter.

    Args:
        channel: the channel offered first (the complaint's own).
        letters: the letters the complaint's rule knows.
        waiver_offered: the rule asks whether we waive the ombudsman's time limits (UK).
        parent: the main window.
    """

    draft_asked = Signal()
    """A letter was chosen (or its options changed): the owner fetches its template."""

    def __init__(
        self,
        channel: Channel,
        letters: tuple[LetterKind, ...] = (LetterKind.FINAL_RESPONSE,),
        *,
        waiver_offered: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Record a response to the customer"),
            self.tr("&Record response"),
            intro=self.tr("A reply by phone, at the counter or by letter counts as a response."),
            parent=parent,
        )
        choices = [(labels.channel_label(c), c) for c in RESPONSE_CHANNELS]
        first = channel if channel in RESPONSE_CHANNELS else Channel.PHONE
        self.channel = self.add_field(self.tr("&Channel:"), combo(choices, first))
        kinds = [(self.tr("An answer"), ""), *[(labels.letter_label(k), k.value) for k in letters]]
        self.kind = self.add_field(self.tr("&What it is:"), combo(kinds, ""))
        self.until = self.add_field(self.tr("Final response &by:"), QDateEdit())
        self.until.setCalendarPopup(True)
        self.until.setMinimumDate(QDate.currentDate())
        self.until.setDate(QDate.currentDate().addDays(HOLDING_DAYS))
        self.waiver = QCheckBox(
            self.tr("We consent to the ombudsman considering it after the time limits")
        )
        self.add_field("", self.waiver)
        self.waiver.setVisible(waiver_offered)
        self.text = self.add_field(
            self.tr("&What was said:"),
            text_edit(self.tr("The answer given"), lines=16),
            error_key="text",
        )
        self._drafted = ""
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.waiver.toggled.connect(lambda _on: self._ask_draft())
        self.until.dateChanged.connect(lambda _day: self._ask_draft())
        self._kind_changed()
        self.setMinimumWidth(720)
        self.text.setFocus()

    def chosen_channel(self) -> Channel:
        """Return the channel chosen."""
        return Channel(self.channel.currentData())

    def letter(self) -> LetterKind | None:
        """Return the regulated letter chosen (None: an ordinary answer)."""
        value = str(self.kind.currentData() or "")
        return LetterKind(value) if value else None

    def promised_by(self) -> date | None:
        """Return the date a holding reply promises the final response by."""
        if self.letter() is not LetterKind.HOLDING_REPLY:
            return None
        day = self.until.date()
        return date(day.year(), day.month(), day.day())

    def choose(self, letter: LetterKind | None) -> None:
        """Choose what the response is (tests and keyboard users)."""
        self.kind.setCurrentIndex(max(self.kind.findData(letter.value if letter else ""), 0))

    def _kind_changed(self, *_args: object) -> None:
        letter = self.letter()
        holding = letter is LetterKind.HOLDING_REPLY
        self.until.setVisible(holding)
        label = self.form.labelForField(self.until)
        if label is not None:
            label.setVisible(holding)
        self.waiver.setEnabled(letter in (LetterKind.FINAL_RESPONSE, LetterKind.SUMMARY_RESOLUTION))
        self._ask_draft()

    def _ask_draft(self) -> None:
        if self.letter() is not None:
            self.draft_asked.emit()

    def set_draft(self, text: str) -> None:
        """Put a letter's template in the text, unless the person wrote something of their own."""
        typed = self.text.toPlainText().strip()
        if typed and typed != self._drafted.strip():
            return
        self._drafted = text
        self.text.setPlainText(text)

    def check(self) -> str:
        """Something must have been said."""
        if not self.text.toPlainText().strip():
            return self.tr("Write what was said to the customer.")
        return ""

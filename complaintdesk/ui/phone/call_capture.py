"""Quick capture during a call: type while the customer speaks, Ctrl+Enter saves.

Two forms share one layout: the notes of a call on an existing complaint, and a new
complaint taken on a call (the caller's number prefilled; for an unknown number, their
name too). Everything is reachable from the keyboard; the notes box is large and Tab
leaves it; category and priority are picked by typing a few letters.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QPlainTextEdit, QWidget

from complaintdesk.domain.vocabulary import Direction, Priority, Segment
from complaintdesk.services.complaints.directory import Choice
from complaintdesk.services.inbound.calls import CallComplaint, CallNotes
from complaintdesk.ui import labels
from complaintdesk.ui.dialogs.form import FormDialog, combo, line_edit, text_edit

NOTES_LINES = 10
LANGUAGES = ("en", "fr")


def _notes_box(placeholder: str) -> QPlainTextEdit:
    notes = text_edit(placeholder, lines=NOTES_LINES)
    font = notes.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)  # read at a glance while listening
    notes.setFont(font)
    return notes


def category_box(categories: tuple[Choice, ...], none_label: str) -> QComboBox:
    """Return an editable pick list that completes on any part of a category's name."""
    box = combo([(none_label, None), *((c.label, c.value) for c in categories)])
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(box.model(), box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setCompleter(completer)
    return box


class CallNotesDialog(FormDialog):
    """The notes of a call on one complaint.

    Args:
        reference: the complaint's reference, in the title.
        subject: its subject, as a reminder.
        number: the customer's number (kept with the message), if known.
        direction: incoming (from a screen pop) or outgoing (the agent's call).
        parent: the window.
    """

    def __init__(
        self,
        reference: str,
        subject: str,
        number: str | None,
        direction: Direction,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            self.tr("Outgoing call on {reference}")
            if direction is Direction.OUTBOUND
            else self.tr("Call on {reference}")
        )
        super().__init__(
            title.format(reference=reference),
            self.tr("&Save call notes"),
            intro=self._intro(reference, subject, number),
            parent=parent,
        )
        self.number = number
        choices = [
            (self.tr("Incoming: the customer called"), Direction.INBOUND),
            (self.tr("Outgoing: I called the customer"), Direction.OUTBOUND),
        ]
        self.direction = self.add_field(self.tr("&Call:"), combo(choices, direction))
        self.notes = self.add_field(
            self.tr("&Notes:"), _notes_box(self.tr("What the customer said, what you said"))
        )
        self.setMinimumWidth(620)
        self.notes.setFocus()

    def _intro(self, reference: str, subject: str, number: str | None) -> str:
        about = self.tr("{reference}: {subject}").format(reference=reference, subject=subject)
        if not number:
            return about
        return about + "\n" + self.tr("Customer's number: {number}").format(number=number)

    def check(self) -> str:
        """Refuse empty notes before asking the services."""
        if not self.notes.toPlainText().strip():
            self.notes.setFocus()
            return self.tr("Write what was said on the call.")
        return ""

    def call_notes(self) -> CallNotes:
        """Return the call as typed (read on the GUI thread)."""
        return CallNotes(
            Direction(self.direction.currentData()), self.notes.toPlainText(), self.number
        )


class CallComplaintDialog(FormDialog):
    """A new complaint taken on a call.

    Args:
        number: the caller's number (E.164), prefilled.
        caller: the known customer's name, or empty for an unknown number.
        customer_id: the known customer (None for an unknown number).
        categories: the category taxonomy.
        parent: the window.
    """

    def __init__(
        self,
        number: str,
        caller: str,
        customer_id: uuid.UUID | None,
        categories: tuple[Choice, ...],
        parent: QWidget | None = None,
    ) -> None:
        known = customer_id is not None
        super().__init__(
            self.tr("New complaint from {caller}").format(caller=caller)
            if known
            else self.tr("New customer and complaint"),
            self.tr("&Record complaint"),
            intro=self.tr("Taken on the phone: it is yours once recorded. Ctrl+Enter records it.")
            if known
            else self.tr("Nobody has this number yet: say who is calling."),
            parent=parent,
        )
        self.customer_id = customer_id
        self.customer_name = self.add_field(self.tr("Customer &name:"), line_edit(caller))
        self.phone = self.add_field(self.tr("&Phone:"), line_edit(number), error_key="phone")
        for edit in (self.customer_name, self.phone):
            edit.setReadOnly(known)  # the number found them: this call is theirs
            edit.setClearButtonEnabled(not known)
        self.email = self.add_field(
            self.tr("&Email:"), line_edit(placeholder="name@example.org"), error_key="email"
        )
        holder = self.email.parentWidget()
        if holder is not None:
            self.form.setRowVisible(holder, not known)
        self._add_complaint_fields(categories)
        (self.subject if known else self.customer_name).setFocus()

    def _add_complaint_fields(self, categories: tuple[Choice, ...]) -> None:
        self.subject = self.add_field(
            self.tr("&Subject:"), line_edit(placeholder=self.tr("In a few words, what is wrong"))
        )
        self.notes = self.add_field(
            self.tr("N&otes:"), _notes_box(self.tr("What the customer says, as they say it"))
        )
        self.category = self.add_field(
            self.tr("Ca&tegory:"), category_box(categories, self.tr("(not known yet)"))
        )
        priorities: list[tuple[str, object]] = [(self.tr("(as routing decides)"), None)]
        priorities += [(labels.priority_label(p), p) for p in Priority]
        self.priority = self.add_field(self.tr("P&riority:"), combo(priorities))
        languages = [(labels.language_label(code), code) for code in LANGUAGES]
        self.language = self.add_field(self.tr("&Language:"), combo(languages, "en"))
        self.form.setRowVisible(self.language, self.customer_id is None)
        self.setMinimumWidth(620)

    def category_code(self) -> str | None:
        """Return the category typed or picked: None if none, '' if the text names none.

        A few letters found in one category's name only are enough ("rude" for "Rude or
        unhelpful service"): the agent need not wait for the completion list.
        """
        text = self.category.currentText().strip()
        index = self.category.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0 and text:
            found = self.category.model().match(
                self.category.model().index(1, 0),
                Qt.ItemDataRole.DisplayRole,
                text,
                2,
                Qt.MatchFlag.MatchContains,
            )
            index = found[0].row() if len(found) == 1 else -1
        if index < 0:
            return "" if text else None
        value = self.category.itemData(index)
        return str(value) if value else None

    def check(self) -> str:
        """Refuse what is plainly missing before asking the services."""
        if not self.customer_name.text().strip() and self.customer_id is None:
            self.customer_name.setFocus()
            return self.tr("Write the caller's name.")
        if not self.subject.text().strip():
            self.subject.setFocus()
            return self.tr("Write the subject: in a few words, what is wrong.")
        if self.category_code() == "":
            self.category.setFocus()
            return self.tr("Pick a category from the list, or leave it empty.")
        return ""

    def call_complaint(self) -> CallComplaint:
        """Return the complaint as typed (read on the GUI thread)."""
        priority = self.priority.currentData()
        return CallComplaint(
            number=self.phone.text(),
            subject=self.subject.text(),
            notes=self.notes.toPlainText(),
            customer_name=self.customer_name.text().strip(),
            category_code=self.category_code(),
            priority=Priority(priority) if priority is not None else None,
            segment=Segment.STANDARD,
            language=str(self.language.currentData()),
            email=self.email.text().strip() or None,
        )

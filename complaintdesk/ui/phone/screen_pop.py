"""The screen pop: the caller's card, open complaints with their clocks, last contacts.

It is a window of its own next to the main window, so the agent keeps the queue they were
working in; Enter (or a double-click) on a complaint opens it in the main window.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.services.customers.callers import CallerCard, ContactMoment, OpenComplaintLine
from complaintdesk.ui import labels
from complaintdesk.ui.contacts import contact_text
from complaintdesk.ui.phone.proposals import CallerProposals
from complaintdesk.ui.row_models import Column, RowsModel
from complaintdesk.ui.session.sign_in import ErrorLabel
from complaintdesk.ui.widgets import rows_table


def _table(model: RowsModel[Any], name: str) -> QTableView:
    view = rows_table(model, name)
    view.setTabKeyNavigation(False)  # Tab leaves the table: keyboard-only use
    return view


class ScreenPop(QDialog):
    """Who is calling. The owner (the phone desk) fills it and reacts to its signals.

    Args:
        parent: the main window.
    """

    open_complaint = Signal(object)
    """The complaint (its id) to open in the main window."""
    new_complaint = Signal()
    """"New complaint for this caller" was pressed."""
    log_call = Signal(object)
    """"Log call on complaint…" was pressed, with the chosen :class:`OpenComplaintLine`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Caller"))
        self.card: CallerCard | None = None
        self.number = ""
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        for label in (self.title, self.facts):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.warning = ErrorLabel()
        self.proposals = CallerProposals(self)
        self.proposals.open_complaint.connect(self.open_complaint.emit)
        self.complaints = RowsModel[OpenComplaintLine](self._complaint_columns(), self)
        self.contacts = RowsModel[ContactMoment](self._contact_columns(), self)
        self.complaint_table = _table(self.complaints, self.tr("Open complaints"))
        self.contact_table = _table(self.contacts, self.tr("Last contacts"))
        self.complaints_label = QLabel(self.tr("&Open complaints"))
        self.complaints_label.setBuddy(self.complaint_table)
        self.contacts_label = QLabel(self.tr("&Last contacts, every channel"))
        self.contacts_label.setBuddy(self.contact_table)
        self._add_buttons()
        self._lay_out()
        self.complaint_table.doubleClicked.connect(self._open_at)
        self.complaint_table.activated.connect(self._open_at)
        self.complaint_table.selectionModel().currentRowChanged.connect(self._follow)
        self.resize(820, 560)

    def _complaint_columns(self) -> list[Column[OpenComplaintLine]]:
        return [
            Column(self.tr("Reference"), lambda r: r.reference),
            Column(self.tr("Clock"), lambda r: labels.clock_label(r.clock_state)),
            Column(self.tr("Next due"), lambda r: labels.local_time(r.next_due_at)),
            Column(self.tr("Status"), lambda r: labels.status_label(r.status)),
            Column(self.tr("Owner"), lambda r: r.owner_name or labels.unassigned()),
            Column(self.tr("Subject"), lambda r: r.subject),
        ]

    def _contact_columns(self) -> list[Column[ContactMoment]]:
        return [
            Column(self.tr("When"), lambda m: labels.local_time(m.occurred_at)),
            Column(self.tr("Channel"), lambda m: labels.channel_label(m.channel)),
            Column(self.tr("Direction"), lambda m: labels.direction_label(m.direction)),
            Column(self.tr("Complaint"), lambda m: m.complaint_reference or ""),
            Column(self.tr("What was said"), lambda m: m.summary),
        ]

    def _add_buttons(self) -> None:
        self.buttons = QDialogButtonBox()
        role = QDialogButtonBox.ButtonRole.ActionRole
        self.new_button = QPushButton(self.tr("&New complaint for this caller…"))
        self.log_button = QPushButton(self.tr("Log &call on complaint…"))
        self.open_button = QPushButton(self.tr("O&pen complaint"))
        for button in (self.new_button, self.log_button, self.open_button):
            button.setAutoDefault(False)
            self.buttons.addButton(button, role)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.new_button.clicked.connect(self.new_complaint.emit)
        self.log_button.clicked.connect(self._log_current)
        self.open_button.clicked.connect(lambda: self._open_at(self.complaint_table.currentIndex()))
        QShortcut(QKeySequence("Ctrl+L"), self).activated.connect(self._log_current)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(self.warning)
        layout.addWidget(self.proposals)
        layout.addWidget(self.complaints_label)
        layout.addWidget(self.complaint_table, 3)
        layout.addWidget(self.contacts_label)
        layout.addWidget(self.contact_table, 2)
        layout.addStretch(0)  # takes the room of the tables when there are none to show
        layout.addWidget(self.buttons)

    # --- filled by the phone desk ---

    def show_looking_up(self, number: str) -> None:
        """Say whose card is being read (the lookup runs off the GUI thread)."""
        self.card, self.number = None, number
        self.title.setText(self.tr("Incoming call: {number}").format(number=number))
        self.facts.setText(self.tr("Looking the caller up…"))
        self.warning.show_message("")
        self.proposals.show_proposals(())
        self._fill((), ())

    def show_card(self, card: CallerCard) -> None:
        """Show the caller's card."""
        self.card, self.number = card, card.number
        if card.known:
            self.title.setText(f"{card.name} — {card.number}")
            self.facts.setText(self._facts(card))
            self.new_button.setText(self.tr("&New complaint for this caller…"))
        else:
            self.title.setText(self.tr("Unknown caller: {number}").format(number=card.number))
            self.facts.setText(
                self.tr("No customer has this number. Record who they are with their complaint.")
            )
            self.new_button.setText(self.tr("&New customer and complaint…"))
        others = ", ".join(card.other_customers)
        self.warning.show_message(
            self.tr("This number also belongs to: {names}. Possibly the same person.").format(
                names=others
            )
            if others
            else ""
        )
        self.proposals.show_proposals(card.proposals)
        self._fill(card.open_complaints, card.last_contacts)
        if card.open_complaints:
            self.complaint_table.setFocus()

    def show_problem(self, number: str, message: str) -> None:
        """Say why no card can be shown (an invalid number, the database unreachable…)."""
        self.card, self.number = None, number
        self.title.setText(self.tr("Call from {number}").format(number=number or "?"))
        self.facts.setText(
            self.tr(
                "Check the number the telephone passed, or type it with Phone ▸ Show caller… (F7)."
            )
        )
        self.warning.show_message(message)
        self.proposals.show_proposals(())
        self._fill((), ())

    def _facts(self, card: CallerCard) -> str:
        contacts = ", ".join(contact_text(c.value) for c in card.contacts if c.value != card.number)
        parts = [
            self.tr("Segment: {segment}").format(segment=labels.segment_label(card.segment)),
            self.tr("Language: {language}").format(language=labels.language_label(card.language)),
        ]
        if contacts:
            parts.append(self.tr("Also reached at: {contacts}").format(contacts=contacts))
        count = len(card.open_complaints)
        parts.append(self.tr("%n open complaint(s)", "", count))
        return " · ".join(parts)

    def _fill(
        self, complaints: Sequence[OpenComplaintLine], contacts: Sequence[ContactMoment]
    ) -> None:
        self.complaints.set_rows(complaints)
        self.contacts.set_rows(contacts)
        self.complaint_table.setVisible(bool(complaints))
        self.complaints_label.setVisible(bool(complaints))
        self.contact_table.setVisible(bool(contacts))
        self.contacts_label.setVisible(bool(contacts))
        for button in (self.log_button, self.open_button):
            button.setVisible(bool(complaints))  # nothing to log on: no greyed-out choice
        if complaints:
            self.complaint_table.selectRow(0)
        self.new_button.setEnabled(self.card is not None)
        self._follow()

    def selected_complaint(self) -> OpenComplaintLine | None:
        """Return the open complaint pointed at (None if none)."""
        return self.complaints.row_at(self.complaint_table.currentIndex().row())

    def _follow(self, *_: object) -> None:
        chosen = self.selected_complaint() is not None
        self.log_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)

    def _open_at(self, index: QModelIndex) -> None:
        line = self.complaints.row_at(index.row()) if index.isValid() else None
        if line is not None:
            self.open_complaint.emit(line.id)

    def _log_current(self) -> None:
        line = self.selected_complaint()
        if line is not None:
            self.log_call.emit(line)

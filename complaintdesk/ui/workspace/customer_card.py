"""The customer card: one timeline across channels, likely duplicates, merge and undo.

Opened from a complaint's workspace ("Customer card…"). Everything is read off the GUI
thread through the window's :class:`Operations`; supervisors see Merge and Undo merge,
everyone else sees the proposals and who may act on them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers import duplicates, timeline
from complaintdesk.services.customers import merge as customer_merge
from complaintdesk.services.customers.duplicates import DuplicateCandidate
from complaintdesk.services.customers.merge import MergeResult, MergeView
from complaintdesk.services.customers.timeline import CustomerCard, TimelineEntry
from complaintdesk.ui import duplicate_words, labels
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.contacts import contact_text
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.row_models import Column, RowsModel
from complaintdesk.ui.widgets import caption, heading, rows_table, text_label
from complaintdesk.ui.workspace.answer_channel import AnswerChannel

Loaded = tuple[CustomerCard, tuple[DuplicateCandidate, ...]]


def _contacts(values: Iterable[str]) -> str:
    """Contact points as people read them ("Instagram @lea"; no empty handle)."""
    return ", ".join(shown for shown in (contact_text(v) for v in values) if shown)


def _channel(value: str | None) -> str:
    if value is None:
        return ""
    try:
        return labels.channel_label(Channel(value))
    except ValueError:
        return value


class CustomerCardDialog(QDialog):
    """The card of one customer, with Merge / Undo merge for supervisors.

    Args:
        ctx: the signed-in caller.
        operations: runs reads and changes off the GUI thread.
        customer_id: whose card (a merged record opens as its winner).
        parent: the main window.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        customer_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ops = operations
        self._customer_id = customer_id
        self.card: CustomerCard | None = None
        self.confirmation: QMessageBox | None = None
        """The open "Merge these records?" question (tests answer it)."""
        self.setWindowTitle(self.tr("Customer card"))
        self.setAccessibleName(self.tr("Customer card"))
        self.resize(1000, 640)
        self.timeline = RowsModel[TimelineEntry](self._timeline_columns(), self)
        self.duplicates = RowsModel[DuplicateCandidate](self._duplicate_columns(), self)
        self.merges = RowsModel[MergeView](self._merge_columns(), self)
        self._build()
        self.reload()

    def _timeline_columns(self) -> list[Column[TimelineEntry]]:
        return [
            Column(self.tr("When"), lambda e: labels.local_time(e.at)),
            Column(self.tr("Channel"), lambda e: _channel(e.channel)),
            Column(self.tr("What"), self._what),
            Column(self.tr("Complaint"), lambda e: e.reference or ""),
            Column(self.tr("Text"), self._text),
        ]

    def _text(self, entry: TimelineEntry) -> str:
        absorbed = entry.direction == "absorbed"
        if entry.kind == "merge" and entry.direction == "link":
            return self.tr("A sender of {other}'s record was linked to this customer").format(
                other=entry.text
            )
        if entry.kind == "merge" and entry.direction == "linked_away":
            return self.tr("A sender of this record was linked to {other}").format(other=entry.text)
        if entry.kind == "complaint_merge":
            return self.tr("{merged} was merged into {kept}").format(
                merged=entry.text, kept=entry.reference
            )
        if entry.kind == "complaint_merge_undone":
            return self.tr("{merged} is separate from {kept} again").format(
                merged=entry.text, kept=entry.reference
            )
        if entry.kind == "merge":
            if absorbed:
                return self.tr("{other}'s record was merged into this one").format(other=entry.text)
            return self.tr("This record was merged into {other}'s").format(other=entry.text)
        if entry.kind == "merge_undone":
            return self.tr("{other}'s record is separate again").format(other=entry.text)
        return entry.text

    def _what(self, entry: TimelineEntry) -> str:
        if entry.kind == "complaint":
            return self.tr("Complaint opened")
        if entry.kind == "merge" and entry.direction in ("link", "linked_away"):
            return self.tr("Sender linked")
        if entry.kind == "merge":
            return self.tr("Records merged")
        if entry.kind == "merge_undone":
            return self.tr("Merge undone")
        if entry.kind == "complaint_merge":
            return self.tr("Complaints merged")
        if entry.kind == "complaint_merge_undone":
            return self.tr("Complaint merge undone")
        what = labels.direction_label(entry.direction or "")
        if entry.public:
            what = self.tr("{what} · public, anyone can read it").format(what=what)
        if entry.delivery_state == "queued":
            what = self.tr("{what} · waiting to leave").format(what=what)
        elif entry.delivery_state == "failed":
            what = self.tr("{what} · sending failed, will be retried").format(what=what)
        elif entry.delivery_state == "held":
            what = self.tr("{what} · not written yet: its template does not render").format(
                what=what
            )
        return what

    def _duplicate_columns(self) -> list[Column[DuplicateCandidate]]:
        return [
            Column(self.tr("Name"), lambda c: c.display_name),
            Column(self.tr("Postcode"), lambda c: c.postcode or ""),
            Column(self.tr("Contacts"), lambda c: _contacts(c.contacts)),
            Column(self.tr("Complaints"), lambda c: str(c.complaints)),
            Column(self.tr("Why"), lambda c: duplicate_words.duplicate_reasons(c.reasons)),
        ]

    def _merge_columns(self) -> list[Column[MergeView]]:
        return [
            Column(self.tr("Merged"), lambda m: labels.local_time(m.merged_at)),
            Column(
                self.tr("What"),
                lambda m: (
                    self.tr("Sender linked") if m.kind == "link" else self.tr("Records merged")
                ),
            ),
            Column(self.tr("Record kept"), lambda m: m.winner_name),
            Column(self.tr("Record merged in"), lambda m: m.loser_name),
            Column(self.tr("Moved"), lambda m: str(m.moved)),
            Column(self.tr("Undone"), lambda m: labels.local_time(m.undone_at) or "—"),
        ]

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.name = text_label("", name=self.tr("Customer name"), bold=True, scale=1.3)
        self.about = text_label("", name=self.tr("About the customer"))
        self.contacts = text_label("", name=self.tr("Contact points"))
        self.note = text_label("", name=self.tr("Merged record"))
        self.note.hide()
        for widget in (self.name, self.about, self.contacts, self.note):
            layout.addWidget(widget)
        self.answer_on = AnswerChannel(self._ctx, self._ops, self)
        self.answer_on.changed.connect(self.reload)
        layout.addWidget(self.answer_on)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._section(self.tr("One timeline, every channel"), self._timeline()))
        split.addWidget(self._proposals())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

    def _section(self, title: str, content: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading(title))
        column.addWidget(content, 1)
        return box

    def _timeline(self) -> QTableView:
        self.timeline_view = rows_table(self.timeline, self.tr("Timeline"))
        return self.timeline_view

    def _proposals(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.duplicates_view = rows_table(self.duplicates, self.tr("Possible duplicates"))
        self.merges_view = rows_table(self.merges, self.tr("Merges"))
        self.merge_button = QPushButton(self.tr("&Merge into this customer…"))
        self.merge_button.clicked.connect(self.ask_merge)
        self.undo_button = QPushButton(self.tr("&Undo merge"))
        self.undo_button.clicked.connect(self.undo_selected)
        supervisor = self._ctx.actor.can(Permission.REASSIGN)
        self.hint = caption("")
        self.hint.setWordWrap(True)
        row.addWidget(
            self._section(
                self.tr("Possible duplicates"),
                self._stack(self.duplicates_view, self.hint, self.merge_button),
            ),
            1,
        )
        row.addWidget(
            self._section(self.tr("Merges"), self._stack(self.merges_view, self.undo_button)), 1
        )
        self.merge_button.setVisible(supervisor)
        # Anyone who links a sender may undo the link; undoing a merge is a supervisor's.
        self.undo_button.setVisible(self._ctx.actor.can(Permission.HANDLE_COMPLAINTS))
        self.duplicates_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.merges_view.selectionModel().selectionChanged.connect(self._update_buttons)
        return box

    def _stack(self, *widgets: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            column.addWidget(widget, 1 if isinstance(widget, QTableView) else 0)
        return box

    def reload(self) -> None:
        """Read the card and its likely duplicates again (off the GUI thread)."""
        ctx, customer_id = self._ctx, self._customer_id

        def read() -> Loaded:
            card = timeline.customer_card(ctx, customer_id)
            return card, duplicates.candidates(ctx, card.customer_id)

        self._ops.read(read, self._show)

    def _show(self, loaded: Loaded) -> None:
        card, candidates = loaded
        self.card = card
        self.name.setText(card.display_name)
        about = [labels.segment_label(card.segment), labels.language_label(card.language)]
        if card.postcode:
            about.append(self.tr("postcode {code}").format(code=card.postcode))
        self.about.setText(" · ".join(about))
        contacts = _contacts(value for _, value in card.contacts)
        self.contacts.setText(contacts or self.tr("No contact points"))
        self.note.setVisible(card.opened_from is not None)
        self.note.setText(self.tr("The record asked for was merged into this one."))
        self.timeline.set_rows(card.timeline)
        self.duplicates.set_rows(candidates)
        self.hint.setText(self._hint(bool(candidates)))
        self.setWindowTitle(self.tr("Customer card — {name}").format(name=card.display_name))
        self.merges.set_rows(card.merges)
        self.answer_on.show_customer(card.customer_id, card.preferred_channel)
        self._update_buttons()

    def _hint(self, proposed: bool) -> str:
        if not proposed:
            return self.tr("No likely duplicate of this customer.")
        if self._ctx.actor.can(Permission.REASSIGN):
            return self.tr("Proposed, never merged on their own: check before merging.")
        return self.tr("Only a supervisor can merge records: tell one if these are the same.")

    def selected_duplicate(self) -> DuplicateCandidate | None:
        """Return the proposal selected, if any."""
        rows = self.duplicates_view.selectionModel().selectedRows()
        return self.duplicates.row_at(rows[0].row()) if rows else None

    def selected_merge(self) -> MergeView | None:
        """Return the merge selected, if any."""
        rows = self.merges_view.selectionModel().selectedRows()
        return self.merges.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        merge = self.selected_merge()
        self.merge_button.setEnabled(self.selected_duplicate() is not None)
        allowed = merge is not None and (
            merge.kind == "link" or self._ctx.actor.can(Permission.REASSIGN)
        )
        self.undo_button.setEnabled(allowed and merge is not None and merge.undone_at is None)

    def ask_merge(self) -> None:
        """Ask before merging the selected proposal into this customer."""
        other, card = self.selected_duplicate(), self.card
        if other is None or card is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Merge these records?"),
            self.tr(
                "{other}'s %n complaint(s), messages and contact points will move to "
                "{name}. The merge can be undone from this card.",
                "",
                other.complaints,
            ).format(other=other.display_name, name=card.display_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Merge"))
        box.accepted.connect(lambda: self.merge(other.customer_id))
        box.open()
        self.confirmation = box

    def merge(self, loser_id: uuid.UUID) -> None:
        """Merge ``loser_id`` into this customer."""
        ctx, winner = self._ctx, self._customer_id
        if self.card is not None:
            winner = self.card.customer_id
        reason = self.tr("Merged from the customer card")
        self._change(lambda: customer_merge.merge(ctx, winner, loser_id, reason))

    def undo_selected(self) -> None:
        """Undo the merge selected."""
        merge, ctx = self.selected_merge(), self._ctx
        if merge is not None:
            self._change(lambda: customer_merge.undo(ctx, merge.merge_id))

    def _change(self, work: Callable[[], MergeResult]) -> None:
        ids = frozenset(c.complaint_id for c in self.card.complaints) if self.card else frozenset()
        self._ops.run(work, Changes(ids, queues=True), done=lambda _result: self.reload())

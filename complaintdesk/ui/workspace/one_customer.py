"""One customer, one case, in the workspace: who else the customer may be, which complaint
may be the same grievance, and the one action that makes them one.

Shown under the customer and routing column of the complaint shown: "This may be Léa
Martin — 1 open complaint" with *Link the sender to Léa Martin* (anyone who handles
complaints) or *Merge the records* (supervisors); the customer's complaints that look like
this one, to *Merge into this one* or *Link* (different grievances); the links and merges
already made, each undoable. Every change is undone by Ctrl+Z as the last action.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import OPEN_STATUSES, Channel
from complaintdesk.services.complaints import links, merging
from complaintdesk.services.complaints.links import CaseOverview, RelatedComplaint
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers import linking, merge
from complaintdesk.services.customers.duplicates import DuplicateCandidate
from complaintdesk.services.customers.linking import IdentityProposals
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui import duplicate_words, labels
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.tasks import Task
from complaintdesk.ui.widgets import caption, heading, scroll_area, text_label
from complaintdesk.ui.window.undo import LastAction, Undoable

OPEN = frozenset(s.value for s in OPEN_STATUSES)


@dataclass(frozen=True)
class Loaded:
    """What the panel shows for one complaint."""

    complaint_id: uuid.UUID
    identity: IdentityProposals
    case: CaseOverview


class OneCustomerPanel(QWidget):
    """Proposals and the actions that make one customer and one case.

    Args:
        ctx: the signed-in caller.
        operations: runs reads and changes off the GUI thread.
        last_action: where each change is remembered for Ctrl+Z.
        choose_customer: opens the search for "link the sender to another customer…" and
            calls back with the customer chosen.
        parent: the workspace.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        last_action: LastAction,
        choose_customer: Callable[[Callable[[uuid.UUID, str], None]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ops = operations
        self._last = last_action
        self._choose_customer = choose_customer
        self._detail: ComplaintDetail | None = None
        self.loaded: Loaded | None = None
        self.setAccessibleName(self.tr("One customer, one case"))
        area = scroll_area(self.tr("One customer, one case"))
        content = QWidget()
        self._column = QVBoxLayout(content)
        self._column.setContentsMargins(0, 4, 6, 0)
        self._column.setSpacing(2)
        area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(area)
        self.buttons: dict[str, QPushButton] = {}
        """The action buttons shown, by what they do (tests press them)."""
        self.lines: list[str] = []
        """The sentences shown, in order (tests read them)."""
        self.hide()  # shown when there is something to propose or undo

    # --- reading ---

    def show_detail(self, detail: ComplaintDetail) -> None:
        """Read the proposals of ``detail`` off the GUI thread, then show them."""
        self._detail = detail
        if not self._ctx.actor.can(Permission.HANDLE_COMPLAINTS):
            return
        ctx, complaint_id = self._ctx, detail.id

        def read(_task: Task[Loaded]) -> Loaded:
            return Loaded(
                complaint_id,
                linking.proposals(ctx, complaint_id),
                links.overview(ctx, complaint_id),
            )

        # Through the runner, not the operations: reading proposals never holds actions back.
        self._ops.runner.run(read, self._show, self._failed)

    def _failed(self, error: Exception) -> None:
        self._clear()
        self._line(self.tr("The proposals could not be read: {error}").format(error=error))

    def _show(self, loaded: Loaded) -> None:
        if self._detail is None or self._detail.id != loaded.complaint_id:
            return  # another complaint was shown meanwhile
        self.loaded = loaded
        self._clear()
        if self._detail.opened_as:
            self._line(
                self.tr("{old} was merged into this complaint: its reference leads here.").format(
                    old=self._detail.opened_as
                )
            )
        self._identity(loaded.identity)
        self._case(loaded.case)
        self._column.addStretch(1)
        self.setVisible(bool(self.lines) or bool(self.buttons))

    def _clear(self) -> None:
        while self._column.count():
            item = self._column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.hide()
        self.buttons.clear()
        self.lines.clear()

    # --- who the customer may also be ---

    def _identity(self, identity: IdentityProposals) -> None:
        if identity.candidates:
            self._column.addWidget(heading(self.tr("Maybe the same customer")))
        for candidate in identity.candidates:
            self._line(self._maybe(candidate))
            why = caption(duplicate_words.duplicate_reasons(candidate.reasons))
            why.setWordWrap(True)
            self._column.addWidget(why)
            row = self._row()
            if identity.senders:
                self._button(
                    row,
                    f"link:{candidate.customer_id}",
                    self.tr("&Link the sender"),
                    partial(self.link_sender, candidate.customer_id, candidate.display_name),
                )
            if identity.can_merge:
                self._button(
                    row,
                    f"merge:{candidate.customer_id}",
                    self.tr("Merge the records"),
                    partial(self.merge_customer, candidate.customer_id, candidate.display_name),
                )
        if identity.senders:
            row = self._row()
            self._button(
                row,
                "link_other",
                self.tr("Link to another customer…"),
                self.link_sender_elsewhere,
            )

    def _maybe(self, candidate: DuplicateCandidate) -> str:
        contacts = ", ".join(candidate.contacts[:2])
        return self.tr(
            "This may be {name} ({contacts}) — %n open complaint(s)", "", candidate.open_complaints
        ).format(name=candidate.display_name, contacts=contacts or self.tr("no contact point"))

    def link_sender(self, customer_id: uuid.UUID, name: str) -> None:
        """Link the sender of the complaint shown to ``customer_id`` (undo: Ctrl+Z)."""
        detail, ctx = self._detail, self._ctx
        if detail is None:
            return
        what = self.tr("link of the sender to {name}").format(name=name)
        self._change(
            lambda: linking.link_sender(ctx, detail.id, customer_id),
            lambda done: Undoable(
                what, lambda: merge.undo(ctx, done.merge_id), Changes.complaint(detail.id)
            ),
        )

    def link_sender_elsewhere(self) -> None:
        """Search a customer by name, phone or email, then link the sender to them."""
        self._choose_customer(self.link_sender)

    def merge_customer(self, customer_id: uuid.UUID, name: str) -> None:
        """Merge the record ``customer_id`` into the complaint's customer (supervisors)."""
        detail, ctx = self._detail, self._ctx
        if detail is None:
            return
        reason = self.tr("Merged from the workspace of {reference}").format(
            reference=detail.reference
        )
        what = self.tr("merge of {name}'s record").format(name=name)
        self._change(
            lambda: merge.merge(ctx, detail.customer_id, customer_id, reason),
            lambda done: Undoable(
                what, lambda: merge.undo(ctx, done.merge_id), Changes.complaint(detail.id)
            ),
        )

    # --- which complaint may be the same grievance ---

    def _case(self, case: CaseOverview) -> None:
        if case.proposed:
            self._column.addWidget(heading(self.tr("Maybe the same grievance")))
        for other in case.proposed:
            self._line(self._related(other))
            row = self._row()
            self._button(
                row,
                f"merge_complaint:{other.reference}",
                self.tr("&Merge {reference} into this one").format(reference=other.reference),
                partial(self.merge_complaint, other.complaint_id, other.reference),
            )
            self._button(
                row,
                f"link_complaint:{other.reference}",
                self.tr("Different grievances: link"),
                partial(self.link_complaint, other.complaint_id, other.reference),
            )
        self._others(case)
        if case.linked:
            self._column.addWidget(heading(self.tr("Linked complaints")))
        for other in case.linked:
            self._line(self._related(other))
            row = self._row()
            self._button(
                row,
                f"unlink:{other.reference}",
                self.tr("Unlink"),
                partial(self.unlink, other),
            )
        self._merges(case)

    def _others(self, case: CaseOverview) -> None:
        """The customer's other open complaints not proposed nor linked: merge or link by hand."""
        shown = {o.complaint_id for o in (*case.proposed, *case.linked)}
        others = [o for o in case.others if o.complaint_id not in shown and o.status.value in OPEN]
        if others:
            self._column.addWidget(heading(self.tr("The customer's other open complaints")))
        for other in others:
            self._line(self._related(other))
            row = self._row()
            self._button(
                row,
                f"merge_complaint:{other.reference}",
                self.tr("Same grievance: merge into this one"),
                partial(self.merge_complaint, other.complaint_id, other.reference),
            )
            self._button(
                row,
                f"link_complaint:{other.reference}",
                self.tr("Link"),
                partial(self.link_complaint, other.complaint_id, other.reference),
            )

    def _merges(self, case: CaseOverview) -> None:
        live = [m for m in case.merges if m.undone_at is None and m.kept_id == case.complaint_id]
        if live:
            self._column.addWidget(heading(self.tr("Merged into this one")))
        for done in live:
            self._line(
                self.tr("{merged} was merged into this complaint ({when})").format(
                    merged=done.merged_reference, when=labels.local_time(done.merged_at)
                )
            )
            row = self._row()
            self._button(
                row,
                f"undo_merge:{done.merged_reference}",
                self.tr("Undo the merge"),
                partial(self.undo_merge, done.merge_id),
            )

    def undo_merge(self, merge_id: uuid.UUID) -> None:
        """Undo a merge into the complaint shown (the merged complaint is separate again)."""
        ctx = self._ctx
        self._run(lambda: merging.undo(ctx, merge_id), self._shown_changes())

    def _related(self, other: RelatedComplaint) -> str:
        return self.tr("{reference} — {status}, {channel}, received {when}: {subject}").format(
            reference=other.reference,
            status=labels.status_label(other.status),
            channel=labels.channel_label(Channel(other.channel)),
            when=labels.local_time(other.received_at),
            subject=other.subject,
        )

    def merge_complaint(self, other_id: uuid.UUID, reference: str) -> None:
        """Merge ``other_id`` into the complaint shown (undo: Ctrl+Z)."""
        detail, ctx = self._detail, self._ctx
        if detail is None:
            return
        what = self.tr("merge of {reference}").format(reference=reference)
        reason = self.tr("Same grievance")
        self._change(
            lambda: merging.merge(ctx, detail.id, other_id, reason, detail.version),
            lambda done: Undoable(
                what,
                lambda: merging.undo(ctx, done.merge_id),
                Changes(frozenset({detail.id, other_id}), queues=True, notifications=True),
            ),
        )

    def link_complaint(self, other_id: uuid.UUID, reference: str) -> None:
        """Link ``other_id`` to the complaint shown: a different grievance (undo: Ctrl+Z)."""
        detail, ctx = self._detail, self._ctx
        if detail is None:
            return
        what = self.tr("link with {reference}").format(reference=reference)
        self._change(
            lambda: links.link(ctx, detail.id, other_id),
            lambda link_id: Undoable(
                what, lambda: links.unlink(ctx, link_id), Changes.complaint(detail.id)
            ),
        )

    def unlink(self, other: RelatedComplaint) -> None:
        """Remove the link with ``other`` (undo: link them again)."""
        detail, ctx = self._detail, self._ctx
        if detail is None or other.link_id is None:
            return
        link_id = other.link_id
        what = self.tr("unlink of {reference}").format(reference=other.reference)
        self._change(
            lambda: links.unlink(ctx, link_id),
            lambda _none: Undoable(
                what,
                lambda: links.link(ctx, detail.id, other.complaint_id),
                Changes.complaint(detail.id),
            ),
        )

    # --- plumbing ---

    def _shown_changes(self) -> Changes:
        return Changes.complaint(self._detail.id) if self._detail else Changes(queues=True)

    def _change(self, work: Callable[[], Any], undo: Callable[[Any], Undoable]) -> None:
        self._run(work, self._shown_changes(), lambda done: self._last.remember(undo(done)))

    def _run(
        self,
        work: Callable[[], Any],
        changes: Changes,
        done: Callable[[Any], None] | None = None,
    ) -> None:
        self._ops.run(
            work, Changes(changes.complaint_ids, queues=True, notifications=True), done=done
        )

    def _line(self, text: str) -> None:
        self.lines.append(text)
        self._column.addWidget(text_label(text, name=self.tr("Proposal")))

    def _row(self) -> QHBoxLayout:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 4)
        self._column.addWidget(holder)
        return row

    def _button(self, row: QHBoxLayout, key: str, text: str, slot: Callable[[], None]) -> None:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.setToolTip(text.replace("&", ""))
        # A narrow column shrinks the button rather than clipping the panel.
        button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _checked=False: slot())
        row.addWidget(button)
        self.buttons[key] = button

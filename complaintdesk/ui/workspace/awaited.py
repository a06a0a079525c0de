"""What a complaint waits for: contribution requests, customer commitments, the resolution.

The person points at one request and one commitment; the actions that need one (answer,
decline, cancel, fulfilled, reminded) act on it. The first open one asked of the person's
own function (or the first open one) is pointed at when a complaint is shown.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from complaintdesk.services.read_models import CommitmentView, ComplaintDetail, RequestView
from complaintdesk.ui import labels
from complaintdesk.ui.widgets import heading, text_label

_ID = Qt.ItemDataRole.UserRole
Line = tuple[uuid.UUID, str, bool]
"""(id, text, still open)"""


class AwaitedPanel(QWidget):
    """Lists of requests and commitments, and the resolution once there is one.

    Args:
        function_ids: the signed-in person's functions (their requests are pointed at first).
        parent: the owning widget.
    """

    selection_changed = Signal()
    """The request or commitment pointed at changed."""

    def __init__(self, function_ids: frozenset[uuid.UUID], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._function_ids = function_ids
        self._detail: ComplaintDetail | None = None
        self.requests = self._list(self.tr("Contribution requests"))
        self.commitments = self._list(self.tr("Customer commitments"))
        self.resolution = text_label("", name=self.tr("Resolution"))
        self.resolution.hide()
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(2)
        self._requests_heading = heading(self.tr("Contribution requests"))
        self._commitments_heading = heading(self.tr("Customer commitments"))
        self._column.addWidget(self._requests_heading)
        self._column.addWidget(self.requests, 3)
        self._column.addWidget(self._commitments_heading)
        self._column.addWidget(self.commitments, 2)
        self._column.addWidget(self.resolution)
        self._column.addStretch(0)

    def set_buttons(self, for_requests: QWidget, for_commitments: QWidget) -> None:
        """Put the buttons acting on the pointed-at request and commitment under their lists."""
        self._column.insertWidget(self._column.indexOf(self.requests) + 1, for_requests)
        self._column.insertWidget(self._column.indexOf(self.commitments) + 1, for_commitments)

    def _list(self, name: str) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(name)
        widget.setWordWrap(True)
        widget.setAlternatingRowColors(True)
        widget.setTextElideMode(Qt.TextElideMode.ElideNone)
        widget.setSpacing(2)  # multi-line entries need air between them
        widget.currentItemChanged.connect(lambda *_: self.selection_changed.emit())
        return widget

    def show_detail(self, detail: ComplaintDetail, *, keep: bool) -> None:
        """Show what ``detail`` waits for; ``keep`` keeps what the person pointed at."""
        self._detail = detail
        now = datetime.now(UTC)
        requests = [(r.id, self._request_text(r, now), r.state == "open") for r in detail.requests]
        empty = self.tr("No contribution requests")
        _fill(self.requests, requests, empty, keep, self._preferred_request(detail.requests))
        commitments = [
            (c.id, self._commitment_text(c), c.state == "open") for c in detail.commitments
        ]
        first_open = next((c.id for c in detail.commitments if c.state == "open"), None)
        empty = self.tr("No customer commitments")
        _fill(self.commitments, commitments, empty, keep, first_open)
        # An empty list folds to its heading: what is there gets the height.
        none = self.tr("No contribution requests")
        self._fold(self._requests_heading, self.requests, none if not requests else "")
        none = self.tr("No customer commitments")
        self._fold(self._commitments_heading, self.commitments, none if not commitments else "")
        self._fill_resolution(detail)

    def _fold(self, title: QLabel, widget: QListWidget, empty: str) -> None:
        title.setText(empty or widget.accessibleName())
        widget.setVisible(not empty)

    def has_content(self) -> bool:
        """True when the complaint has requests, commitments or a resolution to show."""
        detail = self._detail
        return detail is not None and bool(detail.requests or detail.commitments or detail.outcome)

    def selected_request(self) -> RequestView | None:
        """The contribution request the person points at, if any."""
        ident = _current_id(self.requests)
        views = self._detail.requests if self._detail else ()
        return next((r for r in views if str(r.id) == ident), None)

    def selected_commitment(self) -> CommitmentView | None:
        """The customer commitment the person points at, if any."""
        ident = _current_id(self.commitments)
        views = self._detail.commitments if self._detail else ()
        return next((c for c in views if str(c.id) == ident), None)

    def _request_text(self, r: RequestView, now: datetime) -> str:
        state = labels.request_state_label(r.state)
        if r.state == "open" and r.due_at < now:
            state = self.tr("LATE — {state}").format(state=state)
        lines = [
            self.tr("{function} · {state}").format(function=r.function_name, state=state),
            self.tr("Due {when}").format(when=labels.local_time(r.due_at)),
            self.tr("Q: {question}").format(question=r.question),
        ]
        if r.answer:
            lines.append(self.tr("A: {answer}").format(answer=r.answer))
        return "\n".join(lines)

    def _preferred_request(self, requests: tuple[RequestView, ...]) -> uuid.UUID | None:
        open_ = [r for r in requests if r.state == "open"]
        mine = [r for r in open_ if r.function_id in self._function_ids]
        first = (mine or open_)[:1]
        return first[0].id if first else None

    def _commitment_text(self, c: CommitmentView) -> str:
        state = labels.commitment_state_label(c.state)
        if c.state == "open" and c.overdue_at is not None:
            state = self.tr("OVERDUE — {state}").format(state=state)
        due = self.tr("{state} · due {when}").format(state=state, when=labels.local_time(c.due_at))
        reminders = self.tr("Reminders sent: {count}").format(count=c.reminders_sent)
        if c.state == "open" and c.next_reminder_at is not None:
            reminders = self.tr("{sent} · next one {when}").format(
                sent=reminders, when=labels.local_time(c.next_reminder_at)
            )
        lines = [c.description, due, reminders]
        if c.state == "open" and c.proposed_at is not None:
            lines.append(
                self.tr("The customer sent something on {when}: fulfilled? (or Not yet)").format(
                    when=labels.local_time(c.proposed_at)
                )
            )
        return "\n".join(lines)

    def _fill_resolution(self, d: ComplaintDetail) -> None:
        if not d.outcome:
            self.resolution.hide()
            return
        parts = [self.tr("Resolved: {outcome}").format(outcome=labels.outcome_text(d.outcome))]
        if d.remedy:
            parts.append(self.tr("Remedy: {remedy}").format(remedy=d.remedy))
        if d.amount is not None:
            amount = f"{d.amount} {d.currency or ''}".strip()
            parts.append(self.tr("Amount: {amount}").format(amount=amount))
        if d.root_cause_name:
            parts.append(self.tr("Root cause: {cause}").format(cause=d.root_cause_name))
        self.resolution.setText("\n".join(parts))
        self.resolution.show()


def list_texts(widget: QListWidget) -> list[str]:
    """Return the lines of a list as shown."""
    return [widget.item(row).text() for row in range(widget.count())]


def _fill(
    widget: QListWidget, lines: list[Line], empty: str, keep: bool, preferred: uuid.UUID | None
) -> None:
    kept = _current_id(widget) if keep else None
    still_open = {str(ident) for ident, _text, is_open in lines if is_open}
    # Keep what the person pointed at while it can still be acted on; else point afresh.
    target = kept if kept in still_open else (str(preferred) if preferred else None)
    blocked = widget.blockSignals(True)
    widget.clear()
    if not lines:
        placeholder = QListWidgetItem(empty)
        placeholder.setFlags(Qt.ItemFlag.NoItemFlags)  # a hint, not something to select
        widget.addItem(placeholder)
    done = widget.palette().brush(QPalette.ColorRole.PlaceholderText)
    for ident, text, is_open in lines:
        item = QListWidgetItem(text)
        item.setData(_ID, str(ident))
        if not is_open:
            item.setForeground(done)  # settled: muted, still readable
        widget.addItem(item)
        if str(ident) == target:
            widget.setCurrentItem(item)
    widget.blockSignals(blocked)


def _current_id(widget: QListWidget) -> str | None:
    item = widget.currentItem()
    ident = item.data(_ID) if item is not None else None
    return str(ident) if ident else None

"""The workspace of one complaint: who and where it stands, its story, what is awaited.

It sits under the queue table, so it is wide and short: a header (reference, status,
owner, function, priority, the promise clock and the regulatory clock, each with its own
badge) and the action buttons across the top with who else is on the complaint, then
columns that scroll on their own — the customer and why the complaint is here; one timeline
of messages and events with the reply composer under it; the contribution requests and
customer commitments, a column that folds away while there are none.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.promises import clocks
from complaintdesk.domain.vocabulary import ClockState
from complaintdesk.services.context import Actor
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui import labels
from complaintdesk.ui.contacts import contact_text
from complaintdesk.ui.session.sign_in import ERROR_COLOUR
from complaintdesk.ui.widgets import (
    ElidedLabel,
    caption,
    card,
    heading,
    replace_content,
    scroll_area,
    text_label,
)
from complaintdesk.ui.workspace import routing_words
from complaintdesk.ui.workspace.awaited import AwaitedPanel
from complaintdesk.ui.workspace.timeline_view import TimelineView

Facts = list[tuple[str, str, str]]
"""(title, value, tooltip) of each fact."""
CLOCK_COLOURS = {ClockState.AT_RISK: "#8a5300", ClockState.BREACHED: ERROR_COLOUR}
BADGE_STYLES = {
    ClockState.AT_RISK: "background: #fff0c2; color: #6b4100; border: 1px solid #e0b040;",
    ClockState.BREACHED: "background: #fde2e1; color: #8f1d17; border: 1px solid #e06b66;",
}
"""A clock at risk or late is a badge that catches the eye before its words are read."""
RELATIVE_REFRESH_MS = 60_000
""""in 3 h" ages: the header words its deadlines again every minute."""
CLOSED_STATUSES = ("resolved", "closed", "withdrawn")
FACTS_WIDTH, AWAITED_WIDTH = 220, 180
"""The side columns never narrower than their facts and requests can be read at."""
_OWED = ("on_track", "at_risk", "breached", "paused")


class Workspace(QWidget):
    """Shows one complaint and lets the person point at one request and one commitment.

    Args:
        actor: the signed-in person (their function's requests are pointed at first).
        parent: the owning widget.
    """

    detail_shown = Signal(object)
    """A complaint's detail was shown (again): panels beside it read what they add."""

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detail: ComplaintDetail | None = None
        self._values: dict[str, QLabel] = {}
        self.action_bar = QWidget()
        self.presence = text_label("", name=self.tr("Who else is on this complaint"))
        self.presence.setWordWrap(False)
        self.presence.hide()
        self.read_only_hint = text_label("")
        self.read_only_hint.hide()
        self.facts_area = scroll_area(self.tr("Customer and routing"))
        self.facts_area.setMinimumWidth(FACTS_WIDTH)
        self.timeline = TimelineView()
        self.timeline_area = self.timeline
        self.composer: QWidget = QWidget()
        self.awaited = AwaitedPanel(actor.function_ids)
        self.awaited.setMinimumWidth(AWAITED_WIDTH)
        self.selection_changed = self.awaited.selection_changed
        self._ages = QTimer(self)
        self._ages.setInterval(RELATIVE_REFRESH_MS)
        self._ages.timeout.connect(self._age_header)
        self._lay_out()

    # --- building ---

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self._header())
        self._bar_row = QHBoxLayout()
        self._bar_row.addWidget(self.action_bar, 1)
        self._bar_row.addWidget(self.presence)
        layout.addLayout(self._bar_row)
        layout.addWidget(self.read_only_hint)
        # The timeline over the composer: the person drags the line between them.
        self.conversation = QSplitter(Qt.Orientation.Vertical)
        self.conversation.setObjectName("conversation")
        self.conversation.setChildrenCollapsible(False)
        self.conversation.addWidget(self._titled(self.tr("Timeline"), self.timeline_area))
        self.conversation.addWidget(self.composer)
        self.conversation.setStretchFactor(0, 1)
        self.conversation.setStretchFactor(1, 0)
        side = QWidget()
        self._side = QVBoxLayout(side)
        self._side.setContentsMargins(0, 0, 0, 0)
        self._side.addWidget(self.facts_area, 1)
        self.columns = QSplitter(Qt.Orientation.Horizontal)
        self.columns.setObjectName("workspace_columns")
        self.columns.setChildrenCollapsible(False)
        self.columns.addWidget(side)
        self.columns.addWidget(self.conversation)
        self.columns.addWidget(self.awaited)
        self.columns.setStretchFactor(0, 0)
        self.columns.setStretchFactor(1, 1)
        self.columns.setStretchFactor(2, 0)
        self.columns.setSizes([290, 500, 220])  # the timeline takes what is left
        layout.addWidget(self.columns, 1)

    def _header(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(0)
        self._values["reference"] = text_label("", name=self.tr("Reference"), bold=True, scale=1.2)
        self.subject = ElidedLabel(name=self.tr("Subject"), bold=True)
        grid.addWidget(self._values["reference"], 0, 0, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        fields = (
            ("status", self.tr("Status")),
            ("owner", self.tr("Owner")),
            ("function", self.tr("Function")),
            ("priority", self.tr("Priority")),
            ("clock", self.tr("Promise")),
            ("regulatory", self.tr("Regulatory deadline")),
        )
        self._captions: dict[str, QLabel] = {}
        for column, (key, title) in enumerate(fields, start=1):
            self._captions[key] = caption(title)
            grid.addWidget(self._captions[key], 0, column)
            self._values[key] = text_label("", name=title, bold=True)
            self._values[key].setWordWrap(False)  # a status cut in two reads as two facts
            grid.addWidget(self._values[key], 1, column, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.subject, 2, 0, 1, len(fields) + 2)
        grid.setColumnStretch(len(fields) + 1, 1)
        return box

    def _titled(self, title: str, content: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(heading(title))
        column.addWidget(content, 1)
        return box

    def add_side_panel(self, panel: QWidget) -> None:
        """Put ``panel`` under the customer and routing column (kept across complaints)."""
        self._side.addWidget(panel, 1)

    def set_action_bar(self, bar: QWidget) -> None:
        """Place the row of action buttons under the header."""
        self._bar_row.replaceWidget(self.action_bar, bar)
        self.action_bar.deleteLater()
        self.action_bar = bar

    def set_composer(self, composer: QWidget) -> None:
        """Place the reply composer under the timeline."""
        # Added, not put in the placeholder's place: the splitter then sizes it by its hint
        # (a few lines) when first shown, and the timeline takes the rest.
        self.composer.setParent(None)
        self.composer.deleteLater()
        self.conversation.addWidget(composer)
        self.conversation.setStretchFactor(1, 0)
        self.composer = composer

    def set_presence(self, text: str) -> None:
        """Say who else is on the shown complaint ("Bea Billing is writing a reply")."""
        self.presence.setText(text)
        self.presence.setVisible(bool(text))

    # --- what the window asks ---

    @property
    def detail(self) -> ComplaintDetail | None:
        """The complaint shown, or None."""
        return self._detail

    def clear(self) -> None:
        """Forget the complaint (the pane shows a hint instead): no action applies."""
        self._detail = None
        self._ages.stop()
        self.timeline.clear()
        self.set_presence("")
        self.selection_changed.emit()

    def show_detail(self, detail: ComplaintDetail, *, read_only_hint: str = "") -> None:
        """Show ``detail``; the same complaint again keeps what the person pointed at."""
        same = self._detail is not None and self._detail.id == detail.id
        if not same:
            self.set_presence("")  # the previous complaint's colleagues are not on this one
        self._detail = detail
        self._fill_header(detail)
        self._ages.start()
        self.read_only_hint.setText(read_only_hint)
        self.read_only_hint.setVisible(bool(read_only_hint))
        replace_content(self.facts_area, self._facts(detail))
        self.timeline.show_detail(detail)
        self.awaited.show_detail(detail, keep=same)
        # Nothing asked and nothing awaited: the column folds away, the timeline widens.
        self.awaited.setVisible(self.awaited.has_content())
        self.selection_changed.emit()
        self.detail_shown.emit(detail)

    def value(self, key: str) -> str:
        """Return a header value: reference, subject, status, owner, function, priority, clock,
        regulatory (empty while no regulatory deadline applies)."""
        return self.subject.full_text if key == "subject" else self._values[key].text()

    def tooltip(self, key: str) -> str:
        """Return the tooltip of a header value (the exact instant of a clock)."""
        return self._values[key].toolTip()

    def timeline_texts(self) -> list[str]:
        """Return the timeline's lines as shown, oldest first (message cards by their kind)."""
        return self.timeline.texts()

    def why_text(self) -> str:
        """Return the "Why is this here?" answer shown."""
        found = self.facts_area.findChild(QLabel, "why")
        return found.text() if isinstance(found, QLabel) else ""

    # --- header and left column ---

    def _fill_header(self, d: ComplaintDetail) -> None:
        self.subject.set_full_text(d.subject)
        texts = {
            "reference": d.reference,
            "status": labels.status_label(d.status),
            "owner": d.owner_name or labels.unassigned(),
            "function": d.function_name or "—",
            "priority": labels.priority_label(d.priority),
        }
        for key, text in texts.items():
            self._values[key].setText(text)
        promise = d.promise_state if d.targets else d.clock_state
        self._badge("clock", promise, _promise_due(d), d)
        # The regulatory clock has a badge of its own: a legal deadline never hides behind a
        # company promise that is paused or kept.
        regulated = d.regulatory_policy_name is not None or d.regulatory_due_at is not None
        self._captions["regulatory"].setVisible(regulated)
        self._values["regulatory"].setVisible(regulated)
        if regulated:
            due = d.regulatory_next_due_at or d.regulatory_due_at
            self._badge("regulatory", d.regulatory_state, due, d)
            if d.regulatory_policy_name:
                self._captions["regulatory"].setToolTip(d.regulatory_policy_name)

    def _badge(self, key: str, state: ClockState, due: datetime | None, d: ComplaintDetail) -> None:
        """Word a clock as people think ("At risk · in 3 h"), its exact instant on hover."""
        state = clocks.as_of(state, due, datetime.now(UTC))
        text = labels.regulatory_label(state) if key == "regulatory" else labels.clock_label(state)
        running = d.status.value not in CLOSED_STATUSES and state is not ClockState.MET
        if running and due is not None:
            text = self.tr("{state} · {when}").format(state=text, when=labels.due_text(due))
        value = self._values[key]
        value.setText(text)
        value.setToolTip(
            self.tr("Due {when}").format(when=labels.exact_time(due, d.site_timezone))
            if due is not None
            else ""
        )
        # The words say it; the colour makes a late complaint catch the eye first.
        badge = BADGE_STYLES.get(state)
        style = f"QLabel {{ {badge} border-radius: 3px; padding: 0 4px; }}" if badge else ""
        value.setStyleSheet(style)

    def _age_header(self) -> None:
        if self._detail is not None:
            self._fill_header(self._detail)

    def _facts(self, d: ComplaintDetail) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(4)
        column.addWidget(self._customer_card(d))
        column.addWidget(heading(self.tr("Why is this here?")))
        why = text_label(routing_words.why(d.routing), name=self.tr("Why is this here?"))
        why.setObjectName("why")
        column.addWidget(why)
        if d.team_queue_name:
            team = self.tr("Team queue: {queue}").format(queue=d.team_queue_name)
            column.addWidget(caption(team))
        column.addWidget(heading(self.tr("Facts")))
        column.addWidget(self._form(self._complaint_facts(d)))
        column.addWidget(heading(self.tr("Description")))
        description = d.description.strip() or self.tr("(no description)")
        column.addWidget(text_label(description, name=self.tr("Description")))
        column.addStretch(1)
        return box

    def _customer_card(self, d: ComplaintDetail) -> QWidget:
        frame = card(self.tr("Customer"))
        column = QVBoxLayout(frame)
        column.setContentsMargins(8, 6, 8, 6)
        column.setSpacing(2)
        column.addWidget(caption(self.tr("Customer")))
        column.addWidget(text_label(d.customer_name, name=self.tr("Customer name"), bold=True))
        about = self.tr("{segment} · {language}").format(
            segment=labels.segment_label(d.customer_segment),
            language=labels.language_label(d.language),
        )
        column.addWidget(text_label(about, name=self.tr("Segment and language")))
        shown = (contact_text(c.value) for c in d.contacts)
        contacts = "\n".join(c for c in shown if c) or self.tr("No contact points")
        column.addWidget(text_label(contacts, name=self.tr("Contacts")))
        return frame

    def _complaint_facts(self, d: ComplaintDetail) -> Facts:
        zone = d.site_timezone

        def instant(title: str, value: datetime | None) -> tuple[str, str, str]:
            return title, labels.local_time(value), labels.exact_time(value, zone)

        return [
            (self.tr("Channel"), labels.channel_label(d.channel), ""),
            (self.tr("Site"), f"{d.site_code} — {d.site_name}", ""),
            (self.tr("Category"), d.category_name or "", ""),
            instant(self.tr("Received"), d.received_at),
            instant(self.tr("Acknowledge by"), d.acknowledge_due_at),
            instant(self.tr("Resolve by"), d.resolution_due_at),
            instant(self.tr("Regulatory deadline"), d.regulatory_due_at),
        ]

    def _form(self, facts: Facts) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(2)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # long captions: above
        for title, value, tip in facts:
            shown = text_label(value or "—", name=title)
            shown.setToolTip(tip)
            form.addRow(caption(self.tr("{}:").format(title)), shown)
        return box


def _promise_due(d: ComplaintDetail) -> datetime | None:
    """The next company promise still owed (the earliest), else the next due instant."""
    owed = [
        t.due_at
        for t in d.targets
        if t.kind == "service" and t.met_at is None and t.state.value in _OWED
    ]
    return min(owed) if owed else d.next_due_at

"""The workspace of one complaint: who and where it stands, its story, what is awaited.

It sits under the queue table, so it is wide and short: a header (reference, status,
owner, function, priority, promise clock) and the action buttons across the top, then
three columns that scroll on their own — the customer and why the complaint is here; one
timeline of messages and events; the contribution requests and customer commitments.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.vocabulary import ClockState
from complaintdesk.services.context import Actor
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui import labels
from complaintdesk.ui.session.sign_in import ERROR_COLOUR
from complaintdesk.ui.widgets import (
    caption,
    card,
    heading,
    replace_content,
    scroll_area,
    text_label,
)
from complaintdesk.ui.workspace import timeline
from complaintdesk.ui.workspace.awaited import AwaitedPanel

Facts = list[tuple[str, str]]
CLOCK_COLOURS = {ClockState.AT_RISK: "#8a5300", ClockState.BREACHED: ERROR_COLOUR}


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
        self.read_only_hint = text_label("")
        self.read_only_hint.hide()
        self.facts_area = scroll_area(self.tr("Customer and routing"))
        self.timeline_area = scroll_area(self.tr("Timeline"))
        self.awaited = AwaitedPanel(actor.function_ids)
        self.selection_changed = self.awaited.selection_changed
        self._stick_to_end = True
        bar = self.timeline_area.verticalScrollBar()
        bar.rangeChanged.connect(self._keep_latest_in_view)
        self._lay_out()

    # --- building ---

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self._header())
        self._bar_row = QHBoxLayout()
        self._bar_row.addWidget(self.action_bar)
        layout.addLayout(self._bar_row)
        layout.addWidget(self.read_only_hint)
        columns = QSplitter(Qt.Orientation.Horizontal)
        columns.setChildrenCollapsible(False)
        side = QWidget()
        self._side = QVBoxLayout(side)
        self._side.setContentsMargins(0, 0, 0, 0)
        self._side.addWidget(self.facts_area, 1)
        columns.addWidget(side)
        columns.addWidget(self._titled(self.tr("Timeline"), self.timeline_area))
        columns.addWidget(self.awaited)
        columns.setStretchFactor(0, 3)
        columns.setStretchFactor(1, 5)
        columns.setStretchFactor(2, 3)
        columns.setSizes([300, 480, 320])
        layout.addWidget(columns, 1)

    def _header(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(0)
        self._values["reference"] = text_label("", name=self.tr("Reference"), bold=True, scale=1.2)
        self._values["subject"] = text_label("", name=self.tr("Subject"), bold=True)
        grid.addWidget(self._values["reference"], 0, 0, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        fields = (
            ("status", self.tr("Status")),
            ("owner", self.tr("Owner")),
            ("function", self.tr("Function")),
            ("priority", self.tr("Priority")),
            ("clock", self.tr("Promise")),
        )
        for column, (key, title) in enumerate(fields, start=1):
            grid.addWidget(caption(title), 0, column)
            self._values[key] = text_label("", name=title, bold=True)
            self._values[key].setWordWrap(False)  # a status cut in two reads as two facts
            grid.addWidget(self._values[key], 1, column)
        grid.addWidget(self._values["subject"], 2, 0, 1, len(fields) + 1)
        grid.setColumnStretch(len(fields), 1)
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

    # --- what the window asks ---

    @property
    def detail(self) -> ComplaintDetail | None:
        """The complaint shown, or None."""
        return self._detail

    def clear(self) -> None:
        """Forget the complaint (the pane shows a hint instead): no action applies."""
        self._detail = None
        self.selection_changed.emit()

    def show_detail(self, detail: ComplaintDetail, *, read_only_hint: str = "") -> None:
        """Show ``detail``; the same complaint again keeps what the person pointed at."""
        same = self._detail is not None and self._detail.id == detail.id
        self._stick_to_end = not same or self._at_end()
        self._detail = detail
        self._fill_header(detail)
        self.read_only_hint.setText(read_only_hint)
        self.read_only_hint.setVisible(bool(read_only_hint))
        replace_content(self.facts_area, self._facts(detail))
        replace_content(self.timeline_area, self._timeline(detail))
        self.awaited.show_detail(detail, keep=same)
        self.selection_changed.emit()
        self.detail_shown.emit(detail)

    def value(self, key: str) -> str:
        """Return a header value: reference, subject, status, owner, function, priority, clock."""
        return self._values[key].text()

    def timeline_texts(self) -> list[str]:
        """Return the timeline's lines as shown, oldest first (message cards by their kind)."""
        content = self.timeline_area.widget()
        if content is None:
            return []
        return [
            label.text()
            for label in content.findChildren(QLabel)
            if label.accessibleName() in (self.tr("Event"), self.tr("Message kind"))
        ]

    def why_text(self) -> str:
        """Return the "Why is this here?" answer shown."""
        found = self.facts_area.findChild(QLabel, "why")
        return found.text() if isinstance(found, QLabel) else ""

    # --- header and left column ---

    def _fill_header(self, d: ComplaintDetail) -> None:
        clock = labels.clock_label(d.clock_state)
        if d.status.value not in ("resolved", "closed", "withdrawn"):
            clock = self.tr("{state}, next due {when}").format(
                state=clock, when=labels.local_time(d.next_due_at)
            )
        texts = {
            "reference": d.reference,
            "subject": d.subject,
            "status": labels.status_label(d.status),
            "owner": d.owner_name or self.tr("nobody yet"),
            "function": d.function_name or self.tr("none"),
            "priority": labels.priority_label(d.priority),
            "clock": clock,
        }
        for key, text in texts.items():
            self._values[key].setText(text)
        # The words say it; the colour makes a late complaint catch the eye first.
        colour = CLOCK_COLOURS.get(d.clock_state)
        self._values["clock"].setStyleSheet(f"color: {colour};" if colour else "")

    def _facts(self, d: ComplaintDetail) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(4)
        column.addWidget(self._customer_card(d))
        column.addWidget(heading(self.tr("Why is this here?")))
        why = text_label(
            d.routing_explanation or self.tr("No routing decision was recorded."),
            name=self.tr("Why is this here?"),
        )
        why.setObjectName("why")
        column.addWidget(why)
        team = self.tr("Team queue: {queue}").format(queue=d.team_queue or self.tr("none"))
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
        contacts = "\n".join(c.value for c in d.contacts) or self.tr("No contact points")
        column.addWidget(text_label(contacts, name=self.tr("Contacts")))
        return frame

    def _complaint_facts(self, d: ComplaintDetail) -> Facts:
        return [
            (self.tr("Channel"), labels.channel_label(d.channel)),
            (self.tr("Site"), f"{d.site_code} — {d.site_name}"),
            (self.tr("Category"), d.category_name or ""),
            (self.tr("Received"), labels.local_time(d.received_at)),
            (self.tr("Acknowledge by"), labels.local_time(d.acknowledge_due_at)),
            (self.tr("Resolve by"), labels.local_time(d.resolution_due_at)),
            (self.tr("Regulatory deadline"), labels.local_time(d.regulatory_due_at)),
        ]

    def _form(self, facts: Facts) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(2)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for title, value in facts:
            form.addRow(caption(self.tr("{}:").format(title)), text_label(value or "—", name=title))
        return box

    # --- the timeline ---

    def _timeline(self, d: ComplaintDetail) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(4)
        for entry in timeline.entries(d):
            column.addWidget(self._message(entry) if entry.message else self._event(entry))
        column.addStretch(1)
        return box

    def _event(self, entry: timeline.Entry) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(4, 0, 4, 0)
        when = caption(labels.local_time(entry.occurred_at))
        when.setAlignment(Qt.AlignmentFlag.AlignTop)
        line.addWidget(when)
        line.addWidget(text_label(entry.text, name=self.tr("Event")), 1)
        return row

    def _message(self, entry: timeline.Entry) -> QWidget:
        message = entry.message
        assert message is not None
        frame = card(self.tr("Message"))
        grid = QGridLayout(frame)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setVerticalSpacing(2)
        grid.addWidget(text_label(entry.text, name=self.tr("Message kind"), bold=True), 0, 0)
        when = " ".join(
            filter(None, [labels.local_time(entry.occurred_at), timeline.authored_by(entry)])
        )
        stamp = caption(when)
        stamp.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(stamp, 0, 1)
        row = 1
        for value, name in (
            (message.sender, self.tr("Sender")),
            (message.subject, self.tr("Subject")),
        ):
            if value:
                grid.addWidget(text_label(value, name=name), row, 0, 1, 2)
                row += 1
        body = text_label(message.body_text.strip() or "—", name=self.tr("Message text"))
        grid.addWidget(body, row, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        return frame

    def _at_end(self) -> bool:
        bar = self.timeline_area.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _keep_latest_in_view(self, _minimum: int, maximum: int) -> None:
        if self._stick_to_end:
            self.timeline_area.verticalScrollBar().setValue(maximum)

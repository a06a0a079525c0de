"""The read-only detail of the selected complaint: facts, promises, description, timeline.

It sits under the queue table, so it is wide and short: the facts on the left, the
description and the message timeline on the right, each side scrolling on its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.services.read_models import ComplaintDetail, MessageView
from complaintdesk.ui import labels

Facts = list[tuple[str, str]]


def _text(value: str, *, name: str = "", bold: bool = False, scale: float = 1.0) -> QLabel:
    """Return a label for data: plain text always, so customer text is never read as HTML."""
    label = QLabel(value)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setAccessibleName(name)
    if bold or scale != 1.0:
        font = QFont(label.font())
        font.setBold(bold)
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
    return label


def _scroll_area(name: str) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setAccessibleName(name)
    return area


def _replace(area: QScrollArea, content: QWidget) -> None:
    old = area.takeWidget()
    if old is not None:
        old.deleteLater()
    area.setWidget(content)


class DetailPane(QStackedWidget):
    """Shows one complaint, a hint when nothing is selected, or why it cannot be shown.

    Args:
        parent: the owning widget.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Complaint details"))
        self._placeholder = QLabel()
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setEnabled(False)  # drawn greyed: a hint, not content
        self._facts_area = _scroll_area(self.tr("Complaint facts"))
        self._story_area = _scroll_area(self.tr("Description and messages"))
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        # Facts wrap rather than scroll sideways; only long stories scroll, and downwards.
        self._facts_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row.addWidget(self._facts_area, 3)
        row.addWidget(self._story_area, 2)
        self.addWidget(self._placeholder)
        self.addWidget(page)
        self._page = page
        self._shown: ComplaintDetail | None = None
        self.clear()

    @property
    def shown(self) -> ComplaintDetail | None:
        """The complaint on display, or None."""
        return self._shown

    @property
    def message(self) -> str:
        """The hint shown instead of a complaint (empty while one is shown)."""
        return "" if self._shown else self._placeholder.text()

    def clear(self) -> None:
        """Show the hint that invites the person to pick a complaint."""
        self._show_hint(self.tr("Select a complaint to see its details"))

    def show_problem(self, message: str) -> None:
        """Show why the selected complaint cannot be displayed."""
        self._show_hint(message)

    def show_detail(self, detail: ComplaintDetail) -> None:
        """Display ``detail``, replacing whatever was shown."""
        self._shown = detail
        _replace(self._facts_area, self._facts(detail))
        _replace(self._story_area, self._story(detail))
        self.setCurrentWidget(self._page)

    def _show_hint(self, message: str) -> None:
        self._shown = None
        self._placeholder.setText(message)
        self.setCurrentWidget(self._placeholder)

    # --- the facts: who, what, when is it due ---

    def _facts(self, d: ComplaintDetail) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setHorizontalSpacing(24)
        reference = _text(d.reference, name=self.tr("Reference"), bold=True, scale=1.2)
        grid.addWidget(reference, 0, 0, 1, 2)
        grid.addWidget(_text(d.subject, name=self.tr("Subject"), bold=True), 1, 0, 1, 2)
        grid.addWidget(self._form(self._complaint_facts(d)), 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self._form(self._customer_facts(d)), 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        return box

    def _form(self, facts: Facts) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 6, 0, 0)
        form.setVerticalSpacing(3)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for title, value in facts:
            form.addRow(self.tr("{}:").format(title), _text(value or "—", name=title))
        return box

    def _complaint_facts(self, d: ComplaintDetail) -> Facts:
        return [
            (self.tr("Status"), labels.status_label(d.status)),
            (self.tr("Priority"), labels.priority_label(d.priority)),
            (self.tr("Channel"), labels.channel_label(d.channel)),
            (self.tr("Site"), f"{d.site_code} — {d.site_name}"),
            (self.tr("Category"), d.category_name or ""),
            (self.tr("Owner"), d.owner_name or self.tr("nobody yet")),
            (self.tr("Function"), d.function_name or ""),
            (self.tr("Team queue"), d.team_queue or ""),
            (self.tr("Received"), labels.local_time(d.received_at)),
        ]

    def _customer_facts(self, d: ComplaintDetail) -> Facts:
        # Values only, one per line: an address, a number or a platform:handle speaks
        # for itself, and a kind prefix would wrap long addresses badly.
        contacts = "\n".join(c.value for c in d.contacts)
        return [
            (self.tr("Customer"), d.customer_name),
            (self.tr("Segment"), labels.segment_label(d.customer_segment)),
            (self.tr("Contacts"), contacts),
            (self.tr("Promise"), labels.clock_label(d.clock_state)),
            (self.tr("Next due"), labels.local_time(d.next_due_at)),
            (self.tr("Acknowledge by"), labels.local_time(d.acknowledge_due_at)),
            (self.tr("Resolve by"), labels.local_time(d.resolution_due_at)),
            (self.tr("Regulatory deadline"), labels.local_time(d.regulatory_due_at)),
        ]

    # --- the story: description, then the messages oldest first ---

    def _story(self, d: ComplaintDetail) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(_text(self.tr("Description"), bold=True))
        description = d.description.strip() or self.tr("(no description)")
        layout.addWidget(_text(description, name=self.tr("Description")))
        count = len(d.messages)
        heading = _text(self.tr("Messages ({count})").format(count=count), bold=True)
        heading.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(heading)
        if not d.messages:
            layout.addWidget(_text(self.tr("No messages yet.")))
        for message in d.messages:
            layout.addWidget(self._message_card(message))
        layout.addStretch(1)
        return box

    def _message_card(self, m: MessageView) -> QFrame:
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setAccessibleName(self.tr("Message"))
        grid = QGridLayout(card)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setVerticalSpacing(2)
        what = f"{labels.direction_label(m.direction)} — {labels.channel_label(m.channel)}"
        grid.addWidget(_text(what, name=self.tr("Message kind"), bold=True), 0, 0)
        when = _text(labels.local_time(m.occurred_at), name=self.tr("Message time"))
        when.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(when, 0, 1)
        row = 1
        for value, name in ((m.sender, self.tr("Sender")), (m.subject, self.tr("Subject"))):
            if value:
                grid.addWidget(_text(value, name=name), row, 0, 1, 2)
                row += 1
        body = _text(m.body_text.strip() or "—", name=self.tr("Message text"))
        grid.addWidget(body, row, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        return card

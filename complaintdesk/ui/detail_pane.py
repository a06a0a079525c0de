"""The read-only detail of the selected complaint: facts, promises, description, timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.services.read_models import ComplaintDetail, MessageView
from complaintdesk.ui import labels

_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse


def _text(value: str, *, name: str = "", bold: bool = False, scale: float = 1.0) -> QLabel:
    """Return a label for data: plain text always, so customer text is never read as HTML."""
    label = QLabel(value)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(_SELECTABLE)
    if name:
        label.setAccessibleName(name)
    if bold or scale != 1.0:
        font = QFont(label.font())
        font.setBold(bold)
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
    return label


class DetailPane(QStackedWidget):
    """Shows one complaint, a hint when nothing is selected, or why it cannot be shown.

    Args:
        parent: the owning widget.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Complaint details"))
        self._placeholder = QLabel(self.tr("Select a complaint to see its details"))
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setEnabled(False)  # drawn greyed: a hint, not content
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setAccessibleName(self.tr("Complaint details"))
        self.addWidget(self._placeholder)
        self.addWidget(self._scroll)
        self._shown: ComplaintDetail | None = None

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
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(6)
        layout.addWidget(_text(detail.reference, name=self.tr("Reference"), bold=True, scale=1.3))
        layout.addWidget(_text(detail.subject, name=self.tr("Subject"), bold=True))
        layout.addWidget(self._facts(detail))
        layout.addWidget(self._heading(self.tr("Description")))
        description = detail.description.strip() or self.tr("(no description)")
        layout.addWidget(_text(description, name=self.tr("Description")))
        count = len(detail.messages)
        layout.addWidget(self._heading(self.tr("Messages ({count})").format(count=count)))
        self._add_timeline(layout, detail.messages)
        layout.addStretch(1)
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._scroll.setWidget(content)
        self.setCurrentWidget(self._scroll)

    def _show_hint(self, message: str) -> None:
        self._shown = None
        self._placeholder.setText(message)
        self.setCurrentWidget(self._placeholder)

    def _heading(self, title: str) -> QLabel:
        heading = _text(title, bold=True)
        heading.setContentsMargins(0, 10, 0, 0)
        return heading

    def _facts(self, d: ComplaintDetail) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 6, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for title, value in self._fact_rows(d):
            form.addRow(self.tr("{}:").format(title), _text(value or "—", name=title))
        return box

    def _fact_rows(self, d: ComplaintDetail) -> list[tuple[str, str]]:
        contacts = "\n".join(f"{labels.contact_kind_label(c.kind)}: {c.value}" for c in d.contacts)
        none = self.tr("nobody yet")
        return [
            (self.tr("Status"), labels.status_label(d.status)),
            (self.tr("Priority"), labels.priority_label(d.priority)),
            (self.tr("Channel"), labels.channel_label(d.channel)),
            (self.tr("Site"), f"{d.site_code} — {d.site_name}"),
            (self.tr("Customer"), d.customer_name),
            (self.tr("Segment"), labels.segment_label(d.customer_segment)),
            (self.tr("Contacts"), contacts),
            (self.tr("Owner"), d.owner_name or none),
            (self.tr("Function"), d.function_name or ""),
            (self.tr("Team queue"), d.team_queue or ""),
            (self.tr("Category"), d.category_name or ""),
            (self.tr("Received"), labels.local_time(d.received_at)),
            (self.tr("Promise"), labels.clock_label(d.clock_state)),
            (self.tr("Next due"), labels.local_time(d.next_due_at)),
            (self.tr("Acknowledge by"), labels.local_time(d.acknowledge_due_at)),
            (self.tr("Resolve by"), labels.local_time(d.resolution_due_at)),
            (self.tr("Regulatory deadline"), labels.local_time(d.regulatory_due_at)),
        ]

    def _add_timeline(self, layout: QVBoxLayout, messages: tuple[MessageView, ...]) -> None:
        if not messages:
            layout.addWidget(_text(self.tr("No messages yet.")))
            return
        for message in messages:
            layout.addWidget(self._message_card(message))

    def _message_card(self, m: MessageView) -> QFrame:
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setAccessibleName(self.tr("Message"))
        box = QVBoxLayout(card)
        box.setContentsMargins(8, 6, 8, 6)
        parts = [labels.direction_label(m.direction), labels.channel_label(m.channel)]
        parts += [m.sender] if m.sender else []
        parts.append(labels.local_time(m.occurred_at))
        header = _text("  ·  ".join(parts), name=self.tr("Message from"), bold=True)
        box.addWidget(header)
        if m.subject:
            box.addWidget(_text(m.subject, name=self.tr("Message subject")))
        box.addWidget(_text(m.body_text.strip() or "—", name=self.tr("Message text")))
        return card

"""The timeline drawn: message cards, event lines, notes that look like notes, and why empty.

Customer messages, answers and internal notes each have their colour and their label, as in
every agent workspace: a note must never be taken for something the customer read. The
view stays at the newest entry while the person is there, and keeps their place otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.services.read_models import ComplaintDetail, MessageView
from complaintdesk.ui import labels
from complaintdesk.ui.contacts import contact_text
from complaintdesk.ui.widgets import caption, card, replace_content, text_label
from complaintdesk.ui.workspace import timeline

KINDS = ("inbound", "outbound", "note")
"""Message directions, each drawn in its own colours (see :func:`card_style`)."""
_LIGHT = {
    "inbound": ("#f4f6f8", "#1d232a", "#8b97a5"),
    "outbound": ("#eef5ff", "#15243a", "#3b7dd8"),
    "note": ("#fff4d1", "#3b2f00", "#d3a21c"),
}
_DARK = {
    "inbound": ("#2b3036", "#e8ebee", "#7d8894"),
    "outbound": ("#1f2d42", "#e3ecf8", "#5b9bf0"),
    "note": ("#3f3514", "#f7ebc3", "#d3a21c"),
}
"""(background, text, left border) per kind, for light and dark themes."""


def colours(kind: str, dark: bool) -> tuple[str, str, str]:
    """Return (background, text, border) of a message of ``kind`` (a direction)."""
    return (_DARK if dark else _LIGHT).get(kind, _LIGHT["inbound"])


def card_style(kind: str, dark: bool) -> str:
    """Return the style sheet of a message card of ``kind`` (a direction)."""
    background, text, border = colours(kind, dark)
    return (
        f"QFrame#message {{ background: {background}; border: 1px solid {border};"
        f" border-left: 4px solid {border}; border-radius: 3px; }}"
        f" QFrame#message QLabel {{ color: {text}; background: transparent; border: none; }}"
    )


class TimelineView(QScrollArea):
    """One complaint's messages and events, oldest first, newest in view.

    Args:
        parent: the owning widget.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Timeline"))
        self._stick_to_end = True
        self._shown: object = None
        self.verticalScrollBar().rangeChanged.connect(self._keep_latest_in_view)

    def show_detail(self, detail: ComplaintDetail) -> None:
        """Draw ``detail``'s timeline; the same complaint again keeps the person's place."""
        same = self._shown == detail.id
        self._stick_to_end = not same or self._at_end()
        self._shown = detail.id
        entries = timeline.entries(detail)
        replace_content(self, self._content(entries) if entries else self._empty(detail))

    def clear(self) -> None:
        """Forget the complaint shown."""
        self._shown = None

    def texts(self) -> list[str]:
        """Return the timeline's lines as shown, oldest first (message cards by their kind)."""
        content = self.widget()
        if content is None:
            return []
        names = (self.tr("Event"), self.tr("Message kind"), self.tr("Empty timeline"))
        found = content.findChildren(QLabel)
        return [label.text() for label in found if label.accessibleName() in names]

    def message_cards(self) -> list[QFrame]:
        """Return the message cards, oldest first."""
        content = self.widget()
        if content is None:
            return []
        return list(content.findChildren(QFrame, "message"))

    # --- drawing ---

    def _content(self, entries: list[timeline.Entry]) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(4)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        for entry in entries:
            if entry.message is not None:
                column.addWidget(self._message(entry, entry.message, dark))
            else:
                column.addWidget(self._event(entry))
        column.addStretch(1)
        return box

    def _empty(self, detail: ComplaintDetail) -> QWidget:
        if detail.description.strip():
            why = self.tr(
                "Nothing has been said or done on this complaint yet: it was recorded without "
                "a message, and no one has answered it. What you send or note below appears here."
            )
        else:
            why = self.tr(
                "This complaint came without any message or history (an import keeps only its "
                "facts). What you send or note below appears here."
            )
        label = text_label(why, name=self.tr("Empty timeline"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setEnabled(False)  # drawn greyed: a hint, not content
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(24, 24, 24, 24)
        column.addWidget(label)
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

    def _message(self, entry: timeline.Entry, message: MessageView, dark: bool) -> QFrame:
        frame = card(self.tr("Message"))
        frame.setObjectName("message")
        frame.setProperty("kind", message.direction)
        frame.setStyleSheet(card_style(message.direction, dark))
        grid = QGridLayout(frame)
        grid.setContentsMargins(10, 6, 8, 6)
        grid.setVerticalSpacing(2)
        grid.addWidget(text_label(entry.text, name=self.tr("Message kind"), bold=True), 0, 0)
        stamp = caption(self._stamp(entry, message))
        stamp.setAlignment(Qt.AlignmentFlag.AlignRight)
        stamp.setToolTip(labels.exact_time(entry.occurred_at))
        grid.addWidget(stamp, 0, 1)
        row = 1
        # A post has no subject: the one stored is its text's beginning, told once.
        subject = message.subject
        subject = None if subject and message.body_text.strip().startswith(subject) else subject
        for value, name in (
            (contact_text(message.sender), self.tr("Sender")),
            (subject, self.tr("Subject")),
        ):
            if value:
                grid.addWidget(text_label(value, name=name), row, 0, 1, 2)
                row += 1
        body = text_label(message.body_text.strip() or "—", name=self.tr("Message text"))
        grid.addWidget(body, row, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        return frame

    def _stamp(self, entry: timeline.Entry, message: MessageView) -> str:
        parts = [labels.local_time(entry.occurred_at), timeline.authored_by(entry)]
        parts.append(_delivery(message.delivery_state))
        return " · ".join(p for p in parts if p)

    # --- staying with the newest entry ---

    def _at_end(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _keep_latest_in_view(self, _minimum: int, maximum: int) -> None:
        if self._stick_to_end:
            self.verticalScrollBar().setValue(maximum)


def _delivery(state: str | None) -> str:
    return {
        "queued": QCoreApplication.translate("TimelineView", "waiting to be sent"),
        "sent": QCoreApplication.translate("TimelineView", "sent"),
        "failed": QCoreApplication.translate(
            "TimelineView", "not sent yet: it will be tried again"
        ),
    }.get(state or "", "")

"""The list of queues on the left: each name with its count, the count never cut off.

An item's text stays "Late (promise broken) (13)" (what screen readers and tests read); the
delegate draws the name on the left, shortened with "…" when the column is narrow, and the
count on the right, always whole — the number is what a person glances at.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

COUNTED = re.compile(r"^(?P<name>.*\S) \((?P<count>[\d\s\u00a0\u202f,.]+)\)$")
"""A navigation label ending in its count: "My complaints (1,204)"."""
PADDING = 8
GAP = 12
Index = QModelIndex | QPersistentModelIndex


def fitted(metrics: QFontMetrics, text: str, width: int) -> tuple[str, str]:
    """Return (name as drawn, count) of a label in ``width`` pixels: the name gives way."""
    name, count = split_count(text)
    room = max(0, width - metrics.horizontalAdvance(count) - GAP) if count else width
    return metrics.elidedText(name, Qt.TextElideMode.ElideRight, room), count


def split_count(text: str) -> tuple[str, str]:
    """Return (name, count) of a navigation label; the count is '' when it has none."""
    found = COUNTED.match(text)
    return (found["name"], found["count"]) if found else (text, "")


class CountDelegate(QStyledItemDelegate):
    """Draws a queue's name, elided if need be, and its count right-aligned, never elided."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        _name, count = split_count(text)
        if not count:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        rect = option.rect.adjusted(PADDING, 0, -PADDING, 0)
        metrics = QFontMetrics(item.font)
        count_width = metrics.horizontalAdvance(count)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(item.font)
        painter.setPen(item.palette.color(role))
        shown, count = fitted(metrics, text, rect.width())
        middle = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect.adjusted(0, 0, -(count_width + GAP), 0), middle, shown)
        painter.drawText(rect, middle | Qt.AlignmentFlag.AlignRight, count)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        name, count = split_count(text)
        metrics = QFontMetrics(option.font)
        wanted = metrics.horizontalAdvance(name) + metrics.horizontalAdvance(count)
        return QSize(max(hint.width(), wanted + GAP + 2 * PADDING), hint.height())


class QueueNavigation(QListWidget):
    """The queues and saved views, one click (or Ctrl+number) away.

    Args:
        parent: the owning widget.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setStyleSheet("QListWidget::item { padding: 5px 6px; }")
        self.setItemDelegate(CountDelegate(self))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 12))

    def natural_width(self) -> int:
        """Return the width that shows every name and count whole."""
        metrics = self.fontMetrics()
        reserve = metrics.horizontalAdvance("9,999") + GAP  # counts arrive after the names
        names = [split_count(self.item(row).text())[0] for row in range(self.count())]
        widest = max((metrics.horizontalAdvance(name) for name in names), default=0)
        frame = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        return widest + reserve + 2 * PADDING + frame

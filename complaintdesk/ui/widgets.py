"""Small building blocks shared by the workspace and the dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QWidget,
)

T = TypeVar("T")


def while_alive(widget: QObject, callback: Callable[[T], None]) -> Callable[[T], None]:
    """Return ``callback``, dropped once ``widget`` is destroyed (a read that answers late)."""

    def deliver(value: T) -> None:
        if shiboken6.isValid(widget):
            callback(value)

    return deliver


def text_label(value: str, *, name: str = "", bold: bool = False, scale: float = 1.0) -> QLabel:
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


def caption(text: str) -> QLabel:
    """Return a small, muted caption naming the value under or next to it."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    palette = label.palette()
    muted = palette.color(QPalette.ColorRole.WindowText)
    muted.setAlphaF(0.68)  # quieter than the value, still readable (the disabled grey is not)
    palette.setColor(QPalette.ColorRole.WindowText, muted)
    label.setPalette(palette)
    return label


def heading(text: str) -> QLabel:
    """Return a section heading."""
    label = text_label(text, bold=True)
    label.setContentsMargins(0, 6, 0, 2)
    return label


def scroll_area(name: str) -> QScrollArea:
    """Return a frameless area that scrolls downwards only."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setAccessibleName(name)
    return area


def replace_content(area: QScrollArea, content: QWidget) -> None:
    """Put ``content`` in ``area``, deleting what was there."""
    old = area.takeWidget()
    if old is not None:
        old.deleteLater()
    area.setWidget(content)


def card(name: str) -> QFrame:
    """Return a framed panel for one message or one block of facts."""
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setAccessibleName(name)
    return frame


def rows_table(model: QAbstractItemModel, name: str) -> QTableView:
    """Return a read-only table over ``model`` where one whole row at a time is selected."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


class ElidedLabel(QLabel):
    """One line of text that ends in "…" when its column is too narrow, whole on hover.

    ``text()`` returns what is drawn; :attr:`full_text` what was given.
    """

    def __init__(self, text: str = "", *, name: str = "", bold: bool = False) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if name:
            self.setAccessibleName(name)
        if bold:
            font = QFont(self.font())
            font.setBold(True)
            self.setFont(font)
        self.full_text = ""
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        """Show ``text``, shortened to the width available."""
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = QFontMetrics(self.font())
        width = (
            max(self.width(), 1) if self.isVisible() else metrics.horizontalAdvance(self.full_text)
        )
        self.setText(metrics.elidedText(self.full_text, Qt.TextElideMode.ElideRight, width))

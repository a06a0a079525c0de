"""Accessibility: every control has a name a screen reader can say; colour is never alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from complaintdesk.domain.vocabulary import ClockState
from complaintdesk.services.context import Connection
from complaintdesk.ui.queues.queue_model import Column
from tests.ui.conftest import Desk
from tests.ui.factories import add_complaints
from tests.ui.helpers import open_window, record, settle


def unnamed(root: QWidget) -> list[str]:
    """Return the focusable widgets under ``root`` a screen reader would have no name for."""
    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if not widget.isEnabled():
            continue
        if widget.accessibleName() or widget in buddies:
            continue
        if isinstance(widget, QAbstractButton | QLabel) and widget.text().replace("&", "").strip():
            continue  # a button or a label (a link, selectable text) says its own text
        missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {_path(widget)}")
    return missing


def _path(widget: QWidget) -> str:
    names = []
    parent = widget.parentWidget()
    while parent is not None and len(names) < 4:
        names.append(parent.accessibleName() or type(parent).__name__)
        parent = parent.parentWidget()
    return " < ".join(names)


def test_every_focusable_control_of_the_main_window_has_a_name(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    record(connection, desk.admin, "Parcel lost")
    window = open_window(qtbot, connection, desk.admin)
    window.go_to_queue(3)  # Unassigned: the complaint, its workspace
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.detail.shown is not None)

    missing = unnamed(window)
    assert missing == [], "\n".join(missing)


def test_the_clock_state_is_said_by_shape_and_words_as_well_as_colour(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    add_complaints(connection.uow, 5, owner_id=desk.ann.user_id)  # on track, at risk, late…
    window = open_window(qtbot, connection, desk.ann)
    model = window.queue_model
    icons: dict[ClockState, QIcon] = {}
    words: dict[ClockState, str] = {}

    for row in range(model.rowCount()):
        line = model.row_at(row)
        assert line is not None
        index = model.index(row, Column.DUE)
        icons[line.clock_state] = index.data(Qt.ItemDataRole.DecorationRole)
        words[line.clock_state] = index.data(Qt.ItemDataRole.AccessibleDescriptionRole)
        assert index.data(Qt.ItemDataRole.DisplayRole)  # the due time itself, in words
        assert words[line.clock_state] in index.data(Qt.ItemDataRole.ToolTipRole)

    assert {ClockState.ON_TRACK, ClockState.AT_RISK, ClockState.BREACHED} <= set(icons)
    assert words[ClockState.AT_RISK] == "At risk"
    assert words[ClockState.BREACHED] == "Late"
    late, risky = icons[ClockState.BREACHED], icons[ClockState.AT_RISK]
    assert not late.isNull()
    assert not risky.isNull()
    assert late.pixmap(16).toImage() != risky.pixmap(16).toImage()  # two shapes, not two hues
    assert late.pixmap(16).toImage() != icons[ClockState.ON_TRACK].pixmap(16).toImage()

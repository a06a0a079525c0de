"""The main window's layout kept between sessions: geometry, splitters, columns, last queue.

Only :mod:`complaintdesk.ui.application` calls :func:`keep`: a window built in a test starts
the same way every time, whatever the person's own settings say.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QListWidget, QMainWindow, QSplitter, QTableView

GROUP = "main_window"
_QUEUE_ROLE = Qt.ItemDataRole.UserRole


def splitters(window: QMainWindow) -> list[QSplitter]:
    """Return the window's splitters, outermost first (the order they are kept in)."""
    central = window.centralWidget()
    found = [central] if isinstance(central, QSplitter) else []
    if central is not None:
        found += central.findChildren(QSplitter)
    return found


def save(window: QMainWindow, settings: QSettings) -> None:
    """Write the window's layout and its current queue to ``settings``."""
    settings.beginGroup(GROUP)
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("state", window.saveState())
    settings.setValue("splitters", [s.saveState() for s in splitters(window)])
    table = window.findChild(QTableView)
    if table is not None:
        settings.setValue("header", table.horizontalHeader().saveState())
    queue = _current_queue(window)
    if queue is not None:
        settings.setValue("queue", queue)
    settings.endGroup()
    settings.sync()


def restore(window: QMainWindow, settings: QSettings) -> None:
    """Put back what :func:`save` kept; anything missing or unreadable keeps its default."""
    settings.beginGroup(GROUP)
    try:
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        state = settings.value("state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        kept = settings.value("splitters")
        if isinstance(kept, list):
            for splitter, value in zip(splitters(window), kept, strict=False):
                if isinstance(value, QByteArray):
                    splitter.restoreState(value)
        header = settings.value("header")
        table = window.findChild(QTableView)
        if isinstance(header, QByteArray) and table is not None:
            table.horizontalHeader().restoreState(header)
        queue = settings.value("queue")
        if isinstance(queue, str):
            _go_to_queue(window, queue)
    finally:
        settings.endGroup()


def _navigation(window: QMainWindow) -> QListWidget | None:
    navigation = getattr(window, "navigation", None)
    return navigation if isinstance(navigation, QListWidget) else None


def _current_queue(window: QMainWindow) -> str | None:
    navigation = _navigation(window)
    item = navigation.currentItem() if navigation is not None else None
    value = item.data(_QUEUE_ROLE) if item is not None else None
    return value if isinstance(value, str) else None


def _go_to_queue(window: QMainWindow, queue: str) -> None:
    navigation = _navigation(window)
    if navigation is None:
        return
    for row in range(navigation.count()):
        if navigation.item(row).data(_QUEUE_ROLE) == queue:
            navigation.setCurrentRow(row)
            return


class WindowKeeper(QObject):
    """Saves the window's layout when it closes."""

    def __init__(self, window: QMainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            save(self._window, self._settings)
        return False


def keep(window: QMainWindow, settings: QSettings) -> WindowKeeper:
    """Restore the window's last layout now and save it again when it closes."""
    restore(window, settings)
    return WindowKeeper(window, settings)

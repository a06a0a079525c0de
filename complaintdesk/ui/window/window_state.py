"""The main window's layout kept between sessions: geometry, splitters, columns, last queue.

Splitters are kept by their object name ("navigation_and_work", "queue_and_workspace",
"workspace_columns", "conversation"), so a panel added later never receives the sizes of
another. Their sizes are put back once the window is shown and laid out at its kept size:
sizes set before that would be spread again by the first resize. :class:`WindowKeeper`
emits ``restored`` when everything is back.

Only :mod:`complaintdesk.ui.application` calls :func:`keep`: a window built in a test starts
the same way every time, whatever the person's own settings say.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QListWidget, QMainWindow, QSplitter, QTableView

GROUP = "main_window"
_QUEUE_ROLE = Qt.ItemDataRole.UserRole


def splitters(window: QMainWindow) -> list[QSplitter]:
    """Return the window's named splitters, outermost first."""
    central = window.centralWidget()
    found = [central] if isinstance(central, QSplitter) else []
    if central is not None:
        found += central.findChildren(QSplitter)
    return [splitter for splitter in found if splitter.objectName()]


def save(window: QMainWindow, settings: QSettings) -> None:
    """Write the window's layout and its current queue to ``settings``."""
    settings.beginGroup(GROUP)
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("state", window.saveState())
    settings.remove("splitters")  # kept by position before version 0018: never read again
    settings.beginGroup("splitter")
    for splitter in splitters(window):
        settings.setValue(splitter.objectName(), splitter.saveState())
    settings.endGroup()
    table = window.findChild(QTableView)
    if table is not None:
        settings.setValue("header", table.horizontalHeader().saveState())
    queue = _current_queue(window)
    if queue is not None:
        settings.setValue("queue", queue)
    settings.endGroup()
    settings.sync()


def restore(window: QMainWindow, settings: QSettings) -> None:
    """Put back the geometry, the window's docks and the last queue (sizes come later)."""
    settings.beginGroup(GROUP)
    try:
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        state = settings.value("state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        queue = settings.value("queue")
        if isinstance(queue, str):
            _go_to_queue(window, queue)
    finally:
        settings.endGroup()


def restore_sizes(window: QMainWindow, settings: QSettings) -> None:
    """Put back the splitters' sizes and the table's columns; anything unreadable stays."""
    settings.beginGroup(GROUP)
    try:
        settings.beginGroup("splitter")
        for splitter in splitters(window):
            value = settings.value(splitter.objectName())
            if isinstance(value, QByteArray):
                splitter.restoreState(value)
        settings.endGroup()
        header = settings.value("header")
        table = window.findChild(QTableView)
        if isinstance(header, QByteArray) and table is not None:
            table.horizontalHeader().restoreState(header)
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
    """Puts the sizes back once the window is laid out, and saves the layout when it closes."""

    restored = Signal()
    """The kept splitter sizes and columns are back (the window was shown and laid out)."""

    def __init__(self, window: QMainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self.done = False
        window.installEventFilter(self)
        if window.isVisible():
            self._later()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window:
            if event.type() == QEvent.Type.Close:
                save(self._window, self._settings)
            elif event.type() == QEvent.Type.Show and not self.done:
                self._later()
        return False

    def _later(self) -> None:
        # After the events the show posted (the resize to the kept geometry among them).
        QTimer.singleShot(0, self._restore_sizes)

    def _restore_sizes(self) -> None:
        if self.done:
            return
        self.done = True
        restore_sizes(self._window, self._settings)
        self.restored.emit()


def keep(window: QMainWindow, settings: QSettings) -> WindowKeeper:
    """Restore the window's last layout (sizes once it is shown) and save it when it closes."""
    restore(window, settings)
    return WindowKeeper(window, settings)

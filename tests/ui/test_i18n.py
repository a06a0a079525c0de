"""Every screen in French: no English word left where a person reads.

The walk opens the main window as an administrator (the most menus), shows each queue and a
complaint's workspace, then opens every dialog its menus lead to (an action ending in "…",
the cheat sheet, the workload panel) and reads everything visible: labels, buttons, menus,
actions, tooltips, accessible names, column headers, list and table cells, placeholders,
window titles. Each text must be a translation from the French catalogue (placeholders
filled with anything) or data: names, references, numbers, dates.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.context import Connection
from complaintdesk.ui import i18n
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.window.palette import plain, window_commands
from tests.ui.conftest import DESK_PEOPLE, Desk
from tests.ui.helpers import open_window, record, settle

CATALOGUE = Path(i18n.__file__).resolve().parents[2] / "resources/translations/complaintdesk_fr.ts"
SUBJECTS = ("Colis jamais livré", "Facture payée deux fois")
DATA = {
    *(name for _login, name, _role in DESK_PEOPLE),
    *(login for login, _name, _role in DESK_PEOPLE),
    *SUBJECTS,
    "ComplaintDesk",
    "Léa Martin",
    "lea@example.org",
    "Billing",
    "billing",
    "Billing error",
    "billing-error",
    "Invoices",
    "Everything else",
    "care",
    "HQ",
    "English",  # each language is offered in its own words
    "Français",
}
"""What the test's own data put on screen."""
NOT_WORDS = re.compile(r"^[\W\d_]*$")
"""Numbers, dates, times, amounts, percentages, punctuation."""
REFERENCE = re.compile(r"^[A-Z0-9]+-\d{2}-\d+$")
CODES = re.compile(
    r"^[A-Z]{2,3}(-[A-Z0-9]{2,3})?$"  # currencies, countries, calendars: EUR, FR-57
    r"|^[a-z0-9]+(-[a-z0-9]+)+$"  # preset codes: fr-acpr, iso-10002
    r"|^\S+@\S+\.\w+$"  # e-mail addresses
    r"|^(SQLite|PostgreSQL) \S+$"  # the database in use
    r"|^\w+ \d{4}-\d{2}-\d{2}$"  # a weekday and an ISO date (the promises preview)
)
KNOWN_GAPS = re.compile(
    r"^(Rule \d+ “.+” matched\.|No specific rule matched; the default rule “.+” applied\.)$"
)
"""The routing explanation is written by the domain, in English, and stored with the
complaint (``domain/routing.py``): translating it needs a structured explanation."""
KEYS = re.compile(r"^((Ctrl|Maj|Shift|Alt|Meta|Échap|Esc|Entrée|Suppr|F\d+)\+?)+[\w,.?]*$")
RICH = re.compile(r"<(b|i|p|br|a|span|div|html|ul|li|table)\b", re.IGNORECASE)
SKIPPED = (QFileDialog,)
"""Qt's own dialogs, translated by Qt's catalogue (qtbase_fr), not ours."""
SETTLE_S = 0.5
"""How long a dialog may take to load what it shows before it is read."""


@dataclass
class Catalogue:
    """The French translations, as exact texts and as patterns with placeholders."""

    exact: set[str] = field(default_factory=set)
    patterns: list[re.Pattern[str]] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Catalogue:
        catalogue = cls()
        for message in ET.parse(path).getroot().iter("message"):
            node = message.find("translation")
            if node is None or node.get("type") == "unfinished":
                continue
            forms = [f.text or "" for f in node.iter("numerusform")] or [node.text or ""]
            for text in forms:
                catalogue.add(plain(text).strip())
        for text in _qt_texts():
            catalogue.add(plain(text))
        return catalogue

    def add(self, text: str) -> None:
        if not re.search(r"\{[^{}]*\}|%n|%\d", text):
            self.exact.add(text)
            return
        pattern = ""
        for part in re.split(r"(\{[^{}]*\}|%n|%\d)", text):
            if re.fullmatch(r"\{[^{}]*\}|%n|%\d", part):
                pattern += r"[\s\S]*?"
            else:
                pattern += re.escape(part)
        self.patterns.append(re.compile(pattern))

    def knows(self, text: str) -> bool:
        """True if ``text`` is a translation, or one as Qt derives it for a tooltip or a
        buddy's accessible name (without its "…" or its colon)."""
        return any(
            form in self.exact or any(p.fullmatch(form) for p in self.patterns)
            for form in (text, f"{text} :", f"{text}:", f"{text}…")
        )


def _qt_texts() -> list[str]:
    """Standard buttons and the like, as Qt's own catalogue says them."""
    words = ("OK", "Cancel", "Close", "Apply", "Save", "Open", "Yes", "No", "Discard", "Help")
    texts = [QApplication.translate("QPlatformTheme", w) for w in words]
    texts += [QApplication.translate("QDialogButtonBox", w) for w in words]
    dock = ("Float", "Close", "Undocks and re-attaches the dock widget", "Closes the dock widget")
    return texts + [QApplication.translate("QDockWidget", w) for w in dock]


def is_data(text: str) -> bool:
    """True for what the walk's data put on screen rather than a sentence of ComplaintDesk."""
    return bool(
        NOT_WORDS.match(text)
        or text in DATA
        or REFERENCE.match(text)
        or CODES.match(text)
        or KNOWN_GAPS.match(text)
        or any(KNOWN_GAPS.match(part) for part in text.split(": ", 1)[1:])
        or KEYS.match(text)
        or any(text.startswith(subject) for subject in SUBJECTS)
    )


@dataclass
class Reading:
    """What the walk read, and where."""

    seen: dict[str, str] = field(default_factory=dict)

    def add(self, text: str | None, where: str) -> None:
        if not text:
            return
        if RICH.search(text):
            document = QTextDocument()
            document.setHtml(text)
            text = document.toPlainText()
        for line in re.split(r"[\t\n]", plain(text)):
            line = line.strip()
            if line:
                self.seen.setdefault(line, where)

    def untranslated(self, catalogue: Catalogue) -> list[str]:
        return sorted(
            f"{text!r}  (in {where})"
            for text, where in self.seen.items()
            if not catalogue.knows(text) and not is_data(text)
        )


def read_widget(widget: QWidget, reading: Reading) -> None:
    """Read everything visible in ``widget`` and its children, every tab of its tab widgets."""
    where = type(widget).__name__
    reading.add(widget.windowTitle(), where)
    for tabs in widget.findChildren(QTabWidget):
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            reading.add(tabs.tabText(index), where)
            reading.add(tabs.tabToolTip(index), where)
            _read_tree(tabs.widget(index), reading, where)
        tabs.setCurrentIndex(current)
    _read_tree(widget, reading, where)
    if isinstance(widget, QMainWindow):
        for entry in widget.menuBar().actions():
            reading.add(entry.text(), f"{where} menu bar")
            if isinstance(entry.menu(), QMenu):
                _read_menu(entry.menu(), reading, f"{where} ▸ {plain(entry.text())}")


def _read_menu(menu: QMenu, reading: Reading, where: str) -> None:
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        _read_action(action, reading, where)
        sub = action.menu()
        if isinstance(sub, QMenu):
            _read_menu(sub, reading, f"{where} ▸ {plain(action.text())}")


def _read_action(action: QAction, reading: Reading, where: str) -> None:
    reading.add(action.text(), where)
    reading.add(action.toolTip(), where)
    reading.add(action.statusTip(), where)


def _read_tree(root: QWidget, reading: Reading, where: str) -> None:
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or isinstance(widget, QMenu):
            continue
        reading.add(widget.toolTip(), where)
        reading.add(widget.accessibleName(), where)
        reading.add(widget.accessibleDescription(), where)
        reading.add(widget.statusTip(), where)
        reading.add(widget.whatsThis(), where)
        _read_own_text(widget, reading, where)
        for action in widget.actions():
            _read_action(action, reading, where)


def _read_own_text(widget: QWidget, reading: Reading, where: str) -> None:
    if isinstance(widget, (QLabel, QAbstractButton)):
        reading.add(widget.text(), where)
    elif isinstance(widget, QGroupBox):
        reading.add(widget.title(), where)
    elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        reading.add(widget.placeholderText(), where)
    elif isinstance(widget, QComboBox):
        for index in range(widget.count()):
            reading.add(widget.itemText(index), where)
    elif isinstance(widget, QAbstractSpinBox):
        reading.add(widget.specialValueText(), where)
        if isinstance(widget, QSpinBox):
            reading.add(widget.suffix().strip(), where)
            reading.add(widget.prefix().strip(), where)
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            reading.add(widget.tabText(index), where)
    elif isinstance(widget, QAbstractItemView):
        _read_model(widget, reading, where)


def _read_model(view: QAbstractItemView, reading: Reading, where: str) -> None:
    model = view.model()
    if model is None:
        return
    for column in range(_columns(model, QModelIndex())):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            header = model.headerData(column, Qt.Orientation.Horizontal, role)
            reading.add(header if isinstance(header, str) else None, where)

    def rows(parent: QModelIndex, depth: int) -> None:
        for row in range(min(model.rowCount(parent), 30)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = index.data(role)
                    reading.add(value if isinstance(value, str) else None, where)
            if depth < 3:
                rows(model.index(row, 0, parent), depth + 1)

    rows(QModelIndex(), 0)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model: Qt keeps its one column private
        return 1


class DialogReader(QObject):
    """Reads and closes the windows an action opens, from a timer (modal ones included).

    A modal ``exec()`` runs its own event loop; a timer still fires in it, so the reader
    reads the dialog once it had time to load, closes it, and notes that it is done.
    """

    def __init__(self, known: set[QWidget], reading: Reading) -> None:
        super().__init__()
        self._known = known
        self._reading = reading
        self._seen_at: dict[QWidget, float] = {}
        self._started = time.monotonic()
        self._last_activity = self._started
        self.opened: list[str] = []
        self.done = False
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        now = time.monotonic()
        fresh = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w not in self._known and not isinstance(w, QMenu)
        ]
        for widget in fresh:
            self._last_activity = now
            first = self._seen_at.setdefault(widget, now)
            if now - first < SETTLE_S:
                continue
            self.opened.append(type(widget).__name__)
            if not isinstance(widget, SKIPPED):
                read_widget(widget, self._reading)
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()
        if not fresh and now - self._last_activity > (0.8 if self.opened else 3.0):
            self._timer.stop()
            self.done = True


def visit(qtbot: QtBot, action: QAction, known: set[QWidget], reading: Reading) -> list[str]:
    """Trigger ``action``, read whatever windows it opens, close them; return their kinds."""
    reader = DialogReader(known, reading)
    QTimer.singleShot(0, action.trigger)
    qtbot.waitUntil(lambda: reader.done, timeout=20_000)
    return reader.opened


@pytest.fixture
def french() -> Iterator[Catalogue]:
    """The application in French for one test."""
    i18n.install("fr")
    yield Catalogue.load(CATALOGUE)
    i18n.uninstall()


def test_every_screen_reachable_from_the_menus_is_in_french(
    qtbot: QtBot, connection: Connection, desk: Desk, french: Catalogue
) -> None:
    record(connection, desk.admin, SUBJECTS[0], channel=Channel.PHONE)  # Rita owns it
    record(connection, desk.admin, SUBJECTS[1], channel=Channel.EMAIL, email="lea@example.org")
    window = open_window(qtbot, connection, desk.admin)
    reading = Reading()
    for row in range(window.navigation.count()):
        window.go_to_queue(row)
        settle(qtbot, window)
        read_widget(window, reading)
    window.go_to_queue(0)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.detail.shown is not None)
    read_widget(window, reading)

    opened = _open_every_dialog(qtbot, window, reading)

    assert window.windowTitle() == "ComplaintDesk — Rita Root"
    assert "Mes réclamations" in reading.seen
    assert {"ResolveDialog", "AdminDialog", "CheatSheet", "CommandPalette"} <= set(opened)
    untranslated = reading.untranslated(french)
    assert not untranslated, "untranslated on screen:\n" + "\n".join(untranslated)


def _open_every_dialog(qtbot: QtBot, window: MainWindow, reading: Reading) -> list[str]:
    known = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    opened: list[str] = []
    for command in window_commands(window):
        action = command.action
        if not action.isEnabled():
            continue
        if action.isCheckable():  # a panel of the window: shown, read, hidden again
            action.trigger()
            settle(qtbot, window)
            read_widget(window, reading)
            action.trigger()
        elif action.text().endswith("…") or action is window.help_actions.cheat_sheet_action:
            opened += visit(qtbot, action, known, reading)
            window.activateWindow()
        settle(qtbot, window)
    return opened


def test_standard_buttons_come_from_qts_french_catalogue(qtbot: QtBot, french: Catalogue) -> None:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)

    texts = {b.text() for b in buttons.buttons()}

    assert texts == {"OK", "Annuler"}

"""The command palette (Ctrl+K): any action by name, a complaint by reference, a customer.

Actions come from the window itself (its menus and its own actions), never from a list kept
by hand, so every action a later screen adds is found here too. Complaints and customers are
looked up off the GUI thread while the person types; the latest answer wins.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)
from rapidfuzz import fuzz, process

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import counter
from complaintdesk.services.inbound.counter import CustomerMatch
from complaintdesk.services.insight import search
from complaintdesk.services.read_models import ComplaintRow
from complaintdesk.ui.tasks import Task, TaskRunner

MIN_LOOKUP = 2
"""Characters typed before complaints and customers are looked up."""
LOOKUP_DELAY_MS = 150
"""Typing faster than this looks up once, for the last text."""
ACTION_LIMIT = 12
FOUND_LIMIT = 8
SCORE_CUTOFF = 75
"""Out of 100: "refrsh" finds Refresh, "mar" finds no Transfer."""
_ENTRY_ROLE = Qt.ItemDataRole.UserRole


def plain(text: str) -> str:
    """Return a menu text without its mnemonic marks (``&Take`` → ``Take``)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


@dataclass(frozen=True)
class Command:
    """An action as the palette and the cheat sheet show it."""

    action: QAction
    menu: str
    """The top-level menu it sits in (its group), empty if it is in none."""
    path: str
    """Where it is in the menus, e.g. ``Queues ▸ Selected complaints``."""

    @property
    def name(self) -> str:
        """The action's text, without mnemonic."""
        return plain(self.action.text())

    @property
    def keys(self) -> str:
        """Its shortcuts as the person's system writes them (empty if none)."""
        sequences = self.action.shortcuts()
        native = QKeySequence.SequenceFormat.NativeText
        return ", ".join(s.toString(native) for s in sequences if not s.isEmpty())


def window_commands(window: QMainWindow) -> list[Command]:
    """Return every usable action of ``window``: its menus' (in order), then its own.

    Separators, sub-menu entries and hidden actions are left out: none can be run.
    """
    found: list[Command] = []
    seen: set[int] = set()

    def walk(menu: QMenu, top: str, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                if action.isVisible():
                    walk(sub, top, f"{path} ▸ {plain(action.text())}")
            elif _runnable(action) and id(action) not in seen:
                seen.add(id(action))
                found.append(Command(action, top, path))

    for entry in window.menuBar().actions():
        menu = entry.menu()
        if isinstance(menu, QMenu) and entry.isVisible():
            walk(menu, plain(entry.text()), plain(entry.text()))
    for action in window.actions():
        if _runnable(action) and id(action) not in seen:
            seen.add(id(action))
            found.append(Command(action, "", ""))
    return found


def _runnable(action: QAction) -> bool:
    return not action.isSeparator() and action.isVisible() and bool(plain(action.text()))


@dataclass(frozen=True)
class Found:
    """What a lookup found for one typed text."""

    text: str
    complaints: tuple[ComplaintRow, ...]
    customers: tuple[CustomerMatch, ...]


def look_up(ctx: ServiceContext, text: str) -> Found:
    """Find complaints (reference, words, phone, e-mail) and customers (name, phone, e-mail)."""
    complaints = search.search(ctx, text, limit=FOUND_LIMIT)
    customers: tuple[CustomerMatch, ...] = ()
    if ctx.actor.can(Permission.HANDLE_COMPLAINTS):
        customers = counter.find_customers(ctx, text, limit=FOUND_LIMIT)
    return Found(text, complaints, customers)


OpenId = Callable[[uuid.UUID], None]


class CommandPalette(QDialog):
    """Type to find; Up and Down choose; Enter runs the action or opens what was found.

    Args:
        window: the main window whose actions are offered.
        ctx: the signed-in caller, for the lookups.
        tasks: runs the lookups off the GUI thread.
        open_complaint: shows a complaint in the window.
        open_customer: opens a customer's card.
    """

    def __init__(
        self,
        window: QMainWindow,
        ctx: ServiceContext,
        tasks: TaskRunner,
        open_complaint: OpenId,
        open_customer: OpenId,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._tasks = tasks
        self._open_complaint = open_complaint
        self._open_customer = open_customer
        self._lookup: Task[Found] | None = None
        self.found: Found | None = None
        self.setWindowTitle(self.tr("Command palette"))
        self.query = QLineEdit()
        self.query.setPlaceholderText(
            self.tr("An action, a complaint reference, a customer's name or phone")
        )
        self.query.setAccessibleName(self.tr("Search actions, complaints and customers"))
        self.query.setClearButtonEnabled(True)
        self.results = QTreeWidget()
        self.results.setColumnCount(2)
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.header().setStretchLastSection(False)
        self.results.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.results.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.results.setAccessibleName(self.tr("Results"))
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the box
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Search status"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(self.status)
        self.resize(560, 420)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(LOOKUP_DELAY_MS)
        self._delay.timeout.connect(self._start_lookup)
        self.query.textChanged.connect(self._typed)
        self.query.returnPressed.connect(self.accept)
        self.query.installEventFilter(self)
        self.results.itemActivated.connect(lambda item, _column: self._run_item(item))
        self._commands = window_commands(window)
        self._show()

    # --- what the person types ---

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.query
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and self._move(event.key())
        ):
            return True
        return super().eventFilter(watched, event)

    def _move(self, key: int) -> bool:
        steps = {
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_PageDown: 5,
            Qt.Key.Key_PageUp: -5,
        }
        step = steps.get(Qt.Key(key))
        count = self.results.topLevelItemCount()
        if step is None or count == 0:
            return False
        self.set_current_row(max(0, min(self.current_row() + step, count - 1)))
        return True

    def current_row(self) -> int:
        """Return the row of the chosen line (-1 if none)."""
        item = self.results.currentItem()
        return self.results.indexOfTopLevelItem(item) if item is not None else -1

    def set_current_row(self, row: int) -> None:
        """Choose the line at ``row``."""
        item = self.results.topLevelItem(row)
        if item is not None:
            self.results.setCurrentItem(item)

    def _typed(self, _text: str) -> None:
        self.found = None
        if self._lookup is not None:
            self._lookup.cancel()
            self._lookup = None
        self._show()
        if len(self.query.text().strip()) >= MIN_LOOKUP:
            self.status.setText(self.tr("Looking for complaints and customers…"))
            self._delay.start()
        else:
            self._delay.stop()
            self.status.setText(self.tr("Enter runs the chosen line; Esc closes."))

    def _start_lookup(self) -> None:
        text = self.query.text().strip()
        ctx = self._ctx

        def work(_task: Task[Found]) -> Found:
            return look_up(ctx, text)

        self._lookup = self._tasks.run(work, self._arrived, self._failed)

    def _arrived(self, found: Found) -> None:
        if found.text != self.query.text().strip():
            return  # the person typed on meanwhile
        self._lookup = None
        self.found = found
        self._show()
        count = len(found.complaints) + len(found.customers)
        self.status.setText(
            self.tr("%n complaint(s) or customer(s) found.", "", count)
            if count
            else self.tr("No complaint or customer matches.")
        )

    def _failed(self, error: Exception) -> None:
        self._lookup = None
        if isinstance(error, ComplaintDeskError):
            self.status.setText(self.tr("Could not search: {}").format(error))

    # --- what is shown ---

    def _show(self) -> None:
        self.results.clear()
        for command in self.matching_commands(self.query.text()):
            text = command.name if not command.path else f"{command.name}  —  {command.path}"
            self._add(text, command.keys, ("action", command.action), command.action.isEnabled())
        if self.found is not None:
            for row in self.found.complaints:
                line = self.tr("Complaint {reference}: {subject} ({customer})").format(
                    reference=row.reference, subject=row.subject, customer=row.customer_name
                )
                self._add(line, "", ("complaint", row.complaint_id), True)
            for customer in self.found.customers:
                contact = customer.phone or customer.email or ""
                line = self.tr("Customer {name} {contact}").format(
                    name=customer.display_name, contact=contact
                )
                self._add(line.strip(), "", ("customer", customer.id), True)
        count = self.results.topLevelItemCount()
        if count:
            self.set_current_row(next((r for r in range(count) if self._enabled(r)), 0))

    def _add(self, text: str, keys: str, entry: tuple[str, object], enabled: bool) -> None:
        item = QTreeWidgetItem([text, keys])
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setData(0, _ENTRY_ROLE, entry)
        if not enabled:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(0, self.tr("Not possible now"))
        self.results.addTopLevelItem(item)

    def _enabled(self, row: int) -> bool:
        item = self.results.topLevelItem(row)
        return item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)

    def matching_commands(self, text: str) -> list[Command]:
        """Return the actions matching ``text``, best first (all, in menu order, if empty)."""
        typed = text.strip()
        if not typed:
            return list(self._commands)
        names = [c.name for c in self._commands]
        ranked = process.extract(
            typed,
            names,
            scorer=fuzz.partial_ratio,
            processor=str.lower,
            limit=ACTION_LIMIT,
            score_cutoff=SCORE_CUTOFF,
        )
        return [self._commands[index] for _name, _score, index in ranked]

    def entries(self) -> list[str]:
        """Return the lines shown, as the person reads them."""
        lines = []
        for row in range(self.results.topLevelItemCount()):
            item = self.results.topLevelItem(row)
            if item is not None:
                lines.append(f"{item.text(0)}\t{item.text(1)}" if item.text(1) else item.text(0))
        return lines

    # --- running ---

    def accept(self) -> None:
        """Run the chosen line (Enter)."""
        item = self.results.currentItem()
        if item is not None:
            self._run_item(item)

    def _run_item(self, item: QTreeWidgetItem) -> None:
        if not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        kind, value = item.data(0, _ENTRY_ROLE)
        super().accept()  # closed first: the action may open a dialog of its own
        if kind == "action" and isinstance(value, QAction):
            value.trigger()
        elif kind == "complaint" and isinstance(value, uuid.UUID):
            self._open_complaint(value)
        elif kind == "customer" and isinstance(value, uuid.UUID):
            self._open_customer(value)

    def done(self, result: int) -> None:
        self._delay.stop()
        if self._lookup is not None:
            self._lookup.cancel()
            self._lookup = None
        super().done(result)

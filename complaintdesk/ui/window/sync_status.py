"""A branch workstation's sync in the main window: status bar fact, Sync now, background rounds.

The status bar always says: branch mode, whether the central server answers, what waits to
be sent (in complaints and messages, counted the moment they are recorded), when the last
round succeeded, and, when this computer's clock is too far from the central server's, by
how much. Rounds run on the window's :class:`TaskRunner` (never on the GUI thread): every
few minutes, and on "Sync now"; between rounds a cheap probe (one connection attempt) keeps
"reachable" true to the network.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QObject,
    Qt,
    QTimer,
    SignalInstance,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QWidget

from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.replicas.replication import (
    BranchLink,
    RoundSummary,
    SyncFacts,
    WaitingWork,
)
from complaintdesk.ui import labels
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.cockpit.sync_conflicts import SyncConflictsDialog
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.tasks import Task, TaskRunner

ROUND_EVERY_MS = 5 * 60 * 1000
FIRST_ROUND_MS = 10 * 1000
"""A first round soon after the window opens: the morning's news before the first call."""
PROBE_EVERY_MS = 30 * 1000
"""How often the central server is asked whether it answers, between rounds."""
SHORTCUT = "F9"
CONFLICTS_SHORTCUT = "Shift+F9"
MINUTE_MS = 60_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncStatus", text)


class Counted(QObject):
    """The status bar's words that change with a number ("1 complaint", "2 complaints").

    A class because Qt's string extractor reads plural forms only from ``tr()`` calls.
    """

    def complaints(self, count: int) -> str:
        return self.tr("%n complaint(s)", "", count)

    def messages(self, count: int) -> str:
        return self.tr("%n message(s)", "", count)

    def other_changes(self, count: int) -> str:
        return self.tr("%n other change(s)", "", count)

    def minutes(self, count: int) -> str:
        return self.tr("%n minute(s)", "", count)

    def hours(self, count: int) -> str:
        return self.tr("%n hour(s)", "", count)

    def days(self, count: int) -> str:
        return self.tr("%n day(s)", "", count)

    def years(self, count: int) -> str:
        return self.tr("%n year(s)", "", count)

    def conflicts(self, count: int) -> str:
        return self.tr("%n conflict(s) for a supervisor", "", count)


def waiting_text(waiting: WaitingWork) -> str:
    """Say what waits to be sent: "2 complaints and 1 message waiting".

    Customers' details recorded with a complaint go with it; other changes (a customer
    corrected, a setting) are counted only when nothing else waits.
    """
    parts = []
    if waiting.complaints:
        parts.append(Counted().complaints(waiting.complaints))
    if waiting.messages:
        parts.append(Counted().messages(waiting.messages))
    if waiting.other and not parts:
        parts.append(Counted().other_changes(waiting.other))
    if not parts:
        return _tr("nothing waiting")
    listed = parts[0]
    if len(parts) == 2:
        listed = _tr("{first} and {second}").format(first=parts[0], second=parts[1])
    return _tr("{list} waiting").format(list=listed)


def duration_text(milliseconds: int) -> str:
    """Say a clock difference the way a person would: "7 minutes", "3 hours", "2 years"."""
    minutes = round(abs(milliseconds) / MINUTE_MS)
    if minutes < 120:
        return Counted().minutes(max(minutes, 1))
    hours = round(minutes / 60)
    if hours < 48:
        return Counted().hours(hours)
    days = round(hours / 24)
    if days < 730:
        return Counted().days(days)
    return Counted().years(round(days / 365))


def clock_text(facts: SyncFacts) -> tuple[str, str]:
    """Return the short warning and its explanation when this clock is too far off, else ''."""
    if not facts.clock_off or facts.clock_offset_ms is None:
        return "", ""
    amount = duration_text(facts.clock_offset_ms)
    tolerance = duration_text(facts.clock_tolerance_ms)
    if facts.clock_offset_ms < 0:  # the central clock minus ours is negative: ours is ahead
        short = _tr("clock {amount} ahead").format(amount=amount)
        long = _tr(
            "This computer's clock is {amount} ahead of the central server's (more than "
            "{tolerance}): set it right. Until then, changes made here are dated by the "
            "central server's time."
        )
    else:
        short = _tr("clock {amount} behind").format(amount=amount)
        long = _tr(
            "This computer's clock is {amount} behind the central server's (more than "
            "{tolerance}): set it right. Until then, changes made here are dated by the "
            "central server's time."
        )
    return short, long.format(amount=amount, tolerance=tolerance)


def _when(instant: datetime) -> str:
    """The time alone when it was today, else the date and time (short formats)."""
    moment = QDateTime.fromMSecsSinceEpoch(int(instant.timestamp() * 1000))
    if moment.date() == QDate.currentDate():
        return QLocale().toString(moment.time(), QLocale.FormatType.ShortFormat)
    return labels.local_time(instant)


def describe(facts: SyncFacts) -> tuple[str, str]:
    """Return the status bar's text and tooltip for ``facts``."""
    if facts.reachable is None:
        reach = _tr("central not tried yet")
    elif facts.reachable:
        reach = _tr("central reachable")
    else:
        reach = _tr("central unreachable")
    if facts.last_sync_at is None:
        last = _tr("never synced")
    else:
        last = _tr("synced {when}").format(when=_when(facts.last_sync_at))
    text = _tr("Branch: {reach} · {waiting} · {last}").format(
        reach=reach, waiting=waiting_text(facts.waiting), last=last
    )
    clock, explained = clock_text(facts)
    if clock:  # first: it matters most, and a long status bar cuts the end off
        text = _tr("Branch: {clock} · {reach} · {waiting} · {last}").format(
            clock=clock, reach=reach, waiting=waiting_text(facts.waiting), last=last
        )
    tips = [_tr("Central server: {}").format(facts.central or "?")]
    if explained:
        tips.append(explained)
    if facts.open_conflicts:
        tips.append(Counted().conflicts(facts.open_conflicts))
    if facts.error:
        tips.append(_tr("Last attempt: {}").format(facts.error))
    tips.append(_tr("{key}: sync now").format(key=SHORTCUT))
    return text, "\n".join(tips)


class SyncStatus(QObject):
    """Keeps a branch replica in step with the central server while the window is open.

    Args:
        window: the main window (parent of the dialog and the actions).
        link: this workstation's link to the central server.
        ctx: the signed-in person (the Conflicts view is for supervisors).
        tasks: the window's runner; rounds and reads run there.
        operations: runs the settlement of a conflict like any other change.
        announce: tells the window what a round changed.
        interval_ms: time between background rounds.
        first_round_ms: delay of the first round after the window opens.
        probe_ms: time between two probes of the central server.
    """

    def __init__(
        self,
        window: QWidget,
        link: BranchLink,
        ctx: ServiceContext,
        tasks: TaskRunner,
        operations: Operations,
        announce: Callable[[Changes], None],
        *,
        interval_ms: int = ROUND_EVERY_MS,
        first_round_ms: int = FIRST_ROUND_MS,
        probe_ms: int = PROBE_EVERY_MS,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._link = link
        self._ctx = ctx
        self._tasks = tasks
        self._operations = operations
        self._announce = announce
        self.running = False
        self.facts: SyncFacts | None = None
        self.dialog: SyncConflictsDialog | None = None
        self.label = QLabel(_tr("Branch: reading sync state…"))
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName(_tr("Sync with the central server"))
        self.label.setContentsMargins(6, 0, 6, 0)
        self.sync_action = QAction(_tr("&Sync now"), window)
        self.sync_action.setShortcut(QKeySequence(SHORTCUT))
        self.sync_action.triggered.connect(self.sync_now)
        window.addAction(self.sync_action)
        self.conflicts_action: QAction | None = None
        if ctx.actor.can(Permission.REASSIGN):
            self.conflicts_action = QAction(_tr("Sync &conflicts…"), window)
            self.conflicts_action.setShortcut(QKeySequence(CONFLICTS_SHORTCUT))
            self.conflicts_action.triggered.connect(self.show_conflicts)
            window.addAction(self.conflicts_action)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sync_now)
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(probe_ms)
        self.probe_timer.timeout.connect(self.probe)
        self._first_round_ms = first_round_ms
        self._probing = False

    def fill_menu(self, menu: QMenu) -> None:
        """Add Sync now (and Conflicts, for supervisors) to ``menu``."""
        menu.addAction(self.sync_action)
        if self.conflicts_action is not None:
            menu.addAction(self.conflicts_action)

    def start(self) -> None:
        """Show the state now, probe the central server, and sync in the background."""
        self.refresh()
        self.timer.start()
        self.probe_timer.start()
        self.probe()
        QTimer.singleShot(self._first_round_ms, self, self.sync_now)

    def stop(self) -> None:
        """Stop the background rounds and probes (the window is closing)."""
        self.timer.stop()
        self.probe_timer.stop()

    def work_changed(self, changes: Changes) -> None:
        """Count what waits the moment something is recorded (the window's changed signal)."""
        if not self.running:
            self.refresh()

    def probe(self) -> None:
        """Ask, off the GUI thread, whether the central server answers (no round)."""
        if self._probing or self.running:
            return
        self._probing = True
        link = self._link

        def done(_reachable: bool) -> None:
            self._probing = False
            self.refresh()

        def failed(error: Exception) -> None:
            self._probing = False
            self._read_failed(error)

        self._tasks.run(lambda _task: link.probe(), done, failed)

    def refresh(self) -> None:
        """Read the sync state off the GUI thread and show it."""
        link = self._link
        self._tasks.run(lambda _task: link.facts(), self._show, self._read_failed)

    def sync_now(self) -> None:
        """Run one round off the GUI thread (a round already running is not doubled)."""
        if self.running:
            return
        self.running = True
        self.sync_action.setEnabled(False)
        self.label.setText(_tr("Branch: syncing…"))
        link = self._link

        def work(_task: Task[RoundSummary]) -> RoundSummary:
            return link.run_round()

        self._tasks.run(work, self._synced, self._sync_failed)

    def show_conflicts(self) -> None:
        """Open the Conflicts view (supervisors)."""
        if self.dialog is None:
            self.dialog = SyncConflictsDialog(self._ctx, self._operations, self._window)
        self.dialog.reload()
        self.dialog.open()

    def _synced(self, summary: RoundSummary) -> None:
        self._finished()
        if summary.pulled or summary.conflicts:
            self._announce(Changes(queues=True, notifications=True))
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.reload()

    def _sync_failed(self, error: Exception) -> None:
        self._finished()
        self._window_message(_tr("Sync failed: {}").format(error))

    def _finished(self) -> None:
        self.running = False
        self.sync_action.setEnabled(True)
        self.refresh()

    def _show(self, facts: SyncFacts) -> None:
        self.facts = facts
        text, tooltip = describe(facts)
        self.label.setText(text)
        self.label.setToolTip(tooltip)

    def _read_failed(self, error: Exception) -> None:
        self.label.setText(_tr("Branch: sync state unreadable"))
        self.label.setToolTip(str(error))

    def _window_message(self, text: str) -> None:
        bar = getattr(self._window, "statusBar", None)
        if bar is not None:
            bar().showMessage(text, 30_000)


def attach_sync_status(
    window: QMainWindow,
    link: BranchLink,
    ctx: ServiceContext,
    tasks: TaskRunner,
    operations: Operations,
    changed: SignalInstance,
) -> SyncStatus:
    """Put a branch's sync status in the window's status bar and menu, and start it."""
    sync = SyncStatus(window, link, ctx, tasks, operations, changed.emit)
    window.statusBar().addPermanentWidget(sync.label)
    sync.fill_menu(window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Sync")))
    changed.connect(sync.work_changed)  # waiting work counted the moment it is made
    sync.start()
    return sync

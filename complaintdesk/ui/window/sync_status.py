"""A branch workstation's sync in the main window: status bar fact, Sync now, background rounds.

The status bar always says: branch mode, whether the central server answered, how many
changes wait to be sent, and when the last round succeeded. Rounds run on the window's
:class:`TaskRunner` (never on the GUI thread): every few minutes, and on "Sync now".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.replicas.replication import BranchLink, RoundSummary, SyncFacts
from complaintdesk.ui import labels
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.cockpit.sync_conflicts import SyncConflictsDialog
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.tasks import Task, TaskRunner

ROUND_EVERY_MS = 5 * 60 * 1000
FIRST_ROUND_MS = 10 * 1000
"""A first round soon after the window opens: the morning's news before the first call."""
SHORTCUT = "F9"
CONFLICTS_SHORTCUT = "Shift+F9"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncStatus", text)


def describe(facts: SyncFacts) -> tuple[str, str]:
    """Return the status bar's text and tooltip for ``facts``."""
    if facts.reachable is None:
        reach = _tr("central not tried yet")
    elif facts.reachable:
        reach = _tr("central reachable")
    else:
        reach = _tr("central unreachable")
    waiting = _tr("{count} waiting").format(count=facts.pending)
    if facts.last_sync_at is None:
        last = _tr("never synced")
    else:
        last = _tr("synced {when}").format(when=labels.local_time(facts.last_sync_at))
    text = _tr("Branch: {reach} · {waiting} · {last}").format(
        reach=reach, waiting=waiting, last=last
    )
    tips = [_tr("Central server: {}").format(facts.central or "?")]
    if facts.open_conflicts:
        tips.append(_tr("{count} conflicts for a supervisor").format(count=facts.open_conflicts))
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
        self._first_round_ms = first_round_ms

    def fill_menu(self, menu: QMenu) -> None:
        """Add Sync now (and Conflicts, for supervisors) to ``menu``."""
        menu.addAction(self.sync_action)
        if self.conflicts_action is not None:
            menu.addAction(self.conflicts_action)

    def start(self) -> None:
        """Show the state now and sync in the background from now on."""
        self.refresh()
        self.timer.start()
        QTimer.singleShot(self._first_round_ms, self, self.sync_now)

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

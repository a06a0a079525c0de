"""Notices what other workstations wrote, so queues move without a restart.

Every few seconds one tiny query reads the newest change-log stamp off the GUI thread; when
it moved, the window's one ``changed`` signal goes out with a :class:`Changes` that refreshes
the queue, the counts and the shown complaint. A query still on its way is never doubled.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from complaintdesk.services.context import ServiceContext
from complaintdesk.services.replicas import change_watch
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.tasks import Task, TaskRunner

POLL_MS = 5_000


class ChangeWatch(QObject):
    """Polls the change log and announces when something moved.

    Args:
        ctx: the signed-in caller.
        runner: the window's task runner (the query never runs on the GUI thread).
        announce: the window's ``changed`` emitter.
        interval_ms: how often to look (shorter in tests).
    """

    moved = Signal()
    """Something was written since the last look (after ``announce`` was called)."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        announce: Callable[[Changes], None],
        *,
        interval_ms: int = POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner
        self._announce = announce
        self._seen: str | None = None
        self._looking = False
        self._quiet = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.look)

    def start(self) -> None:
        """Take the current stamp as seen, then look every interval."""
        self.look()
        self.timer.start()

    def stop(self) -> None:
        """Stop looking (the window closes)."""
        self.timer.stop()

    def absorb(self) -> None:
        """Take the newest stamp as seen without announcing it (this window's own change)."""
        self._quiet = True
        self.look()

    def look(self) -> None:
        """Read the newest stamp off the GUI thread (skipped if the last read is still out)."""
        if self._looking:
            return
        self._looking = True
        ctx = self._ctx

        def work(_task: Task[str]) -> str:
            return change_watch.latest_change(ctx)

        self._runner.run(work, self._compare, self._failed)

    def _compare(self, stamp: str) -> None:
        self._looking = False
        seen, self._seen = self._seen, stamp
        quiet, self._quiet = self._quiet, False
        if seen is None or seen == stamp or quiet:
            return
        # Someone (maybe this window) wrote: refreshing keeps the person's place.
        self._announce(Changes(queues=True, notifications=True))
        self.moved.emit()

    def _failed(self, _error: Exception) -> None:
        # The database is briefly locked or unreachable: the next look tries again.
        self._looking = False

"""The one way slow work leaves the GUI thread.

A :class:`TaskRunner` runs a plain function on its own thread pool and delivers the result,
the failure or the progress back on the GUI thread through queued signals, so callbacks may
touch widgets while the work itself never does. Closing a window calls
:meth:`TaskRunner.shutdown`, which waits for its workers: none outlives what it reports to.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal

from complaintdesk.domain.errors import ComplaintDeskError

log = logging.getLogger(__name__)

T = TypeVar("T")
SuccessCallback = Callable[[T], None]
FailureCallback = Callable[[Exception], None]
ProgressCallback = Callable[[int, int], None]


class Task(Generic[T]):
    """One piece of work: the worker reads :attr:`cancelled` and calls :meth:`report_progress`.

    The same object is the handle the GUI keeps to :meth:`cancel` it. Callbacks run on the
    GUI thread and never after a cancel.
    """

    def __init__(
        self,
        relay: _Relay,
        on_success: SuccessCallback[T],
        on_failure: FailureCallback | None,
        on_progress: ProgressCallback | None,
    ) -> None:
        self._relay = relay
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self._cancel = threading.Event()
        self._done = threading.Event()

    @property
    def cancelled(self) -> bool:
        """True once the GUI asked this work to stop; long work checks it between steps."""
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        """True once the work returned or raised (callbacks may still be on their way)."""
        return self._done.is_set()

    def cancel(self) -> None:
        """Ask the work to stop and drop its result: no callback will be called."""
        self._cancel.set()

    def report_progress(self, done: int, total: int) -> None:
        """Tell the GUI how far the work is (safe to call from the worker thread)."""
        if not self.cancelled:
            _emit(self._relay.progressed, self, done, total)

    def _deliver(self, result: Any, error: Exception | None) -> None:
        if error is not None and not isinstance(error, ComplaintDeskError):
            # A bug, not an expected failure: it must reach the log with its traceback.
            log.error("background task failed", exc_info=(type(error), error, error.__traceback__))
        if self.cancelled:
            return
        if error is None:
            self._on_success(result)
        elif self._on_failure is not None:
            self._on_failure(error)

    def _progress(self, done: int, total: int) -> None:
        if self._on_progress is not None and not self.cancelled:
            self._on_progress(done, total)


def _emit(signal: Any, *args: object) -> None:
    try:
        signal.emit(*args)
    except RuntimeError:
        # The runner was destroyed after a shutdown timed out; nobody is left to tell.
        log.debug("task result dropped: its runner is gone")


class _Relay(QObject):
    """Lives on the GUI thread; workers emit on it, so slots run there (queued)."""

    completed = Signal(object, object, object)
    """(task, result, error) — exactly once per task."""
    progressed = Signal(object, int, int)
    """(task, done, total)."""


class _Job(QRunnable):
    def __init__(self, task: Task[Any], work: Callable[[Task[Any]], Any]) -> None:
        super().__init__()
        self._task = task
        self._work = work

    def run(self) -> None:
        result: Any = None
        error: Exception | None = None
        if not self._task.cancelled:
            try:
                result = self._work(self._task)
            except Exception as caught:  # delivered to the GUI thread, logged there if a bug
                error = caught
        self._task._done.set()
        _emit(self._task._relay.completed, self._task, result, error)


class TaskRunner(QObject):
    """Runs slow work (database counts, opening, seeding) off the GUI thread.

    Args:
        parent: the window whose lifetime bounds the work.
        max_threads: size of this runner's own pool (None: Qt's default for the machine).
    """

    def __init__(self, parent: QObject | None = None, *, max_threads: int | None = None) -> None:
        super().__init__(parent)
        # A pool of our own, so shutting down waits for our work only.
        self._pool = QThreadPool(self)
        if max_threads is not None:
            self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.completed.connect(self._on_completed, queued)
        self._relay.progressed.connect(self._on_progressed, queued)
        self._pending: set[Task[Any]] = set()
        self._closed = False
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def run(
        self,
        work: Callable[[Task[T]], T],
        on_success: SuccessCallback[T],
        on_failure: FailureCallback | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Task[T]:
        """Start ``work(task)`` on a worker thread and return its handle.

        Args:
            work: the slow function; it receives its :class:`Task` to check
                ``cancelled`` and call ``report_progress``. It must not touch a widget.
            on_success: called on the GUI thread with the value ``work`` returned.
            on_failure: called on the GUI thread with the exception ``work`` raised.
                Unexpected exceptions (bugs) are also logged with their traceback.
            on_progress: called on the GUI thread with ``(done, total)``.
        """
        task: Task[T] = Task(self._relay, on_success, on_failure, on_progress)
        if self._closed:
            task.cancel()
            return task
        self._pending.add(task)
        self._pool.start(_Job(task, work))
        return task

    @property
    def pending(self) -> int:
        """How many tasks have not delivered their outcome yet."""
        return len(self._pending)

    def shutdown(self) -> None:
        """Cancel every task and wait for the workers, so none outlives the window."""
        self._closed = True
        for task in self._pending:
            task.cancel()
        self._pool.waitForDone()
        self._pending.clear()

    def _on_completed(self, task: Task[Any], result: Any, error: Exception | None) -> None:
        self._pending.discard(task)
        task._deliver(result, error)

    def _on_progressed(self, task: Task[Any], done: int, total: int) -> None:
        task._progress(done, total)

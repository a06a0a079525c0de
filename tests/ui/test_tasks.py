"""The off-GUI-thread helper: results, failures and progress come back on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from complaintdesk.domain.errors import ValidationError
from complaintdesk.ui.tasks import Task, TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_result_is_delivered_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    gui_thread = QThread.currentThread()
    seen: list[tuple[int, bool]] = []
    worker_threads: list[QThread] = []

    def work(_task: Task[int]) -> int:
        worker_threads.append(QThread.currentThread())
        return 42

    runner.run(work, lambda value: seen.append((value, QThread.currentThread() is gui_thread)))

    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(42, True)]
    assert worker_threads[0] is not gui_thread
    assert runner.pending == 0


def test_failure_reaches_the_failure_callback(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[Exception] = []

    def work(_task: Task[None]) -> None:
        raise ValidationError("bad input")

    runner.run(work, lambda _value: pytest.fail("no success expected"), errors.append)

    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValidationError)
    assert str(errors[0]) == "bad input"


def test_progress_is_reported_in_order(qtbot: QtBot, runner: TaskRunner) -> None:
    steps: list[tuple[int, int]] = []
    done: list[str] = []

    def work(task: Task[str]) -> str:
        for step in range(1, 4):
            task.report_progress(step, 3)
        return "finished"

    runner.run(work, done.append, on_progress=lambda d, t: steps.append((d, t)))

    qtbot.waitUntil(lambda: bool(done))
    assert steps == [(1, 3), (2, 3), (3, 3)]


def test_a_cancelled_task_calls_nothing_back(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    calls: list[object] = []

    def work(task: Task[str]) -> str:
        release.wait(5)
        return "late"

    task = runner.run(work, calls.append, calls.append)
    task.cancel()
    release.set()

    qtbot.waitUntil(lambda: runner.pending == 0)
    assert task.cancelled
    assert calls == []


def test_shutdown_waits_for_running_work(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    release = threading.Event()

    def work(task: Task[None]) -> None:
        started.set()
        release.wait(5)

    task = runner.run(work, lambda _value: None)
    assert started.wait(5)
    threading.Timer(0.05, release.set).start()  # lets shutdown find the worker still busy
    runner.shutdown()

    assert task.done

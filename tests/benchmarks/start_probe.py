"""Start ComplaintDesk on a database and report when the main window first painted its queue.

Run by ``bench.py`` in a fresh process: ``python -m tests.benchmarks.start_probe URL LOGIN
[--spawned-at MONOTONIC] [--settle]`` with the password on standard input. The start is the
instant the parent process asked for this one (``time.monotonic()`` is one clock for every
process of the machine), so the figure includes starting the interpreter; the end is the
moment the window's queue table finished painting its first rows. Without ``--settle`` the
probe prints one JSON object and exits at once, leaving nothing to tidy on the clock.

With ``--settle`` it goes on as a person would: it waits until the window's start-up work
(queue counts, notifications) is done, then opens every queue of the navigation list, and
reports the resident memory at each of these moments (measured as ``measure.memory`` says).
"""

from __future__ import annotations

import time

ENTERED = time.monotonic()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from complaintdesk.app import connect, settings_for  # noqa: E402
from complaintdesk.services.admin import auth  # noqa: E402
from complaintdesk.ui.main_window import MainWindow  # noqa: E402
from tests.benchmarks.measure import memory  # noqa: E402

PATIENCE_S = 120.0


class PaintWatch(QObject):
    """Counts the paint events a widget received (the paint is done once delivered)."""

    def __init__(self, watched: QObject) -> None:
        super().__init__(watched)
        self.paints = 0
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def wait_for_paint(
    app: QApplication, watch: PaintWatch, seen: int, patience: float = PATIENCE_S
) -> None:
    """Deliver events until ``watch`` saw a paint after the ``seen`` first ones."""
    deadline = time.monotonic() + patience
    while watch.paints <= seen and time.monotonic() < deadline:
        app.processEvents()


def main() -> None:
    """Open, sign in (without the dialog), show the window, stop after its first paint."""
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("login")
    parser.add_argument("--spawned-at", type=float, default=None)
    parser.add_argument("--settle", action="store_true")
    args = parser.parse_args()
    started = args.spawned_at if args.spawned_at is not None else ENTERED
    password = sys.stdin.readline().rstrip("\n")
    app = QApplication.instance() or QApplication([])
    imported = time.monotonic()
    connection = connect(settings_for(args.url))
    opened = time.monotonic()
    actor = auth.sign_in(connection.uow, args.login, password)
    signed_in = time.monotonic()
    window = MainWindow(connection, actor)
    watch = PaintWatch(window.table.viewport())
    window.show()
    while window.queue_model.rowCount() == 0 or watch.paints == 0:
        wait_for_paint(app, watch, watch.paints)
        if time.monotonic() - started > PATIENCE_S:
            break
    painted = time.monotonic()
    figures: dict[str, Any] = {
        "start_to_first_paint_s": round(painted - started, 3),
        "interpreter_and_imports_s": round(imported - started, 3),
        "open_database_s": round(opened - imported, 3),
        "sign_in_s": round(signed_in - opened, 3),
        "window_and_first_page_s": round(painted - signed_in, 3),
        "first_page_rows": window.queue_model.rowCount(),
        "memory_at_first_paint": memory(),
    }
    if args.settle:
        figures.update(_settled(app, window, watch))
    print(json.dumps(figures), flush=True)
    os._exit(0)  # stop right after: closing the window is not part of starting it


def _settled(app: QApplication, window: MainWindow, watch: PaintWatch) -> dict[str, Any]:
    """Wait for the start-up work, then open every queue; memory at each moment."""
    deadline = time.monotonic() + PATIENCE_S
    while window.tasks.pending and time.monotonic() < deadline:
        app.processEvents()
    found: dict[str, Any] = {"memory_after_start_up_work": memory()}
    for row in range(window.navigation.count()):
        if row == window.navigation.currentRow():
            continue  # already shown: nothing would be painted again
        seen = watch.paints
        window.go_to_queue(row)
        wait_for_paint(app, watch, seen, patience=10.0)
    while window.tasks.pending and time.monotonic() < deadline:
        app.processEvents()
    found["memory_after_every_queue"] = memory()
    found["queues_opened"] = window.navigation.count()
    return found


if __name__ == "__main__":
    main()

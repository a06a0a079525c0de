"""Queues end to end: click, rows in the table model, table painted; and the service vs raw SQL.

    python -m tests.benchmarks.bench_queues DATABASE [--login agent] [--cold] [--repeat 20]

Run by ``bench.py`` in a process of its own (Qt on the offscreen platform). It shows the
app's queue table (``QueueTable`` over ``QueueModel``) at the size it has in the main window
at its default size (``--size window``: 1105 x 220, nine rows painted) or enlarged to a laptop
screen (``--size tall``: 1280 x 720, 22 rows), and for every queue the person's navigation
offers, every sort key and both directions it times, from the first page:

- ``click``: the header click (``sortByColumn``, what a click on a column header calls) to
  the end of the table's paint: the service reading the page, the model reset, the view's
  layout and the paint of the visible rows, as the person waits for them. Before each timed
  click the table shows the same queue in the other direction, so every click reads a page.
- ``service``: ``queues.page`` alone, and ``raw``: the very SQL text and parameters it runs,
  on a connection of the app's own pool (the same pragmas: cache size, memory map, temp
  store; the same page cache). Their ratio is the cost of the service above the database.

Warm figures repeat each click ``--repeat`` times. With ``--cold`` each case is clicked once
after the database file's pages were dropped from the operating system's cache and the
app's connection was closed (``measure.evict``): the first click after other work pushed
the database out of memory. Prints one JSON object.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import json
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.domain.vocabulary import Channel, ClockState
from complaintdesk.services.admin import auth
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import queues
from complaintdesk.services.read_models import (
    QueueFilters,
    QueueKind,
    QueueRequest,
    SortKey,
)
from complaintdesk.storage import queue_queries
from complaintdesk.storage.database import sqlite_url
from complaintdesk.ui.queues.queue_model import SORT_KEYS, QueueModel
from complaintdesk.ui.queues.queue_view import QueueTable
from tests.benchmarks.measure import Clock, evict, percentiles
from tests.benchmarks.start_probe import PaintWatch, wait_for_paint

SIZES = {"window": (1105, 220), "tall": (1280, 720)}
"""The table in the main window at its default 1280 x 860 (splitters 170 | 1110 and
250 | 570, less the filter bar), and the table enlarged to a 1280 x 720 screen."""
COLUMN_OF = {key: column for column, key in SORT_KEYS.items()}
FILTERS: dict[str, QueueFilters] = {
    "filter_phone": QueueFilters(channels=frozenset({Channel.PHONE})),
    "filter_late_email": QueueFilters(
        channels=frozenset({Channel.EMAIL}), clock_states=frozenset({ClockState.BREACHED})
    ),
    "filter_older_than_30d": QueueFilters(older_than_days=30),
}
"""Filters a supervisor sets on "All open" (the filter bar), sorted by due date."""


class Screen:
    """The app's queue table, shown, with a way to click and wait for the paint."""

    def __init__(self, app: QApplication, ctx: ServiceContext, size: str) -> None:
        self.app = app
        self.model = QueueModel(ctx)
        self.table = QueueTable(self.model)
        self.table.resize(*SIZES[size])
        self.table.show()
        self.watch = PaintWatch(self.table.viewport())

    def show(self, request: QueueRequest) -> None:
        """Show ``request`` and let it paint (not timed)."""
        seen = self.watch.paints
        self.model.set_request(request)
        wait_for_paint(self.app, self.watch, seen, patience=30.0)

    def click(self, request: QueueRequest) -> tuple[float, float]:
        """Click the header to ``request``'s order; return (wall, CPU) seconds to painted."""
        order = Qt.SortOrder.DescendingOrder if request.descending else Qt.SortOrder.AscendingOrder
        seen = self.watch.paints
        clock = Clock()
        if request.filters.empty:
            self.table.sortByColumn(COLUMN_OF[request.sort], order)
        else:
            self.model.set_request(request)  # the filter bar's apply
        wait_for_paint(self.app, self.watch, seen, patience=30.0)
        return clock.stop()


def cases(ctx: ServiceContext) -> list[tuple[str, QueueRequest]]:
    """Every queue the person sees x every sort x both directions, then the filters."""
    found = [
        (f"{queue.value}.{sort.value}.{'desc' if descending else 'asc'}", request)
        for queue in queues.visible_queues(ctx.actor)
        for sort in SortKey
        for descending in (False, True)
        for request in [QueueRequest(queue, sort, descending)]
    ]
    if QueueKind.ALL_OPEN in queues.visible_queues(ctx.actor):
        found += [
            (f"all_open.{n}", QueueRequest(QueueKind.ALL_OPEN, filters=f))
            for n, f in FILTERS.items()
        ]
    return found


def _flipped(request: QueueRequest) -> QueueRequest:
    if not request.filters.empty:
        return QueueRequest(request.queue, request.sort, request.descending)
    return QueueRequest(request.queue, request.sort, not request.descending, request.filters)


def _raw_action(ctx: ServiceContext, request: QueueRequest, backend: Backend) -> Any:
    """The SQL text and parameters ``queues.page`` runs for ``request``, run on the driver.

    On a connection of the app's own pool, as the service gets one: the same settings and
    the same page cache, so the ratio is the service's own cost.
    """
    spec = queues.queue_filter(ctx.actor, request)
    template = queue_queries.page_template(
        spec, request.sort.value, request.descending, False, queues.PAGE_SIZE
    )
    query = queue_queries.driver_query(template, backend.engine.dialect)
    parameters = query.parameters(None)

    def run() -> Any:
        pooled = backend.engine.raw_connection()
        try:
            return pooled.dbapi_connection.execute(query.sql, parameters).fetchall()
        finally:
            pooled.close()

    return run


def warm(
    app: QApplication, backend: Backend, ctx: ServiceContext, repeat: int, size: str
) -> dict[str, Any]:
    """Every case ``repeat`` times: click to paint, then service and raw SQL in turns."""
    screen = Screen(app, ctx, size)
    figures: dict[str, Any] = {}
    for name, request in cases(ctx):
        clicks = [_click(screen, request) for _ in range(repeat + 1)][1:]  # the first warms
        figures[name] = _case(
            clicks,
            _in_turns(
                partial(queues.page, ctx, request),
                _raw_action(ctx, request, backend),
                repeat,
            ),
            screen.model.rowCount(),
        )
    return figures


def _click(screen: Screen, request: QueueRequest) -> tuple[float, float]:
    screen.show(_flipped(request))
    return screen.click(request)


def _in_turns(
    service: Callable[[], object], raw: Callable[[], object], repeat: int
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Time both in turns, so a change in the machine's load weighs on both alike."""
    service(), raw()
    services, raws = [], []
    for _ in range(repeat):
        clock = Clock()
        raw()
        raws.append(clock.stop())
        clock = Clock()
        service()
        services.append(clock.stop())
    return services, raws


def _case(
    clicks: list[tuple[float, float]],
    turns: tuple[list[tuple[float, float]], list[tuple[float, float]]],
    rows: int,
) -> dict[str, Any]:
    services, raws = turns
    figures: dict[str, Any] = {
        "click_ms": percentiles([c[0] for c in clicks]),
        "click_cpu_ms": percentiles([c[1] for c in clicks]),
        "rows": rows,
    }
    for what, index in (("", 0), ("_cpu", 1)):
        service = percentiles([s[index] for s in services], 3)
        raw = percentiles([r[index] for r in raws], 3)
        figures[f"service{what}_ms"] = service
        figures[f"raw{what}_ms"] = raw
        figures[f"ratio{what}_p50"] = round(service[0] / raw[0], 2) if raw[0] else None
    return figures


def cold(
    app: QApplication, backend: Backend, ctx: ServiceContext, path: Path, size: str
) -> dict[str, Any]:
    """Every case clicked once on a cold database and a fresh connection."""
    screen = Screen(app, ctx, size)
    figures: dict[str, Any] = {}
    for name, request in cases(ctx):
        screen.show(_flipped(request))
        backend.engine.dispose()  # the next page opens a new connection: empty caches
        evict(path)
        wall, cpu = screen.click(request)
        figures[name] = {"click_ms": round(wall * 1000, 2), "click_cpu_ms": round(cpu * 1000, 2)}
    return figures


def main() -> None:
    """Measure the cases asked for and print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("database", type=Path)
    parser.add_argument("--login", default="agent")
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--size", choices=sorted(SIZES), default="window")
    args = parser.parse_args()
    app = QApplication([])
    backend = open_backend(Settings(sqlite_url(args.database), args.database.parent))
    ctx = ServiceContext(backend.uow, auth.sign_in(backend.uow, args.login, f"demo-{args.login}"))
    if args.cold:
        found = cold(app, backend, ctx, args.database, args.size)
    else:
        found = warm(app, backend, ctx, args.repeat, args.size)
    print(json.dumps(found))


if __name__ == "__main__":
    main()

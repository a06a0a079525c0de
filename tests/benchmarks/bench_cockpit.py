"""Time the supervisor cockpit's queries on a seeded SQLite database and print one JSON object.

Usage::

    complaintdesk --database sqlite:////tmp/cockpit100k.db demo seed --complaints 100000
    nice -n 10 python -m tests.benchmarks.bench_cockpit /tmp/cockpit100k.db

For each case (a queue, a sort on any column, with or without filters) it times the fifth
keyset page through the service and the same SQL on the driver, on a connection with the
app's settings (the floor), and the filtered count; then the workload panel's query and the
change watch's poll. Figures are milliseconds as ``[p50, p95]`` over ``REPEAT`` runs.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Dialect

from complaintdesk.app import Settings, open_backend
from complaintdesk.domain.vocabulary import Channel, ClockState, Priority, Status
from complaintdesk.services.admin import auth
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import queues, workload
from complaintdesk.services.read_models import QueueFilters, QueueKind, QueueRequest, SortKey
from complaintdesk.services.replicas import change_watch
from complaintdesk.storage import queue_queries
from complaintdesk.storage.database import create_database_engine, sqlite_url

REPEAT = 10
LOGINS = {"agent": "demo-agent", "supervisor": "demo-supervisor"}
FILTERS = {
    "none": QueueFilters(),
    "email_late": QueueFilters(
        channels=frozenset({Channel.EMAIL}), clock_states=frozenset({ClockState.BREACHED})
    ),
    "urgent_high_older_7d": QueueFilters(
        priorities=frozenset({Priority.URGENT, Priority.HIGH}), older_than_days=7
    ),
    "in_progress_vulnerable": QueueFilters(
        statuses=frozenset({Status.IN_PROGRESS}), segments=frozenset({"vulnerable"})
    ),
}
CASES: tuple[tuple[str, QueueKind, str], ...] = (
    *(("agent", QueueKind.MINE, "none"),),
    *(("supervisor", QueueKind.ALL_OPEN, f) for f in FILTERS),
    ("supervisor", QueueKind.RESOLVED, "none"),
)


def percentiles(samples: list[float]) -> list[float]:
    """Return ``[p50, p95]`` in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return [round(statistics.median(ordered) * 1000, 2), round(p95 * 1000, 2)]


def timed(action: Callable[[], object], repeat: int = REPEAT) -> list[float]:
    """Run ``action`` ``repeat`` times and return the durations in seconds."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def one_case(
    ctx: ServiceContext, raw: Any, request: QueueRequest, dialect: Dialect
) -> dict[str, Any]:
    """Time the fifth page of ``request``: the service, and its SQL on the driver."""
    cursor = None
    for _ in range(4):
        page = queues.page(ctx, request, cursor)
        if page.cursor is None:
            break
        cursor = page.cursor
    service = timed(lambda: queues.page(ctx, request, cursor))
    spec = queues.queue_filter(ctx.actor, request)
    template = queue_queries.page_template(
        spec, request.sort.value, request.descending, cursor is not None, queues.PAGE_SIZE
    )
    query = queue_queries.driver_query(template, dialect)
    parameters = query.parameters(cursor)
    floor = timed(lambda: raw.execute(query.sql, parameters).fetchall())
    s50, f50 = statistics.median(service), statistics.median(floor)
    return {
        "page_ms": percentiles(service),
        "raw_sql_ms": percentiles(floor),
        "ratio_p50": round(s50 / f50, 2) if f50 else None,
    }


def run(path: Path) -> dict[str, Any]:
    """Measure every case on the database at ``path``."""
    backend = open_backend(Settings(sqlite_url(path), path.parent))
    raw_engine = create_database_engine(sqlite_url(path))  # the app's connection settings
    raw = raw_engine.raw_connection().dbapi_connection
    ctxs = {
        login: ServiceContext(backend.uow, auth.sign_in(backend.uow, login, password))
        for login, password in LOGINS.items()
    }
    figures: dict[str, Any] = {}
    try:
        for login, queue, name in CASES:
            ctx = ctxs[login]
            filters = FILTERS[name]
            count = timed(partial(queues.count, ctx, queue, filters), 5)
            figures[f"{queue.value}.{name}.count_ms"] = percentiles(count)
            for sort in SortKey:
                for descending in (False, True):
                    request = QueueRequest(queue, sort, descending, filters)
                    key = f"{queue.value}.{name}.{sort.value}.{'desc' if descending else 'asc'}"
                    figures[key] = one_case(ctx, raw, request, backend.engine.dialect)
        sue = ctxs["supervisor"]
        figures["workload_ms"] = percentiles(timed(lambda: workload.workload(sue), 5))
        figures["change_poll_ms"] = percentiles(timed(lambda: change_watch.latest_change(sue)))
    finally:
        raw_engine.dispose()
        backend.engine.dispose()
    return figures


def main(argv: list[str]) -> int:
    """Print the figures of the database named in ``argv`` as one JSON object."""
    if len(argv) != 1:
        print(__doc__)
        return 2
    print(json.dumps(run(Path(argv[0])), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Benchmark sections of the supervisor's side: dashboard, exports, returns, screen-pop.

Called by ``bench.py``; each function takes the database file and returns figures to merge
into the one JSON object.
"""

from __future__ import annotations

import resource
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from complaintdesk.app import Settings, open_backend
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.insight import cfpb_export, exports, fca_return
from complaintdesk.services.insight import dashboard as reports
from complaintdesk.services.read_models import QueueKind, QueueRequest
from complaintdesk.storage.database import sqlite_url

DASHBOARD_REPEAT = 5
SCREEN_POP_REPEAT = 10
PERIODS = {"7d": 7, "30d": 30, "90d": 90, "365d": 365}


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return round(statistics.median(ordered) * 1000, 1), round(p95 * 1000, 1)


def _admin() -> Actor:
    return Actor(None, "bench", "Benchmark", Role.ADMIN, uuid.UUID(int=0), "HQ", None, frozenset())


def _open(path: Path) -> Any:
    return open_backend(Settings(sqlite_url(path), path.parent))


def dashboard(path: Path) -> dict[str, Any]:
    """Time the whole dashboard (every chart's aggregates) for each period picker choice."""
    backend = _open(path)
    ctx = ServiceContext(backend.uow, _admin())
    now = datetime.now(UTC)
    figures: dict[str, Any] = {}
    try:
        for name, days in PERIODS.items():
            request = reports.DashboardRequest(now - timedelta(days=days), now)
            reports.dashboard(ctx, request, now)  # warm, as a second opening is
            samples = []
            for _ in range(DASHBOARD_REPEAT):
                started = time.perf_counter()
                shown = reports.dashboard(ctx, request, now)
                samples.append(time.perf_counter() - started)
            figures[f"dashboard.{name}.ms_p50_p95"] = _ms(samples)
            figures[f"dashboard.{name}.complaints_received"] = shown.received
    finally:
        backend.engine.dispose()
    return figures


def exported(path: Path) -> dict[str, Any]:
    """Export the whole "All open" queue to CSV and XLSX: rows per second, memory growth."""
    backend = _open(path)
    ctx = ServiceContext(backend.uow, _admin())
    figures: dict[str, Any] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="complaintdesk-export-") as folder:
            for kind in ("csv", "xlsx"):
                before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                started = time.perf_counter()
                written = exports.export_queue(
                    ctx, QueueRequest(QueueKind.ALL_OPEN), Path(folder) / f"open.{kind}"
                )
                elapsed = time.perf_counter() - started
                grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
                figures[f"export.{kind}.rows"] = written.rows
                figures[f"export.{kind}.seconds"] = round(elapsed, 2)
                figures[f"export.{kind}.rows_per_s"] = round(written.rows / elapsed)
                figures[f"export.{kind}.peak_memory_growth_mb"] = round(grown / 1024, 1)
    finally:
        backend.engine.dispose()
    return figures


def returns(path: Path) -> dict[str, Any]:
    """Time the FCA-style return over a year and the CFPB export of the last 30 days."""
    backend = _open(path)
    ctx = ServiceContext(backend.uow, _admin())
    now = datetime.now(UTC)
    figures: dict[str, Any] = {}
    try:
        started = time.perf_counter()
        found = fca_return.complaints_return(ctx, (now - timedelta(days=365)).date(), now.date())
        figures["fca_return.365d.seconds"] = round(time.perf_counter() - started, 2)
        figures["fca_return.365d.opened"] = found.total.opened
        with tempfile.TemporaryDirectory(prefix="complaintdesk-cfpb-") as folder:
            started = time.perf_counter()
            written = cfpb_export.export_cfpb(
                ctx, Path(folder) / "cfpb.csv", now - timedelta(days=30), now
            )
            elapsed = time.perf_counter() - started
        figures["cfpb_export.30d.rows"] = written.rows
        figures["cfpb_export.30d.rows_per_s"] = round(written.rows / elapsed) if elapsed else None
    finally:
        backend.engine.dispose()
    return figures


def screen_pop(path: Path, login: str, password: str) -> dict[str, Any]:
    """Time ``callers.screen_pop`` on numbers of the data set, as they are typed in France."""
    try:
        from complaintdesk.services.customers import callers
    except ImportError:
        return {"screen_pop": "not available"}
    backend = _open(path)
    raw = sqlite3.connect(path)
    try:
        ctx = ServiceContext(backend.uow, auth.sign_in(backend.uow, login, password))
        numbers = [
            row[0]
            for row in raw.execute(
                "SELECT value FROM contact_point WHERE kind = 'phone' AND value LIKE '+336%' "
                "ORDER BY id LIMIT 20 OFFSET 1000"
            )
        ]
        pop: Callable[[str], object] = lambda n: callers.screen_pop(ctx, n)  # noqa: E731
        samples: list[float] = []
        for number in numbers:
            pop(number)
            for _ in range(SCREEN_POP_REPEAT):
                started = time.perf_counter()
                pop(number)
                samples.append(time.perf_counter() - started)
        unknown = time.perf_counter()
        pop("+33 1 99 99 99 99")
        return {
            "screen_pop.ms_p50_p95": _ms(samples),
            "screen_pop.numbers": len(numbers),
            "screen_pop.unknown_number_ms": round((time.perf_counter() - unknown) * 1000, 1),
        }
    finally:
        raw.close()
        backend.engine.dispose()

"""The supervisor's dashboard: every figure a GROUP BY in the database, returned as values.

The widgets never query: :func:`dashboard` returns one :class:`Dashboard` holding every chart's
bars, each carrying the :class:`ChartFilter` a click on it opens in the queue.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Channel, ClockState
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.insight import queues
from complaintdesk.services.insight.dashboard_models import (
    AGE_BANDS,
    Bar,
    ChartFilter,
    Dashboard,
    DashboardRequest,
    Grain,
)
from complaintdesk.services.read_models import QueueFilters, QueueKind, QueueRequest
from complaintdesk.storage import lookups, queue_queries
from complaintdesk.storage import report_queries as rq
from complaintdesk.storage.models import Function, RootCause
from complaintdesk.storage.unit_of_work import UnitOfWork

__all__ = [
    "AGE_BANDS",
    "Bar",
    "ChartFilter",
    "Dashboard",
    "DashboardRequest",
    "Grain",
    "dashboard",
    "fully_filtered",
    "queue_request",
    "sites",
]


def queue_request(chart: ChartFilter) -> QueueRequest:
    """Return the queue, narrowed by filters, that lists the complaints behind a chart element.

    Queue filters know channel, responsible function, site, clock state and the received
    dates; what they cannot express (root cause, resolution or due dates, satisfaction) is
    left out, so the queue then holds more than the bar: :func:`fully_filtered` says so.
    """
    filters = QueueFilters(
        channels=frozenset({chart.channel}) if chart.channel else frozenset(),
        function_ids=frozenset({chart.function_id}) if chart.function_id else frozenset(),
        site_ids=frozenset({chart.site_id}) if chart.site_id else frozenset(),
        clock_states=frozenset({chart.clock_state}) if chart.clock_state else frozenset(),
        received_after=chart.received_from,
        received_before=chart.received_to,
    )
    return QueueRequest(chart.queue, filters=filters)


def fully_filtered(chart: ChartFilter) -> bool:
    """Return True if :func:`queue_request` lists exactly the complaints behind the element."""
    return (
        chart.root_cause_id is None
        and chart.resolved_from is None
        and chart.due_from is None
        and chart.satisfaction is None
        and not chart.include_closed
    )


def sites(ctx: ServiceContext) -> tuple[tuple[uuid.UUID, str, str], ...]:
    """Return the sites the caller may pick on the dashboard: (id, code, name)."""
    ctx.actor.require(Permission.VIEW_REPORTS)
    with ctx.uow() as uow:
        return tuple((s.id, s.code, s.name) for s in lookups.all_sites(uow))


def dashboard(ctx: ServiceContext, request: DashboardRequest, now: datetime) -> Dashboard:
    """Return every dashboard figure for ``request``, computed by aggregates in the database.

    Raises:
        PermissionDenied: the caller may not read organisation-wide figures.
    """
    ctx.actor.require(Permission.VIEW_REPORTS)
    start, end, site = request.start, request.end, request.site_id
    grain = grain_for(start, end)
    with ctx.uow() as uow:
        dialect = dialect_of(uow)
        where = rq.scope(site, visible_conditions(ctx.actor))
        inflow_rows = uow.rows(rq.inflow(dialect, start, end, where))
        backlog_rows = uow.rows(rq.backlog(now, AGE_BANDS, where))
        resolved = [_Resolved(*r) for r in uow.rows(rq.resolved(start, end, where))]
        breach_rows = uow.rows(rq.breaches(dialect, start, end, now, where))
        functions = dict(uow.rows(rq.names(Function)))
        causes = dict(uow.rows(rq.names(RootCause)))
    buckets = bucket_starts(start, end, grain)
    scores = _scores(resolved, request)
    return Dashboard(
        request=request,
        now=now,
        grain=grain,
        buckets=buckets,
        inflow=_inflow(inflow_rows, request, grain, buckets),
        backlog=_backlog(backlog_rows, request, now),
        compliance_by_function=_by_function(resolved, functions, request),
        compliance_by_channel=_by_channel(resolved, request),
        breaches=_breaches(breach_rows, request, grain, buckets),
        root_causes=_pareto(resolved, causes, functions, request),
        satisfaction=scores,
        satisfaction_average=_average(scores),
    )


@dataclass(frozen=True)
class _Resolved:
    """One group of complaints resolved in the period (a row of ``report_queries.resolved``)."""

    channel: str
    function_id: uuid.UUID | None
    cause_id: uuid.UUID | None
    cause_function_id: uuid.UUID | None
    satisfaction: int | None
    promised: int
    kept: int
    count: int


def dialect_of(uow: UnitOfWork) -> str:
    """Return the database's dialect name (``sqlite`` or ``postgresql``)."""
    return str(uow.session.get_bind().dialect.name)


def visible_conditions(actor: Actor) -> list[Any]:
    """Return the storage conditions narrowing figures to what ``actor`` may see."""
    spec = queues.visibility(actor)
    return queue_queries.conditions(spec)


# --- time buckets ---


def grain_for(start: datetime, end: datetime) -> Grain:
    """Return the bucket size that keeps a time chart readable (at most ~60 bars)."""
    days = (end - start).days
    if days <= 62:
        return Grain.DAY
    if days <= 366:
        return Grain.WEEK
    return Grain.MONTH


def bucket_of(day: date, grain: Grain) -> date:
    """Return the first day of the bucket holding ``day`` (weeks start on Monday)."""
    if grain is Grain.DAY:
        return day
    if grain is Grain.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def bucket_starts(start: datetime, end: datetime, grain: Grain) -> tuple[date, ...]:
    """Return the first day of every bucket the period [start, end) touches, in order."""
    first, last = start.astimezone(UTC).date(), (end - timedelta(microseconds=1)).date()
    found: list[date] = []
    day = bucket_of(first, grain)
    while day <= last:
        found.append(day)
        day = _next_bucket(day, grain)
    return tuple(found)


def _next_bucket(day: date, grain: Grain) -> date:
    if grain is Grain.DAY:
        return day + timedelta(days=1)
    if grain is Grain.WEEK:
        return day + timedelta(days=7)
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _bucket_range(day: date, grain: Grain, request: DashboardRequest) -> tuple[datetime, datetime]:
    """Return the UTC instants a bucket covers, clipped to the period."""
    begin = datetime.combine(day, time(0), UTC)
    finish = datetime.combine(_next_bucket(day, grain), time(0), UTC)
    return max(begin, request.start), min(finish, request.end)


def _summed(rows: Iterable[Any], grain: Grain) -> dict[tuple[str, date], int]:
    """Add (group, ISO day, count) rows into (group, bucket) totals."""
    totals: dict[tuple[str, date], int] = defaultdict(int)
    for group, day, count in rows:
        totals[(group, bucket_of(date.fromisoformat(day), grain))] += int(count)
    return totals


# --- charts ---


def _inflow(
    rows: Iterable[Any], request: DashboardRequest, grain: Grain, buckets: tuple[date, ...]
) -> tuple[Bar, ...]:
    totals = _summed(rows, grain)
    channels = sorted({group for group, _ in totals}, key=lambda c: list(Channel).index(Channel(c)))
    bars = []
    for channel in channels:
        for bucket in buckets:
            begin, finish = _bucket_range(bucket, grain, request)
            drill = ChartFilter(
                QueueKind.ALL_OPEN,
                site_id=request.site_id,
                channel=Channel(channel),
                received_from=begin,
                received_to=finish,
                include_closed=True,
            )
            count = totals.get((channel, bucket), 0)
            bars.append(Bar(bucket.isoformat(), count, drill, group=channel))
    return tuple(bars)


def _backlog(rows: Iterable[Any], request: DashboardRequest, now: datetime) -> tuple[Bar, ...]:
    counts = {int(band): int(count) for band, count in rows}
    bars = []
    for band in range(len(AGE_BANDS) + 1):
        younger = AGE_BANDS[band - 1] if band else None  # at least this many days old
        older = AGE_BANDS[band] if band < len(AGE_BANDS) else None
        drill = ChartFilter(
            QueueKind.ALL_OPEN,
            site_id=request.site_id,
            received_from=now - timedelta(days=older) if older else None,
            received_to=now - timedelta(days=younger) if younger else None,
        )
        bars.append(Bar(str(band), counts.get(band, 0), drill))
    return tuple(bars)


def _compliance(
    groups: Iterable[_Resolved], key: Callable[[_Resolved], Any]
) -> dict[Any, tuple[int, int]]:
    """Return (promised, kept) per key among complaints resolved with a promise."""
    totals: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    for g in groups:
        if g.promised:
            totals[key(g)][0] += g.count
            totals[key(g)][1] += g.count * g.kept
    return {k: (v[0], v[1]) for k, v in totals.items()}


def _rate(total: int, kept: int) -> float:
    return round(100 * kept / total, 1) if total else 0.0


def _by_function(
    groups: Iterable[_Resolved], functions: dict[uuid.UUID, str], request: DashboardRequest
) -> tuple[Bar, ...]:
    bars = []
    for function_id, (total, kept) in _compliance(groups, lambda g: g.function_id).items():
        drill = ChartFilter(
            QueueKind.RESOLVED,
            site_id=request.site_id,
            function_id=function_id,
            resolved_from=request.start,
            resolved_to=request.end,
        )
        name = functions.get(function_id, "") if function_id else ""
        bars.append(Bar(name, total, drill, _rate(total, kept)))
    return tuple(sorted(bars, key=lambda b: (b.value or 0.0, b.key)))


def _by_channel(groups: Iterable[_Resolved], request: DashboardRequest) -> tuple[Bar, ...]:
    bars = []
    for channel, (total, kept) in _compliance(groups, lambda g: g.channel).items():
        drill = ChartFilter(
            QueueKind.RESOLVED,
            site_id=request.site_id,
            channel=Channel(channel),
            resolved_from=request.start,
            resolved_to=request.end,
        )
        bars.append(Bar(channel, total, drill, _rate(total, kept)))
    return tuple(sorted(bars, key=lambda b: list(Channel).index(Channel(b.key))))


def _breaches(
    rows: Iterable[Any], request: DashboardRequest, grain: Grain, buckets: tuple[date, ...]
) -> tuple[Bar, ...]:
    totals = _summed((("", day, count) for day, count in rows), grain)
    bars = []
    for bucket in buckets:
        begin, finish = _bucket_range(bucket, grain, request)
        drill = ChartFilter(
            QueueKind.BREACHED,
            site_id=request.site_id,
            clock_state=ClockState.BREACHED,
            due_from=begin,
            due_to=finish,
        )
        bars.append(Bar(bucket.isoformat(), totals.get(("", bucket), 0), drill))
    return tuple(bars)


def _pareto(
    groups: Iterable[_Resolved],
    causes: dict[uuid.UUID, str],
    functions: dict[uuid.UUID, str],
    request: DashboardRequest,
) -> tuple[Bar, ...]:
    counts: dict[tuple[uuid.UUID, uuid.UUID | None], int] = defaultdict(int)
    for g in groups:
        if g.cause_id is not None:
            counts[(g.cause_id, g.cause_function_id)] += g.count
    ordered = sorted(counts.items(), key=lambda item: (-item[1], causes.get(item[0][0], "")))
    total = sum(counts.values())
    bars, running = [], 0
    for (cause_id, function_id), count in ordered:
        running += count
        drill = ChartFilter(
            QueueKind.RESOLVED,
            site_id=request.site_id,
            root_cause_id=cause_id,
            root_cause_function_id=function_id,
            resolved_from=request.start,
            resolved_to=request.end,
        )
        function = functions.get(function_id, "") if function_id else ""
        share = round(100 * running / total, 1)
        bars.append(Bar(causes.get(cause_id, ""), count, drill, share, group=function))
    return tuple(bars)


def _scores(groups: Iterable[_Resolved], request: DashboardRequest) -> tuple[Bar, ...]:
    counts: dict[int, int] = defaultdict(int)
    for g in groups:
        if g.satisfaction is not None:
            counts[int(g.satisfaction)] += g.count
    return tuple(
        Bar(
            str(score),
            counts.get(score, 0),
            ChartFilter(
                QueueKind.RESOLVED,
                site_id=request.site_id,
                satisfaction=score,
                resolved_from=request.start,
                resolved_to=request.end,
            ),
        )
        for score in range(1, 11)
    )


def _average(scores: tuple[Bar, ...]) -> float | None:
    rated = sum(b.count for b in scores)
    if not rated:
        return None
    return round(sum(int(b.key) * b.count for b in scores) / rated, 2)

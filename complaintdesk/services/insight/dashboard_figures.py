"""Where the dashboard's figures come from: the figures kept by day, the complaints for the rest.

Whole UTC days of the period are summed from ``daily_figure`` (kept by database triggers,
migration 0019), a few thousand rows for a year whatever the number of complaints. The
complaints themselves are counted for what is not kept there: the part-days at the period's
edges, the broken promises of complaints still open (recomputed at every policy change), and
everything for a caller who sees only part of the complaints. Either way the figures are the
ones the GROUP BY over the complaints gives (``tests/services/insight/test_dashboard_figures``).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from complaintdesk.services.insight.dashboard_models import DashboardRequest
from complaintdesk.storage import report_queries as kept
from complaintdesk.storage import report_queries as rq
from complaintdesk.storage.models import Complaint
from complaintdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

FOLD_AT = 5_000
"""Rows appended since the last fold above which the dashboard folds them before reading."""


@dataclass
class Tallies:
    """Every count the charts are drawn from, for one period and site."""

    inflow: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(channel, ISO day) → complaints received."""
    by_function: dict[uuid.UUID | None, list[int]] = field(default_factory=dict)
    """Responsible function → [resolved with a promise, promise kept]."""
    by_channel: dict[str, list[int]] = field(default_factory=dict)
    """Channel → [resolved with a promise, promise kept]."""
    causes: Counter[tuple[uuid.UUID, uuid.UUID | None]] = field(default_factory=Counter)
    """(root cause, its function) → complaints resolved."""
    scores: Counter[int] = field(default_factory=Counter)
    """Satisfaction score → complaints resolved."""
    breaches: Counter[str] = field(default_factory=Counter)
    """ISO day → resolution promises broken that day."""

    def add_compliance(self, key: Any, table: str, promised: int, kept_count: int) -> None:
        """Add to the promise compliance of ``key`` in ``by_function`` or ``by_channel``."""
        totals = getattr(self, table).setdefault(key, [0, 0])
        totals[0] += promised
        totals[1] += kept_count


def keep_folded(uow_factory: UnitOfWorkFactory) -> None:
    """Fold the figures kept by day when many rows were appended since the last fold."""
    with uow_factory() as uow:
        waiting = kept.unfolded(uow)
    if waiting >= FOLD_AT:
        with uow_factory(write=True) as uow:
            kept.fold(uow)
            uow.commit()


def gather(
    uow: UnitOfWork, request: DashboardRequest, now: datetime, visible: list[Any]
) -> Tallies:
    """Return every count of ``request``'s period for a caller who sees ``visible``."""
    dialect = str(uow.session.get_bind().dialect.name)
    tallies = Tallies()
    where = rq.scope(request.site_id, visible)
    period = (request.start, request.end)
    if visible:  # no figures are kept per visibility: count the complaints themselves
        _counted(uow, dialect, period, where, tallies)
        _breaches(uow, dialect, period, now, where, tallies)
        return tallies
    whole, edges = whole_days(*period)
    _summed(uow, whole, request.site_id, tallies)
    for edge in edges:
        _counted(uow, dialect, edge, where, tallies)
    # Broken promises: those of closed complaints are kept by the day they fell due, those
    # of open ones are counted live (a policy change moves them).
    late_whole, late_edges = whole_days(request.start, min(request.end, now))
    _summed_late(uow, late_whole, request.site_id, tallies)
    closed = [*where, Complaint.is_open.is_(False)]
    for edge in late_edges:
        _breaches(uow, dialect, edge, now, closed, tallies)
    _breaches(uow, dialect, period, now, [*where, Complaint.is_open.is_(True)], tallies)
    return tallies


def backlog(
    uow: UnitOfWork,
    now: datetime,
    bounds: Sequence[int],
    site_id: uuid.UUID | None,
    visible: list[Any],
) -> dict[int, int]:
    """Open complaints per age band (``report_queries.backlog``'s bands) at ``now``.

    Whole received days from the figures kept by day; the days an age bound falls in are
    counted from the complaints, to the instant.
    """
    where = rq.scope(site_id, visible)
    if visible:
        return _bands(uow.rows(rq.backlog(now, bounds, where)))
    limits = [now - timedelta(days=days) for days in bounds]
    split = {limit.astimezone(UTC).date().isoformat() for limit in limits}
    counts: Counter[int] = Counter()
    for day, count, _p, _k in uow.rows(kept.totals(kept.OPEN, ("day",), ("", "~"), site_id)):
        if day not in split:
            younger = [
                i for i, limit in enumerate(limits) if _midnight(date.fromisoformat(day)) > limit
            ]
            counts[younger[0] if younger else len(bounds)] += count
    for day in split:
        begin = _midnight(date.fromisoformat(day))
        inside = [
            *where,
            Complaint.received_at >= begin,
            Complaint.received_at < begin + timedelta(days=1),
        ]
        counts.update(_bands(uow.rows(rq.backlog(now, bounds, inside))))
    return dict(counts)


def _bands(rows: Iterable[Any]) -> dict[int, int]:
    return {int(band): int(count) for band, count in rows}


def whole_days(
    start: datetime, end: datetime
) -> tuple[tuple[str, str], list[tuple[datetime, datetime]]]:
    """Split [start, end) into whole UTC days ([first, end) ISO dates) and the part-days left."""
    first = start.astimezone(UTC).date()
    if datetime.combine(first, time(0), UTC) < start:
        first += timedelta(days=1)
    last = end.astimezone(UTC).date()
    if last <= first:
        return (first.isoformat(), first.isoformat()), [(start, end)] if start < end else []
    edges = [(start, _midnight(first)), (_midnight(last), end)]
    return (first.isoformat(), last.isoformat()), [(a, b) for a, b in edges if a < b]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), UTC)


def _summed(
    uow: UnitOfWork, days: tuple[str, str], site_id: uuid.UUID | None, tallies: Tallies
) -> None:
    """Add the figures kept by day for whole ``days`` (promises broken aside)."""
    if days[0] >= days[1]:
        return
    for channel, day, count, _p, _k in uow.rows(
        kept.totals(kept.RECEIVED, ("channel", "day"), days, site_id)
    ):
        tallies.inflow[(channel, day)] += count
    for figure, column, table in (
        (kept.BY_FUNCTION, "function_id", "by_function"),
        (kept.BY_CHANNEL, "channel", "by_channel"),
    ):
        for key, _count, promised, kept_count in uow.rows(
            kept.totals(figure, (column,), days, site_id)
        ):
            tallies.add_compliance(key, table, promised, kept_count)
    for cause, cause_function, count, _p, _k in uow.rows(
        kept.totals(kept.CAUSE, ("cause_id", "cause_function_id"), days, site_id)
    ):
        tallies.causes[(cause, cause_function)] += count
    for score, count, _p, _k in uow.rows(kept.totals(kept.SCORE, ("satisfaction",), days, site_id)):
        tallies.scores[score] += count


def _summed_late(
    uow: UnitOfWork, days: tuple[str, str], site_id: uuid.UUID | None, tallies: Tallies
) -> None:
    """Add the broken promises of complaints no longer open, kept for whole ``days``."""
    if days[0] < days[1]:
        for day, count, _p, _k in uow.rows(kept.totals(kept.LATE, ("day",), days, site_id)):
            tallies.breaches[day] += count


def _counted(
    uow: UnitOfWork,
    dialect: str,
    period: tuple[datetime, datetime],
    where: list[Any],
    tallies: Tallies,
) -> None:
    """Add what the complaints received or resolved in ``period`` count for (GROUP BY)."""
    start, end = period
    for channel, day, count in uow.rows(rq.inflow(dialect, start, end, where)):
        tallies.inflow[(channel, day)] += count
    _resolved(uow.rows(rq.resolved(start, end, where)), tallies)


def _breaches(
    uow: UnitOfWork,
    dialect: str,
    period: tuple[datetime, datetime],
    now: datetime,
    where: list[Any],
    tallies: Tallies,
) -> None:
    for day, count in uow.rows(rq.breaches(dialect, period[0], period[1], now, where)):
        tallies.breaches[day] += count


def _resolved(rows: Iterable[Any], tallies: Tallies) -> None:
    """Add ``report_queries.resolved`` groups to the compliance, causes and scores."""
    for channel, function, cause, cause_function, score, promised, kept_flag, count in rows:
        if promised:
            tallies.add_compliance(function, "by_function", count, count * kept_flag)
            tallies.add_compliance(channel, "by_channel", count, count * kept_flag)
        if cause is not None:
            tallies.causes[(cause, cause_function)] += count
        if score is not None:
            tallies.scores[int(score)] += count

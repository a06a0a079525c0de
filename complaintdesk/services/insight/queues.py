"""Queues: which complaints a person sees, one window at a time."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from complaintdesk.domain.errors import PermissionDenied
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Channel, ClockState, Priority, Status
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.read_models import (
    ComplaintRow,
    QueueFilters,
    QueueKind,
    QueuePage,
    QueueRequest,
)
from complaintdesk.storage import queue_queries as q

PAGE_SIZE = 200
WAITING = frozenset({Status.WAITING_ON_CUSTOMER.value, Status.WAITING_ON_FUNCTION.value})
REGULATORY_RISK = frozenset({ClockState.AT_RISK.value, ClockState.BREACHED.value})
"""The supervisors' queue of regulatory deadlines at risk or missed."""


def visible_queues(actor: Actor) -> tuple[QueueKind, ...]:
    """Return the queues the navigation list offers ``actor``, in display order."""
    handles = actor.can(Permission.VIEW_ALL_COMPLAINTS) or actor.can(
        Permission.VIEW_SITE_COMPLAINTS
    )
    asked = actor.can(Permission.VIEW_CONTRIBUTIONS) and bool(actor.function_ids)
    supervises = actor.can(Permission.REASSIGN)  # the regulatory queue is theirs to watch
    if handles:
        return tuple(
            q
            for q in QueueKind
            if (asked or q is not QueueKind.ASKED) and (supervises or q is not QueueKind.REGULATORY)
        )
    return (QueueKind.ASKED,) if asked else ()


def visibility(actor: Actor) -> q.QueueFilter:
    """Return what ``actor`` may see (open or not), in storage terms (DESIGN.md section 9).

    Raises:
        PermissionDenied: the role may see no complaint at all.
    """
    if actor.can(Permission.VIEW_ALL_COMPLAINTS):
        return q.QueueFilter(open_only=False)
    if actor.can(Permission.VIEW_SITE_COMPLAINTS):
        return q.QueueFilter(open_only=False, site_id=actor.site_id)
    if actor.can(Permission.VIEW_CONTRIBUTIONS):
        return q.QueueFilter(open_only=False, function_ids=actor.function_ids)
    raise PermissionDenied("Your role does not allow you to see complaints.")


def _filter(actor: Actor, queue: QueueKind) -> q.QueueFilter:
    """Translate a queue into storage conditions, narrowed to what the actor may see."""
    scope = replace(visibility(actor), open_only=True)
    match queue:
        case QueueKind.MINE:
            # The command line owns nothing: an id no user has keeps the queue empty.
            return replace(scope, owner_id=actor.user_id or uuid.UUID(int=0))
        case QueueKind.ASKED:
            return replace(scope, function_ids=actor.function_ids, open_requests_only=True)
        case QueueKind.TEAM:
            return replace(scope, team_queue=actor.team_queue or "")
        case QueueKind.ALL_OPEN:
            return scope
        case QueueKind.AT_RISK:
            return replace(scope, clock_states=frozenset({ClockState.AT_RISK.value}))
        case QueueKind.BREACHED:
            return replace(scope, clock_states=frozenset({ClockState.BREACHED.value}))
        case QueueKind.REGULATORY:
            return replace(scope, regulatory_states=REGULATORY_RISK)
        case QueueKind.UNASSIGNED:
            return replace(scope, unassigned=True)
        case QueueKind.WAITING:
            return replace(scope, statuses=WAITING)
        case QueueKind.RESOLVED:
            return replace(scope, open_only=False, statuses=frozenset({Status.RESOLVED.value}))


def narrowing(filters: QueueFilters, now: datetime | None = None) -> q.Narrowing | None:
    """Translate what a person filtered on into storage terms (None: nothing narrows)."""
    if filters.empty:
        return None
    before = filters.received_before
    if filters.older_than_days is not None:
        cutoff = (now or datetime.now(UTC)) - timedelta(days=filters.older_than_days)
        before = cutoff if before is None else min(before, cutoff)
    return q.Narrowing(
        statuses=frozenset(s.value for s in filters.statuses),
        owner_ids=filters.owner_ids,
        function_ids=filters.function_ids,
        channels=frozenset(c.value for c in filters.channels),
        site_ids=filters.site_ids,
        clock_states=frozenset(c.value for c in filters.clock_states),
        regulatory_states=frozenset(c.value for c in filters.regulatory_states),
        category_ids=filters.category_ids,
        priorities=frozenset(int(p) for p in filters.priorities),
        segments=filters.segments,
        received_after=filters.received_after,
        received_before=before,
    )


def queue_filter(actor: Actor, request: QueueRequest) -> q.QueueFilter:
    """Return the storage conditions of a (possibly filtered) queue for ``actor``."""
    return replace(_filter(actor, request.queue), narrowing=narrowing(request.filters))


def count(ctx: ServiceContext, queue: QueueKind, filters: QueueFilters | None = None) -> int:
    """Return how many complaints ``queue`` holds for the caller (narrowed by ``filters``)."""
    spec = queue_filter(ctx.actor, QueueRequest(queue, filters=filters or QueueFilters()))
    with ctx.uow() as uow:
        return int(uow.execute(q.count_statement(spec)).scalar_one())


def page(
    ctx: ServiceContext,
    request: QueueRequest,
    cursor: Sequence[object] | None = None,
    limit: int = PAGE_SIZE,
) -> QueuePage:
    """Return the window of ``request`` that follows ``cursor`` (the first one if None)."""
    spec = queue_filter(ctx.actor, request)
    after = cursor is not None
    statement = q.page_template(spec, request.sort.value, request.descending, after, limit)
    with ctx.uow() as uow:
        rows = uow.rows(statement, q.cursor_values(cursor) if cursor is not None else None)
    result = tuple(map(complaint_row, rows))
    next_cursor = q.sort_values(result[-1], request.sort.value) if len(rows) == limit else None
    return QueuePage(rows=result, cursor=next_cursor)


_CHANNELS = {c.value: c for c in Channel}
_STATUSES = {s.value: s for s in Status}
_PRIORITIES = {p.value: p for p in Priority}
_CLOCKS = {c.value: c for c in ClockState}
_from_iso = datetime.fromisoformat


def _instant(stored: str | datetime) -> datetime:
    """Return a stored instant as aware UTC (SQLite gives naive UTC text, PostgreSQL a datetime)."""
    if isinstance(stored, str):
        # Parsing the zone with the text is one C call; ``replace(tzinfo=)`` cost as much again.
        return _from_iso(stored + "+00:00")
    return stored.astimezone(UTC)


def _uuid(stored: str | uuid.UUID) -> uuid.UUID:
    """Return a stored id as a UUID (SQLite gives 32 hex digits, PostgreSQL a UUID)."""
    return uuid.UUID(stored) if isinstance(stored, str) else stored


def complaint_row(r: Any) -> ComplaintRow:
    """Return the queue line of a row of ``queue_queries.row_statement()``."""
    # Positional unpacking, dict lookups and one conversion per stored value: a page builds
    # hundreds of rows, and SQLAlchemy's result processing cost more than the query.
    (
        cid,
        reference,
        subject,
        customer,
        channel,
        status,
        priority,
        owner,
        site,
        received,
        due,
        clock,
        version,
        regulatory,
        regulatory_due,
    ) = r
    return ComplaintRow(
        _uuid(cid),
        reference,
        subject,
        customer,
        _CHANNELS[channel],
        _STATUSES[status],
        _PRIORITIES[priority],
        owner or None,  # stored empty while nobody owns the complaint
        site,
        _instant(received),
        _instant(due),
        _CLOCKS[clock],
        version,
        _CLOCKS[regulatory],
        _instant(regulatory_due) if regulatory_due is not None else None,
    )

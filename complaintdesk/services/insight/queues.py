"""Queues: which complaints a person sees, one window at a time."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from complaintdesk.domain.errors import PermissionDenied
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import ClockState, Status
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


@lru_cache(maxsize=128)
def _filter(actor: Actor, queue: QueueKind) -> q.QueueFilter:
    """Translate a queue into storage conditions, narrowed to what the actor may see.

    Kept per actor and queue: every page of every click asks, and the answer never changes
    for a signed-in person (values only, so nothing stale is kept).
    """
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
        # To the minute: the queue's statement is then built and compiled once a minute,
        # where an instant to the microsecond made a new one for every page (15 ms each).
        moment = (now or datetime.now(UTC)).replace(second=0, microsecond=0)
        cutoff = moment - timedelta(days=filters.older_than_days)
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
    if request.filters.empty:
        return _filter(actor, request.queue)
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
    template = q.page_template(spec, request.sort.value, request.descending, after, limit)
    with ctx.uow() as uow:
        stored = q.page_rows(uow, template, cursor)
    full = len(stored) == limit
    next_cursor = q.cursor_of(stored[-1], request.sort.value) if full and stored else None
    return QueuePage(rows=complaint_rows(stored), cursor=next_cursor)


def complaint_row(stored: Sequence[Any]) -> ComplaintRow:
    """Return the queue line of a row of ``queue_queries.row_statement()`` (as stored)."""
    return ComplaintRow(stored)


def complaint_rows(stored: Sequence[Sequence[Any]]) -> tuple[ComplaintRow, ...]:
    """Return the queue lines of rows of ``queue_queries.row_statement()`` (as stored)."""
    return tuple(map(ComplaintRow, stored))

"""Queue windows by keyset pagination over stored, indexed sort keys.

A queue never loads all its rows: each page continues strictly after the last row of the
previous one, so fetching page 500 costs what fetching page 1 does.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, select, tuple_

from complaintdesk.storage.models import Complaint, ContributionRequest, Customer, Site, User

SORT_COLUMNS: dict[str, tuple[Any, ...]] = {
    "due": (Complaint.next_due_at,),
    "received": (Complaint.received_at,),
    "priority": (Complaint.priority, Complaint.next_due_at),
}


@dataclass(frozen=True)
class QueueFilter:
    """Conditions of a queue, in storage terms."""

    open_only: bool = True
    statuses: frozenset[str] | None = None
    clock_states: frozenset[str] | None = None
    owner_id: uuid.UUID | None = None
    unassigned: bool = False
    team_queue: str | None = None
    site_id: uuid.UUID | None = None
    function_ids: frozenset[uuid.UUID] | None = None
    """Only complaints one of these functions was asked to contribute to."""
    open_requests_only: bool = False
    """With ``function_ids``: only while the request is still open."""


def conditions(spec: QueueFilter) -> list[ColumnElement[bool]]:
    """Return the WHERE conditions of ``spec`` (also how search narrows to what one may see)."""
    found: list[ColumnElement[bool]] = []
    if spec.open_only:
        found.append(Complaint.is_open.is_(True))
    if spec.statuses is not None:
        found.append(Complaint.status.in_(sorted(spec.statuses)))
    if spec.clock_states is not None:
        found.append(Complaint.clock_state.in_(sorted(spec.clock_states)))
    if spec.owner_id is not None:
        found.append(Complaint.owner_id == spec.owner_id)
    if spec.unassigned:
        found.append(Complaint.owner_id.is_(None))
    if spec.team_queue is not None:
        found.append(Complaint.team_queue == spec.team_queue)
    if spec.site_id is not None:
        found.append(Complaint.site_id == spec.site_id)
    if spec.function_ids is not None:
        asked = exists().where(
            ContributionRequest.complaint_id == Complaint.id,
            ContributionRequest.function_id.in_(sorted(spec.function_ids)),
        )
        if spec.open_requests_only:
            asked = asked.where(ContributionRequest.state == "open")
        found.append(asked)
    return found


def _after(columns: Sequence[Any], cursor: Sequence[Any], descending: bool) -> ColumnElement[bool]:
    keys = tuple_(*columns, Complaint.id)
    values = tuple_(*cursor)
    return keys < values if descending else keys > values


def page_statement(
    spec: QueueFilter,
    sort: str,
    descending: bool,
    cursor: Sequence[Any] | None,
    limit: int,
) -> Select[*tuple[Any, ...]]:
    """Return the SELECT of one queue window (also what the benchmark times raw)."""
    columns = SORT_COLUMNS[sort]
    where = conditions(spec)
    if cursor is not None:
        where.append(_after(columns, cursor, descending))
    order = [c.desc() if descending else c.asc() for c in (*columns, Complaint.id)]
    return row_statement().where(and_(True, *where)).order_by(*order).limit(limit)


def row_statement() -> Select[*tuple[Any, ...]]:
    """Return the SELECT of queue rows (columns and joins), without conditions or order."""
    return (
        select(
            Complaint.id,
            Complaint.reference,
            Complaint.subject,
            Customer.display_name.label("customer_name"),
            Complaint.channel,
            Complaint.status,
            Complaint.priority,
            User.display_name.label("owner_name"),
            Site.code.label("site_code"),
            Complaint.received_at,
            Complaint.next_due_at,
            Complaint.clock_state,
        )
        .join(Customer, Customer.id == Complaint.customer_id)
        .join(Site, Site.id == Complaint.site_id)
        .outerjoin(User, User.id == Complaint.owner_id)
    )


def sort_values(row: Any, sort: str) -> tuple[Any, ...]:
    """Return the cursor of ``row``: its sort keys then its id."""
    return (*(getattr(row, column.key) for column in SORT_COLUMNS[sort]), row.id)


def count_statement(spec: QueueFilter) -> Select[*tuple[Any, ...]]:
    """Return the SELECT counting a queue's rows (served by the same indexes)."""
    return select(func.count()).select_from(Complaint).where(and_(True, *conditions(spec)))

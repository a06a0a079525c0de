"""Queue windows by keyset pagination over stored, indexed sort keys.

A queue never loads all its rows: each page continues strictly after the last row of the
previous one, so fetching page 500 costs what fetching page 1 does.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    exists,
    func,
    select,
    tuple_,
    type_coerce,
)

from complaintdesk.storage.models import Complaint, ContributionRequest, Customer, Site

_STORED_NAMES: Any = Complaint.__table__.c
"""The complaint's stored sort keys for joined names (not ORM attributes: see the model)."""

SortPart = tuple[Any, str]
"""A sort expression and the field of a queue row that holds its value (for the cursor)."""

_DUE: SortPart = (Complaint.next_due_at, "next_due_at")
NOTHING_OWED = datetime(9999, 12, 31, tzinfo=UTC)
"""Where a complaint owing no regulatory deadline sorts (after every real one)."""
_REGULATORY_DUE = func.coalesce(
    Complaint.regulatory_next_due_at,
    type_coerce(NOTHING_OWED, Complaint.regulatory_next_due_at.type),
)
SORTS: dict[str, tuple[SortPart, ...]] = {
    "due": (_DUE,),
    "received": ((Complaint.received_at, "received_at"),),
    "priority": ((Complaint.priority, "priority"), _DUE),
    "reference": ((Complaint.reference, "reference"),),
    "subject": ((Complaint.subject, "subject"),),
    "customer": ((_STORED_NAMES.customer_name, "customer_name"),),
    "channel": ((Complaint.channel, "channel"), _DUE),
    "status": ((Complaint.status, "status"), _DUE),
    # Unowned complaints store an empty name: a NULL would break the keyset comparison.
    "owner": ((_STORED_NAMES.owner_name, "owner_name"), _DUE),
    "site": ((Site.code, "site_code"), _DUE),
    # Nothing owed (no preset, or every deadline met) sorts last, never as a NULL.
    "regulatory": ((_REGULATORY_DUE, "regulatory_next_due_at"), _DUE),
}
"""Every sort a queue offers; the complaint id always breaks the remaining ties.

Each is served by an index of the queue's equality prefix, the sort keys, then the id (or, for
the site, by the site's code then the site's own index): no sort reads a whole queue."""
SORT_COLUMNS: dict[str, tuple[Any, ...]] = {
    key: tuple(part[0] for part in parts) for key, parts in SORTS.items()
}


@dataclass(frozen=True)
class Narrowing:
    """What a person filtered a queue on, in storage terms (each field one AND condition)."""

    statuses: frozenset[str] = frozenset()
    owner_ids: frozenset[uuid.UUID] = frozenset()
    function_ids: frozenset[uuid.UUID] = frozenset()
    channels: frozenset[str] = frozenset()
    site_ids: frozenset[uuid.UUID] = frozenset()
    clock_states: frozenset[str] = frozenset()
    regulatory_states: frozenset[str] = frozenset()
    category_ids: frozenset[uuid.UUID] = frozenset()
    priorities: frozenset[int] = frozenset()
    segments: frozenset[str] = frozenset()
    received_after: datetime | None = None
    received_before: datetime | None = None


@dataclass(frozen=True)
class QueueFilter:
    """Conditions of a queue, in storage terms."""

    open_only: bool = True
    statuses: frozenset[str] | None = None
    clock_states: frozenset[str] | None = None
    regulatory_states: frozenset[str] | None = None
    owner_id: uuid.UUID | None = None
    unassigned: bool = False
    team_queue: str | None = None
    site_id: uuid.UUID | None = None
    function_ids: frozenset[uuid.UUID] | None = None
    """Only complaints one of these functions was asked to contribute to."""
    open_requests_only: bool = False
    """With ``function_ids``: only while the request is still open."""
    narrowing: Narrowing | None = None


def conditions(spec: QueueFilter) -> list[ColumnElement[bool]]:
    """Return the WHERE conditions of ``spec`` (also how search narrows to what one may see)."""
    found: list[ColumnElement[bool]] = []
    if spec.open_only:
        found.append(Complaint.is_open.is_(True))
    if spec.statuses is not None:
        found.append(Complaint.status.in_(sorted(spec.statuses)))
    if spec.clock_states is not None:
        found.append(Complaint.clock_state.in_(sorted(spec.clock_states)))
    if spec.regulatory_states is not None:
        found.append(Complaint.regulatory_state.in_(sorted(spec.regulatory_states)))
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
    if spec.narrowing is not None:
        found.extend(narrowing_conditions(spec.narrowing))
    return found


_IN_COLUMNS: dict[str, Any] = {
    "statuses": Complaint.status,
    "owner_ids": Complaint.owner_id,
    "function_ids": Complaint.responsible_function_id,
    "channels": Complaint.channel,
    "site_ids": Complaint.site_id,
    "clock_states": Complaint.clock_state,
    "regulatory_states": Complaint.regulatory_state,
    "category_ids": Complaint.category_id,
    "priorities": Complaint.priority,
}


def narrowing_conditions(narrowing: Narrowing) -> list[ColumnElement[bool]]:
    """Return one condition per narrowed field, all on the complaint's own indexed columns."""
    found: list[ColumnElement[bool]] = []
    for name, column in _IN_COLUMNS.items():
        values = getattr(narrowing, name)
        if values:
            found.append(column.in_(sorted(values)))
    if narrowing.segments:
        # Looked up per complaint by primary key: the complaint's own index drives the query
        # (an IN list of customers made SQLite walk every complaint of every such customer).
        segment = (
            select(Customer.segment)
            .where(Customer.id == Complaint.customer_id)
            .correlate(Complaint)
            .scalar_subquery()
        )
        found.append(segment.in_(sorted(narrowing.segments)))
    if narrowing.received_after is not None:
        found.append(Complaint.received_at >= narrowing.received_after)
    if narrowing.received_before is not None:
        found.append(Complaint.received_at < narrowing.received_before)
    return found


def _after(columns: Sequence[Any], descending: bool) -> ColumnElement[bool]:
    keys = tuple_(*columns)
    values = tuple_(*(bindparam(f"cursor_{n}", type_=c.type) for n, c in enumerate(columns)))
    return keys < values if descending else keys > values


@lru_cache(maxsize=256)
def page_template(
    spec: QueueFilter, sort: str, descending: bool, after_cursor: bool, limit: int
) -> Select[*tuple[Any, ...]]:
    """Return the SELECT of a queue window, the cursor left as parameters (``cursor_values``).

    Built once per queue, sort and direction: SQLAlchemy then reuses its compiled form as it
    is, where building, keying and adapting a new statement for every page cost more than
    the query itself.
    """
    columns = (*SORT_COLUMNS[sort], Complaint.id)
    where = conditions(spec)
    if after_cursor:
        where.append(_after(columns, descending))
    order = [c.desc() if descending else c.asc() for c in columns]
    return row_statement().where(and_(True, *where)).order_by(*order).limit(limit)


def cursor_values(cursor: Sequence[Any]) -> dict[str, Any]:
    """Return the parameters of :func:`page_template` that continue after ``cursor``."""
    return {f"cursor_{n}": value for n, value in enumerate(cursor)}


def page_statement(
    spec: QueueFilter,
    sort: str,
    descending: bool,
    cursor: Sequence[Any] | None,
    limit: int,
) -> Select[*tuple[Any, ...]]:
    """Return the SELECT of one queue window, values included (what the benchmark times raw)."""
    template = page_template(spec, sort, descending, cursor is not None, limit)
    return template if cursor is None else template.params(cursor_values(cursor))


def row_statement() -> Select[*tuple[Any, ...]]:
    """Return the SELECT of queue rows (columns and joins), without conditions or order.

    Customer and owner names come from the complaint's stored sort keys (the owner's is empty
    while nobody owns it), so only the six-row site table is joined. The id and the instants
    come as the driver gives them (SQLite: text): ``services.queues.complaint_row`` converts
    them once, without SQLAlchemy's per-value result processing.
    """
    return select(
        _as_stored(Complaint.id, "id"),
        Complaint.reference,
        Complaint.subject,
        _STORED_NAMES.customer_name,
        Complaint.channel,
        Complaint.status,
        Complaint.priority,
        _STORED_NAMES.owner_name,
        Site.code.label("site_code"),
        _as_stored(Complaint.received_at, "received_at"),
        _as_stored(Complaint.next_due_at, "next_due_at"),
        Complaint.clock_state,
        Complaint.version,
        Complaint.regulatory_state,
        _as_stored(Complaint.regulatory_next_due_at, "regulatory_next_due_at"),
    ).join(Site, Site.id == Complaint.site_id)


def _as_stored(column: Any, name: str) -> Any:
    return type_coerce(column, String).label(name)


def sort_values(row: Any, sort: str) -> tuple[Any, ...]:
    """Return the cursor of ``row`` (a queue line): its sort keys then its id, as stored."""
    values = [getattr(row, field) for _expression, field in SORTS[sort]]
    if sort == "regulatory":  # nothing owed sorts as the far future it stands for
        values = [NOTHING_OWED if v is None else v for v in values]
    return (*(_stored_value(v) for v in values), row.id)


def _stored_value(value: Any) -> Any:
    if value is None:
        return ""
    return value.value if isinstance(value, Enum) else value


def count_statement(spec: QueueFilter) -> Select[*tuple[Any, ...]]:
    """Return the SELECT counting a queue's rows (served by the same indexes)."""
    return select(func.count()).select_from(Complaint).where(and_(True, *conditions(spec)))

"""Queue windows by keyset pagination over stored, indexed sort keys.

A queue never loads all its rows: each page continues strictly after the last row of the
previous one, so fetching page 500 costs what fetching page 1 does.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Dialect,
    Engine,
    Select,
    String,
    and_,
    bindparam,
    exists,
    func,
    literal,
    select,
    tuple_,
    type_coerce,
)

from complaintdesk.storage.database import driver_rows
from complaintdesk.storage.models import Complaint, ContributionRequest, Customer, Site
from complaintdesk.storage.models.queue_indexes import NOTHING_OWED_SQLITE as NOTHING_OWED_SQLITE
from complaintdesk.storage.models.queue_indexes import REGULATORY_RISK, regulatory_due
from complaintdesk.storage.unit_of_work import UnitOfWork

_STORED_NAMES: Any = Complaint.__table__.c
"""The complaint's stored sort keys for joined names (not ORM attributes: see the model)."""

SortPart = tuple[Any, str]
"""A sort expression and the field of a queue row that holds its value (for the cursor)."""

_DUE: SortPart = (Complaint.next_due_at, "next_due_at")
# Nothing owed sorts as 9999-12-31, a constant the queue indexes hold (``queue_indexes``).
_REGULATORY_DUE = regulatory_due(Complaint.regulatory_next_due_at)
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
        found.append(_one_of(Complaint.status, spec.statuses))
    if spec.clock_states is not None:
        found.append(_one_of(Complaint.clock_state, spec.clock_states))
    if spec.regulatory_states is not None:
        found.append(_one_of(Complaint.regulatory_state, spec.regulatory_states))
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


def _one_of(column: Any, values: frozenset[str]) -> ColumnElement[bool]:
    """Return ``column`` among ``values``, written out as the queue indexes' conditions are.

    A queue's own statuses and clock states are constants of its kind, so they are sent as
    SQL literals: the planner then matches the partial indexes made for that kind
    (``storage.models.queue_indexes``), which a bound parameter never matches. A single
    value is an equality (SQLite turns ``IN (x)`` into ``= +x``, which matches no index).
    """
    literals = [literal(v, column.type, literal_execute=True) for v in sorted(values)]
    if len(literals) == 1:
        return column == literals[0]  # type: ignore[no-any-return]
    return column.in_(literals)  # type: ignore[no-any-return]


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


_CURSOR = "cursor_"


def _after(columns: Sequence[Any], descending: bool) -> ColumnElement[bool]:
    keys = tuple_(*columns)
    # Untyped: the cursor holds the stored values of the previous page's last row, given
    # back to the driver as it gave them (no conversion either way).
    values = tuple_(*(bindparam(f"{_CURSOR}{n}") for n in range(len(columns))))
    return keys < values if descending else keys > values


@lru_cache(maxsize=256)
def page_template(
    spec: QueueFilter, sort: str, descending: bool, after_cursor: bool, limit: int
) -> Select[*tuple[Any, ...]]:
    """Return the SELECT of a queue window, the cursor left as parameters (``cursor_values``).

    Built once per queue, sort and direction, and compiled once per database by
    :func:`driver_query`.
    """
    columns = (*SORT_COLUMNS[sort], Complaint.id)
    where = conditions(spec)
    if after_cursor:
        where.append(_after(columns, descending))
    order = [c.desc() if descending else c.asc() for c in columns]
    found = row_statement().where(and_(True, *where)).order_by(*order).limit(limit)
    if spec.open_only and spec.regulatory_states == _AT_REGULATORY_RISK:
        # SQLite's planner misjudges a partial index this small (a few complaints in a
        # thousand) and sorts the site's open complaints instead: name the queue's own.
        found = found.execution_options(sqlite_index=f"ix_complaint_regulatory_{sort}")
    return found


_AT_REGULATORY_RISK = frozenset(REGULATORY_RISK)


def cursor_values(cursor: Sequence[Any]) -> dict[str, Any]:
    """Return the parameters of :func:`page_template` that continue after ``cursor``."""
    return {f"{_CURSOR}{n}": value for n, value in enumerate(cursor)}


@dataclass(frozen=True)
class DriverQuery:
    """A queue window as the database driver runs it: SQL text and its parameters.

    Compiled once per window and database; the queue's own values are converted for the
    driver then, so a page costs the query and little else: no execution context, no
    result processing, no row objects (through SQLAlchemy's execution a page cost the
    query's time again).
    """

    sql: str
    fixed: dict[str, Any]
    """The queue's own parameters, as the driver takes them."""
    order: tuple[str, ...] | None
    """Parameter names in the order of the SQL's ``?`` markers (None: named markers)."""

    def parameters(self, cursor: Sequence[Any] | None) -> Sequence[Any] | dict[str, Any]:
        """Return the driver's parameters for the window that follows ``cursor``."""
        values = self.fixed if cursor is None else {**self.fixed, **cursor_values(cursor)}
        return values if self.order is None else tuple(values[name] for name in self.order)


@lru_cache(maxsize=512)
def driver_query(template: Select[*tuple[Any, ...]], dialect: Dialect) -> DriverQuery:
    """Compile ``template`` (from :func:`page_template`) for ``dialect``'s driver."""
    compiled = template.compile(dialect=dialect)
    cursor = {name: None for name in compiled.binds if name.startswith(_CURSOR)}
    state = compiled.construct_expanded_state(cursor)
    types = {name: bind.type for name, bind in compiled.binds.items()}
    for name, expanded in state.parameter_expansion.items():
        types.update(dict.fromkeys(expanded, types[name]))
    fixed: dict[str, Any] = {}
    for name, value in state.parameters.items():
        if name in cursor:
            continue
        process = types[name].bind_processor(dialect)
        fixed[name] = value if process is None or value is None else process(value)
    order = tuple(state.positiontup) if state.positiontup is not None else None
    sql = state.statement
    index = template.get_execution_options().get("sqlite_index")
    if index is not None and dialect.name == "sqlite":
        sql = sql.replace("FROM complaint ", f"FROM complaint INDEXED BY {index} ", 1)
    return DriverQuery(sql, fixed, order)


def page_rows(
    uow: UnitOfWork, template: Select[*tuple[Any, ...]], cursor: Sequence[Any] | None
) -> list[tuple[Any, ...]]:
    """Return the stored rows (``row_statement`` columns) of a window after ``cursor``.

    Inside the unit of work's transaction if it began one, else on a connection of its own.
    """
    session = uow.session
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    query = driver_query(template, engine.dialect)
    begun = session.connection().connection.dbapi_connection if session.in_transaction() else None
    return driver_rows(engine, query.sql, query.parameters(cursor), begun)


def page_statement(
    spec: QueueFilter,
    sort: str,
    descending: bool,
    cursor: Sequence[Any] | None,
    limit: int,
) -> Select[*tuple[Any, ...]]:
    """Return the SELECT of one queue window, cursor values included."""
    template = page_template(spec, sort, descending, cursor is not None, limit)
    return template if cursor is None else template.params(cursor_values(cursor))


ROW_FIELDS = (
    "id",
    "reference",
    "subject",
    "customer_name",
    "channel",
    "status",
    "priority",
    "owner_name",
    "site_code",
    "received_at",
    "next_due_at",
    "clock_state",
    "version",
    "regulatory_state",
    "regulatory_next_due_at",
)
"""The columns of :func:`row_statement`, in order."""


def row_statement() -> Select[*tuple[Any, ...]]:
    """Return the SELECT of queue rows (columns and joins), without conditions or order.

    Customer and owner names come from the complaint's stored sort keys (the owner's is empty
    while nobody owns it), so only the six-row site table is joined. Every value comes as
    the driver gives it (SQLite: text for ids and instants): ``services.insight.queues``
    converts what a queue line types, once, without SQLAlchemy's per-value processing.
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
        # As sorted: nothing owed is 9999-12-31 here, so a window's cursor is what is compared.
        _as_stored(_REGULATORY_DUE, "regulatory_next_due_at"),
    ).join(Site, Site.id == Complaint.site_id)


def _as_stored(column: Any, name: str) -> Any:
    return type_coerce(column, String).label(name)


_SORT_POSITIONS: dict[str, tuple[int, ...]] = {
    sort: tuple(ROW_FIELDS.index(field) for _expression, field in parts)
    for sort, parts in SORTS.items()
}


def cursor_of(stored: Sequence[Any], sort: str) -> tuple[Any, ...]:
    """Return the cursor after ``stored`` (a row of a window): its sort keys, then its id.

    The values stay as the driver gave them, so the next window compares them with what
    is stored without converting anything.
    """
    return (*(stored[i] for i in _SORT_POSITIONS[sort]), stored[0])


def count_statement(spec: QueueFilter) -> Select[*tuple[Any, ...]]:
    """Return the SELECT counting a queue's rows (served by the same indexes)."""
    return select(func.count()).select_from(Complaint).where(and_(True, *conditions(spec)))

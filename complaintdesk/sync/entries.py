"""Change-log entries as sync moves them, and their field values turned back into columns."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY

from complaintdesk.storage.journal import row_values
from complaintdesk.storage.models import Base, ChangeLogEntry
from complaintdesk.sync.errors import SchemaMismatch

CHANGE_LOG: Table = ChangeLogEntry.__table__  # type: ignore[assignment]
Stamp = tuple[int, str]
"""(hybrid clock, replica code): the order of last-writer-wins, the same on every replica."""
CHUNK = 500
"""Ids per ``IN (…)`` list: below SQLite's variable limit, small enough for PostgreSQL."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One change-log entry: a row inserted, or some of its fields changed."""

    id: uuid.UUID
    hlc: int
    site_code: str
    user_id: uuid.UUID | None
    entity: str
    entity_id: uuid.UUID
    operation: str
    fields: dict[str, Any]
    recorded_at: datetime
    arrival_seq: int | None = None

    @property
    def stamp(self) -> Stamp:
        """Where this entry stands in last-writer-wins order."""
        return (self.hlc, self.site_code)

    def row(self, pushed_at: datetime | None) -> dict[str, Any]:
        """Return the entry as a ``change_log`` row for another replica."""
        return {
            "id": self.id,
            "hlc": self.hlc,
            "site_code": self.site_code,
            "user_id": self.user_id,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "operation": self.operation,
            "fields": self.fields,
            "recorded_at": self.recorded_at,
            "pushed_at": pushed_at,
            "arrival_seq": self.arrival_seq,
        }


_COLUMNS = (
    CHANGE_LOG.c.id,
    CHANGE_LOG.c.hlc,
    CHANGE_LOG.c.site_code,
    CHANGE_LOG.c.user_id,
    CHANGE_LOG.c.entity,
    CHANGE_LOG.c.entity_id,
    CHANGE_LOG.c.operation,
    CHANGE_LOG.c.fields,
    CHANGE_LOG.c.recorded_at,
    CHANGE_LOG.c.arrival_seq,
)


def entries_query() -> Any:
    """Return ``SELECT`` of every column an :class:`Entry` needs (add WHERE and ORDER)."""
    return select(*_COLUMNS)


def to_entries(rows: Iterable[Any]) -> list[Entry]:
    """Turn rows of :func:`entries_query` into entries."""
    return [Entry(*row) for row in rows]


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """Yield ``values`` in slices of at most ``size``."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def among(connection: Connection, column: Any, values: Iterable[Any]) -> Iterator[Any]:
    """Yield conditions "``column`` is one of ``values``", as few as the database allows.

    PostgreSQL takes the whole list as one array parameter (one short statement, prepared
    once); SQLite takes ``IN`` lists of :data:`CHUNK` values.
    """
    wanted = sorted(set(values), key=str)
    if not wanted:
        return
    if connection.dialect.name == "postgresql":
        yield column == any_(bindparam("among", wanted, type_=ARRAY(column.type), unique=True))
        return
    for part in chunks(wanted):
        yield column.in_(part)


def entries_of(connection: Connection, entity_ids: Iterable[uuid.UUID]) -> list[Entry]:
    """Return every entry this replica holds about these rows."""
    found: list[Entry] = []
    for condition in among(connection, CHANGE_LOG.c.entity_id, entity_ids):
        found.extend(to_entries(connection.execute(entries_query().where(condition))))
    return found


def known_ids(connection: Connection, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Return which of these entry ids this replica already holds."""
    known: set[uuid.UUID] = set()
    for condition in among(connection, CHANGE_LOG.c.id, ids):
        known.update(connection.scalars(select(CHANGE_LOG.c.id).where(condition)))
    return known


def table_of(entity: str) -> Table:
    """Return the table an entry names.

    Raises:
        SchemaMismatch: this app has no such table (the other side runs another version).
    """
    table = Base.metadata.tables.get(entity)
    if table is None:
        raise SchemaMismatch(
            f"A change names the table {entity!r}, unknown to this ComplaintDesk: "
            "the other side runs another version. Upgrade both to the same version."
        )
    return table


def decode(table: Table, fields: dict[str, Any]) -> dict[str, Any]:
    """Turn logged JSON values back into column values (ids, instants, money, dates).

    Raises:
        SchemaMismatch: a field is not a column of the table.
    """
    try:
        return row_values.decode(table, fields)
    except row_values.UnknownColumn as error:
        raise SchemaMismatch(
            f"A change names the column {error}, unknown to this ComplaintDesk: "
            "the other side runs another version."
        ) from None

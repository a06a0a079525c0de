"""Writing the rows a merge decided: in batches, or one by one when one of them cannot go in.

A batch that fails (a unique value taken here by another record, a reference to a record this
replica does not hold, a value that does not fit) is written again row by row, each in its
own savepoint: the rows that go in go in, and the ones that cannot are reported with the
reason, so the entries behind them are never blocked.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, UniqueConstraint, bindparam, exc, insert, select, update

from complaintdesk.storage.models import Base
from complaintdesk.storage.unit_of_work import json_value
from complaintdesk.sync.entries import decode


@dataclass(frozen=True)
class Refused:
    """A row this replica could not write, and why, in a code the screens put in words.

    ``reason`` is ``unique:<columns>`` (another record already has these values),
    ``reference`` (it points at a record this replica does not hold), ``missing`` (a
    required value is absent) or ``unfit`` (a value does not fit its column).
    """

    reason: str
    current: dict[str, Any] | None
    """The record here it clashes with (the same id, or the same unique values), if any."""


class Rows:
    """Rows to write at the end of a merge: one INSERT or UPDATE per row, batched."""

    def __init__(self) -> None:
        self.inserts: dict[uuid.UUID, tuple[Table, dict[str, Any]]] = {}
        self.updates: dict[uuid.UUID, tuple[Table, dict[str, Any]]] = {}

    def write(self, connection: Connection) -> dict[uuid.UUID, Refused]:
        """Write every row; return the rows that could not be written (none, mostly)."""
        try:
            with connection.begin_nested():
                self._write_batches(connection)
            return {}
        except (exc.IntegrityError, exc.DataError):
            return self._write_each(connection)

    def _write_batches(self, connection: Connection) -> None:
        order = {table.name: n for n, table in enumerate(Base.metadata.sorted_tables)}
        groups: dict[tuple[str, frozenset[str]], list[dict[str, Any]]] = {}
        for entity_id, (table, values) in self.inserts.items():
            row = decode(table, values)
            row["id"] = entity_id
            groups.setdefault((table.name, frozenset(row)), []).append(row)
        for (name, _), rows in sorted(groups.items(), key=lambda item: order[item[0][0]]):
            connection.execute(insert(Base.metadata.tables[name]), rows)
        changes: dict[tuple[str, frozenset[str]], list[dict[str, Any]]] = {}
        for entity_id, (table, values) in self.updates.items():
            if values:
                row = {f"v_{k}": v for k, v in decode(table, values).items()}
                row["k_id"] = entity_id
                changes.setdefault((table.name, frozenset(values)), []).append(row)
        for (name, columns), rows in changes.items():
            table = Base.metadata.tables[name]
            statement = (
                update(table)
                .where(table.c.id == bindparam("k_id"))
                .values({c: bindparam(f"v_{c}") for c in columns})
            )
            connection.execute(statement, rows)

    def _write_each(self, connection: Connection) -> dict[uuid.UUID, Refused]:
        refused: dict[uuid.UUID, Refused] = {}
        order = {table.name: n for n, table in enumerate(Base.metadata.sorted_tables)}
        inserts = sorted(self.inserts.items(), key=lambda item: order[item[1][0].name])
        for entity_id, (table, values) in inserts:
            row = {**decode(table, values), "id": entity_id}
            failed = _attempt(connection, insert(table).values(row))
            if failed is not None:
                refused[entity_id] = Refused(failed, _clashing(connection, table, row, failed))
        for entity_id, (table, values) in self.updates.items():
            if not values:
                continue
            statement = update(table).where(table.c.id == entity_id).values(decode(table, values))
            failed = _attempt(connection, statement)
            if failed is not None:
                row = {**decode(table, values), "id": entity_id}
                refused[entity_id] = Refused(failed, _clashing(connection, table, row, failed))
        return refused


def _attempt(connection: Connection, statement: Any) -> str | None:
    """Run one statement in a savepoint; return the reason code if the database refused it."""
    try:
        with connection.begin_nested():
            connection.execute(statement)
    except exc.IntegrityError as error:
        return _reason(str(error.orig or error).lower())
    except exc.DataError:
        return "unfit"
    return None


def _reason(detail: str) -> str:
    if "foreign key" in detail:
        return "reference"
    if "not null" in detail or "null value" in detail:
        return "missing"
    if "unique" in detail or "duplicate key" in detail:
        return "unique"
    return "unfit"


def _clashing(
    connection: Connection, table: Table, row: dict[str, Any], reason: str
) -> dict[str, Any] | None:
    """Return the record here the row clashes with, naming the unique columns in ``reason``."""
    same = connection.execute(select(table).where(table.c.id == row["id"])).first()
    if same is not None:
        return _plain(same._mapping)
    if not reason.startswith("unique"):
        return None
    for constraint in table.constraints:
        if not isinstance(constraint, UniqueConstraint):
            continue
        names = [c.name for c in constraint.columns]
        if any(row.get(n) is None for n in names):
            continue
        query = select(table).where(*(table.c[n] == row[n] for n in names)).limit(1)
        found = connection.execute(query).first()
        if found is not None:
            return {"_unique": names, **_plain(found._mapping)}
    return None


def _plain(values: Any) -> dict[str, Any]:
    return {str(k): json_value(v) for k, v in values.items()}

"""Bulk loading: millions of rows in big transactions, without the ORM.

Rows are plain tuples in a *wire format* that both databases accept and that the ORM reads
back exactly as if it had written them itself:

- ids as 32 lower-case hex digits (:func:`id_text`), which is what SQLAlchemy's ``Uuid`` type
  stores on SQLite and which PostgreSQL's ``uuid`` input accepts;
- instants as ``YYYY-MM-DD HH:MM:SS.ffffff`` in UTC (:func:`instant_text`), the string
  SQLAlchemy stores on SQLite (always six fraction digits, so text order is time order) and
  which PostgreSQL reads as UTC because the load sets the transaction's time zone;
- booleans as 0 or 1, money as a float (what SQLAlchemy binds for ``Numeric`` on SQLite);
- ``None`` for NULL.

SQLite gets ``executemany`` on the raw DB-API cursor; PostgreSQL gets ``COPY ... FROM STDIN``.
Either way the rows join the unit of work's transaction, so the caller commits them together
with anything it wrote through the ORM.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Table

from complaintdesk.storage import search_index
from complaintdesk.storage.models import Base
from complaintdesk.storage.unit_of_work import UnitOfWork

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class TableRows:
    """Rows for one table, each a tuple in the order of ``columns``."""

    table: str
    columns: tuple[str, ...]
    rows: Sequence[tuple[Any, ...]]


def id_text(value: uuid.UUID) -> str:
    """Return an id in the wire format (32 hex digits, no dashes)."""
    return value.hex


def micros(value: datetime) -> int:
    """Return a timezone-aware instant as microseconds since the Unix epoch."""
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_micros(value: int) -> datetime:
    """Return the UTC instant ``value`` microseconds after the Unix epoch."""
    return _EPOCH + timedelta(microseconds=value)


_HOUR_PREFIXES: dict[int, str] = {}
_MICROS_PER_HOUR = 3_600_000_000
_MINUTE_SECOND = tuple(f"{m:02d}:{s:02d}." for m in range(60) for s in range(60))


def _hour_prefix(hour: int) -> str:
    if len(_HOUR_PREFIXES) > 200_000:  # ~23 years of distinct hours: keep memory bounded
        _HOUR_PREFIXES.clear()
    prefix = (_EPOCH + timedelta(hours=hour)).strftime("%Y-%m-%d %H:")
    _HOUR_PREFIXES[hour] = prefix
    return prefix


def instant_text(value: int) -> str:
    """Return an instant given in microseconds since the epoch in the wire format.

    This runs tens of millions of times in a big load, hence integers and tables of
    hour prefixes and minute-second texts rather than ``datetime.strftime`` on every call.
    """
    hour, rest = divmod(value, _MICROS_PER_HOUR)
    seconds, fraction = divmod(rest, 1_000_000)
    return (
        f"{_HOUR_PREFIXES.get(hour) or _hour_prefix(hour)}{_MINUTE_SECOND[seconds]}{fraction:06d}"
    )


_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def id_texts(chunk: int = 4096) -> Iterator[str]:
    """Yield new ids in the wire format, endlessly: UUIDv7 as ``domain.ids.new_id`` makes.

    Same layout (48-bit millisecond time, version 7, RFC 9562 variant, 74 random bits),
    but made ``chunk`` at a time from one ``os.urandom`` call: a big load needs millions,
    and building a ``uuid.UUID`` for each would cost more than writing the row.
    """
    while True:
        millis = time.time_ns() // 1_000_000
        head = f"{millis & 0xFFFF_FFFF_FFFF:012x}7"
        noise = os.urandom(10 * chunk).hex()
        for start in range(0, 20 * chunk, 20):
            part = noise[start : start + 19]
            yield head + part[:3] + _VARIANT[part[3]] + part[4:]


def write(uow: UnitOfWork, batches: Sequence[TableRows]) -> None:
    """Insert every batch, in order, inside ``uow``'s transaction (the caller commits).

    The search documents of the complaints written (or given messages or contact points)
    are written in the same transaction: bulk rows bypass the unit of work's tracking.

    Raises:
        ValueError: a batch names an unknown column or leaves out a required one.
    """
    connection = uow.session.connection()
    for batch in batches:
        _check_columns(batch)
        if not batch.rows:
            continue
        if connection.dialect.name == "sqlite":
            _insert_sqlite(connection, batch)
        else:
            _copy_postgresql(connection, batch)
    search_index.index_rows(connection, [(b.table, b.columns, b.rows) for b in batches])


def _check_columns(batch: TableRows) -> None:
    table: Table = Base.metadata.tables[batch.table]
    unknown = set(batch.columns) - set(table.columns.keys())
    required = {c.name for c in table.columns if not c.nullable and c.server_default is None}
    missing = required - set(batch.columns)
    if unknown or missing:
        raise ValueError(
            f"bulk rows for {batch.table}: unknown columns {sorted(unknown)}, "
            f"missing required columns {sorted(missing)}"
        )


def _statement_parts(connection: Connection, batch: TableRows) -> tuple[str, str]:
    quote = connection.dialect.identifier_preparer.quote
    return quote(batch.table), ", ".join(quote(c) for c in batch.columns)


def _insert_sqlite(connection: Connection, batch: TableRows) -> None:
    table, columns = _statement_parts(connection, batch)
    marks = ", ".join("?" for _ in batch.columns)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", batch.rows)
    finally:
        cursor.close()


def _copy_postgresql(connection: Connection, batch: TableRows) -> None:
    table, columns = _statement_parts(connection, batch)
    connection.exec_driver_sql("SET LOCAL TIME ZONE 'UTC'")
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in batch.rows:
                copy.write_row(row)
    finally:
        cursor.close()


def analyze(uow: UnitOfWork) -> None:
    """Refresh the query planner's statistics after a big load (inside ``uow``).

    A full pass, not a sample: SQLite's sampled statistics (``analysis_limit``) misjudge
    a two-valued column such as ``is_open`` badly enough to make queues sort in memory,
    and the full pass takes seconds on a million complaints. The search index is merged
    into one segment too, which keeps searches fast.
    """
    connection = uow.session.connection()
    connection.exec_driver_sql("ANALYZE")
    search_index.optimize(connection)


def checkpoint(uow: UnitOfWork) -> None:
    """Fold SQLite's write-ahead log back into the database file after a big load.

    Runs on a connection of its own outside any transaction (a checkpoint cannot finish
    while a transaction is open); PostgreSQL needs nothing.
    """
    engine = uow.session.get_bind()
    if engine.dialect.name != "sqlite":
        return
    assert isinstance(engine, Engine)
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()

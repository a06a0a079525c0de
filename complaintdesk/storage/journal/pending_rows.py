"""Journal rows (audit events, change-log entries) written by Core ``executemany``, not the ORM.

A unit of work writes several journal rows per change; made and flushed as ORM objects they
cost more than the change itself. They are kept here as plain column values and inserted
together, one statement per table: after each flush of the session, before a query reads
their table (unless flushes are held back, as for ORM rows), around a savepoint and at
commit. Nothing holds them as objects: readers find them in the database once written.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, event, insert
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.util import find_tables


class PendingRows:
    """Rows to insert into a few tables, written when the session would have written them."""

    def __init__(self) -> None:
        self._rows: dict[Table, list[dict[str, Any]]] = {}

    def add(self, table: Table, values: dict[str, Any]) -> None:
        """Keep one row of ``table`` (every row of a table names the same columns)."""
        self._rows.setdefault(table, []).append(values)

    def watch(self, session: Session) -> None:
        """Write the rows when ``session`` flushes, and before it reads their tables."""
        event.listen(session, "after_flush", self._after_flush)
        event.listen(session, "do_orm_execute", self._before_query)

    def write(self, session: Session, *, flush: bool = False) -> None:
        """Insert every row kept, in the session's transaction.

        Args:
            flush: flush the session first (rows may refer to rows it holds, not written yet).
        """
        if flush and self._rows:
            session.flush()
        if not self._rows:
            return
        rows, self._rows = self._rows, {}
        connection = session.connection()
        for table, values in rows.items():
            connection.execute(insert(table), values)

    def forget(self) -> None:
        """Drop the rows kept (their savepoint was rolled back)."""
        self._rows = {}

    def _after_flush(self, session: Session, context: Any) -> None:
        self.write(session)

    def _before_query(self, state: ORMExecuteState) -> None:
        statement = state.statement
        if not self._rows or not isinstance(statement, ClauseElement):
            return
        if state.session.autoflush and not self._rows.keys().isdisjoint(find_tables(statement)):
            # As the ORM does: a query sees what was added, unless flushes are held back.
            self.write(state.session, flush=True)

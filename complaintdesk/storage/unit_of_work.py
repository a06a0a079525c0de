"""One transaction per use case, with its audit event and change-log entries."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Self, TypeVar

from sqlalchemy import Engine, event, exc, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from complaintdesk.domain import audit, hlc
from complaintdesk.domain.errors import ConcurrentEditError
from complaintdesk.storage import column_fit, event_times, search_index
from complaintdesk.storage.database import translate
from complaintdesk.storage.memo import Memo
from complaintdesk.storage.models import AuditEvent, Base, ChangeLogEntry, ReplicaState, utcnow
from complaintdesk.storage.row_values import (
    apply_defaults,
    json_value,
    pending_changes,
    row_values,
)
from complaintdesk.storage.search_index import SearchTracker

__all__ = ["UnitOfWork", "UnitOfWorkFactory", "json_value", "row_values", "unit_of_work_factory"]
ModelT = TypeVar("ModelT", bound=Base)
SECRET_COLUMNS = frozenset({"password_hash"})
"""Synced through the change log, but never copied into the audit trail."""


class UnitOfWork:
    """A database transaction that services open with ``with``.

    Args:
        session_factory: makes the SQLAlchemy session of this transaction.
        write: take the write lock at the start (SQLite ``BEGIN IMMEDIATE``), so a
            transaction that reads then writes never fails half-way on a busy database.
        clock: this workstation's wall clock (tests give one that runs ahead or behind).
    """

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        write: bool = False,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._factory = session_factory
        self._write = write
        self._clock = clock
        self._correction: tuple[int | None, int] | None = None
        self._state: ReplicaState | None = None
        self.memo = Memo()
        """What this transaction already read and will not change (policies, rules)."""
        self._chain_head: tuple[int, str] | None = None

    def __enter__(self) -> Self:
        self.session = self._factory()
        self._unrecorded: dict[Base, tuple[dict[str, Any], dict[str, Any]]] = {}
        event.listen(self.session, "before_flush", column_fit.fit_pending)
        event.listen(self.session, "before_flush", self._capture)
        self._search = SearchTracker()
        self._search.watch(self.session)
        if self._write:
            self.session.connection(execution_options={"sqlite_immediate": True})
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        # close() rolls back what was not committed and detaches the rows without expiring
        # them, so values read inside stay readable after the block.
        self.session.close()
        if error is not None and _is_concurrent_edit(error):
            raise _concurrent_edit(error) from error
        if isinstance(error, exc.OperationalError) and self.session.bind is not None:
            engine = self.session.get_bind()
            assert isinstance(engine, Engine)
            raise translate(error, engine) from error

    def commit(self) -> None:
        """Make every change of this unit of work durable at once."""
        # The lock on the replica row ends with the transaction: read both afresh next time.
        self._state = None
        self._chain_head = None
        try:
            self._search.refresh(self.session)  # documents change with their sources
            self.session.commit()
        except (StaleDataError, exc.OperationalError) as error:
            if _is_concurrent_edit(error):
                raise _concurrent_edit(error) from error
            raise

    def deferred_writes(self) -> AbstractContextManager[None]:
        """Hold pending rows until commit so they are written in batches (imports).

        Queries inside do not see rows added inside: the caller keeps its own cache of
        what it added.
        """
        return self.session.no_autoflush  # type: ignore[return-value]

    def get(self, model: type[ModelT], ident: uuid.UUID) -> ModelT | None:
        """Return one row by primary key, or None."""
        return self.session.get(model, ident)

    def add(self, obj: Base) -> None:
        """Add a new row to this transaction."""
        self.session.add(obj)

    def flush(self) -> None:
        """Send pending changes so generated values and constraints are checked now."""
        self.session.flush()

    def purge_search_documents(self, complaint_ids: list[uuid.UUID]) -> None:
        """Rewrite these complaints' search documents now and compact the index.

        After an erasure: SQLite's FTS5 only marks a replaced document deleted, and its
        words stay in the index's segments until they are merged.
        """
        self.session.flush()
        connection = self.session.connection()
        search_index.refresh(connection, complaint_ids)
        search_index.optimize(connection)

    def scalars(self, statement: Any) -> list[Any]:
        """Run a SELECT and return its first column as a list."""
        return list(self.session.scalars(statement))

    def execute(self, statement: Any, params: Any = None) -> Any:
        """Run a Core statement and return its result."""
        return self.session.execute(statement, params)

    def rows(self, statement: Any, params: dict[str, Any] | None = None) -> list[Any]:
        """Run a Core SELECT straight on the connection (no ORM), for large read paths.

        ``params`` fill the statement's named bound parameters, so one statement object can
        serve many executions (SQLAlchemy then reuses its compiled form as it is).
        """
        return list(self.session.connection().execute(statement, params).all())

    def now(self) -> datetime:
        """Return the current instant by the reference clock.

        That is this workstation's clock, unless the last sync round found it further from the
        central server's than the tolerance: then the central server's time, as measured.
        """
        if self._correction is None and self._state is not None:
            self._correction = (self._state.clock_offset_ms, self._state.max_clock_offset_ms)
        if self._correction is None:
            row = self.session.execute(
                select(ReplicaState.clock_offset_ms, ReplicaState.max_clock_offset_ms).limit(1)
            ).first()
            self._correction = (row[0], row[1]) if row else (None, 0)
        local = self._clock()
        offset, tolerance = self._correction
        if not hlc.clock_is_off(offset, tolerance):
            return local
        return local + timedelta(milliseconds=offset or 0)

    def replica(self) -> ReplicaState:
        """Return this database's identity row, locked for the rest of the transaction."""
        if self._state is None:
            query = select(ReplicaState).limit(1).with_for_update()
            state = self.session.scalars(query).first()
            if state is None:
                state = ReplicaState(mode="standalone", site_code="HQ", hlc_last=0)
                self.session.add(state)
            self._state = state
        return self._state

    def record(
        self,
        obj: Base,
        action: str,
        *,
        user_id: uuid.UUID | None,
        login: str | None,
        complaint_id: uuid.UUID | None = None,
    ) -> None:
        """Write the audit event and change-log entry of a new or changed row.

        Call after changing ``obj`` and before committing: the change is read from the
        session's history, so nothing has to be described twice.
        """
        column_fit.fit(obj)  # what is audited is what is stored
        event_times.keep_after_receipt(self.session, obj)  # and dated after its complaint
        state = inspect(obj)
        if state.pending or state.transient:
            if state.transient:
                self.session.add(obj)
            apply_defaults(obj)
            before, after, operation = None, row_values(obj), "insert"
        else:
            before, after = self._changes(obj)
            operation = "update"
            if not after:
                return
        entity = obj.__tablename__
        entity_id = obj.id  # type: ignore[attr-defined]
        self.log_change(entity, entity_id, operation, after, user_id=user_id)
        self.audit(
            action,
            entity,
            entity_id,
            before=_redacted(before),
            after=_redacted(after),
            user_id=user_id,
            login=login,
            complaint_id=complaint_id,
        )

    def _capture(self, session: Session, context: Any, instances: Any) -> None:
        """Keep what a flush is about to write, so ``record`` still sees it afterwards.

        A query in the middle of a use case flushes pending changes (autoflush) and
        clears their history; without this the audit trail would miss them.
        """
        for obj in session.dirty:
            if not isinstance(obj, Base):
                continue
            before, after = pending_changes(obj)
            if not after:
                continue
            mapper = inspect(obj).mapper
            if mapper.version_id_col is not None:
                version = getattr(obj, mapper.get_property_by_column(mapper.version_id_col).key)
                before.setdefault("version", version)
            earlier = self._unrecorded.get(obj, ({}, {}))
            self._unrecorded[obj] = ({**before, **earlier[0]}, {**earlier[1], **after})

    def _changes(self, obj: Base) -> tuple[dict[str, Any], dict[str, Any]]:
        """Return (before, after) of ``obj`` since it was loaded or last recorded."""
        flushed_before, flushed_after = self._unrecorded.pop(obj, ({}, {}))
        before, after = pending_changes(obj)
        before = {**before, **flushed_before}
        after = {**flushed_after, **after}
        mapper = inspect(obj).mapper
        if after and mapper.version_id_col is not None:
            key = mapper.get_property_by_column(mapper.version_id_col).key
            before.setdefault("version", getattr(obj, key))
            self.session.flush()  # the version moves at flush: a conflict can say what changed
            after["version"] = getattr(obj, key)
        return before, after

    def log_change(
        self,
        entity: str,
        entity_id: uuid.UUID,
        operation: str,
        fields: dict[str, Any],
        *,
        user_id: uuid.UUID | None,
    ) -> None:
        """Append one change-log entry stamped by this replica's hybrid logical clock."""
        replica = self.replica()
        now = self.now()
        stamp = hlc.tick(hlc.HybridTimestamp.of(replica.hlc_last), hlc.milliseconds(now))
        replica.hlc_last = int(stamp)
        self.session.add(
            ChangeLogEntry(
                hlc=int(stamp),
                site_code=replica.origin,
                user_id=user_id,
                entity=entity,
                entity_id=entity_id,
                operation=operation,
                fields=fields,
                recorded_at=now,
            )
        )

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: uuid.UUID | None,
        *,
        user_id: uuid.UUID | None,
        login: str | None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        complaint_id: uuid.UUID | None = None,
    ) -> AuditEvent:
        """Append an audit event chained to the previous event of this site's chain."""
        chain = self.replica().origin  # holds the write lock: nobody else extends it now
        if self._chain_head is None:
            previous = self.session.execute(
                select(AuditEvent.seq, AuditEvent.hash)
                .where(AuditEvent.chain == chain)
                .order_by(AuditEvent.seq.desc())
                .limit(1)
            ).first()
            self._chain_head = (previous[0], previous[1]) if previous else (0, audit.GENESIS)
        seq, prev_hash = self._chain_head[0] + 1, self._chain_head[1]
        event = AuditEvent(
            chain=chain,
            seq=seq,
            occurred_at=event_times.not_before_receipt(self.session, self.now(), complaint_id),
            user_id=user_id,
            login=login,
            action=action,
            entity=entity,
            entity_id=entity_id,
            complaint_id=complaint_id,
            before=before,
            after=after,
            prev_hash=prev_hash,
            hash="",
        )
        event.hash = audit.event_hash(prev_hash, audit_fields(event))
        self.session.add(event)
        self._chain_head = (seq, event.hash)
        return event


def _is_concurrent_edit(error: BaseException) -> bool:
    """Return True if ``error`` means someone else saved first.

    PostgreSQL finds it through the version column (no row matched the version read).
    SQLite in WAL mode finds it earlier: a transaction that began reading before another
    one committed may not write afterwards (``SQLITE_BUSY_SNAPSHOT``), which is the same
    lost update and must not read as "database is locked".
    """
    if isinstance(error, StaleDataError):
        return True
    if not isinstance(error, exc.OperationalError):
        return False
    return getattr(error.orig, "sqlite_errorname", None) == "SQLITE_BUSY_SNAPSHOT"


def _concurrent_edit(error: BaseException) -> ConcurrentEditError:
    if isinstance(error, StaleDataError):
        return ConcurrentEditError(
            "Someone else saved this complaint first. Reload it to see their change."
        )
    return ConcurrentEditError(
        "Someone else saved a change at the same moment. Reload and try again."
    )


def _redacted(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {k: ("<redacted>" if k in SECRET_COLUMNS else v) for k, v in values.items()}


def audit_fields(event: AuditEvent) -> dict[str, Any]:
    """Return the fields of an audit event that its hash covers."""
    return {
        "chain": event.chain,
        "seq": event.seq,
        "occurred_at": json_value(event.occurred_at),
        "user_id": json_value(event.user_id),
        "login": event.login,
        "action": event.action,
        "entity": event.entity,
        "entity_id": json_value(event.entity_id),
        "complaint_id": json_value(event.complaint_id),
        "before": event.before,
        "after": event.after,
    }


UnitOfWorkFactory = Callable[..., UnitOfWork]


def unit_of_work_factory(
    engine: Engine, clock: Callable[[], datetime] = utcnow
) -> UnitOfWorkFactory:
    """Return ``make(write=False)`` building units of work on ``engine`` with ``clock``."""
    sessions = sessionmaker(engine, expire_on_commit=False)

    def make(*, write: bool = False) -> UnitOfWork:
        return UnitOfWork(sessions, write=write, clock=clock)

    return make

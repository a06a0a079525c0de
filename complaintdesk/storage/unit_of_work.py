"""One transaction per use case, with its audit event and change-log entries."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Self, TypeVar

from sqlalchemy import Engine, Table, event, exc, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from complaintdesk.domain import hlc
from complaintdesk.domain.errors import SchemaChanged
from complaintdesk.domain.ids import new_id
from complaintdesk.storage import column_fit, search_index
from complaintdesk.storage.concurrency import transaction_errors as errors
from complaintdesk.storage.concurrency.replica_identity import (
    Identity,
    ProcessClock,
    lock_first_start,
    lock_names,
    read_identity,
)
from complaintdesk.storage.database import is_database_failure, translate
from complaintdesk.storage.journal import audit_chains, audit_keys, event_times
from complaintdesk.storage.journal.audit_chains import ChainHead
from complaintdesk.storage.journal.audit_chains import audit_fields as audit_fields
from complaintdesk.storage.journal.audit_keys import AuditKeys
from complaintdesk.storage.journal.pending_rows import PendingRows
from complaintdesk.storage.journal.row_values import (
    apply_defaults,
    pending_changes,
    redacted,
    row_values,
)
from complaintdesk.storage.memo import Memo
from complaintdesk.storage.models import Base, ChangeLogEntry, ReplicaState, utcnow
from complaintdesk.storage.search_index import SearchTracker
from complaintdesk.storage.types import json_value as json_value

__all__ = ["UnitOfWork", "UnitOfWorkFactory", "json_value", "row_values", "unit_of_work_factory"]
ModelT = TypeVar("ModelT", bound=Base)
CHANGES: Table = ChangeLogEntry.__table__  # type: ignore[assignment]


class UnitOfWork:
    """A database transaction that services open with ``with``.

    Args:
        units: what every unit of work of this database shares (sessions, keys, clock).
        write: take the write lock at the start (SQLite ``BEGIN IMMEDIATE``), so a
            transaction that reads then writes never fails half-way on a busy database.
            PostgreSQL writers take no lock in common: each locks only the rows it changes.
    """

    def __init__(self, units: UnitsOfWork, *, write: bool = False) -> None:
        self._units, self._write = units, write
        self._state: ReplicaState | None = None
        self._identity: Identity | None = None
        self.memo = Memo()
        """What this transaction already read and will not change (policies, rules)."""
        self._chain: ChainHead | None = None

    @property
    def audit_keys(self) -> AuditKeys:
        """The audit keys this machine holds (to check hashes, or seal redacted events)."""
        return self._units.audit_keys

    def __enter__(self) -> Self:
        self.session = self._units.sessions()
        self._unrecorded: dict[Base, tuple[dict[str, Any], dict[str, Any]]] = {}
        event.listen(self.session, "before_flush", column_fit.fit_pending)
        event.listen(self.session, "before_flush", self._capture)
        self._search = SearchTracker()
        self._search.watch(self.session)
        self.journal = PendingRows()  # audit, change-log, notification rows: executemany
        self.journal.watch(self.session)
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
        if error is None:
            return
        if errors.is_concurrent_edit(error):
            raise errors.concurrent_edit(error) from error
        if errors.is_transient(error):
            raise errors.transaction_conflict() from error
        if is_database_failure(error) and self.session.bind is not None:
            engine = self.session.get_bind()
            assert isinstance(engine, Engine)
            raise translate(error, engine) from error  # type: ignore[arg-type]

    def commit(self) -> None:
        """Make every change of this unit of work durable at once."""
        if self._units.read_only is not None:
            raise SchemaChanged(self._units.read_only)
        self._state, self._identity, self._chain = None, None, None  # row locks end here
        try:
            self._search.refresh(self.session)  # documents change with their sources
            self.journal.write(self.session)
            self.session.commit()
        except (StaleDataError, exc.OperationalError) as error:
            if errors.is_concurrent_edit(error):
                raise errors.concurrent_edit(error) from error
            raise
        errors.counted_commit()

    def deferred_writes(self) -> AbstractContextManager[None]:
        """Hold pending rows until commit (queries inside do not see rows added inside)."""
        return self.session.no_autoflush  # type: ignore[return-value]

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Run a part that fails alone (a batch's item): undone, it leaves no trace behind."""
        chain, unrecorded = self._chain and replace(self._chain), dict(self._unrecorded)
        self.journal.write(self.session, flush=True)  # what came before is not undone
        try:
            with self.session.begin_nested():
                yield
                self.journal.write(self.session, flush=True)
        except BaseException:
            self._chain, self._unrecorded, self._state, self.memo = chain, unrecorded, None, Memo()
            self.journal.forget()
            raise

    def get(self, model: type[ModelT], ident: uuid.UUID) -> ModelT | None:
        """Return one row by primary key (also one added and not flushed yet), or None."""
        found = self.session.get(model, ident)
        if found is None:  # held back by deferred writes (a customer the message just added)
            found = next((o for o in self.session.new if type(o) is model and o.id == ident), None)  # type: ignore[attr-defined]
        return found

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
        """Run a Core SELECT on the connection (no ORM; ``params`` fill named parameters)."""
        return list(self.session.connection().execute(statement, params).all())

    def now(self) -> datetime:
        """Return the current instant by the reference clock.

        That is this workstation's clock, unless the last sync round found it further from the
        central server's than the tolerance: then the central server's time, as measured.
        """
        if self._state is not None:
            offset, tolerance = self._state.clock_offset_ms, self._state.max_clock_offset_ms
        else:
            offset, tolerance = self.identity().clock_offset_ms, self.identity().tolerance_ms
        local = self._units.wall_clock()
        if not hlc.clock_is_off(offset, tolerance):
            return local
        return local + timedelta(milliseconds=offset or 0)

    def identity(self) -> Identity:
        """Return this database's identity (read without a lock; made at the first write)."""
        if self._identity is None:
            self._identity = read_identity(self.session)
        return self._identity

    def lock_names(self, names: list[str]) -> None:
        """Hold these named locks until commit (see ``replica_identity.lock_names``)."""
        lock_names(self.session, names)

    def lock_first_start(self) -> None:
        """Wait for any other client setting up this database now (see ``replica_identity``)."""
        lock_first_start(self.session)

    def replica(self) -> ReplicaState:
        """Return this database's identity row, locked for the rest of the transaction.

        Only sync and branch bookkeeping take this lock: services' writers use :meth:`identity`.
        """
        if self._state is None:
            self.identity()  # made here if this database has none yet
            query = select(ReplicaState).limit(1).with_for_update()
            state = self.session.scalars(query).first()
            assert state is not None
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
            before=redacted(before),
            after=redacted(after),
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
        now = self.now()
        stamp = self._stamp(now)
        row = {"id": new_id(), "hlc": int(stamp), "site_code": self.identity().origin}
        row |= {"user_id": user_id, "entity": entity, "entity_id": entity_id}
        row |= {"operation": operation, "fields": fields, "recorded_at": now}
        self.journal.add(CHANGES, row)

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
        kind: str = audit_chains.WRITER,
    ) -> None:
        """Append an audit event to a chain this transaction holds (see ``audit_chains``).

        Args:
            kind: ``checkpoint`` for a checkpoint, kept in this replica's checkpoint chain.
        """
        chain = self._chain if kind == audit_chains.WRITER else None
        if chain is None:
            me = self.identity()
            chain = audit_chains.take_chain(self.session, me.id, me.site_code, kind, me.origin)
            if kind == audit_chains.WRITER:
                self._chain = chain
        event = audit_chains.chain_event(  # written with the journal's other rows
            chain,
            self._units.audit_keys,
            occurred_at=event_times.not_before_receipt(self.session, self.now(), complaint_id),
            user_id=user_id,
            login=login,
            action=action,
            entity=entity,
            entity_id=entity_id,
            complaint_id=complaint_id,
            before=before,
            after=after,
        )
        self.journal.add(audit_chains.EVENTS, event)

    def _stamp(self, now: datetime) -> hlc.HybridTimestamp:
        """Return the next clock stamp of this replica.

        SQLite: the clock lives in the identity row (one writer at a time). PostgreSQL: each
        process keeps its clock on the central server's time (read with the identity), never
        below what sync recorded there or what the change log already holds.
        """
        if self.session.get_bind().dialect.name != "postgresql":
            replica = self.replica()
            stamp = hlc.tick(hlc.HybridTimestamp.of(replica.hlc_last), hlc.milliseconds(now))
            replica.hlc_last = int(stamp)
            return stamp
        return self._units.clock.stamp(self.session, self.identity(), hlc.milliseconds(now))


@dataclass
class UnitsOfWork:
    """Makes the units of work of one database; what they share lives here, not in globals.

    Attributes:
        audit_keys: the audit keys this machine holds (replaced once a first start made one).
        read_only: set when the database moved to a newer schema: every commit is refused.
    """

    sessions: sessionmaker[Session]
    audit_keys: AuditKeys
    clock: ProcessClock = field(default_factory=ProcessClock)
    read_only: str | None = None
    """Why nothing may be saved any more (the database was upgraded past this version)."""
    wall_clock: Callable[[], datetime] = utcnow
    """This workstation's wall clock (tests give one that runs ahead or behind)."""

    def __call__(self, *, write: bool = False) -> UnitOfWork:
        return UnitOfWork(self, write=write)


UnitOfWorkFactory = Callable[..., UnitOfWork]


def unit_of_work_factory(
    engine: Engine, keys: AuditKeys | None = None, *, clock: Callable[[], datetime] = utcnow
) -> UnitsOfWork:
    """Return ``make(write=False)`` building units of work on ``engine``.

    Args:
        keys: the audit keys to hash with (default: the one in ``COMPLAINTDESK_AUDIT_KEY``).
        clock: this workstation's wall clock (tests give one that runs ahead or behind).
    """
    sessions = sessionmaker(engine, expire_on_commit=False)
    keys = keys or audit_keys.from_environment()
    return UnitsOfWork(sessions, keys, ProcessClock(), wall_clock=clock)

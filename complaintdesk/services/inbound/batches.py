"""Storing many inbound items in one transaction, each in a savepoint of its own.

A file or a mailbox folder brings thousands of items; committing each alone costs more than
storing it. A :class:`StoreBatch` keeps one unit of work open over a few hundred items and
commits them together: each item (with its read position) runs in a savepoint, so one that
fails is undone alone and quarantined, with its position, in the same transaction. What the
batch commits is whole: items and positions together, or none of them (then the channel
reads them again).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import Self, TypeVar

from sqlalchemy import event, exc

from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import quarantine
from complaintdesk.services.inbound.quarantine import Held, Suspect
from complaintdesk.services.inbound.storing import IngestOutcome, ReadOnce
from complaintdesk.storage.concurrency import transaction_errors
from complaintdesk.storage.database import is_database_failure
from complaintdesk.storage.unit_of_work import UnitOfWork

T = TypeVar("T")
BATCH_ITEMS = 250
"""Items per transaction at the most."""
BATCH_SECONDS = 1.0
"""A batch is committed once it has been open this long (other writers wait for it)."""


class StoreBatch:
    """One transaction over many items; use with ``with`` (commits what is open at the end).

    Args:
        read_once: configuration shared by the items (and batches) of one run.
        items: items per transaction at the most (:data:`BATCH_ITEMS`).
        seconds: a batch open that long is committed at its next item (:data:`BATCH_SECONDS`).
    """

    def __init__(
        self,
        ctx: ServiceContext,
        read_once: ReadOnce | None = None,
        *,
        items: int | None = None,
        seconds: float | None = None,
    ) -> None:
        self.ctx = ctx
        self._read_once = read_once or ReadOnce()
        self._limit, self._seconds = items or BATCH_ITEMS, seconds or BATCH_SECONDS
        self._uow: UnitOfWork | None = None
        self._count, self._opened_at = 0, 0.0

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if error is None:
            self.commit()
        else:
            self.abandon()

    @property
    def pending(self) -> int:
        """Items stored (or held) in the open transaction, not committed yet."""
        return self._count

    @property
    def full(self) -> bool:
        """True when the open transaction should be committed before the next item."""
        if self._uow is None:
            return False
        return self._count >= self._limit or time.monotonic() - self._opened_at > self._seconds

    def store(
        self,
        store: Callable[[UnitOfWork], IngestOutcome],
        known: Callable[[UnitOfWork], IngestOutcome | None],
        also: Callable[[UnitOfWork], None] | None = None,
    ) -> IngestOutcome:
        """Store one item in its savepoint, with whatever ``also`` writes (its position).

        Raises:
            PermissionDenied: the caller may not record what customers send.
            DatabaseError: the database failed; the whole batch is rolled back.
            TransactionConflict, ConcurrentEditError: another writer came in between; the
                whole batch is rolled back (the channel stores its items again).
            Exception: whatever ``store`` raised; the item left nothing behind.
        """
        self.ctx.actor.require(Permission.HANDLE_COMPLAINTS)
        uow = self._unit()
        try:
            outcome = self._guarded(uow, store, also)
        except exc.IntegrityError:
            # Stored by another poller since our look-up: what became of it, and move on.
            stored = self._guarded(uow, known, also)
            if stored is None:
                raise
            outcome = stored
        self._count += 1
        return outcome

    def hold(self, suspect: Suspect, also: Callable[[UnitOfWork], None] | None = None) -> Held:
        """Quarantine one item in its savepoint, with whatever ``also`` writes (its position).

        Raises:
            PermissionDenied: the caller may not take in what customers send.
        """
        self.ctx.actor.require(Permission.HANDLE_COMPLAINTS)
        uow = self._unit()
        held = self._guarded(uow, lambda u: quarantine.hold_in(u, self.ctx.actor, suspect), also)
        self._count += 1
        return held

    def commit(self) -> None:
        """Commit the open transaction (nothing happens when none is open)."""
        uow, self._uow = self._uow, None
        if uow is None:
            return
        self._count = 0
        try:
            uow.commit()
        except BaseException as error:
            uow.__exit__(type(error), error, error.__traceback__)  # in a person's words
            raise
        self._read_once.keep(uow)
        uow.__exit__(None, None, None)

    def abandon(self) -> None:
        """Roll the open transaction back: none of its items is stored."""
        uow, self._uow = self._uow, None
        self._count = 0
        if uow is not None:
            uow.__exit__(None, None, None)

    def _unit(self) -> UnitOfWork:
        if self._uow is None:
            uow = self.ctx.uow(write=True)
            uow.__enter__()
            self._uow, self._opened_at = uow, time.monotonic()
            self._lend(uow)
            # The session forgets a row nobody holds: the batch holds what it read (a policy,
            # an owner, a customer writing again), so the next item finds it without a query.
            loaded: list[object] = []
            event.listen(uow.session, "loaded_as_persistent", lambda _, row: loaded.append(row))
        return self._uow

    def _lend(self, uow: UnitOfWork) -> None:
        self._read_once.lend(uow)

    def _guarded(
        self,
        uow: UnitOfWork,
        write: Callable[[UnitOfWork], T],
        also: Callable[[UnitOfWork], None] | None,
    ) -> T:
        """Run one item's part; a failure of the database itself ends the whole batch."""
        try:
            return self._part(uow, write, also)
        except BaseException as error:
            if not _ends_batch(error):
                self._lend(uow)  # the savepoint undone forgot what the batch had read
                raise
            self._uow, self._count = None, 0
            uow.__exit__(type(error), error, error.__traceback__)  # in a person's words
            raise

    @staticmethod
    def _part(
        uow: UnitOfWork,
        write: Callable[[UnitOfWork], T],
        also: Callable[[UnitOfWork], None] | None,
    ) -> T:
        with uow.savepoint(), uow.deferred_writes():
            # Rows are flushed once, when the savepoint ends: the look-ups inside never
            # need this item's own rows (those that do flush explicitly).
            done = write(uow)
            if also is not None:
                also(uow)
        return done


def _ends_batch(error: BaseException) -> bool:
    """True when ``error`` is the database's, not the item's: the transaction is lost."""
    return (
        is_database_failure(error)
        or transaction_errors.is_transient(error)
        or transaction_errors.is_concurrent_edit(error)
        or not isinstance(error, Exception)  # interrupted
    )

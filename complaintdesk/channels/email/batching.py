"""Messages taken in by batches: a few hundred per transaction, each failing alone.

A :class:`MessageBatch` hands each message to a :class:`StoreBatch` (one savepoint each)
and counts what became of it once the batch is committed: the summary never counts what
a rolled-back batch held. A batch lost to another writer (a deadlock, a serialization
failure, a concurrent edit on the central server) is stored again one message per
transaction, as before batches, so nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Self

from complaintdesk.channels.email.intake import (
    IngestSummary,
    Progress,
    RawMessage,
    Source,
    ingest_message,
)
from complaintdesk.domain.errors import ConcurrentEditError, TransactionConflict
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound.batches import StoreBatch
from complaintdesk.services.inbound.email_message import DEFAULT_OPTIONS, IngestOptions
from complaintdesk.services.inbound.storing import ReadOnce

log = logging.getLogger(__name__)
Done = Callable[[], None]


def ingest_sources(
    ctx: ServiceContext,
    sources: Iterable[Source],
    options: IngestOptions = DEFAULT_OPTIONS,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest every source (files, mbox messages), a few hundred per transaction."""
    summary = IngestSummary()
    with MessageBatch(ctx, summary, options, ReadOnce(), progress) as batch:
        for source in sources:
            if isinstance(source, tuple):
                summary.read += 1
                summary.rejected.append({"file": source[0], "reason": source[1]})
                if progress is not None:
                    progress(summary)
            else:
                batch.take(source)
    return summary


class MessageBatch:
    """Messages of one source stored by batches; use with ``with`` (commits at the end).

    Args:
        summary: what the run did; a batch is added to it when it is committed (``read``
            counts at once, for progress).
        progress: told after every message.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        summary: IngestSummary,
        options: IngestOptions,
        read_once: ReadOnce,
        progress: Progress | None = None,
    ) -> None:
        self._ctx, self._summary, self._options = ctx, summary, options
        self._read_once, self._progress = read_once, progress
        self._store = StoreBatch(ctx, read_once)
        self._items: list[tuple[RawMessage, Done | None]] = []
        self._pending = IngestSummary()

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
            return
        if isinstance(error, Exception) and self._store.pending:
            # The server went away, the database refused one message: what was stored
            # before it is whole (each in its savepoint) and stays stored.
            try:
                self.commit()
                return
            except Exception:
                log.warning("the messages read before the failure were not kept", exc_info=True)
        self._store.abandon()  # read again next time: nothing of this batch moved on
        self._summary.read -= len(self._items)
        self._finish()

    def take(self, incoming: RawMessage, done: Done | None = None) -> None:
        """Store (or quarantine) one message; ``done`` runs once it is committed."""
        if self._store.full:
            try:
                self.commit()
            except BaseException:
                if done is not None:
                    done()
                raise
        self._items.append((incoming, done))
        self._summary.read += 1
        try:
            ingest_message(self._ctx, incoming, self._pending, self._options, batch=self._store)
        except (TransactionConflict, ConcurrentEditError):
            self._again()
        if self._progress is not None:
            self._progress(self._summary)

    def commit(self) -> None:
        """Commit the messages taken since the last commit and count them."""
        try:
            self._store.commit()
        except (TransactionConflict, ConcurrentEditError):
            self._again()
            return
        except BaseException:
            self._summary.read -= len(self._items)  # read again next time
            self._finish()
            raise
        self._summary.add(self._pending)
        self._finish()

    def _again(self) -> None:
        """Store the lost batch's messages again, each in a transaction of its own."""
        self._store.abandon()
        items, self._items = self._items, []
        self._pending = IngestSummary()
        self._summary.read -= len(items)  # counted again below
        try:
            for incoming, _ in items:
                ingest_message(
                    self._ctx, incoming, self._summary, self._options, read_once=self._read_once
                )
        finally:
            self._items = items
            self._finish()

    def _finish(self) -> None:
        items, self._items = self._items, []
        self._pending = IngestSummary()
        for _, done in items:
            if done is not None:
                done()

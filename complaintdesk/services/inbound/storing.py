"""Storing one inbound item once: in one transaction, with what it advances past.

Every channel that reads a stream (mailbox folders, files, gateways) stores each item in one
unit of work together with its read position, so a process killed at any point loses nothing
and stores nothing twice when rerun. Configuration read by one item (routing rules, policies,
templates) is lent to the next ones instead of being read again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import exc

from complaintdesk.domain.permissions import Permission
from complaintdesk.services.complaints import notifications, routing
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.outbound import outbox, templates
from complaintdesk.services.promises import policies
from complaintdesk.storage.memo import Memo
from complaintdesk.storage.unit_of_work import UnitOfWork


@dataclass
class ReadOnce:
    """Configuration read once for a run of many items instead of once per item.

    Routing rules, service-level policies and the sending address change rarely; a file
    ingestion reads them once, a poller once per poll. Only plain values are kept (never
    rows of a closed transaction).
    """

    values: Memo = field(default_factory=Memo)

    def lend(self, uow: UnitOfWork) -> None:
        """Give ``uow`` what earlier items already read."""
        uow.memo.update(self.values)

    def keep(self, uow: UnitOfWork) -> None:
        """Keep what ``uow`` read for the next items."""
        self.values.update(uow.memo.only(_SHAREABLE))


_SHAREABLE = (
    policies.POLICIES,
    routing.RULES,
    outbox.DEFAULT_FROM,
    templates.TEMPLATES,
    outbox.SITES,
    notifications.ADMINISTRATORS_TOLD,
)


class Handling(StrEnum):
    """What became of one item."""

    OPENED = "opened"
    THREADED = "threaded"
    AUTOMATIC = "automatic"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class IngestOutcome:
    """One item's fate, for the summary a person or script reads."""

    handling: Handling
    message_id: uuid.UUID | None
    complaint_id: uuid.UUID | None
    reference: str | None = None
    acknowledgement_id: uuid.UUID | None = None
    id_clash: bool = False
    """Stored beside an earlier, different message that carries the same Message-ID."""


def store_once(
    ctx: ServiceContext,
    store: Callable[[UnitOfWork], IngestOutcome],
    known: Callable[[UnitOfWork], IngestOutcome | None],
    *,
    read_once: ReadOnce | None = None,
    also: Callable[[UnitOfWork], None] | None = None,
) -> IngestOutcome:
    """Store one inbound item in one transaction, with whatever ``also`` writes in it.

    Args:
        store: stores the item and says what became of it.
        known: what became of the item if it is already stored (None if it is not).
        read_once: configuration shared by the items of one run (read at the first).
        also: written in the same transaction (a folder position, a gateway's cursor).

    Raises:
        PermissionDenied: the caller may not record what customers send.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    try:
        with ctx.uow(write=True) as uow, uow.deferred_writes():
            # Rows are written once, at commit, in batches per table: the lookups below
            # never need this item's own rows (those that do flush explicitly).
            if read_once is not None:
                read_once.lend(uow)
            outcome = store(uow)
            if also is not None:
                also(uow)
            uow.commit()
            if read_once is not None:
                read_once.keep(uow)
            return outcome
    except exc.IntegrityError:
        # Another poller stored the same item between our check and our commit.
        with ctx.uow(write=True) as uow:
            stored = known(uow)
            if stored is None:
                raise
            if also is not None:
                also(uow)
            uow.commit()
            return stored


def arrival_time(claimed: datetime | None) -> datetime:
    """Return when an item came in: the time it claims, unless it has none or a future one."""
    now = datetime.now(UTC)
    if claimed is None or claimed > now:
        return now
    return claimed

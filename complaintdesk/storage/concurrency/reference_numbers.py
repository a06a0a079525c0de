"""The next complaint number of a site and year, wherever the complaint is recorded.

The central server (and a standalone or online workstation) counts on in ``site_sequence``
(PostgreSQL: in a short transaction of its own, committed at once).
A branch workstation takes numbers from the blocks the central server handed it, then from
its own reserve (:data:`complaintdesk.domain.reference.RESERVE`) if it ran out offline: two
places never give out the same number.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from complaintdesk.domain.reference import reserve_of
from complaintdesk.storage.concurrency import replica_identity
from complaintdesk.storage.memo import MemoKey
from complaintdesk.storage.models import ReferenceBlock, ReplicaState
from complaintdesk.storage.unit_of_work import UnitOfWork

_IDENTITY = MemoKey[tuple[str, str, int | None]]("reference_numbers.identity")


def next_number(uow: UnitOfWork, site_id: uuid.UUID, year: int) -> int:
    """Return the next number of ``site_id`` in ``year`` and mark it used (caller commits)."""
    mode, origin, number = _identity(uow)
    if mode != "branch" or number is None:
        return _from_sequence(uow, site_id, year)
    block = uow.scalars(
        select(ReferenceBlock)
        .where(
            ReferenceBlock.site_id == site_id,
            ReferenceBlock.year == year,
            ReferenceBlock.replica_code == origin,
            ReferenceBlock.next_number <= ReferenceBlock.last_number,
        )
        .order_by(ReferenceBlock.first_number)
        .limit(1)
    )
    if not block:
        first, last = reserve_of(number)
        block = [_reserve(uow, site_id, year, origin, first, last)]
    taken: int = block[0].next_number
    block[0].next_number = taken + 1
    return taken


def _identity(uow: UnitOfWork) -> tuple[str, str, int | None]:
    """This replica's mode, code and registry number (read once per unit of work, no lock)."""
    known = uow.memo.get(_IDENTITY)
    if known is None:
        row = uow.execute(
            select(
                ReplicaState.mode,
                ReplicaState.replica_code,
                ReplicaState.site_code,
                ReplicaState.replica_number,
            ).limit(1)
        ).first()
        known = ("standalone", "", None) if row is None else (row[0], row[1] or row[2], row[3])
        uow.memo[_IDENTITY] = known
    return known


def _reserve(
    uow: UnitOfWork, site_id: uuid.UUID, year: int, origin: str, first: int, last: int
) -> ReferenceBlock:
    """This workstation's reserve for a site and year, as a block of its own."""
    found: list[ReferenceBlock] = uow.scalars(
        select(ReferenceBlock).where(
            ReferenceBlock.site_id == site_id,
            ReferenceBlock.year == year,
            ReferenceBlock.first_number == first,
        )
    )
    if found:
        return found[0]  # used up: the caller then fails on the unique reference, loudly
    block = ReferenceBlock(
        site_id=site_id,
        year=year,
        replica_code=origin,
        first_number=first,
        last_number=last,
        next_number=first,
        allocated_at=datetime.now(UTC),
    )
    uow.add(block)
    return block


def _from_sequence(uow: UnitOfWork, site_id: uuid.UUID, year: int) -> int:
    """Count on in the site's sequence (PostgreSQL: in a short transaction of its own, so
    the counter is never held while a complaint is recorded; see ``replica_identity``)."""
    return replica_identity.next_number(uow.session, site_id, year)

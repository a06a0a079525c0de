"""What sync keeps about replicas: the central registry, reference blocks, merged records.

None of these rows travel in the change log: the registry and the blocks are handed out by
the central server during a round, aliases are worked out by each replica from the entries
it holds, and entries set aside stay on the replica that could not apply them.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from complaintdesk.storage.models.base import Base, IdMixin


class Replica(IdMixin, Base):
    """A branch workstation known to the central server (its id is the branch's own)."""

    __tablename__ = "replica"

    code: Mapped[str] = mapped_column(String(24), unique=True)
    """Stamped on its entries and audit chain: the site code, then ``SITE.2``, ``SITE.3``…"""
    number: Mapped[int] = mapped_column(unique=True)
    """Names the reserve of references it falls back on when its blocks run out offline."""
    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("site.id"))
    workstation: Mapped[str] = mapped_column(String(200), default="")
    registered_at: Mapped[datetime]
    last_round_at: Mapped[datetime | None]
    clock_offset_ms: Mapped[int | None] = mapped_column(BigInteger)
    """Its clock minus the central one at its last round (positive: ahead)."""
    retired_at: Mapped[datetime | None]
    """No longer expected to apply erasures (a workstation replaced or reinstalled)."""


class ReferenceBlock(IdMixin, Base):
    """Complaint numbers a replica may use for a site and year; nobody else uses them."""

    __tablename__ = "reference_block"
    __table_args__ = (Index(None, "site_id", "year", "replica_code"),)

    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("site.id"))
    year: Mapped[int]
    replica_code: Mapped[str] = mapped_column(String(24))
    first_number: Mapped[int]
    last_number: Mapped[int]
    next_number: Mapped[int]
    """The next number this replica hands out from the block (past ``last_number``: used up)."""
    allocated_at: Mapped[datetime]


class SyncAlias(IdMixin, Base):
    """A record that arrived twice under two ids (one email fetched in two places): the
    later one is folded into the first, and entries naming it apply to the first."""

    __tablename__ = "sync_alias"

    entity: Mapped[str] = mapped_column(String(40))
    loser_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    winner_id: Mapped[uuid.UUID] = mapped_column(index=True)
    merged_at: Mapped[datetime]


class SyncSetAside(IdMixin, Base):
    """A change-log entry this replica could not apply, kept whole, retried at each round."""

    __tablename__ = "sync_set_aside"

    entry_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    hlc: Mapped[int] = mapped_column(BigInteger)
    site_code: Mapped[str] = mapped_column(String(24))
    user_id: Mapped[uuid.UUID | None]
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID]
    operation: Mapped[str] = mapped_column(String(10))
    fields: Mapped[dict[str, Any]]
    recorded_at: Mapped[datetime]
    arrival_seq: Mapped[int | None] = mapped_column(BigInteger)
    current: Mapped[dict[str, Any] | None]
    """The row as this replica holds it (None: it does not)."""
    reason: Mapped[str] = mapped_column(String(500))
    set_aside_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=1)
    settled_at: Mapped[datetime | None]

"""Append-only records: audit events, the change log, sequences and replica state."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String, UniqueConstraint, text, true
from sqlalchemy.orm import Mapped, mapped_column

from complaintdesk.storage.models.base import Base, IdMixin


class AuditEvent(IdMixin, Base):
    """Who changed what, when, before and after; chained by keyed hash per writer."""

    __tablename__ = "audit_event"
    __table_args__ = (
        UniqueConstraint("chain", "seq"),
        Index(None, "complaint_id", "occurred_at"),
        Index(None, "user_id", "occurred_at"),
    )

    chain: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int]
    occurred_at: Mapped[datetime]
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    login: Mapped[str | None] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID | None]
    complaint_id: Mapped[uuid.UUID | None]
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(16))
    """The audit key the hash was made with (None: plain SHA-256, before keys or without one)."""


class AuditChain(IdMixin, Base):
    """One audit chain and the replica that writes it (every replica registers what it holds).

    A writer extends only a chain of its own replica that no other transaction holds at the
    moment (``FOR UPDATE SKIP LOCKED`` on PostgreSQL), or starts a new one: writers never wait
    for each other, and a replica has about as many chains as it has writers at once.
    """

    __tablename__ = "audit_chain"

    name: Mapped[str] = mapped_column(String(40), unique=True)
    replica_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    """The replica that writes this chain (None: a chain written elsewhere, held as a copy)."""
    site_code: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(12), default="writer", server_default="writer")
    """``writer``, or ``checkpoint``: a replica's checkpoints go to a chain of their own, so
    that cutting the end of a writer's chain cannot also remove the checkpoint that saw it."""


class AuditKey(IdMixin, Base):
    """The fingerprint of the installation's audit key (never the key itself)."""

    __tablename__ = "audit_key"

    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime]


class ChangeLogEntry(IdMixin, Base):
    """One change to exchange with other replicas (the sync outbox)."""

    __tablename__ = "change_log"
    __table_args__ = (
        Index(None, "pushed_at", "hlc"),
        Index(None, "entity_id", "hlc"),
        # The entries the next sync round numbers (sync/arrivals.py): few at any moment.
        Index(
            None,
            "hlc",
            "id",
            postgresql_where=text("arrival_seq IS NULL"),
            sqlite_where=text("arrival_seq IS NULL"),
        ),
    )

    hlc: Mapped[int] = mapped_column(BigInteger, index=True)
    """Hybrid logical clock stamp as one integer (:mod:`complaintdesk.domain.hlc`)."""
    site_code: Mapped[str] = mapped_column(String(24))
    """The replica that wrote the entry (:attr:`ReplicaState.origin`)."""
    user_id: Mapped[uuid.UUID | None]
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID]
    operation: Mapped[str] = mapped_column(String(10))
    fields: Mapped[dict[str, Any]]
    recorded_at: Mapped[datetime]
    pushed_at: Mapped[datetime | None]
    arrival_seq: Mapped[int | None] = mapped_column(BigInteger, index=True)
    """Order of arrival on the central server (given there by sync rounds): what pulls follow."""


class SiteSequence(IdMixin, Base):
    """Next reference number per site and year (so offline sites never collide)."""

    __tablename__ = "site_sequence"
    __table_args__ = (UniqueConstraint("site_id", "year"),)

    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("site.id"))
    year: Mapped[int]
    last_number: Mapped[int] = mapped_column(default=0)


class ReplicaState(IdMixin, Base):
    """This database's own identity: mode, home site, clock, sync cursor."""

    __tablename__ = "replica_state"
    __table_args__ = (UniqueConstraint("singleton"),)

    mode: Mapped[str] = mapped_column(String(12), default="standalone")
    site_code: Mapped[str] = mapped_column(String(10), default="HQ")
    hlc_last: Mapped[int] = mapped_column(BigInteger, default=0)
    central_url: Mapped[str | None] = mapped_column(String(500))
    """The central server, without its password."""
    central_secret: Mapped[str | None] = mapped_column(String(200))
    """Where the central server's password is kept (``keyring:…`` or ``file:…``), if any."""
    pull_cursor: Mapped[str | None] = mapped_column(String(40))
    last_sync_at: Mapped[datetime | None]
    replica_code: Mapped[str | None] = mapped_column(String(24))
    """This workstation among the replicas of its site (None: the site code itself)."""
    replica_number: Mapped[int | None]
    """Its number in the central server's registry (names its reserve of references)."""
    clock_offset_ms: Mapped[int | None] = mapped_column(BigInteger)
    """The central server's clock minus this one's, measured at the last round."""
    clock_checked_at: Mapped[datetime | None]
    max_clock_offset_ms: Mapped[int] = mapped_column(
        BigInteger, default=300_000, server_default="300000"
    )
    """How far this clock may stray from the central one before it is corrected (set at
    the central server, copied at each round)."""
    clocks_followed_at: Mapped[datetime | None] = mapped_column(deferred=True)
    """The central server's latest recompute this branch recomputed its own clocks after
    (deferred, like ``ServiceLevelPolicy.recomputed_at``: a newer column than the rest)."""

    @property
    def origin(self) -> str:
        """The code stamped on this replica's change-log entries and audit chain."""
        return self.replica_code or self.site_code

    singleton: Mapped[bool] = mapped_column(default=True, server_default=true())
    """Always true and unique: two first starts at once cannot make two identities."""


class SyncConflict(IdMixin, Base):
    """A conflict a rule settled that a supervisor should look at."""

    __tablename__ = "sync_conflict"

    kind: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID]
    complaint_id: Mapped[uuid.UUID | None]
    kept: Mapped[dict[str, Any]]
    other: Mapped[dict[str, Any]]
    raised_at: Mapped[datetime]
    settled_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    settled_at: Mapped[datetime | None]
    settlement: Mapped[str | None] = mapped_column(String(20))
    detail: Mapped[dict[str, Any] | None]
    """What settling it needs: the merge to undo, the entries set aside and why…"""

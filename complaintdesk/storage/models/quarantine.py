"""What customers sent that could not become a complaint on its own, kept until a person decides."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from complaintdesk.storage.models.base import Base, IdMixin


class QuarantineItem(IdMixin, Base):
    """One item held back by intake: its raw bytes, why, and where it came from.

    The bytes are stored once per content, like attachments (``attachment_content``, named
    by ``content_sha256``); at most a bounded head of a very large item is kept, and
    ``truncated`` says so. ``fingerprint`` (the channel and the hash of every byte received)
    makes quarantining idempotent: the same item read again is the same row, seen again.
    """

    __tablename__ = "quarantine_item"
    __table_args__ = (Index(None, "state", "received_at"),)

    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(10))
    """``email``, ``social`` or ``import``: the channel whose reader retries it."""
    source_kind: Mapped[str] = mapped_column(String(20))
    """``eml``, ``mbox``, ``imap``, ``social_file``, ``social_gateway`` or ``cfpb``."""
    source: Mapped[dict[str, Any]]
    """Where it came from: mailbox, folder and UID; file and message number; CFPB line…"""
    source_label: Mapped[str] = mapped_column(String(500))
    problem: Mapped[str] = mapped_column(String(20))
    """What kind of problem held it back (``no_sender``, ``not_a_message``, ``too_large``…)."""
    reason: Mapped[str] = mapped_column(String(500))
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    """Bytes received (more than kept when ``truncated``)."""
    truncated: Mapped[bool] = mapped_column(default=False)
    external_id: Mapped[str | None] = mapped_column(String(500))
    """The Message-ID or post id, when the reader got that far."""
    sender: Mapped[str | None] = mapped_column(String(300))
    subject: Mapped[str | None] = mapped_column(String(500))
    received_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    times_seen: Mapped[int] = mapped_column(default=1)
    attempts: Mapped[int] = mapped_column(default=0)
    """Retries made by a person."""
    state: Mapped[str] = mapped_column(String(12), default="waiting")
    """``waiting``, ``stored`` (a retry stored it), ``released`` (attached by hand) or
    ``discarded``."""
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    decided_by: Mapped[str | None] = mapped_column(String(120))
    """The name of who decided (the command line has no user row)."""
    decision_note: Mapped[str | None] = mapped_column(String(500))
    complaint_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("complaint.id"))
    message_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("message.id"))

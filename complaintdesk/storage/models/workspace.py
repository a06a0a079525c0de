"""What an agent's workspace keeps beside the complaints: queue names, presence, reply drafts.

Presence and drafts are local to the database a workstation works on: they are never put
in the change log, so sync never carries them to another replica.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from complaintdesk.storage.models.base import Base, IdMixin, Timestamps


class TeamQueue(IdMixin, Timestamps, Base):
    """The name people read for a team queue code (``care-hq`` → "Customer care, HQ")."""

    __tablename__ = "team_queue"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))


class Presence(IdMixin, Base):
    """One open main window: who it is, which complaint it shows, whether they write.

    The id is the window's session, born when it opens; the row goes when it closes, and a
    row not refreshed for a while (a crash, a network cut) is ignored by readers.
    """

    __tablename__ = "presence"
    __table_args__ = (Index(None, "complaint_id", "seen_at"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), index=True)
    complaint_id: Mapped[uuid.UUID | None]
    activity: Mapped[str] = mapped_column(String(20))
    """``viewing`` or ``writing`` (a reply or a note)."""
    seen_at: Mapped[datetime]


class ReplyDraft(IdMixin, Base):
    """What one person was writing on one complaint when they moved away: theirs only."""

    __tablename__ = "reply_draft"
    __table_args__ = (UniqueConstraint("user_id", "complaint_id"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("complaint.id"), index=True)
    mode: Mapped[str] = mapped_column(String(20))
    """``reply`` (to the customer) or ``note`` (colleagues only)."""
    channel: Mapped[str | None] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    base_version: Mapped[int]
    """The complaint's version when the person started writing: a send over a newer one
    is a concurrent edit, shown as such."""
    updated_at: Mapped[datetime]

"""One case whatever the channel: complaints merged or linked, and satisfaction surveys."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from complaintdesk.storage.models.base import Base, IdMixin


class ComplaintMerge(IdMixin, Base):
    """A complaint merged into another; what moved and what changed, so undo is exact."""

    __tablename__ = "complaint_merge"

    kept_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("complaint.id"), index=True)
    merged_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("complaint.id"), index=True)
    merged_at: Mapped[datetime]
    merged_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    reason: Mapped[str | None] = mapped_column(String(300))
    moved: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """Ids that moved to the kept complaint, by table (``message``, ``contribution_request``…)."""
    kept_before: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """The kept complaint's fields the merge changed, as they were."""
    merged_before: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """The merged complaint's fields the merge changed, as they were."""
    undone_at: Mapped[datetime | None]
    undone_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))


class ComplaintLink(IdMixin, Base):
    """Two complaints of one customer that are different grievances, seen side by side."""

    __tablename__ = "complaint_link"

    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("complaint.id"), index=True)
    other_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("complaint.id"), index=True)
    linked_at: Mapped[datetime]
    linked_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    note: Mapped[str | None] = mapped_column(String(300))
    removed_at: Mapped[datetime | None]
    removed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))


class SatisfactionSurvey(IdMixin, Base):
    """A satisfaction question sent to the customer, with its own reference (``SAT-…``).

    Only a reply to it (its reference in the subject, or its Message-ID in the reply's
    threading headers) is read as a score.
    """

    __tablename__ = "satisfaction_survey"

    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("complaint.id"), index=True)
    token: Mapped[str] = mapped_column(String(16), unique=True)
    message_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("message.id"))
    channel: Mapped[str] = mapped_column(String(10))
    sent_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
    answer_message_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("message.id"))
    satisfaction: Mapped[int | None]
    recommendation: Mapped[int | None]

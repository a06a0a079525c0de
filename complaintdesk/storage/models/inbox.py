"""What a user is told: a transfer received, a contribution answered, a promise at risk."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from complaintdesk.storage.models.base import Base, IdMixin
from complaintdesk.storage.models.complaints import Complaint


class Notification(IdMixin, Base):
    """One message to one user, unread until they open it."""

    __tablename__ = "notification"
    __table_args__ = (Index(None, "user_id", "read_at", "created_at"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    complaint_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("complaint.id"))
    complaint: Mapped[Complaint | None] = relationship(lazy="raise")
    kind: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]

"""Erasure as a replicated operation: the request every replica applies, and their receipts."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from complaintdesk.storage.models.base import Base, IdMixin


class ErasureRequest(IdMixin, Base):
    """A customer erased at the central server; every replica purges its copies of them.

    It holds ids only (no name, no reason), so it can travel to every replica.
    """

    __tablename__ = "erasure_request"

    customer_id: Mapped[uuid.UUID]
    customer_ids: Mapped[list[Any]]
    """The customer and those merged into it, as ids in text."""
    requested_at: Mapped[datetime]
    requested_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))


class ErasureReceipt(IdMixin, Base):
    """A replica saying it applied an erasure, and how many of its rows it changed."""

    __tablename__ = "erasure_receipt"
    __table_args__ = (UniqueConstraint("erasure_id", "replica_code"),)

    erasure_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("erasure_request.id"))
    replica_code: Mapped[str] = mapped_column(String(24))
    applied_at: Mapped[datetime]
    rows: Mapped[int] = mapped_column(default=0)

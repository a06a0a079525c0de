"""Saved views: a named queue, filter and order a person comes back to."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from complaintdesk.storage.models.base import Base, IdMixin, Timestamps


class SavedView(IdMixin, Timestamps, Base):
    """A queue kind with its filters and sort, personal or shared with the team."""

    __tablename__ = "saved_view"
    __table_args__ = (Index(None, "owner_id", "name"), Index(None, "shared", "name"))

    name: Mapped[str] = mapped_column(String(80))
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    shared: Mapped[bool] = mapped_column(default=False)
    queue: Mapped[str] = mapped_column(String(20))
    sort: Mapped[str] = mapped_column(String(20), default="due")
    descending: Mapped[bool] = mapped_column(default=False)
    filters: Mapped[dict[str, Any]]
    """Field name → list of values (ids and instants as text), as ``services.views`` writes."""

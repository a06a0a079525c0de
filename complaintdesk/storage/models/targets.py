"""Every target of a complaint with its own clock, and what an import kept of its source."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from complaintdesk.storage.models.base import Base, IdMixin
from complaintdesk.storage.models.complaints import Complaint


class ComplaintTarget(Base):
    """One target of a complaint's service policy or regulatory preset, and its clock.

    Derived data kept by the clock rules (``domain/promises/clocks.py``): one row per
    (complaint, kind, target), its id the same on every replica (``stable_id``). A target
    no longer in the complaint's policies stays as ``dropped`` (sync never deletes).
    ``to_notify`` marks a turn to at risk or breached nobody was told of yet; the check
    tells the owner (and supervisors at a breach) and clears it.
    """

    __tablename__ = "complaint_target"
    __table_args__ = (Index(None, "to_notify"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("complaint.id"), index=True)
    complaint: Mapped[Complaint] = relationship(lazy="raise")  # orders batched inserts
    policy_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("service_level_policy.id"))
    kind: Mapped[str] = mapped_column(String(12))
    """``service`` or ``regulatory``."""
    target: Mapped[str] = mapped_column(String(32))
    starts_at: Mapped[datetime]
    """The instant the target counts from (received, or sent by the customer)."""
    due_at: Mapped[datetime]
    met_at: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(12))
    to_notify: Mapped[bool] = mapped_column(default=False)


class SourceRecord(IdMixin, Base):
    """What an imported complaint's source said that the complaint has no column for.

    The CFPB's consent, timeliness, public response, dispute and tags, kept as given so an
    export gives them back unchanged.
    """

    __tablename__ = "source_record"

    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("complaint.id"), unique=True)
    complaint: Mapped[Complaint] = relationship(lazy="raise")  # orders batched inserts
    source: Mapped[str] = mapped_column(String(20))
    fields: Mapped[dict[str, Any]]

"""The retention policy: customers whose every complaint ended long ago are anonymised.

A complaint ends when it is closed (or withdrawn, or resolved and never closed); the policy
keeps a customer's data for ``years`` after the last of their complaints ended (5 by
default, as many complaint rules require), then erases it as an erasure request would.
Customers with an open complaint, or with no complaint at all, are never touched.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, func, select

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.privacy import erasure
from complaintdesk.storage.models import Complaint, Customer

DEFAULT_YEARS = 5
REASON = "retention policy: {years} years after the last complaint ended"


@dataclass(frozen=True)
class RetentionCandidate:
    """A customer past retention: who, and when their last complaint ended."""

    customer_id: uuid.UUID
    complaints: int
    last_ended_at: datetime


@dataclass(frozen=True)
class RetentionSummary:
    """What a run of the policy found, and whether it erased them."""

    cutoff: datetime
    dry_run: bool
    candidates: tuple[RetentionCandidate, ...]

    def as_json(self) -> dict[str, Any]:
        """Return the summary as JSON-ready values."""
        return {
            "cutoff": self.cutoff.isoformat(),
            "dry_run": self.dry_run,
            "customers": len(self.candidates),
            "erased": 0 if self.dry_run else len(self.candidates),
            "candidates": [
                {
                    "customer_id": str(c.customer_id),
                    "complaints": c.complaints,
                    "last_ended_at": c.last_ended_at.isoformat(),
                }
                for c in self.candidates
            ],
        }


def cutoff_for(now: datetime, years: int) -> datetime:
    """Return the instant ``years`` calendar years before ``now`` (29 February → 28th)."""
    if years < 1:
        raise ValidationError("Keep data at least one year.")
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def apply_retention(
    ctx: ServiceContext,
    *,
    years: int = DEFAULT_YEARS,
    dry_run: bool = False,
    now: datetime | None = None,
) -> RetentionSummary:
    """Erase every customer past retention, one transaction each; a dry run changes nothing.

    Raises:
        PermissionDenied: the caller may not manage personal data.
        ValidationError: ``years`` is less than one.
    """
    ctx.actor.require(Permission.MANAGE_PERSONAL_DATA)
    cutoff = cutoff_for(now or datetime.now(UTC), years)
    candidates = _candidates(ctx, cutoff)
    if not dry_run and candidates:
        for candidate in candidates:
            with ctx.uow(write=True) as uow:
                reason = REASON.format(years=years)
                erasure.erase(uow, ctx.actor, candidate.customer_id, reason, purge_index=False)
                uow.commit()
        with ctx.uow(write=True) as uow:
            uow.purge_search_documents([])  # once for the batch: it rewrites the whole index
            uow.commit()
    return RetentionSummary(cutoff, dry_run, candidates)


def _candidates(ctx: ServiceContext, cutoff: datetime) -> tuple[RetentionCandidate, ...]:
    ended = func.coalesce(Complaint.closed_at, Complaint.resolved_at, Complaint.updated_at)
    open_count = func.sum(case((Complaint.is_open, 1), else_=0))
    query = (
        select(Complaint.customer_id, func.count(), func.max(ended))
        .join(Customer, Customer.id == Complaint.customer_id)
        .where(Customer.erased_at.is_(None), Customer.merged_into_id.is_(None))
        .group_by(Complaint.customer_id)
        .having(open_count == 0, func.max(ended) < cutoff)
        .order_by(Complaint.customer_id)
    )
    with ctx.uow() as uow:
        rows = uow.execute(query).all()
    return tuple(
        RetentionCandidate(customer_id, count, _utc(last)) for customer_id, count, last in rows
    )


def _utc(value: datetime) -> datetime:
    # Aggregates lose the column's type on SQLite: the maximum comes back as naive UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)

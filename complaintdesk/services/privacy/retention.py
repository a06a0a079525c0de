"""The retention policy: customers whose every complaint ended long ago are anonymised, and
backup copies made before an erasure are cleaned of it.

A complaint ends when it is closed (or withdrawn, or resolved and never closed); the policy
keeps a customer's data for ``years`` after the last of their complaints ended (5 by
default, as many complaint rules require), then erases it as an erasure request would.
Customers with an open complaint, or with no complaint at all, are never touched.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import case, func, select

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.privacy import erasure
from complaintdesk.storage.models import Complaint, Customer, ErasureReceipt, ErasureRequest
from complaintdesk.storage.safekeeping import backups

DEFAULT_YEARS = 5
REASON = "retention policy: {years} years after the last complaint ended"
BACKUP_REPLICA = "backup"
"""The code an erasure applied to a backup copy is receipted under, in the copy itself."""


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


@dataclass(frozen=True)
class BackupState:
    """A backup copy and the erasures it predates (it still holds those customers)."""

    path: Path
    taken_at: datetime
    erasures: tuple[uuid.UUID, ...]
    action: str = ""
    """What ``retention apply`` did: ``erased``, ``deleted``; with a dry run, what it would."""

    def as_json(self) -> dict[str, Any]:
        """Return the state as JSON-ready values."""
        return {
            "path": str(self.path),
            "taken_at": self.taken_at.isoformat(),
            "erasures_predated": [str(e) for e in self.erasures],
            "action": self.action,
        }


def backups_predating_erasures(ctx: ServiceContext, folder: Path) -> tuple[BackupState, ...]:
    """List the backup copies in ``folder`` with the erasures made after them.

    Raises:
        PermissionDenied: the caller may not manage personal data.
    """
    ctx.actor.require(Permission.MANAGE_PERSONAL_DATA)
    with ctx.uow() as uow:
        requests: list[ErasureRequest] = uow.scalars(
            select(ErasureRequest).order_by(ErasureRequest.requested_at)
        )
    listed = []
    for backup in backups.list_backups(folder):
        later = tuple(r.id for r in requests if r.requested_at > backup.taken_at)
        listed.append(BackupState(backup.path, backup.taken_at, _not_applied(backup, later)))
    return tuple(listed)


def handle_backups(
    ctx: ServiceContext, folder: Path, *, dry_run: bool = False
) -> tuple[BackupState, ...]:
    """Apply to each backup copy the erasures it predates, or delete a copy that cannot be
    opened at this version (it cannot be cleaned, and it must not keep what was erased)."""
    handled = []
    for state in backups_predating_erasures(ctx, folder):
        if not state.erasures:
            handled.append(state)
            continue
        backup = backups.BackupFile(state.path, state.taken_at)
        with ctx.uow() as uow:
            requests = [uow.get(ErasureRequest, i) for i in state.erasures]
        action = _clean(ctx, backup, [r for r in requests if r is not None], dry_run)
        handled.append(replace(state, action=action))
    return tuple(handled)


def _clean(
    ctx: ServiceContext, backup: backups.BackupFile, requests: list[ErasureRequest], dry_run: bool
) -> str:
    with backups.opened(backup) as uow_factory:
        if uow_factory is None:
            if not dry_run:
                backup.path.unlink()
            return "would delete" if dry_run else "deleted"
        if dry_run:
            return "would erase"
        for request in requests:
            with uow_factory(write=True) as uow:
                copy = uow.get(ErasureRequest, request.id)
                if copy is None:
                    copy = ErasureRequest(
                        id=request.id,
                        customer_id=request.customer_id,
                        customer_ids=request.customer_ids,
                        requested_at=request.requested_at,
                        requested_by_id=None,
                    )
                    uow.add(copy)
                    uow.flush()
                erasure.purge_copies(uow, ctx.actor, copy, BACKUP_REPLICA)
                uow.commit()
    backups.scrub(backup)
    return "erased"


def _not_applied(
    backup: backups.BackupFile, erasures: tuple[uuid.UUID, ...]
) -> tuple[uuid.UUID, ...]:
    """The erasures not yet applied to the copy (a cleaned copy holds their receipts)."""
    if not erasures:
        return ()
    with backups.opened(backup) as uow_factory:
        if uow_factory is None:
            return erasures
        with uow_factory() as uow:
            done = set(
                uow.scalars(
                    select(ErasureReceipt.erasure_id).where(
                        ErasureReceipt.replica_code == BACKUP_REPLICA
                    )
                )
            )
    return tuple(e for e in erasures if e not in done)

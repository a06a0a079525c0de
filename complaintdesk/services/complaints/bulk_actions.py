"""Bulk actions of a supervisor on many complaints: each one its own use case and audit event.

A complaint that cannot take the action (an illegal move, changed by someone meanwhile,
already owned by that person) is reported by reference; the others go through. Nothing is
rolled back because one failed: each complaint is one unit of work, as if done by hand.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from complaintdesk.domain.errors import ComplaintDeskError, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Priority, Status
from complaintdesk.services.complaints import lifecycle, ownership
from complaintdesk.services.complaints.access import complaint_for_change, record
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import policies

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class BulkTarget:
    """A complaint as the person's screen showed it (the version guards against changes)."""

    id: uuid.UUID
    reference: str
    version: int
    owned: bool = True


@dataclass(frozen=True)
class BulkFailure:
    """A complaint the action was refused for, and why in plain words."""

    reference: str
    reason: str


@dataclass(frozen=True)
class BulkResult:
    """What a bulk action did."""

    done: tuple[str, ...]
    """References of the complaints changed."""
    failed: tuple[BulkFailure, ...]
    skipped: int = 0
    """Complaints not attempted because the person cancelled."""
    changed: tuple[BulkTarget, ...] = ()
    """The complaints changed, each with its version after the change (what an undo expects)."""


OneChange = Callable[[ServiceContext, BulkTarget], int | None]
"""Changes one complaint; returns its new version when the change tells it."""


def reassign(
    ctx: ServiceContext,
    targets: Sequence[BulkTarget],
    to_user_id: uuid.UUID,
    reason: str,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BulkResult:
    """Give every complaint to ``to_user_id``: assigned if unowned, else transferred.

    Args:
        reason: why, for the new owner (a transfer needs one).
    """
    if not reason.strip():
        raise ValidationError("Say why you reassign them: the new owner will read it.")

    def one(c: ServiceContext, t: BulkTarget) -> int:
        if t.owned:
            return ownership.transfer(c, t.id, to_user_id, reason, t.version)
        return ownership.assign(c, t.id, to_user_id, t.version)

    return _each(ctx, targets, one, progress, cancelled)


def set_priority(
    ctx: ServiceContext,
    targets: Sequence[BulkTarget],
    priority: Priority,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BulkResult:
    """Set the priority of every complaint, and the promise that goes with each."""
    return _each(ctx, targets, lambda c, t: change_priority(c, t, priority), progress, cancelled)


def change_status(
    ctx: ServiceContext,
    targets: Sequence[BulkTarget],
    target: Status,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BulkResult:
    """Move every complaint to ``target`` where its lifecycle allows it."""

    def one(c: ServiceContext, t: BulkTarget) -> None:
        lifecycle.change_status(c, t.id, target, t.version)

    return _each(ctx, targets, one, progress, cancelled)


def restore_priorities(
    ctx: ServiceContext,
    previous: Sequence[tuple[BulkTarget, Priority]],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BulkResult:
    """Give each complaint back the priority it had (an undo), audited.

    Args:
        previous: each complaint with the version the change left, and its earlier priority;
            one changed since by someone else is refused, never overwritten.
    """
    earlier = {target.id: priority for target, priority in previous}
    targets = [target for target, _priority in previous]
    return _each(
        ctx, targets, lambda c, t: change_priority(c, t, earlier[t.id]), progress, cancelled
    )


def change_priority(ctx: ServiceContext, target: BulkTarget, priority: Priority) -> int:
    """Set one complaint's priority, audited (supervisors); return its new version."""
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(
            uow, ctx.actor, target.id, target.version, Permission.REASSIGN
        )
        if complaint.priority == int(priority):
            raise ValidationError(f"{complaint.reference} already has this priority.")
        policies.apply_priority(uow, complaint, priority)
        record(uow, ctx.actor, complaint, "priority_changed", complaint.id)
        version = complaint.version
        uow.commit()
    return version


def _each(
    ctx: ServiceContext,
    targets: Sequence[BulkTarget],
    change: OneChange,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> BulkResult:
    ctx.actor.require(Permission.REASSIGN)  # bulk actions are a supervisor's
    done: list[str] = []
    failed: list[BulkFailure] = []
    changed: list[BulkTarget] = []
    for number, target in enumerate(targets):
        if cancelled is not None and cancelled():
            skipped = len(targets) - number
            return BulkResult(tuple(done), tuple(failed), skipped, tuple(changed))
        try:
            version = change(ctx, target)
        except ComplaintDeskError as error:
            failed.append(BulkFailure(target.reference, str(error)))
        else:
            done.append(target.reference)
            if version is not None:
                changed.append(BulkTarget(target.id, target.reference, version, target.owned))
        if progress is not None:
            progress(number + 1, len(targets))
    return BulkResult(tuple(done), tuple(failed), changed=tuple(changed))

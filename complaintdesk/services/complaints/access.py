"""Loading a complaint for a change: visibility, permission, version, and the audit call."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import exists, select

from complaintdesk.domain.errors import ConcurrentEditError, NotFound, PermissionDenied
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import Actor
from complaintdesk.storage.models import AuditEvent, Base, Complaint, ContributionRequest
from complaintdesk.storage.unit_of_work import UnitOfWork


def may_see(uow: UnitOfWork, actor: Actor, complaint: Complaint) -> bool:
    """Return True if ``actor`` may read ``complaint`` (DESIGN.md section 9)."""
    if actor.can(Permission.VIEW_ALL_COMPLAINTS):
        return True
    if actor.can(Permission.VIEW_SITE_COMPLAINTS):
        return complaint.site_id == actor.site_id
    if actor.can(Permission.VIEW_CONTRIBUTIONS) and actor.function_ids:
        asked = exists().where(
            ContributionRequest.complaint_id == complaint.id,
            ContributionRequest.function_id.in_(sorted(actor.function_ids)),
        )
        return bool(uow.execute(select(asked)).scalar())
    return False


def visible_complaint(uow: UnitOfWork, actor: Actor, complaint_id: uuid.UUID) -> Complaint:
    """Return the complaint if the actor may see it.

    Raises:
        NotFound: it does not exist, or the actor may not know it exists.
    """
    complaint = uow.get(Complaint, complaint_id)
    if complaint is None or not may_see(uow, actor, complaint):
        raise NotFound("This complaint does not exist or is not visible to you.")
    return complaint


def complaint_for_change(
    uow: UnitOfWork,
    actor: Actor,
    complaint_id: uuid.UUID,
    expected_version: int | None,
    permission: Permission = Permission.HANDLE_COMPLAINTS,
) -> Complaint:
    """Load a complaint the actor is about to change, refusing a stale copy.

    Args:
        expected_version: the version the person's screen showed; None skips the check
            (for automatic changes such as an inbound message).

    Raises:
        PermissionDenied: the role may not make this change.
        NotFound: no such complaint visible to the actor.
        ConcurrentEditError: someone saved it since the person's screen loaded it; the error
            lists what they changed.
    """
    actor.require(permission)
    complaint = visible_complaint(uow, actor, complaint_id)
    if expected_version is not None and complaint.version != expected_version:
        raise ConcurrentEditError(
            f"{complaint.reference} was changed by someone else while you had it open. "
            "Nothing you did was saved; here is what changed — reload and try again.",
            changes_since(uow, complaint.id, expected_version),
        )
    return complaint


def require_owner(actor: Actor, complaint: Complaint) -> None:
    """Refuse a lifecycle change by anyone but the owner or a supervisor (principle 1)."""
    if complaint.owner_id is not None and complaint.owner_id == actor.user_id:
        return
    if actor.can(Permission.REASSIGN):
        return
    raise PermissionDenied(
        f"Only the owner of {complaint.reference} (or a supervisor) can do this: "
        "take it or ask for a transfer first."
    )


def changes_since(
    uow: UnitOfWork, complaint_id: uuid.UUID, version: int
) -> dict[str, tuple[object, object]]:
    """Return field → (before, after) of the changes made after ``version``."""
    events = uow.scalars(
        select(AuditEvent)
        .where(AuditEvent.complaint_id == complaint_id, AuditEvent.entity == "complaint")
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.seq.desc())
        .limit(100)
    )
    changes: dict[str, tuple[object, object]] = {}
    for event in reversed(events):
        after = event.after or {}
        if after.get("version", 0) <= version:
            continue
        before = event.before or {}
        for field, value in after.items():
            if field in ("version", "updated_at"):
                continue
            first = changes[field][0] if field in changes else before.get(field)
            changes[field] = (first, value)
    return changes


def record(
    uow: UnitOfWork,
    actor: Actor,
    obj: Base,
    action: str,
    complaint_id: uuid.UUID | None = None,
) -> None:
    """Write the audit event and change-log entry of ``obj``'s change by ``actor``."""
    uow.record(obj, action, user_id=actor.user_id, login=actor.login, complaint_id=complaint_id)


def event(
    uow: UnitOfWork,
    actor: Actor,
    action: str,
    complaint_id: uuid.UUID,
    details: dict[str, Any],
) -> None:
    """Write an audit event that changes no row (e.g. a preview, a printed receipt)."""
    uow.audit(
        action,
        "complaint",
        complaint_id,
        user_id=actor.user_id,
        login=actor.login,
        after=details,
        complaint_id=complaint_id,
    )

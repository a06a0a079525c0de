"""One owner answers to the customer: take, assign and transfer (DESIGN.md principle 1)."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from complaintdesk.domain.errors import NotFound, PermissionDenied, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.complaints import notifications
from complaintdesk.services.complaints.access import complaint_for_change, event, record
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import Complaint, User
from complaintdesk.storage.models import Role as RoleRow
from complaintdesk.storage.unit_of_work import UnitOfWork

CAN_OWN = frozenset({Role.AGENT, Role.SUPERVISOR, Role.BRANCH_CLERK})


def take(ctx: ServiceContext, complaint_id: uuid.UUID, expected_version: int) -> int:
    """Make the caller the owner of an unowned complaint; return the complaint's new version.

    Raises:
        ValidationError: someone else owns it (a transfer is needed, with a reason).
    """
    if ctx.actor.user_id is None or ctx.actor.role not in CAN_OWN:
        raise PermissionDenied("Only agents, branch clerks and supervisors own complaints.")
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, expected_version)
        if complaint.owner_id == ctx.actor.user_id:
            return complaint.version
        if complaint.owner_id is not None:
            owner = uow.get(User, complaint.owner_id)
            name = owner.display_name if owner else "someone else"
            raise ValidationError(f"{name} owns {complaint.reference}; ask them to transfer it.")
        _set_owner(uow, ctx, complaint, ctx.actor.user_id, "taken", None)
        version = complaint.version
        uow.commit()
    return version


def transfer(
    ctx: ServiceContext,
    complaint_id: uuid.UUID,
    to_user_id: uuid.UUID,
    reason: str,
    expected_version: int,
) -> int:
    """Hand the complaint to a named colleague, with a reason they will read.

    The owner transfers their own complaints; a supervisor may assign or transfer any.
    Returns the complaint's new version.
    """
    if not reason.strip():
        raise ValidationError("Say why you transfer it: the new owner will read it.")
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, expected_version)
        is_owner = complaint.owner_id is not None and complaint.owner_id == ctx.actor.user_id
        if not is_owner and not ctx.actor.can(Permission.REASSIGN):
            raise PermissionDenied("Only the owner or a supervisor can transfer this complaint.")
        if complaint.owner_id == to_user_id:
            raise ValidationError("That person already owns this complaint.")
        _set_owner(uow, ctx, complaint, to_user_id, "transferred", reason.strip())
        version = complaint.version
        uow.commit()
    return version


def assign(
    ctx: ServiceContext, complaint_id: uuid.UUID, to_user_id: uuid.UUID, expected_version: int
) -> int:
    """Give an unowned complaint to a named colleague (supervisors); return its new version."""
    ctx.actor.require(Permission.REASSIGN)
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, expected_version)
        if complaint.owner_id is not None:
            raise ValidationError("It already has an owner: transfer it, with a reason.")
        _set_owner(uow, ctx, complaint, to_user_id, "assigned", None)
        version = complaint.version
        uow.commit()
    return version


def restore_owner(
    ctx: ServiceContext,
    complaint_id: uuid.UUID,
    previous_owner_id: uuid.UUID | None,
    reason: str,
    expected_version: int,
) -> None:
    """Give the complaint back to its previous owner, or to nobody (an undo), audited.

    The same people who may transfer it may restore it: its owner now, or a supervisor.

    Raises:
        ConcurrentEditError: it changed since ``expected_version`` (someone else's later change
            is never overwritten).
    """
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, expected_version)
        is_owner = complaint.owner_id is not None and complaint.owner_id == ctx.actor.user_id
        if not is_owner and not ctx.actor.can(Permission.REASSIGN):
            raise PermissionDenied("Only the owner or a supervisor can give this complaint back.")
        if previous_owner_id is None:
            complaint.owner_id = None
            record(uow, ctx.actor, complaint, "owner_released", complaint.id)
            event(uow, ctx.actor, "release_reason", complaint.id, {"reason": reason})
        elif complaint.owner_id != previous_owner_id:
            _set_owner(uow, ctx, complaint, previous_owner_id, "transferred", reason)
        uow.commit()


def _set_owner(
    uow: UnitOfWork,
    ctx: ServiceContext,
    complaint: Complaint,
    user_id: uuid.UUID,
    action: str,
    reason: str | None,
) -> None:
    receiver = _owner_candidate(uow, user_id)
    complaint.owner_id = receiver.id
    record(uow, ctx.actor, complaint, f"owner_{action}", complaint.id)
    if reason is not None:
        uow.audit(
            "transfer_reason",
            "complaint",
            complaint.id,
            user_id=ctx.actor.user_id,
            login=ctx.actor.login,
            after={"to": receiver.login, "owner_id": str(receiver.id), "reason": reason},
            complaint_id=complaint.id,
        )
    if receiver.id != ctx.actor.user_id:
        text = f"{complaint.reference} {action} to you by {ctx.actor.display_name}"
        notifications.notify(
            uow, receiver.id, action, f"{text}: {reason}" if reason else text, complaint.id
        )


def _owner_candidate(uow: UnitOfWork, user_id: uuid.UUID) -> User:
    found = uow.execute(
        select(User, RoleRow.code)
        .join(RoleRow, RoleRow.id == User.role_id)
        .where(User.id == user_id)
    ).first()
    if found is None or not found[0].active:
        raise NotFound("That user does not exist or is disabled.")
    user: User = found[0]
    role: str = found[1]
    if Role(role) not in CAN_OWN:
        raise ValidationError(
            f"{user.display_name} is a {role.replace('_', ' ')}: functions contribute, they do "
            "not own complaints. Ask their function instead."
        )
    return user

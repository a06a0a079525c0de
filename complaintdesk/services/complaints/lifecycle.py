"""Moving a complaint through its lifecycle (DESIGN.md section 5)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.lifecycle import Resolution, check_resolution, check_transition, is_open
from complaintdesk.domain.vocabulary import Status
from complaintdesk.services.complaints.access import complaint_for_change, record, require_owner
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.promises import policies
from complaintdesk.storage import lookups
from complaintdesk.storage.models import Complaint, ContributionRequest, RootCause
from complaintdesk.storage.unit_of_work import UnitOfWork

THROUGH_COMMITMENTS = frozenset({Status.WAITING_ON_CUSTOMER})
THROUGH_OWN_ACTION = frozenset({Status.RESOLVED, Status.WITHDRAWN, Status.REOPENED, Status.MERGED})


def move(uow: UnitOfWork, actor: Actor, complaint: Complaint, target: Status) -> None:
    """Apply a legal transition with its timestamps and clock (no permission check)."""
    current = Status(complaint.status)
    check_transition(current, target, has_owner=complaint.owner_id is not None)
    now = uow.now()  # the central server's time when this workstation's clock is off
    if current is Status.WAITING_ON_CUSTOMER and complaint.paused_since is not None:
        complaint.paused_seconds += int((now - complaint.paused_since).total_seconds())
        complaint.paused_since = None
    complaint.status = target.value
    complaint.is_open = is_open(target)
    _stamp(complaint, target, now)
    policies.refresh(uow, complaint, now)
    record(uow, actor, complaint, f"status_{target.value}", complaint.id)


def _stamp(complaint: Complaint, target: Status, now: datetime) -> None:
    if target is Status.ACKNOWLEDGED and complaint.acknowledged_at is None:
        complaint.acknowledged_at = now
    elif target is Status.WAITING_ON_CUSTOMER:
        complaint.paused_since = now
    elif target is Status.RESOLVED:
        # Resolving is not telling the customer: a regulator's answer is met only by a
        # response or a final response that reached them (the company's promise of a
        # resolution is met by resolving).
        complaint.resolved_at = now
    elif target is Status.CLOSED:
        complaint.closed_at = now
    elif target is Status.REOPENED:
        complaint.resolved_at = None
        complaint.closed_at = None


def change_status(
    ctx: ServiceContext, complaint_id: uuid.UUID, target: Status, expected_version: int
) -> None:
    """Move a complaint to ``target`` on its owner's (or a supervisor's) request.

    Resolving, withdrawing and waiting on the customer have their own use cases because
    they need more than a click (a resolution, a reason, a commitment).
    """
    if target in THROUGH_COMMITMENTS:
        raise ValidationError(
            "Record what the customer must provide: that sets the waiting status."
        )
    if target in THROUGH_OWN_ACTION:
        raise ValidationError(
            f"Use the {target.value.replace('_', ' ')} action, it asks for details."
        )
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, expected_version)
        require_owner(ctx.actor, complaint)
        if Status(complaint.status) is Status.WAITING_ON_CUSTOMER:
            raise ValidationError("Mark the customer's commitment fulfilled or cancelled instead.")
        move(uow, ctx.actor, complaint, target)
        uow.commit()


def resolve(
    ctx: ServiceContext,
    complaint_id: uuid.UUID,
    resolution: Resolution,
    expected_version: int,
    cancel_reason: str | None = None,
) -> None:
    """Resolve with outcome, remedy, amount and root cause; open requests need a reason.

    Raises:
        ValidationError: something DESIGN.md section 5 requires is missing.
    """
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, expected_version)
        require_owner(ctx.actor, complaint)
        open_requests = _open_requests(uow, complaint.id)
        check_resolution(resolution, len(open_requests), cancel_reason)
        cause = _root_cause(uow, resolution.root_cause_code)
        for request in open_requests:
            request.state = "cancelled"
            request.cancel_reason = cancel_reason
            record(uow, ctx.actor, request, "contribution_cancelled", complaint.id)
        complaint.outcome = resolution.outcome.value
        complaint.remedy = resolution.remedy.strip()
        complaint.amount = resolution.amount
        complaint.currency = resolution.currency
        complaint.root_cause_id = cause.id
        complaint.root_cause_function_id = _cause_function(uow, resolution, cause)
        move(uow, ctx.actor, complaint, Status.RESOLVED)
        uow.commit()


def withdraw(
    ctx: ServiceContext, complaint_id: uuid.UUID, reason: str, expected_version: int
) -> None:
    """Record that the customer withdrew the complaint, and why."""
    if not reason.strip():
        raise ValidationError("Say why the complaint is withdrawn.")
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, expected_version)
        require_owner(ctx.actor, complaint)
        complaint.remedy = f"Withdrawn: {reason.strip()}"
        for request in _open_requests(uow, complaint.id):
            request.state = "cancelled"
            request.cancel_reason = "complaint withdrawn"
            record(uow, ctx.actor, request, "contribution_cancelled", complaint.id)
        move(uow, ctx.actor, complaint, Status.WITHDRAWN)
        uow.commit()


def _open_requests(uow: UnitOfWork, complaint_id: uuid.UUID) -> list[ContributionRequest]:
    return uow.scalars(
        select(ContributionRequest).where(
            ContributionRequest.complaint_id == complaint_id, ContributionRequest.state == "open"
        )
    )


def _root_cause(uow: UnitOfWork, code: str) -> RootCause:
    cause = lookups.picked_root_cause(uow, code)
    if not cause.active:
        raise ValidationError(f"The root cause {cause.name!r} is no longer in use.")
    return cause


def _cause_function(uow: UnitOfWork, resolution: Resolution, cause: RootCause) -> uuid.UUID | None:
    """The function responsible for the cause: as chosen, else the taxonomy's (principle 6)."""
    code = (resolution.root_cause_function_code or "").strip()
    if not code:
        return cause.function_id
    return lookups.picked_function(uow, code).id

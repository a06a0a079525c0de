"""Contribution requests: the owner asks a function, the function answers, the owner stays.

Functions never take the complaint away (DESIGN.md principle 1); their answers carry an
internal promise from the function's own catalogue (principle 5).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, select

from complaintdesk.domain.errors import NotFound, PermissionDenied, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Status
from complaintdesk.services.complaints import lifecycle, notifications
from complaintdesk.services.complaints.access import complaint_for_change, record, visible_complaint
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import policies
from complaintdesk.services.read_models import RequestView
from complaintdesk.storage.models import Complaint, ContributionRequest, Function
from complaintdesk.storage.unit_of_work import UnitOfWork


def ask(
    ctx: ServiceContext,
    complaint_id: uuid.UUID,
    function_codes: Sequence[str],
    question: str,
    expected_version: int,
) -> list[uuid.UUID]:
    """Ask one or more functions a question; each gets its catalogue's internal due instant."""
    if not question.strip():
        raise ValidationError("Write the question the function must answer.")
    if not function_codes:
        raise ValidationError("Choose at least one function to ask.")
    now = datetime.now(UTC)
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, expected_version)
        _require_owner_or_supervisor(ctx, complaint)
        ids = []
        for function in _functions(uow, function_codes):
            request = ContributionRequest(
                complaint_id=complaint.id,
                function_id=function.id,
                requested_by_id=ctx.actor.user_id,
                question=question.strip(),
                requested_at=now,
                due_at=policies.internal_due(uow, function, now),
            )
            record(uow, ctx.actor, request, "contribution_requested", complaint.id)
            ids.append(request.id)
            _warn_if_late(uow, complaint, function, request)
        if Status(complaint.status) is Status.IN_PROGRESS:
            lifecycle.move(uow, ctx.actor, complaint, Status.WAITING_ON_FUNCTION)
        uow.commit()
        return ids


def _warn_if_late(
    uow: UnitOfWork, complaint: Complaint, function: Function, request: ContributionRequest
) -> None:
    """Warn the owner now when the function's own promise ends after the customer's."""
    if request.due_at <= complaint.next_due_at or not complaint.is_open:
        return
    notifications.notify(
        uow,
        complaint.owner_id,
        "contribution_late",
        f"{complaint.reference}: {function.name} promises its answer by "
        f"{request.due_at:%Y-%m-%d %H:%M} UTC, after the customer's next promise "
        f"({complaint.next_due_at:%Y-%m-%d %H:%M} UTC). Ask for it sooner or tell the customer.",
        complaint.id,
    )


def answer(ctx: ServiceContext, request_id: uuid.UUID, text: str) -> None:
    """Answer a request asked of the caller's function; the owner is notified."""
    _close(ctx, request_id, text, "answered")


def decline(ctx: ServiceContext, request_id: uuid.UUID, reason: str) -> None:
    """Decline a request with a reason (not ours, need more information…)."""
    _close(ctx, request_id, reason, "declined")


def cancel(ctx: ServiceContext, request_id: uuid.UUID, reason: str) -> None:
    """The owner withdraws a question that no longer needs an answer."""
    if not reason.strip():
        raise ValidationError("Say why the request is cancelled.")
    with ctx.uow(write=True) as uow:
        request, complaint = _request(uow, request_id)
        complaint_for_change(uow, ctx.actor, complaint.id, None)
        _require_owner_or_supervisor(ctx, complaint)
        request.state = "cancelled"
        request.cancel_reason = reason.strip()
        record(uow, ctx.actor, request, "contribution_cancelled", complaint.id)
        _resume_if_done(uow, ctx, complaint)
        uow.commit()


def _close(ctx: ServiceContext, request_id: uuid.UUID, text: str, state: str) -> None:
    if not text.strip():
        raise ValidationError("Write the answer." if state == "answered" else "Give a reason.")
    ctx.actor.require(Permission.VIEW_CONTRIBUTIONS)
    with ctx.uow(write=True) as uow:
        request, complaint = _request(uow, request_id)
        if request.function_id not in ctx.actor.function_ids and not ctx.actor.can(
            Permission.REASSIGN
        ):
            raise PermissionDenied("This request was asked of another function.")
        if request.state != "open":
            raise ValidationError(f"This request is already {request.state}.")
        request.state = state
        request.answer = text.strip()
        request.answered_by_id = ctx.actor.user_id
        request.answered_at = datetime.now(UTC)
        record(uow, ctx.actor, request, f"contribution_{state}", complaint.id)
        notifications.notify(
            uow,
            complaint.owner_id,
            f"contribution_{state}",
            f"{complaint.reference}: {ctx.actor.display_name} {state} — {text.strip()[:200]}",
            complaint.id,
        )
        _resume_if_done(uow, ctx, complaint)
        uow.commit()


def _resume_if_done(uow: UnitOfWork, ctx: ServiceContext, complaint: Complaint) -> None:
    still_open = uow.scalars(
        select(ContributionRequest.id).where(
            ContributionRequest.complaint_id == complaint.id, ContributionRequest.state == "open"
        )
    )
    if not still_open and Status(complaint.status) is Status.WAITING_ON_FUNCTION:
        lifecycle.move(uow, ctx.actor, complaint, Status.IN_PROGRESS)


def _require_owner_or_supervisor(ctx: ServiceContext, complaint: Complaint) -> None:
    if complaint.owner_id != ctx.actor.user_id and not ctx.actor.can(Permission.REASSIGN):
        raise PermissionDenied("Only the owner (or a supervisor) asks functions on a complaint.")


def _functions(uow: UnitOfWork, codes: Sequence[str]) -> list[Function]:
    found: list[Function] = uow.scalars(select(Function).where(Function.code.in_(list(codes))))
    missing = set(codes) - {f.code for f in found}
    if missing:
        raise NotFound(f"Unknown function(s): {', '.join(sorted(missing))}.")
    return found


def _request(uow: UnitOfWork, request_id: uuid.UUID) -> tuple[ContributionRequest, Complaint]:
    request = uow.get(ContributionRequest, request_id)
    complaint = uow.get(Complaint, request.complaint_id) if request else None
    if request is None or complaint is None:
        raise NotFound("This contribution request does not exist.")
    return request, complaint


def for_complaint(ctx: ServiceContext, complaint_id: uuid.UUID) -> tuple[RequestView, ...]:
    """Return the requests on one complaint, oldest first.

    Raises:
        NotFound: no such complaint, or the caller may not see it.
    """
    with ctx.uow() as uow:
        visible_complaint(uow, ctx.actor, complaint_id)
    return _views(ctx, ContributionRequest.complaint_id == complaint_id)


def asked_of_my_functions(ctx: ServiceContext, open_only: bool = True) -> tuple[RequestView, ...]:
    """Return what the caller's functions were asked, soonest due first."""
    ctx.actor.require(Permission.VIEW_CONTRIBUTIONS)
    condition: ColumnElement[bool] = ContributionRequest.function_id.in_(
        sorted(ctx.actor.function_ids)
    )
    if open_only:
        condition = condition & (ContributionRequest.state == "open")
    return _views(ctx, condition)


def _views(ctx: ServiceContext, condition: ColumnElement[bool]) -> tuple[RequestView, ...]:
    with ctx.uow() as uow:
        rows = uow.execute(
            select(ContributionRequest, Complaint.reference, Complaint.subject, Function.name)
            .join(Complaint, Complaint.id == ContributionRequest.complaint_id)
            .join(Function, Function.id == ContributionRequest.function_id)
            .where(condition)
            .order_by(ContributionRequest.due_at)
            .limit(500)
        ).all()
        return tuple(
            RequestView(
                r.id,
                r.complaint_id,
                ref,
                subject,
                name,
                r.question,
                r.requested_at,
                r.due_at,
                r.state,
                r.answer,
            )
            for r, ref, subject, name in rows
        )

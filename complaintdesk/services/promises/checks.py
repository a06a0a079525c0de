"""Checking clocks: moving them forward to now, and telling people when a promise slips.

Escalation follows the policy: the owner at warning, supervisors at breach (in-app
notifications; the desktop shows them). A breach with a compensation rule records the
compensation on the complaint.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import ClockState
from complaintdesk.services.complaints import notifications
from complaintdesk.services.complaints.access import event, record
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import policies
from complaintdesk.storage.models import Complaint, ServiceLevelPolicy, User
from complaintdesk.storage.models import Role as RoleRow
from complaintdesk.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ClockCheck:
    """What a round of clock checking found and told people."""

    checked: int
    newly_at_risk: int
    newly_breached: int
    compensations: int


def check_clocks(ctx: ServiceContext, batch_size: int = 2_000) -> ClockCheck:
    """Move clocks forward to now and tell people when a promise turns at risk or breached.

    Escalation follows the policy: the owner at warning, supervisors at breach (in-app
    notifications; the desktop shows them). A breach with a compensation rule records
    the compensation on the complaint.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    now = datetime.now(UTC)
    totals = [0, 0, 0, 0]
    with ctx.uow(write=True) as uow:
        supervisors = _supervisors(uow)
        due_soon = uow.scalars(
            select(Complaint)
            .where(Complaint.is_open.is_(True), Complaint.clock_state.in_(WATCHED))
            .order_by(Complaint.next_due_at)
            .limit(batch_size)
        )
        for complaint in due_soon:
            totals[0] += 1
            before = complaint.clock_state
            policies.refresh(uow, complaint, now)
            if complaint.clock_state == before:
                continue
            totals[1:] = _escalate(uow, ctx, complaint, supervisors, totals[1:])
        uow.commit()
    return ClockCheck(*totals)


WATCHED = ("on_track", "at_risk")


def _supervisors(uow: UnitOfWork) -> list[uuid.UUID]:
    return uow.scalars(
        select(User.id)
        .join(RoleRow, RoleRow.id == User.role_id)
        .where(RoleRow.code == "supervisor", User.active.is_(True))
    )


def _escalate(
    uow: UnitOfWork,
    ctx: ServiceContext,
    complaint: Complaint,
    supervisors: list[uuid.UUID],
    totals: list[int],
) -> list[int]:
    state = complaint.clock_state
    record(uow, ctx.actor, complaint, f"clock_{state}", complaint.id)
    if state == ClockState.AT_RISK.value:
        text = f"{complaint.reference} is at risk: due {complaint.next_due_at:%Y-%m-%d %H:%M} UTC."
        notifications.notify(uow, complaint.owner_id, "at_risk", text, complaint.id)
        totals[0] += 1
    elif state == ClockState.BREACHED.value:
        text = f"{complaint.reference} missed its promise (due {complaint.next_due_at:%Y-%m-%d})."
        for supervisor in {*supervisors, complaint.owner_id} - {None}:
            notifications.notify(uow, supervisor, "breached", text, complaint.id)
        totals[1] += 1
        totals[2] += _compensate(uow, ctx, complaint)
    return totals


def _compensate(uow: UnitOfWork, ctx: ServiceContext, complaint: Complaint) -> int:
    policy = uow.get(ServiceLevelPolicy, complaint.policy_id) if complaint.policy_id else None
    rule = policy.compensation if policy else None
    if not rule:
        return 0
    event(uow, ctx.actor, "compensation_due", complaint.id, dict(rule))
    return 1

"""Checking clocks: moving every target forward to now, and telling people when one slips.

Every target has its own state (``complaint_target``). A target that turns at risk tells
the owner; one that turns breached tells the owner and the supervisors, and a breached
company promise with a compensation rule records the compensation. Company promises may
pause while the complaint waits on the customer; regulatory deadlines are always watched,
whatever the complaint's status, and a complaint already late when it is recorded (a
back-dated letter) is escalated at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from complaintdesk.domain.customers.language import long_date
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.promises import clocks
from complaintdesk.domain.vocabulary import ClockState, Status, TargetState
from complaintdesk.services.complaints import notifications
from complaintdesk.services.complaints.access import event
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.promises import policies
from complaintdesk.storage import target_queries
from complaintdesk.storage.memo import MemoKey
from complaintdesk.storage.models import Complaint, ComplaintTarget, ServiceLevelPolicy, User
from complaintdesk.storage.models import Role as RoleRow
from complaintdesk.storage.unit_of_work import UnitOfWork

TARGET_WORDS = {
    "acknowledge": "acknowledgement",
    "first_response": "first response",
    "summary_resolution": "summary resolution",
    "response": "answer",
    "resolution": "resolution",
    "final_response": "final response",
    "final_response_exceptional": "final response (after a holding reply)",
}
WATCHED_REGULATORY = (ClockState.ON_TRACK.value, ClockState.AT_RISK.value)


@dataclass(frozen=True)
class ClockCheck:
    """What a round of clock checking found and told people."""

    checked: int
    newly_at_risk: int
    newly_breached: int
    compensations: int


def check_clocks(ctx: ServiceContext, batch_size: int = 2_000) -> ClockCheck:
    """Move clocks forward to now and tell people of every target that slipped.

    Open complaints whose clock is still running (paused ones included: their regulatory
    deadlines run on), and any complaint still owing a regulatory answer (a resolved one
    never answered) are refreshed, earliest due first; then everyone is told of every
    target that turned at risk or breached, however it turned (a recompute, a sync).
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    now = datetime.now(UTC)
    with ctx.uow(write=True) as uow:
        watched = _watched(uow, batch_size)
        for complaint in watched:
            policies.refresh(uow, complaint, now)
        totals = escalate(uow, ctx.actor, target_queries.to_notify(uow, batch_size * 4))
        uow.commit()
    return ClockCheck(len(watched), *totals)


def _watched(uow: UnitOfWork, limit: int) -> list[Complaint]:
    running = uow.scalars(
        select(Complaint)
        .where(Complaint.is_open.is_(True), Complaint.clock_state.in_(clocks.WATCHED))
        .order_by(Complaint.next_due_at)
        .limit(limit)
    )
    owing = uow.scalars(
        select(Complaint)
        .where(Complaint.regulatory_state.in_(WATCHED_REGULATORY))
        .order_by(Complaint.regulatory_next_due_at)
        .limit(limit)
    )
    return list({c.id: c for c in [*running, *owing]}.values())


def escalate_complaint(uow: UnitOfWork, actor: Actor, complaint: Complaint) -> None:
    """Tell people at once of this complaint's targets that are at risk or late."""
    rows = (uow.memo.get(policies.TARGETS) or {}).get(complaint.id, [])
    escalate(uow, actor, [row for row in rows if row.to_notify], {complaint.id: complaint})


def escalate(
    uow: UnitOfWork,
    actor: Actor,
    rows: Sequence[ComplaintTarget],
    known: dict[uuid.UUID, Complaint] | None = None,
) -> tuple[int, int, int]:
    """Tell the owner (at risk) or the owner and supervisors (breached) of each target row.

    Returns:
        (targets turned at risk, targets breached, compensations recorded).
    """
    at_risk = breached = compensations = 0
    supervisors: list[uuid.UUID] | None = None
    for row in rows:
        complaint = (known or {}).get(row.complaint_id) or uow.get(Complaint, row.complaint_id)
        if complaint is None or not _still_alarming(row, complaint):
            continue
        policy = uow.get(ServiceLevelPolicy, row.policy_id) if row.policy_id else None
        event(uow, actor, f"target_{row.state}", complaint.id, _facts(row, policy))
        text = _text(complaint, row, policy)
        if row.state == TargetState.AT_RISK.value:
            notifications.notify(uow, complaint.owner_id, "at_risk", text, complaint.id)
            at_risk += 1
            continue
        supervisors = supervisors if supervisors is not None else _supervisors(uow)
        for person in {*supervisors, complaint.owner_id} - {None}:
            notifications.notify(uow, person, "breached", text, complaint.id)
        breached += 1
        compensations += _compensate(uow, actor, complaint, row, policy)
    target_queries.mark_told(uow, rows)
    return at_risk, breached, compensations


def _still_alarming(row: ComplaintTarget, complaint: Complaint) -> bool:
    alarming = row.state in (TargetState.AT_RISK.value, TargetState.BREACHED.value)
    return alarming and complaint.status != Status.WITHDRAWN.value


def _facts(row: ComplaintTarget, policy: ServiceLevelPolicy | None) -> dict[str, object]:
    return {
        "target": row.target,
        "kind": row.kind,
        "policy": policy.code if policy else None,
        "due_at": row.due_at.isoformat(),
    }


def _text(complaint: Complaint, row: ComplaintTarget, policy: ServiceLevelPolicy | None) -> str:
    what = TARGET_WORDS.get(row.target, row.target.replace("_", " "))
    rule = f" ({policy.name})" if policy else ""
    day = long_date(row.due_at.astimezone(policies.zone_of(policy)).date(), "en")
    if row.state == TargetState.AT_RISK.value:
        return f"{complaint.reference}: the {what}{rule} is at risk, due {day}."
    return f"{complaint.reference}: the {what}{rule} is late, it was due {day}."


def _supervisors(uow: UnitOfWork) -> list[uuid.UUID]:
    return uow.memo.remember(
        _SUPERVISORS,
        lambda: uow.scalars(
            select(User.id)
            .join(RoleRow, RoleRow.id == User.role_id)
            .where(RoleRow.code == "supervisor", User.active.is_(True))
        ),
    )


_SUPERVISORS = MemoKey[list[uuid.UUID]]("active supervisors")
"""Read once per unit of work: a batch of late mail escalates to them again and again."""


def _compensate(
    uow: UnitOfWork,
    actor: Actor,
    complaint: Complaint,
    row: ComplaintTarget,
    policy: ServiceLevelPolicy | None,
) -> int:
    rule = policy.compensation if policy and row.kind == clocks.SERVICE else None
    if not rule:
        return 0
    event(uow, actor, "compensation_due", complaint.id, {**dict(rule), "target": row.target})
    return 1

"""Routing a complaint to its function, priority and team queue, and picking an owner."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from complaintdesk.domain import assignment
from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.domain.routing import (
    FAILED,
    NO_RULE,
    ComplaintFacts,
    Reason,
    RoutingResult,
    Rule,
    RuleConditions,
    route,
)
from complaintdesk.domain.vocabulary import Priority, Role
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import Actor
from complaintdesk.services.read_models import RoutingView
from complaintdesk.storage import lookups
from complaintdesk.storage.memo import MemoKey
from complaintdesk.storage.models import (
    Category,
    Complaint,
    Function,
    RoutingDecision,
    RoutingRule,
    TeamQueue,
    User,
)
from complaintdesk.storage.models import Role as RoleRow
from complaintdesk.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
OWNER_ROLES = (Role.AGENT.value, Role.SUPERVISOR.value, Role.BRANCH_CLERK.value)
RULES = MemoKey[list[Rule]]("rules")
"""The active routing rules, read once per unit of work."""


def load_rules(uow: UnitOfWork) -> list[Rule]:
    """Return the active routing rules as domain values.

    A rule whose stored conditions cannot be read (a bad pattern written by an older version
    or by sync) is returned marked ``broken``: routing stops there rather than skip it.
    """
    rows = uow.execute(
        select(RoutingRule, Function.code)
        .outerjoin(Function, Function.id == RoutingRule.function_id)
        .where(RoutingRule.active.is_(True))
    ).all()
    return [_rule(rule, code) for rule, code in rows]


def _rule(row: RoutingRule, function_code: str | None) -> Rule:
    broken = None
    try:
        conditions = RuleConditions.from_mapping(row.conditions or {})
    except (ComplaintDeskError, ArithmeticError, TypeError, ValueError, AttributeError) as error:
        log.warning("routing rule %s cannot be read: %s", row.name, error)
        conditions, broken = RuleConditions(), str(error) or type(error).__name__
    return Rule(
        id=row.id,
        position=row.position,
        name=row.name,
        conditions=conditions,
        function_code=function_code,
        priority=row.priority,
        team_queue=row.team_queue,
        assignment=row.assignment,
        is_default=row.is_default,
        broken=broken,
    )


def active_rules(uow: UnitOfWork) -> list[Rule]:
    """Return the active routing rules, read once per unit of work (see :func:`load_rules`)."""
    return uow.memo.remember(RULES, lambda: load_rules(uow))


@dataclass(frozen=True)
class Routed:
    """What routing decided for one complaint."""

    result: RoutingResult | None
    function_id: uuid.UUID | None
    failure: str | None = None
    """Why routing could not decide (the complaint waits for a person to route it)."""


def decide_or_wait(uow: UnitOfWork, facts: ComplaintFacts, rules: Sequence[Rule]) -> Routed:
    """Run the rules; a failure leaves the complaint unrouted with the reason, never refused.

    Routing is a follow-up of intake (DESIGN.md principle 7): a rule that cannot be applied,
    or a fault while applying one, must not lose what the customer sent.
    """
    try:
        return decide(uow, facts, rules)
    except ComplaintDeskError as error:
        return Routed(None, None, str(error))
    except Exception as error:  # a bug in a rule: logged in full, the complaint still kept
        log.exception("routing failed")
        return Routed(None, None, f"routing failed unexpectedly ({type(error).__name__})")


def decide(uow: UnitOfWork, facts: ComplaintFacts, rules: Sequence[Rule] | None = None) -> Routed:
    """Run the rules (loaded now unless given) on ``facts``; nothing is written."""
    result = route(load_rules(uow) if rules is None else rules, facts)
    function_id = None
    if result is not None and result.rule.function_code is not None:
        function = lookups.function_by_code(uow, result.rule.function_code)
        function_id = function.id if function else None
    return Routed(result, function_id)


def set_fields(complaint: Complaint, routed: Routed) -> None:
    """Set function, priority and team queue from the rule that decided."""
    if routed.result is None:
        return
    rule = routed.result.rule
    complaint.responsible_function_id = routed.function_id or complaint.responsible_function_id
    complaint.priority = rule.priority or complaint.priority
    complaint.team_queue = rule.team_queue or complaint.team_queue


def reason_of(routed: Routed) -> Reason:
    """Return why routing decided what it did, as data (a failure keeps its words)."""
    if routed.failure is not None:
        return Reason(FAILED, failure=routed.failure[:400])
    return routed.result.reason if routed.result else Reason(NO_RULE)


def store_decision(
    uow: UnitOfWork, actor: Actor, complaint: Complaint, routed: Routed
) -> RoutingDecision:
    """Store why the complaint sits where it sits, with the owner picked."""
    rule = routed.result.rule if routed.result else None
    reason = reason_of(routed)
    decision = RoutingDecision(
        complaint_id=complaint.id,
        rule_id=rule.id if rule else None,
        decided_at=datetime.now(UTC),
        function_id=complaint.responsible_function_id,
        priority=complaint.priority,
        team_queue=complaint.team_queue,
        owner_id=complaint.owner_id,
        explanation=reason.english()[:500],
        reason=reason.to_mapping(),
    )
    record(uow, actor, decision, "routed", complaint.id)
    return decision


def pick_owner(uow: UnitOfWork, team_queue: str | None, method: str) -> uuid.UUID | None:
    """Pick an on-duty agent of ``team_queue`` by round-robin or least open load."""
    if team_queue is None or method not in ("round_robin", "least_load"):
        return None
    candidates = uow.scalars(
        select(User.id)
        .join(RoleRow, RoleRow.id == User.role_id)
        .where(
            User.team_queue == team_queue,
            User.active.is_(True),
            User.on_duty.is_(True),
            RoleRow.code.in_(OWNER_ROLES),
        )
    )
    if method == "round_robin":
        last = uow.scalars(
            select(RoutingDecision.owner_id)
            .where(RoutingDecision.team_queue == team_queue, RoutingDecision.owner_id.is_not(None))
            .order_by(RoutingDecision.decided_at.desc())
            .limit(1)
        )
        return assignment.round_robin(candidates, last[0] if last else None)
    loads = dict.fromkeys(candidates, 0)
    if loads:
        rows = uow.execute(
            select(Complaint.owner_id, func.count())
            .where(Complaint.owner_id.in_(sorted(loads)), Complaint.is_open.is_(True))
            .group_by(Complaint.owner_id)
        ).all()
        loads.update(dict(rows))
    return assignment.least_load(loads)


def latest_routing(uow: UnitOfWork, complaint_id: uuid.UUID) -> RoutingView | None:
    """Return why the complaint sits where it sits, as data (None: never routed)."""
    found = uow.execute(
        select(RoutingDecision, Function.name, User.display_name, TeamQueue.name)
        .outerjoin(Function, Function.id == RoutingDecision.function_id)
        .outerjoin(User, User.id == RoutingDecision.owner_id)
        .outerjoin(TeamQueue, TeamQueue.code == RoutingDecision.team_queue)
        .where(RoutingDecision.complaint_id == complaint_id)
        .order_by(RoutingDecision.decided_at.desc())
        .limit(1)
    ).first()
    if found is None:
        return None
    decision, function, owner, queue = found
    reason = (
        Reason.from_mapping(decision.reason)
        if decision.reason
        else Reason.from_english(decision.explanation)
    )
    return RoutingView(
        kind=reason.kind,
        rule_name=reason.rule_name,
        rule_position=reason.rule_position,
        matched=tuple(_shown_match(uow, m.condition, m.value) for m in reason.matched),
        function_name=function,
        priority=Priority(decision.priority) if decision.priority in _PRIORITIES else None,
        team_queue=queue or decision.team_queue,
        owner_name=owner,
        assignment=reason.assignment,
    )


_PRIORITIES = frozenset(p.value for p in Priority)


def _shown_match(uow: UnitOfWork, condition: str, value: str) -> tuple[str, str]:
    """A category is read by its name; every other value is worded by the screen."""
    if condition == "category":
        found: list[str] = uow.scalars(select(Category.name).where(Category.code == value))
        return condition, found[0] if found else value
    return condition, value

"""Administering routing rules, and "try this rule set on this complaint"."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.routing import ComplaintFacts, Reason, RuleConditions
from complaintdesk.services.admin import organisation
from complaintdesk.services.complaints import routing
from complaintdesk.services.complaints.access import record, visible_complaint
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage import lookups
from complaintdesk.storage.models import Category, Customer, Function, RoutingRule, Site


@dataclass(frozen=True)
class RuleSpec:
    """A routing rule as an administrator writes it."""

    name: str
    conditions: Mapping[str, Any]
    function_code: str | None = None
    priority: int | None = None
    team_queue: str | None = None
    assignment: str = "none"
    is_default: bool = False
    position: int | None = None


@dataclass(frozen=True)
class RuleView:
    """A stored rule for the admin screen."""

    id: uuid.UUID
    position: int
    name: str
    conditions: dict[str, Any]
    function_code: str | None
    priority: int | None
    team_queue: str | None
    assignment: str
    is_default: bool
    team_queue_name: str | None = None
    """The team queue's name (its code while unnamed)."""


@dataclass(frozen=True)
class Preview:
    """What the current rules would do with a complaint, without changing it."""

    rule_name: str | None
    explanation: str
    function_code: str | None
    priority: int | None
    team_queue: str | None
    team_queue_name: str | None = None
    reason: Reason | None = None
    """Why, as data: the screen words it in the reader's language."""


ASSIGNMENTS = frozenset({"none", "round_robin", "least_load"})


def add_rule(ctx: ServiceContext, spec: RuleSpec) -> uuid.UUID:
    """Add a rule at ``spec.position`` (default: after the last one)."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    conditions = RuleConditions.from_mapping(spec.conditions)  # refuses a bad pattern
    if spec.assignment not in ASSIGNMENTS:
        raise ValidationError(f"Assignment must be one of {', '.join(sorted(ASSIGNMENTS))}.")
    if spec.priority is not None and spec.priority not in (1, 2, 3, 4):
        raise ValidationError("Priority is 1 (urgent) to 4 (low).")
    with ctx.uow(write=True) as uow:
        function_id = None
        if spec.function_code:
            function = lookups.function_by_code(uow, spec.function_code)
            if function is None:
                raise NotFound(f"Unknown function {spec.function_code!r}.")
            function_id = function.id
        position = spec.position
        if position is None:
            last = uow.execute(select(func.max(RoutingRule.position))).scalar()
            position = (last or 0) + 10
        rule = RoutingRule(
            position=position,
            name=spec.name.strip() or "Unnamed rule",
            conditions=conditions.to_mapping(),
            function_id=function_id,
            priority=spec.priority,
            team_queue=spec.team_queue,
            assignment=spec.assignment,
            is_default=spec.is_default,
        )
        record(uow, ctx.actor, rule, "routing_rule_added")
        uow.commit()
        return rule.id


def list_rules(ctx: ServiceContext) -> tuple[RuleView, ...]:
    """Return the active rules in the order they are tried."""
    with ctx.uow() as uow:
        rows = uow.execute(
            select(RoutingRule, Function.code)
            .outerjoin(Function, Function.id == RoutingRule.function_id)
            .where(RoutingRule.active.is_(True))
            .order_by(RoutingRule.is_default, RoutingRule.position, RoutingRule.name)
        ).all()
        names = lookups.team_queue_names(uow)
    return tuple(
        RuleView(
            r.id,
            r.position,
            r.name,
            dict(r.conditions),
            code,
            r.priority,
            r.team_queue,
            r.assignment,
            r.is_default,
            names.get(r.team_queue, r.team_queue) if r.team_queue else None,
        )
        for r, code in rows
    )


def preview(ctx: ServiceContext, complaint_id: uuid.UUID) -> Preview:
    """Run the current rules on a stored complaint and say what they would decide."""
    with ctx.uow() as uow:
        complaint = visible_complaint(uow, ctx.actor, complaint_id)
        customer = uow.get(Customer, complaint.customer_id)
        site = uow.get(Site, complaint.site_id)
        category = uow.get(Category, complaint.category_id) if complaint.category_id else None
        facts = ComplaintFacts(
            channel=complaint.channel,
            subject=complaint.subject,
            body=complaint.description,
            category=category.code if category else None,
            segment=customer.segment if customer else None,
            site=site.code if site else None,
            amount=complaint.amount,
        )
        routed = routing.decide(uow, facts)
        queue = routed.result.rule.team_queue if routed.result else None
        queue_name = lookups.team_queue_name(uow, queue)
    if routed.result is None:
        return Preview(None, "No rule would match: add a default rule.", None, None, None)
    rule = routed.result.rule
    return Preview(
        rule.name,
        routed.result.explanation,
        rule.function_code,
        rule.priority,
        rule.team_queue,
        queue_name,
        routed.result.reason,
    )


@dataclass(frozen=True)
class RuleSetSummary:
    """What installing a rule set added (existing entries are left as they are)."""

    functions: int
    root_causes: int
    rules: int


def install_rule_set(ctx: ServiceContext, data: Mapping[str, Any]) -> RuleSetSummary:
    """Add a shipped rule set's functions, root causes and rules that are missing.

    Installing twice adds nothing the second time; rules are matched by name.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    existing_functions = {f.code for f in organisation.list_functions(ctx)}
    added_functions = 0
    for spec in data.get("functions", ()):
        if spec["code"] not in existing_functions:
            organisation.add_function(
                ctx,
                spec["code"],
                spec["name"],
                name_fr=spec.get("name_fr"),
                answer_within_hours=int(spec.get("answer_within_hours", 16)),
            )
            added_functions += 1
    added_causes = sum(
        organisation.ensure_root_cause(
            ctx, c["code"], c["name"], c.get("function"), c.get("name_fr")
        )
        for c in data.get("root_causes", ())
    )
    existing_rules = {r.name for r in list_rules(ctx)}
    added_rules = 0
    for spec in data.get("rules", ()):
        if spec["name"] in existing_rules:
            continue
        add_rule(ctx, _rule_spec(spec))
        added_rules += 1
    return RuleSetSummary(added_functions, added_causes, added_rules)


def _rule_spec(spec: Mapping[str, Any]) -> RuleSpec:
    return RuleSpec(
        name=spec["name"],
        conditions=spec.get("conditions", {}),
        function_code=spec.get("function"),
        priority=spec.get("priority"),
        team_queue=spec.get("team_queue"),
        assignment=spec.get("assignment", "none"),
        is_default=bool(spec.get("is_default", False)),
        position=spec.get("position"),
    )

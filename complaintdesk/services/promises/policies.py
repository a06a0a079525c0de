"""Promises kept visible: policies matched, every target's clock kept, summaries on complaints.

The rules live in :mod:`complaintdesk.domain.promises.clocks`; this module fetches what they
need (the active policies, the customer's segment, calendars), calls them, leaves the summary
on the complaint for the caller's unit of work to store, and writes each target's row
(DESIGN.md section 6).
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.promises import clocks, presets, sla
from complaintdesk.domain.promises.business_time import add_business_time
from complaintdesk.domain.promises.calendar import (
    BusinessCalendar,
    Closure,
    HolidaySource,
    weekly_hours,
)
from complaintdesk.domain.vocabulary import Priority, TargetState
from complaintdesk.storage import target_queries
from complaintdesk.storage.memo import MemoKey
from complaintdesk.storage.models import BusinessCalendar as CalendarRow
from complaintdesk.storage.models import (
    Category,
    Complaint,
    ComplaintTarget,
    Customer,
    Function,
    ServiceLevelPolicy,
    Site,
)
from complaintdesk.storage.target_queries import TargetValues
from complaintdesk.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


DEFAULT_CALENDAR = "FR"
ALARMING = frozenset({TargetState.AT_RISK.value, TargetState.BREACHED.value})
"""Target states people are told of when a target turns to them."""
POLICIES = MemoKey[tuple[sla.Policy, ...]]("policies")
"""The active policies, read once per unit of work."""
TARGETS = MemoKey[dict[uuid.UUID, list[ComplaintTarget]]]("targets")
"""The target rows of the complaints refreshed in this unit of work, as stored or written."""


def load_policies(uow: UnitOfWork) -> tuple[sla.Policy, ...]:
    """Return the active policies as domain values (cached for this unit of work)."""
    cached = uow.memo.get(POLICIES)
    if cached is None:
        calendars = {c.id: c for c in uow.scalars(select(CalendarRow))}
        rows: list[ServiceLevelPolicy] = uow.scalars(
            select(ServiceLevelPolicy).where(ServiceLevelPolicy.active.is_(True))
        )
        cached = tuple(p for p in (_policy(r, calendars) for r in rows) if p is not None)
        uow.memo[POLICIES] = cached
    return cached


def domain_policy(uow: UnitOfWork, row: ServiceLevelPolicy) -> sla.Policy:
    """Return a policy row as a domain value, active or not.

    Raises:
        ValidationError: the policy's rules cannot be read.
    """
    calendars = {c.id: c for c in uow.scalars(select(CalendarRow))}
    policy = _policy(row, calendars)
    if policy is None:
        raise ValidationError(f"The policy {row.name} cannot be read; an administrator fixes it.")
    return policy


def _policy(row: ServiceLevelPolicy, calendars: Mapping[Any, CalendarRow]) -> sla.Policy | None:
    try:
        spec = presets.parse_preset({"name": row.code, "kind": row.kind, **row.targets})
        calendar = (
            calendar_from_row(calendars[row.calendar_id])
            if row.calendar_id in calendars
            else presets.calendar_for(spec.calendar_code)
        )
    except (ValidationError, KeyError, TypeError) as error:
        log.warning("service-level policy %s is unusable and ignored: %s", row.code, error)
        return None
    return sla.Policy(
        id=row.id,
        code=row.code,
        kind=row.kind,
        position=row.position,
        conditions=sla.PolicyConditions.from_mapping(row.conditions),
        targets=spec.targets,
        calendar=calendar,
        warning_ratio=row.warning_ratio,
        pauses_on_customer=row.pauses_on_customer and row.kind != clocks.REGULATORY,
        segment_targets=spec.segment_targets,
        clock_starts=spec.clock_starts,
        name=row.name,
    )


def calendar_from_row(row: CalendarRow) -> BusinessCalendar:
    """Build the domain calendar an administrator defined."""
    hours = {int(day): ", ".join(spans) for day, spans in row.opening_hours.items() if spans}
    return BusinessCalendar(
        time_zone=row.timezone,
        opening_hours=weekly_hours(hours),
        holidays=HolidaySource(row.holiday_country, row.holiday_subdivision),
        closures=tuple(
            Closure(
                datetime.fromisoformat(c["from"]).date(),
                datetime.fromisoformat(c["to"]).date(),
                c.get("reason", ""),
            )
            for c in row.closures
        ),
    )


def assign_policies(uow: UnitOfWork, complaint: Complaint, facts: sla.PolicyFacts) -> None:
    """Match the service policy and the regulatory preset of a new complaint."""
    policies = load_policies(uow)
    service = sla.match(policies, facts, clocks.SERVICE)
    regulatory = sla.match(policies, facts, clocks.REGULATORY)
    complaint.policy_id = service.id if service else None
    complaint.regulatory_policy_id = regulatory.id if regulatory else None


def apply_priority(uow: UnitOfWork, complaint: Complaint, priority: Priority) -> None:
    """Give ``complaint`` a new priority, and the company promise that goes with it.

    The one place the priority → promise rule lives: the service-level policy is matched
    again with the new priority (a policy may promise urgent complaints faster answers), the
    regulatory preset stays (a regulator's deadline does not depend on our priorities), and
    the due instants are recomputed. Intake by phone and a supervisor's change both call it.
    """
    complaint.priority = int(priority)
    facts = stored_facts(uow, complaint)
    service = sla.match(load_policies(uow), facts, clocks.SERVICE)
    complaint.policy_id = service.id if service else None
    refresh(uow, complaint, datetime.now(UTC), facts.segment)


def stored_facts(uow: UnitOfWork, complaint: Complaint) -> sla.PolicyFacts:
    """Return what policy matching looks at, read from a stored complaint."""
    customer = uow.get(Customer, complaint.customer_id)
    category = uow.get(Category, complaint.category_id) if complaint.category_id else None
    site = uow.get(Site, complaint.site_id)
    return facts_of(
        complaint.channel,
        category.code if category else None,
        customer.segment if customer else None,
        complaint.priority,
        site,
        complaint.product,
    )


def facts_of(
    channel: str,
    category: str | None,
    segment: str | None,
    priority: int,
    site: Site | None,
    product: str | None,
) -> sla.PolicyFacts:
    """Return what policy matching looks at: the complaint, its customer and its site."""
    return sla.PolicyFacts(
        channel=channel,
        category=category,
        segment=segment,
        priority=priority,
        site=site.code if site else "",
        country=site.country if site else None,
        product=product,
    )


Settled = Callable[[clocks.TargetClock], TargetState | None]
"""Says how a target ended when the source of an import says so (None: compute it)."""


def refresh(
    uow: UnitOfWork,
    complaint: Complaint,
    now: datetime,
    segment: str | None = None,
    settled: Settled | None = None,
) -> list[ComplaintTarget]:
    """Recompute every target of ``complaint`` and its summary; return the target rows changed.

    A target that turns at risk or breached is marked for people to be told
    (:func:`complaintdesk.services.promises.checks.escalate` tells them).

    Args:
        segment: the customer's segment, if the caller has it at hand (read otherwise).
        settled: for an imported complaint, the states its source gives its targets;
            targets it settles are history nobody is told of.
    """
    if segment is None:
        customer = uow.get(Customer, complaint.customer_id)
        segment = customer.segment if customer else None
    found = clocks.compute(complaint, {p.id: p for p in load_policies(uow)}, now, segment)
    if settled is not None:
        found = [replace(c, state=settled(c) or c.state) for c in found]
        clocks.summarise(complaint, found)
    known = uow.memo.remember(TARGETS, dict)
    if complaint.id not in known:  # a complaint born in this unit of work has none stored
        new = target_queries.is_new(complaint)
        known[complaint.id] = [] if new else target_queries.targets_of(uow, [complaint.id])
    values = [values_of(complaint.id, clock) for clock in found]
    alarming = ALARMING if settled is None else frozenset()
    # Held until the complaint itself is written: intake adds a new complaint to the
    # transaction only when it records it, after its clocks are known.
    with uow.deferred_writes():
        changed = target_queries.store(
            uow, values, known[complaint.id], TargetState.DROPPED.value, alarming
        )
    known[complaint.id] = list({r.id: r for r in [*known[complaint.id], *changed]}.values())
    return changed


def values_of(complaint_id: Any, clock: clocks.TargetClock) -> TargetValues:
    """Return what a target's row holds for one computed clock."""
    return TargetValues(
        complaint_id=complaint_id,
        kind=clock.kind,
        target=clock.target,
        policy_id=clock.policy_id,
        starts_at=clock.starts_at,
        due_at=clock.due_at,
        met_at=clock.met_at,
        state=clock.state.value,
    )


def zone_of(policy: ServiceLevelPolicy | None) -> ZoneInfo:
    """Return the time zone a policy's due dates are local to."""
    code = str(policy.targets.get("calendar", DEFAULT_CALENDAR)) if policy else DEFAULT_CALENDAR
    return _zone(code)


@functools.lru_cache(maxsize=64)
def _zone(calendar: str) -> ZoneInfo:
    """The time zone of a standard calendar (built once: escalations ask for it per target)."""
    try:
        return ZoneInfo(presets.calendar_for(calendar).time_zone)
    except ValidationError:
        return ZoneInfo("UTC")


def internal_due(uow: UnitOfWork, function: Function, now: datetime) -> datetime:
    """Return when a function owes its answer: its catalogue's business hours on its calendar."""
    calendar = presets.calendar_for(DEFAULT_CALENDAR)
    if function.calendar_id is not None:
        row = uow.get(CalendarRow, function.calendar_id)
        calendar = calendar_from_row(row) if row else calendar
    return add_business_time(calendar, now, timedelta(hours=function.answer_within_hours))

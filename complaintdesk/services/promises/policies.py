"""Promises kept visible: policies matched, due instants and clock states stored on complaints.

The rules live in :mod:`complaintdesk.domain.promises.clocks`; this module fetches what they
need (the active policies, the customer's segment, calendars), calls them, and leaves the
results on the complaint for the caller's unit of work to store (DESIGN.md section 6).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

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
from complaintdesk.domain.vocabulary import Priority
from complaintdesk.storage.memo import MemoKey
from complaintdesk.storage.models import BusinessCalendar as CalendarRow
from complaintdesk.storage.models import (
    Category,
    Complaint,
    Customer,
    Function,
    ServiceLevelPolicy,
    Site,
)
from complaintdesk.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


DEFAULT_CALENDAR = "FR"
POLICIES = MemoKey[tuple[sla.Policy, ...]]("policies")
"""The active policies, read once per unit of work."""


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


def _policy(row: ServiceLevelPolicy, calendars: Mapping[Any, CalendarRow]) -> sla.Policy | None:
    try:
        spec = presets.parse_preset({"name": row.code, **row.targets})
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
    return sla.PolicyFacts(
        channel=complaint.channel,
        category=category.code if category else None,
        segment=customer.segment if customer else None,
        priority=complaint.priority,
        site=site.code if site else "",
    )


def refresh(
    uow: UnitOfWork, complaint: Complaint, now: datetime, segment: str | None = None
) -> None:
    """Recompute the due instants, next due instant and clock state of ``complaint``.

    Args:
        segment: the customer's segment, if the caller has it at hand (read otherwise).
    """
    if segment is None:
        customer = uow.get(Customer, complaint.customer_id)
        segment = customer.segment if customer else None
    clocks.compute(complaint, {p.id: p for p in load_policies(uow)}, now, segment)


def internal_due(uow: UnitOfWork, function: Function, now: datetime) -> datetime:
    """Return when a function owes its answer: its catalogue's business hours on its calendar."""
    calendar = presets.calendar_for(DEFAULT_CALENDAR)
    if function.calendar_id is not None:
        row = uow.get(CalendarRow, function.calendar_id)
        calendar = calendar_from_row(row) if row else calendar
    return add_business_time(calendar, now, timedelta(hours=function.answer_within_hours))

"""Promises kept visible: policies matched, due instants and clock states stored on complaints.

Due instants live on the complaint so queues sort and filter on them through indexes;
they are recomputed from the receipt time on every relevant change, so recomputing twice
gives the same answer (DESIGN.md section 6).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.promises import presets, sla
from complaintdesk.domain.promises.business_time import add_business_time
from complaintdesk.domain.promises.calendar import (
    BusinessCalendar,
    Closure,
    HolidaySource,
    weekly_hours,
)
from complaintdesk.domain.vocabulary import ClockState, Status
from complaintdesk.storage.memo import MemoKey
from complaintdesk.storage.models import BusinessCalendar as CalendarRow
from complaintdesk.storage.models import Complaint, Customer, Function, ServiceLevelPolicy
from complaintdesk.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


class Dues(Protocol):
    """What due instants are computed from and written to: a complaint, or a bulk row."""

    received_at: datetime
    paused_seconds: int
    status: str
    policy_id: uuid.UUID | None
    regulatory_policy_id: uuid.UUID | None
    acknowledged_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    acknowledge_due_at: datetime | None
    response_due_at: datetime | None
    resolution_due_at: datetime | None
    regulatory_due_at: datetime | None
    next_due_at: datetime
    clock_state: str


SERVICE, REGULATORY = "service", "regulatory"
DEFAULT_CALENDAR = "FR"


@dataclass
class DueRow:
    """A complaint's clock inputs and outputs outside the ORM (bulk recompute, demo seeding)."""

    received_at: datetime
    paused_seconds: int
    status: str
    policy_id: uuid.UUID | None
    regulatory_policy_id: uuid.UUID | None
    acknowledged_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    next_due_at: datetime
    acknowledge_due_at: datetime | None = None
    response_due_at: datetime | None = None
    resolution_due_at: datetime | None = None
    regulatory_due_at: datetime | None = None
    clock_state: str = ClockState.ON_TRACK.value

    def outputs(self) -> tuple[object, ...]:
        """Return what :func:`compute` writes, to tell whether it changed anything."""
        return tuple(getattr(self, name) for name in OUTPUTS)


INPUTS = tuple(name for name in DueRow.__dataclass_fields__)
OUTPUTS = (
    "acknowledge_due_at",
    "response_due_at",
    "resolution_due_at",
    "regulatory_due_at",
    "next_due_at",
    "clock_state",
)
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
        pauses_on_customer=row.pauses_on_customer and row.kind != REGULATORY,
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
    service = sla.match(policies, facts, SERVICE)
    regulatory = sla.match(policies, facts, REGULATORY)
    complaint.policy_id = service.id if service else None
    complaint.regulatory_policy_id = regulatory.id if regulatory else None


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
    compute(complaint, {p.id: p for p in load_policies(uow)}, now, segment)


def compute(
    subject: Dues, policies: Mapping[uuid.UUID, sla.Policy], now: datetime, segment: str | None
) -> None:
    """Set the due instants, next due instant and clock state of ``subject``."""
    service = policies.get(subject.policy_id) if subject.policy_id else None
    regulatory = (
        policies.get(subject.regulatory_policy_id) if subject.regulatory_policy_id else None
    )
    _set_due(subject, service, regulatory, segment)
    clocks = _clocks(subject)
    pending = [c.due for c in clocks if c.met_at is None]
    subject.next_due_at = (
        min(pending) if pending else max((c.due for c in clocks), default=subject.received_at)
    )
    subject.clock_state = _state(subject, clocks, now, service).value


def _set_due(
    complaint: Dues,
    service: sla.Policy | None,
    regulatory: sla.Policy | None,
    segment: str | None,
) -> None:
    received = complaint.received_at
    plan = sla.plan(service, received, segment) if service else {}
    legal = sla.plan(regulatory, received, segment) if regulatory else {}
    pause = timedelta(seconds=complaint.paused_seconds or 0)
    if service is None or not service.pauses_on_customer:
        pause = timedelta(0)
    acks = [d for d in (plan.get("acknowledge"), legal.get("acknowledge")) if d is not None]
    complaint.acknowledge_due_at = min(acks) if acks else None
    complaint.response_due_at = sla.shifted(sla.first_of(plan, sla.FIRST_RESPONSE), pause)
    complaint.resolution_due_at = sla.shifted(sla.first_of(plan, sla.RESOLUTION), pause)
    complaint.regulatory_due_at = sla.first_of(legal, sla.RESOLUTION)


def _clocks(complaint: Dues) -> list[sla.Clock]:
    acknowledged = _earliest(
        complaint.acknowledged_at, complaint.first_response_at, complaint.resolved_at
    )
    answered = _earliest(complaint.first_response_at, complaint.resolved_at)
    pairs = (
        (complaint.acknowledge_due_at, acknowledged),
        (complaint.response_due_at, answered),
        (complaint.resolution_due_at, complaint.resolved_at),
        (complaint.regulatory_due_at, complaint.resolved_at),
    )
    return [sla.Clock(complaint.received_at, due, met) for due, met in pairs if due is not None]


def _earliest(*instants: datetime | None) -> datetime | None:
    present = [i for i in instants if i is not None]
    return min(present) if present else None


def _state(
    complaint: Dues, clocks: Sequence[sla.Clock], now: datetime, service: sla.Policy | None
) -> ClockState:
    if complaint.status == Status.WITHDRAWN.value:
        return ClockState.STOPPED
    paused = complaint.status == Status.WAITING_ON_CUSTOMER.value and bool(
        service and service.pauses_on_customer
    )
    ratio = service.warning_ratio if service else 0.75
    return sla.clock_state(clocks, now, ratio, paused)


def internal_due(uow: UnitOfWork, function: Function, now: datetime) -> datetime:
    """Return when a function owes its answer: its catalogue's business hours on its calendar."""
    calendar = presets.calendar_for(DEFAULT_CALENDAR)
    if function.calendar_id is not None:
        row = uow.get(CalendarRow, function.calendar_id)
        calendar = calendar_from_row(row) if row else calendar
    return add_business_time(calendar, now, timedelta(hours=function.answer_within_hours))

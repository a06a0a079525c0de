"""A complaint's clocks: from its instants and policies to due instants and a clock state.

Due instants are computed from the receipt time each time, so computing twice gives the
same answer; the services store them on the complaint so queues sort and filter through
indexes (DESIGN.md section 6). Two kinds of clock never mix: the company's promises may
pause while the complaint waits on the customer, regulatory deadlines never do.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from complaintdesk.domain.promises import sla
from complaintdesk.domain.vocabulary import ClockState, Status

SERVICE, REGULATORY = "service", "regulatory"
"""The two kinds of policy: the company's own promise, and a regulatory preset."""


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
"""The columns a clock is computed from, in :class:`DueRow`'s order."""
OUTPUTS = (
    "acknowledge_due_at",
    "response_due_at",
    "resolution_due_at",
    "regulatory_due_at",
    "next_due_at",
    "clock_state",
)
"""The columns :func:`compute` writes."""


def compute(
    subject: Dues, policies: Mapping[uuid.UUID, sla.Policy], now: datetime, segment: str | None
) -> None:
    """Set the due instants, next due instant and clock state of ``subject``.

    Args:
        policies: the active policies by id; a policy missing here counts as none.
        segment: the customer's segment (premium customers may have faster targets).
    """
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
    pairs = (
        (complaint.acknowledge_due_at, acknowledgement_met_at(complaint)),
        (complaint.response_due_at, response_met_at(complaint)),
        (complaint.resolution_due_at, complaint.resolved_at),
        (complaint.regulatory_due_at, complaint.resolved_at),
    )
    return [sla.Clock(complaint.received_at, due, met) for due, met in pairs if due is not None]


def acknowledgement_met_at(complaint: Dues) -> datetime | None:
    """Return when the acknowledgement target was met: an answer or a resolution counts too."""
    return _earliest(complaint.acknowledged_at, complaint.first_response_at, complaint.resolved_at)


def response_met_at(complaint: Dues) -> datetime | None:
    """Return when the first-response target was met: a resolution is an answer."""
    return _earliest(complaint.first_response_at, complaint.resolved_at)


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

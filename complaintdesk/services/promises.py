"""Due instants stored on a complaint so queues sort and filter on them.

This is the seam the service catalogue (issue "Promises and deadlines") fills: today a
fixed generic catalogue in calendar days; tomorrow the matched policy and its calendar.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from complaintdesk.domain.vocabulary import ClockState, Status
from complaintdesk.storage.models import Complaint, Function

ACKNOWLEDGE_WITHIN = timedelta(days=2)
RESOLVE_WITHIN = {1: timedelta(days=5), 2: timedelta(days=10)}
RESOLVE_DEFAULT = timedelta(days=15)
REGULATORY_WITHIN = timedelta(weeks=8)


def set_initial_due(complaint: Complaint) -> None:
    """Compute the due instants of a newly received complaint."""
    received = complaint.received_at
    complaint.acknowledge_due_at = received + ACKNOWLEDGE_WITHIN
    complaint.resolution_due_at = received + RESOLVE_WITHIN.get(complaint.priority, RESOLVE_DEFAULT)
    complaint.regulatory_due_at = received + REGULATORY_WITHIN
    refresh(complaint, received)


def refresh(complaint: Complaint, now: datetime) -> None:
    """Recompute the next due instant and the clock state after a change."""
    pending = [
        due
        for due, met in (
            (
                complaint.acknowledge_due_at,
                complaint.acknowledged_at or complaint.first_response_at,
            ),
            (complaint.resolution_due_at, complaint.resolved_at),
            (complaint.regulatory_due_at, complaint.resolved_at),
        )
        if due is not None and met is None
    ]
    if pending:
        complaint.next_due_at = min(pending)
    if not complaint.is_open:
        complaint.clock_state = ClockState.STOPPED.value
    elif complaint.status == Status.WAITING_ON_CUSTOMER.value:
        complaint.clock_state = ClockState.PAUSED.value
    elif pending and min(pending) < now:
        complaint.clock_state = ClockState.BREACHED.value
    elif pending and _at_risk(complaint.received_at, min(pending), now):
        complaint.clock_state = ClockState.AT_RISK.value
    else:
        complaint.clock_state = ClockState.ON_TRACK.value


def _at_risk(start: datetime, due: datetime, now: datetime, ratio: float = 0.75) -> bool:
    return now >= start + (due - start) * ratio


def internal_due(function: Function, now: datetime) -> datetime:
    """Return when a function owes its answer, from its catalogue (business hours)."""
    days, hours = divmod(function.answer_within_hours, BUSINESS_HOURS_PER_DAY)
    due = now + timedelta(hours=hours)
    added = 0
    while added < days or due.weekday() >= 5:
        due += timedelta(days=1)
        if due.weekday() < 5:
            added += 1
    return due


BUSINESS_HOURS_PER_DAY = 8

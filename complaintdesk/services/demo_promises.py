"""Demo complaints held to the catalogue's promises, exactly as ``services.promises`` holds them.

``promises.refresh`` works on ORM rows inside a unit of work; the generator works on
integers (microseconds) in a worker process. So the same domain rules (``domain.sla``) are
applied here to the same policies, and a test recomputes seeded complaints with
``promises.refresh`` and expects no change at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from complaintdesk.domain import sla
from complaintdesk.services.demo_complaints import Case
from complaintdesk.storage.bulk import from_micros, micros

SERVICE, REGULATORY = "service", "regulatory"
Clock = tuple[int, int]
"""A target's due instant and when it was met (0 while it is not)."""


def _micros(value: datetime | None) -> int:
    return micros(value) if value is not None else 0


def _earliest(*instants: int) -> int:
    present = [i for i in instants if i]
    return min(present) if present else 0


class Promises:
    """Matches each complaint's policies and computes its due instants and clock."""

    def __init__(self, policies: Sequence[sla.Policy]) -> None:
        self.policies = tuple(policies)
        self.matched: dict[tuple[str, str, str, int, str], tuple[sla.Policy | None, ...]] = {}

    def assign(self, case: Case) -> None:
        """Pick the service policy and the regulatory preset, as intake does."""
        key = (case.channel, case.topic.code, case.customer.segment, case.priority, case.site.code)
        found = self.matched.get(key)
        if found is None:
            facts = sla.PolicyFacts(*key)
            found = (
                sla.match(self.policies, facts, SERVICE),
                sla.match(self.policies, facts, REGULATORY),
            )
            self.matched[key] = found
        case.service, case.regulatory = found

    def set_dues(self, case: Case, now: int) -> None:
        """Set the due instants, the next one and the clock state at ``now``."""
        received, segment = from_micros(case.received), case.customer.segment
        plan = sla.plan(case.service, received, segment) if case.service else {}
        legal = sla.plan(case.regulatory, received, segment) if case.regulatory else {}
        acks = [d for d in (plan.get("acknowledge"), legal.get("acknowledge")) if d is not None]
        case.ack_due = micros(min(acks)) if acks else 0
        case.response_due = _micros(sla.first_of(plan, sla.FIRST_RESPONSE))
        case.resolution_due = _micros(sla.first_of(plan, sla.RESOLUTION))
        case.regulatory_due = _micros(sla.first_of(legal, sla.RESOLUTION))
        clocks = _clocks(case)
        pending = [due for due, met in clocks if not met]
        latest = max((due for due, _ in clocks), default=case.received)
        case.next_due = min(pending) if pending else latest
        case.clock = _state(case, clocks, pending, now)


def _clocks(case: Case) -> list[Clock]:
    acknowledged = _earliest(case.ack_at, case.response_at, case.resolved_at)
    answered = _earliest(case.response_at, case.resolved_at)
    pairs = (
        (case.ack_due, acknowledged),
        (case.response_due, answered),
        (case.resolution_due, case.resolved_at),
        (case.regulatory_due, case.resolved_at),
    )
    return [(due, met) for due, met in pairs if due]


def _state(case: Case, clocks: list[Clock], pending: list[int], now: int) -> str:
    if case.status == "withdrawn" or not clocks:
        return "stopped"
    if any(met and met > due for due, met in clocks):
        return "breached"
    if not pending:
        return "met"
    if any(due < now for due in pending):
        return "breached"
    service = case.service
    if case.status == "waiting_on_customer" and service and service.pauses_on_customer:
        return "paused"
    ratio = service.warning_ratio if service else 0.75
    if any(now >= _warning(case.received, due, ratio) for due in pending):
        return "at_risk"
    return "on_track"


def _warning(start: int, due: int, ratio: float) -> int:
    """Return ``start + (due - start) * ratio`` rounded as ``timedelta * float`` rounds."""
    numerator, denominator = ratio.as_integer_ratio()
    quotient, remainder = divmod((due - start) * numerator, denominator)
    if 2 * remainder > denominator or (2 * remainder == denominator and quotient % 2):
        quotient += 1
    return start + quotient

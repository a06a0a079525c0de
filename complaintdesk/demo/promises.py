"""Demo complaints held to the catalogue's promises by the very rules the services use.

The generator keeps instants as integers (microseconds) in a worker process; each case is
turned into a :class:`~complaintdesk.domain.promises.clocks.DueRow` and computed by
:func:`~complaintdesk.domain.promises.clocks.compute`, and a test recomputes seeded
complaints with ``services.promises.policies.refresh`` and expects no change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from complaintdesk.demo.complaints import Case
from complaintdesk.domain.promises import clocks, sla
from complaintdesk.storage.bulk import from_micros, micros


def _micros(value: datetime | None) -> int:
    return micros(value) if value is not None else 0


class Promises:
    """Matches each complaint's policies and computes its due instants and clock."""

    def __init__(self, policies: Sequence[sla.Policy]) -> None:
        self.policies = tuple(policies)
        self.by_id = {p.id: p for p in self.policies}
        self.matched: dict[tuple[str, str, str, int, str], tuple[sla.Policy | None, ...]] = {}

    def assign(self, case: Case) -> None:
        """Pick the service policy and the regulatory preset, as intake does."""
        key = (case.channel, case.topic.code, case.customer.segment, case.priority, case.site.code)
        found = self.matched.get(key)
        if found is None:
            facts = sla.PolicyFacts(*key)
            found = (
                sla.match(self.policies, facts, clocks.SERVICE),
                sla.match(self.policies, facts, clocks.REGULATORY),
            )
            self.matched[key] = found
        case.service, case.regulatory = found

    def set_dues(self, case: Case, now: int) -> None:
        """Set the due instants, the next one and the clock state at ``now``."""
        received = from_micros(case.received)
        due = clocks.DueRow(
            received_at=received,
            paused_seconds=0,
            status=case.status,
            policy_id=case.service.id if case.service else None,
            regulatory_policy_id=case.regulatory.id if case.regulatory else None,
            acknowledged_at=_at(case.ack_at),
            first_response_at=_at(case.response_at),
            resolved_at=_at(case.resolved_at),
            next_due_at=received,
        )
        clocks.compute(due, self.by_id, from_micros(now), case.customer.segment)
        case.ack_due = _micros(due.acknowledge_due_at)
        case.response_due = _micros(due.response_due_at)
        case.resolution_due = _micros(due.resolution_due_at)
        case.regulatory_due = _micros(due.regulatory_due_at)
        case.next_due = micros(due.next_due_at)
        case.clock = due.clock_state


def _at(value: int) -> datetime | None:
    return from_micros(value) if value else None

"""Demo complaints held to the catalogue's promises by the very rules the services use.

The generator keeps instants as integers (microseconds) in a worker process; each case is
turned into a :class:`~complaintdesk.domain.promises.clocks.DueRow` and computed by
:func:`~complaintdesk.domain.promises.clocks.compute`, and a test recomputes seeded
complaints with ``services.promises.policies.refresh`` and expects no change.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from complaintdesk.demo.complaints import Case
from complaintdesk.domain.promises import clocks, sla
from complaintdesk.storage.bulk import from_micros, instant_text, micros
from complaintdesk.storage.target_queries import target_id

TARGET_COLUMNS = (
    "id", "complaint_id", "policy_id", "kind", "target", "starts_at", "due_at", "met_at",
    "state", "to_notify",
)  # fmt: skip


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
            facts = sla.PolicyFacts(*key, country=case.site.country, product=case.product or None)
            found = (
                sla.match(self.policies, facts, clocks.SERVICE),
                sla.match(self.policies, facts, clocks.REGULATORY),
            )
            self.matched[key] = found
        case.service, case.regulatory = found

    def set_dues(self, case: Case, now: int) -> None:
        """Set the due instants, the next one and the clock state at ``now``."""
        received = from_micros(case.received)
        # The demo's resolved complaints were told the outcome in a final answer (the
        # timeline's last message from the owner), the day they were resolved.
        final = _at(case.resolved_at)
        due = clocks.DueRow(
            received_at=received,
            sent_at=None,
            paused_seconds=0,
            paused_since=_at(case.paused_since),
            status=case.status,
            policy_id=case.service.id if case.service else None,
            regulatory_policy_id=case.regulatory.id if case.regulatory else None,
            acknowledged_at=_at(case.ack_at),
            first_response_at=_at(case.response_at),
            resolved_at=_at(case.resolved_at),
            final_response_at=final,
            final_response_kind="final_response" if final else None,
            holding_reply_at=None,
            holding_reply_until=None,
            next_due_at=received,
        )
        found = clocks.compute(due, self.by_id, from_micros(now), case.customer.segment)
        case.targets = tuple(_target_row(case.id, clock) for clock in found)
        case.regulatory_state = due.regulatory_state
        case.regulatory_next_due = _micros(due.regulatory_next_due_at)
        case.ack_due = _micros(due.acknowledge_due_at)
        case.response_due = _micros(due.response_due_at)
        case.resolution_due = _micros(due.resolution_due_at)
        case.regulatory_due = _micros(due.regulatory_due_at)
        case.next_due = micros(due.next_due_at)
        case.clock = due.clock_state


def _target_row(complaint_id: str, clock: clocks.TargetClock) -> tuple[Any, ...]:
    row_id = target_id(uuid.UUID(complaint_id), clock.kind, clock.target)
    met = instant_text(micros(clock.met_at)) if clock.met_at else None
    return (
        row_id.hex, complaint_id, clock.policy_id.hex, clock.kind, clock.target,
        instant_text(micros(clock.starts_at)), instant_text(micros(clock.due_at)), met,
        clock.state.value, 0,
    )  # fmt: skip


def _at(value: int) -> datetime | None:
    return from_micros(value) if value else None

"""Service-level policies: which one applies, when each target falls due, where the clock is.

Two kinds of clock never mix (DESIGN.md section 6): regulatory deadlines never pause;
the company's own promises may pause while the complaint waits on the customer.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from complaintdesk.domain.promises.calendar import BusinessCalendar
from complaintdesk.domain.promises.deadlines import DeadlineRule, due_instant
from complaintdesk.domain.promises.presets import PresetTarget
from complaintdesk.domain.vocabulary import ClockState

FIRST_RESPONSE = ("first_response",)
RESOLUTION = ("resolution", "response", "final_response")
"""Target names that mean "the final answer", in order of preference."""


@dataclass(frozen=True)
class PolicyConditions:
    """What a complaint must be for a policy to apply; empty means "any"."""

    channels: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    segments: frozenset[str] = frozenset()
    priorities: frozenset[int] = frozenset()
    sites: frozenset[str] = frozenset()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> PolicyConditions:
        """Read conditions from a policy's stored JSON."""
        return cls(
            channels=frozenset(data.get("channels", ())),
            categories=frozenset(data.get("categories", ())),
            segments=frozenset(data.get("segments", ())),
            priorities=frozenset(int(p) for p in data.get("priorities", ())),
            sites=frozenset(data.get("sites", ())),
        )

    @property
    def specificity(self) -> int:
        """How many kinds of condition the policy sets: the most specific one wins."""
        return sum(
            bool(c)
            for c in (self.channels, self.categories, self.segments, self.priorities, self.sites)
        )

    def matches(self, facts: PolicyFacts) -> bool:
        """Return True if every condition set holds for ``facts``."""
        category = facts.category or ""
        return (
            (not self.channels or facts.channel in self.channels)
            and (not self.categories or any(_category(c, category) for c in self.categories))
            and (not self.segments or facts.segment in self.segments)
            and (not self.priorities or facts.priority in self.priorities)
            and (not self.sites or facts.site in self.sites)
        )


def _category(wanted: str, category: str) -> bool:
    return category.startswith(wanted[:-1]) if wanted.endswith("*") else category == wanted


@dataclass(frozen=True)
class PolicyFacts:
    """What policy matching looks at."""

    channel: str
    category: str | None
    segment: str | None
    priority: int
    site: str | None


@dataclass(frozen=True)
class Policy:
    """A service-level policy or a regulatory preset applied to complaints."""

    id: uuid.UUID
    code: str
    kind: str
    position: int
    conditions: PolicyConditions
    targets: tuple[PresetTarget, ...]
    calendar: BusinessCalendar
    warning_ratio: float = 0.75
    pauses_on_customer: bool = True
    segment_targets: Mapping[str, tuple[PresetTarget, ...]] = field(default_factory=dict)

    def targets_for(self, segment: str | None) -> tuple[PresetTarget, ...]:
        """Return the targets, a segment's faster ones replacing the defaults."""
        special = {t.target: t for t in self.segment_targets.get(segment or "", ())}
        return tuple(special.get(t.target, t) for t in self.targets)

    def rules(self, segment: str | None) -> tuple[tuple[str, DeadlineRule], ...]:
        """Return (target, rule) pairs for a segment, built once per policy and segment."""
        cache = self._rules
        if segment not in cache:
            cache[segment] = tuple(
                (t.target, DeadlineRule(t.amount, t.unit, self.calendar, t.due_by))
                for t in self.targets_for(segment)
            )
        return cache[segment]

    @cached_property
    def _rules(self) -> dict[str | None, tuple[tuple[str, DeadlineRule], ...]]:
        return {}


def match(policies: Iterable[Policy], facts: PolicyFacts, kind: str) -> Policy | None:
    """Return the most specific policy of ``kind`` that applies (ties by position)."""
    candidates = [p for p in policies if p.kind == kind and p.conditions.matches(facts)]
    if not candidates:
        return None
    return min(candidates, key=lambda p: (-p.conditions.specificity, p.position, p.code))


def plan(policy: Policy, received: datetime, segment: str | None) -> dict[str, datetime]:
    """Return each target's due instant for a complaint received at ``received``."""
    return {name: due_instant(received, rule) for name, rule in policy.rules(segment)}


def first_of(due: Mapping[str, datetime], names: Sequence[str]) -> datetime | None:
    """Return the due instant of the first target of ``names`` the plan has."""
    for name in names:
        if name in due:
            return due[name]
    return None


@dataclass(frozen=True)
class Clock:
    """A target's window and whether it was met (None while still open)."""

    start: datetime
    due: datetime
    met_at: datetime | None


def clock_state(clocks: Sequence[Clock], now: datetime, ratio: float, paused: bool) -> ClockState:
    """Return where a complaint stands against all its targets at ``now``."""
    if not clocks:
        return ClockState.STOPPED
    if any(c.met_at is not None and c.met_at > c.due for c in clocks):
        return ClockState.BREACHED
    pending = [c for c in clocks if c.met_at is None]
    if not pending:
        return ClockState.MET
    if any(c.due < now for c in pending):
        return ClockState.BREACHED
    if paused:
        return ClockState.PAUSED
    if any(now >= c.start + (c.due - c.start) * ratio for c in pending):
        return ClockState.AT_RISK
    return ClockState.ON_TRACK


def shifted(due: datetime | None, paused: timedelta) -> datetime | None:
    """Return a pausable due instant moved later by the time spent paused."""
    return None if due is None else due + paused

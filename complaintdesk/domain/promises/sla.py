"""Service-level policies and regulatory presets as values, and which one a complaint gets.

A policy's scope (sites, site country, channels, categories, products, segments,
priorities) says which complaints it applies to; of those of a kind that apply, the most
specific wins, ties by position (DESIGN.md section 6).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from complaintdesk.domain.promises.calendar import BusinessCalendar
from complaintdesk.domain.promises.deadlines import DeadlineRule
from complaintdesk.domain.promises.presets import ClockStart, MetBy, PresetTarget

FIRST_RESPONSE = ("first_response",)
RESOLUTION = ("resolution", "response", "final_response")
"""Target names that mean "the final answer", in order of preference."""

CONDITION_KINDS = (
    "sites",
    "countries",
    "channels",
    "categories",
    "products",
    "segments",
    "priorities",
)
"""What a policy's scope may set, in the order people read it."""


@dataclass(frozen=True)
class PolicyConditions:
    """What a complaint must be for a policy to apply; empty means "any".

    Attributes:
        sites: site codes (``LON01``).
        countries: the site's country (ISO 3166 alpha-2: ``GB``, ``FR``, ``US``).
        channels: channels the complaint came by.
        categories: category codes; ``cards.*`` matches every code starting ``cards.``.
        products: the complaint's product as filed (``Checking account``); ``*`` as above.
        segments: customer segments.
        priorities: priorities (1 urgent … 4 low).
    """

    channels: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    segments: frozenset[str] = frozenset()
    priorities: frozenset[int] = frozenset()
    sites: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    products: frozenset[str] = frozenset()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> PolicyConditions:
        """Read conditions from a policy's stored JSON."""
        return cls(
            channels=frozenset(data.get("channels", ())),
            categories=frozenset(data.get("categories", ())),
            segments=frozenset(data.get("segments", ())),
            priorities=frozenset(int(p) for p in data.get("priorities", ())),
            sites=frozenset(s.upper() for s in data.get("sites", ())),
            countries=frozenset(c.upper() for c in data.get("countries", ())),
            products=frozenset(data.get("products", ())),
        )

    def as_mapping(self) -> dict[str, list[Any]]:
        """Return the conditions as stored JSON (only those set, sorted)."""
        return {
            kind: sorted(getattr(self, kind)) for kind in CONDITION_KINDS if getattr(self, kind)
        }

    @property
    def specificity(self) -> int:
        """How many kinds of condition the policy sets: the most specific one wins."""
        return sum(bool(getattr(self, kind)) for kind in CONDITION_KINDS)

    def matches(self, facts: PolicyFacts) -> bool:
        """Return True if every condition set holds for ``facts``."""
        return not self.mismatches(facts)

    def mismatches(self, facts: PolicyFacts) -> list[str]:
        """Return the kinds of condition that ``facts`` do not satisfy (empty: it applies)."""
        return [kind for kind in CONDITION_KINDS if not self._holds(kind, facts)]

    def reasons(self, facts: PolicyFacts) -> list[tuple[str, str]]:
        """Return (condition kind, the complaint's value) for each condition set that holds."""
        return [
            (kind, str(_fact(kind, facts)))
            for kind in CONDITION_KINDS
            if getattr(self, kind) and self._holds(kind, facts)
        ]

    def _holds(self, kind: str, facts: PolicyFacts) -> bool:
        wanted = getattr(self, kind)
        if not wanted:
            return True
        value = _fact(kind, facts)
        if kind in ("categories", "products"):
            return any(_category(w, str(value or "")) for w in wanted)
        return value in wanted


def _fact(kind: str, facts: PolicyFacts) -> object:
    return {
        "sites": (facts.site or "").upper(),
        "countries": (facts.country or "").upper(),
        "channels": facts.channel,
        "categories": facts.category,
        "products": facts.product,
        "segments": facts.segment,
        "priorities": facts.priority,
    }[kind]


def _category(wanted: str, category: str) -> bool:
    if wanted.endswith("*"):
        return category.casefold().startswith(wanted[:-1].casefold())
    return category.casefold() == wanted.casefold()


@dataclass(frozen=True)
class PolicyFacts:
    """What policy matching looks at."""

    channel: str
    category: str | None
    segment: str | None
    priority: int
    site: str | None
    country: str | None = None
    """The site's country (ISO 3166 alpha-2)."""
    product: str | None = None


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
    clock_starts: ClockStart = ClockStart.RECEIVED
    name: str = ""

    def targets_for(self, segment: str | None) -> tuple[PresetTarget, ...]:
        """Return the targets, a segment's faster ones replacing the defaults."""
        special = {t.target: t for t in self.segment_targets.get(segment or "", ())}
        return tuple(special.get(t.target, t) for t in self.targets)

    def rules(self, segment: str | None) -> tuple[tuple[str, DeadlineRule, MetBy], ...]:
        """Return (target, rule, what meets it) for a segment, built once per segment."""
        cache = self._rules
        if segment not in cache:
            cache[segment] = tuple(
                (t.target, DeadlineRule(t.amount, t.unit, self.calendar, t.due_by), t.met_by)
                for t in self.targets_for(segment)
            )
        return cache[segment]

    @cached_property
    def _rules(self) -> dict[str | None, tuple[tuple[str, DeadlineRule, MetBy], ...]]:
        return {}


def match(policies: Iterable[Policy], facts: PolicyFacts, kind: str) -> Policy | None:
    """Return the most specific policy of ``kind`` that applies (ties by position)."""
    candidates = [p for p in policies if p.kind == kind and p.conditions.matches(facts)]
    if not candidates:
        return None
    return min(candidates, key=_rank)


def _rank(policy: Policy) -> tuple[int, int, str]:
    return (-policy.conditions.specificity, policy.position, policy.code)


@dataclass(frozen=True)
class Choice:
    """Which policy of a kind a complaint gets, and why (the preview's explanation).

    Attributes:
        policy: the policy chosen, or None when none applies.
        reasons: (condition kind, the complaint's value) of each condition that held.
        also_applied: other policies whose conditions held but that are less specific
            or come later.
        passed_over: policies whose conditions did not hold, with the kinds that failed.
    """

    policy: Policy | None
    reasons: tuple[tuple[str, str], ...]
    also_applied: tuple[Policy, ...]
    passed_over: tuple[tuple[Policy, tuple[str, ...]], ...]


def choose(policies: Iterable[Policy], facts: PolicyFacts, kind: str) -> Choice:
    """Return the policy of ``kind`` that ``facts`` get, with the reasons (see :func:`match`)."""
    of_kind = sorted((p for p in policies if p.kind == kind), key=_rank)
    applying = [p for p in of_kind if p.conditions.matches(facts)]
    chosen = applying[0] if applying else None
    return Choice(
        policy=chosen,
        reasons=tuple(chosen.conditions.reasons(facts)) if chosen else (),
        also_applied=tuple(applying[1:]),
        passed_over=tuple(
            (p, tuple(p.conditions.mismatches(facts))) for p in of_kind if p not in applying
        ),
    )

"""Routing rules: the first rule whose conditions all match decides (DESIGN.md section 7).

Conditions are data so an administrator can edit them; matching is case- and
accent-insensitive on subject and body.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.text import fold


@dataclass(frozen=True)
class ComplaintFacts:
    """What routing may look at."""

    channel: str
    subject: str
    body: str
    category: str | None = None
    segment: str | None = None
    site: str | None = None
    amount: Decimal | None = None

    @cached_property
    def folded_text(self) -> str:
        return fold(f"{self.subject}\n{self.body}")


@dataclass(frozen=True)
class RuleConditions:
    """All given conditions must hold; an empty condition matches anything."""

    channels: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    """Category codes; a code ending in ``*`` matches that prefix."""
    keywords: tuple[str, ...] = ()
    """Any one keyword found in subject or body (folded) is enough."""
    patterns: tuple[str, ...] = ()
    """Any one regular expression found in the folded subject or body is enough."""
    segments: frozenset[str] = frozenset()
    sites: frozenset[str] = frozenset()
    amount_at_least: Decimal | None = None
    amount_below: Decimal | None = None
    compiled: tuple[re.Pattern[str], ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> RuleConditions:
        """Build conditions from stored JSON, refusing a bad regular expression."""
        patterns = tuple(data.get("patterns", ()))
        compiled = []
        for pattern in patterns:
            try:
                compiled.append(re.compile(fold(pattern)))
            except re.error as error:
                raise ValidationError(f"Bad pattern {pattern!r}: {error}.") from None
        return cls(
            channels=frozenset(data.get("channels", ())),
            categories=frozenset(data.get("categories", ())),
            keywords=tuple(fold(k) for k in data.get("keywords", ()) if k.strip()),
            patterns=patterns,
            segments=frozenset(data.get("segments", ())),
            sites=frozenset(data.get("sites", ())),
            amount_at_least=_decimal(data.get("amount_at_least")),
            amount_below=_decimal(data.get("amount_below")),
            compiled=tuple(compiled),
        )

    def to_mapping(self) -> dict[str, Any]:
        """Return the JSON form stored in the routing_rule table."""
        data: dict[str, Any] = {
            "channels": sorted(self.channels),
            "categories": sorted(self.categories),
            "keywords": list(self.keywords),
            "patterns": list(self.patterns),
            "segments": sorted(self.segments),
            "sites": sorted(self.sites),
        }
        for name in ("amount_at_least", "amount_below"):
            value = getattr(self, name)
            if value is not None:
                data[name] = str(value)
        return {k: v for k, v in data.items() if v}

    def mismatch(self, facts: ComplaintFacts) -> str | None:
        """Return the first condition that fails, or None when all hold."""
        if self.channels and facts.channel not in self.channels:
            return "channel"
        if self.categories and not _category_matches(self.categories, facts.category):
            return "category"
        if self.segments and facts.segment not in self.segments:
            return "segment"
        if self.sites and facts.site not in self.sites:
            return "site"
        if not _amount_matches(self, facts.amount):
            return "amount"
        if self.keywords and not any(k in facts.folded_text for k in self.keywords):
            return "keywords"
        if self.compiled and not any(p.search(facts.folded_text) for p in self.compiled):
            return "patterns"
        return None


def _decimal(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _category_matches(categories: frozenset[str], category: str | None) -> bool:
    if category is None:
        return False
    for wanted in categories:
        if wanted.endswith("*") and category.startswith(wanted[:-1]):
            return True
        if wanted == category:
            return True
    return False


def _amount_matches(conditions: RuleConditions, amount: Decimal | None) -> bool:
    if conditions.amount_at_least is None and conditions.amount_below is None:
        return True
    if amount is None:
        return False
    if conditions.amount_at_least is not None and amount < conditions.amount_at_least:
        return False
    return conditions.amount_below is None or amount < conditions.amount_below


@dataclass(frozen=True)
class Rule:
    """An ordered routing rule and what it sets when it matches."""

    id: uuid.UUID
    position: int
    name: str
    conditions: RuleConditions
    function_code: str | None = None
    priority: int | None = None
    team_queue: str | None = None
    assignment: str = "none"
    is_default: bool = False
    broken: str | None = None
    """Why the rule cannot be applied (its stored conditions are unreadable), or None."""


class RoutingFailed(ValidationError):
    """A rule that a complaint reaches cannot be applied; routing cannot decide."""


@dataclass(frozen=True)
class RoutingResult:
    """The rule that decided, and a sentence answering "why is this here?"."""

    rule: Rule
    explanation: str


def route(rules: Sequence[Rule], facts: ComplaintFacts) -> RoutingResult | None:
    """Return the first matching rule by position (default rules last), or None.

    Raises:
        RoutingFailed: a rule reached before any match cannot be applied: which rule would
            have decided is unknown, so nothing is decided.
    """
    ordered = sorted(rules, key=lambda r: (r.is_default, r.position, r.name))
    for rule in ordered:
        if rule.broken is not None:
            raise RoutingFailed(
                f"Routing rule {rule.position} “{rule.name}” cannot be applied: {rule.broken}"
            )
        if rule.is_default or rule.conditions.mismatch(facts) is None:
            return RoutingResult(rule, _explain(rule))
    return None


def _explain(rule: Rule) -> str:
    if rule.is_default:
        return f"No specific rule matched; the default rule “{rule.name}” applied."
    return f"Rule {rule.position} “{rule.name}” matched."

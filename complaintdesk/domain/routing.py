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


CONDITIONS = ("channel", "category", "segment", "site", "amount", "keywords", "patterns")
"""The kinds of condition a rule may hold, as :class:`Match` names them."""
RULE, DEFAULT_RULE, NO_RULE, FAILED = "rule", "default", "none", "failed"
"""How routing decided: a rule matched, only the default rule applied, no rule exists, or
a rule could not be applied (the complaint is kept unrouted: a person routes it)."""


@dataclass(frozen=True)
class Match:
    """One condition of the deciding rule and what in the complaint met it."""

    condition: str
    """One of :data:`CONDITIONS`."""
    value: str
    """The channel, category code, segment, site code, amount, keyword or text found."""


@dataclass(frozen=True)
class Reason:
    """Why a complaint went where it went, as data: each screen words it in its language."""

    kind: str
    """:data:`RULE`, :data:`DEFAULT_RULE`, :data:`NO_RULE` or :data:`FAILED`."""
    rule_name: str | None = None
    rule_position: int | None = None
    matched: tuple[Match, ...] = ()
    assignment: str = "none"
    """How the rule picked an owner: ``none``, ``round_robin`` or ``least_load``."""
    failure: str | None = None
    """:data:`FAILED`: why no rule could be applied (in English, for administrators)."""

    def to_mapping(self) -> dict[str, Any]:
        """Return the JSON form stored with the routing decision."""
        data: dict[str, Any] = {"kind": self.kind}
        if self.rule_name is not None:
            data["rule"] = {"name": self.rule_name, "position": self.rule_position}
        if self.matched:
            data["matched"] = [{"condition": m.condition, "value": m.value} for m in self.matched]
        if self.assignment != "none":
            data["assignment"] = self.assignment
        if self.failure is not None:
            data["failure"] = self.failure
        return data

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Reason:
        """Read the stored JSON form back (unknown keys are ignored)."""
        rule = data.get("rule") or {}
        kind = str(data.get("kind", NO_RULE))
        matched = tuple(
            Match(str(m.get("condition", "")), str(m.get("value", "")))
            for m in data.get("matched", ())
            if isinstance(m, Mapping)
        )
        position = rule.get("position")
        return cls(
            kind if kind in (RULE, DEFAULT_RULE, NO_RULE, FAILED) else NO_RULE,
            rule.get("name"),
            int(position) if isinstance(position, int | str) and str(position).isdigit() else None,
            matched,
            str(data.get("assignment", "none")),
            str(data["failure"]) if data.get("failure") is not None else None,
        )

    @classmethod
    def from_english(cls, text: str) -> Reason:
        """Read a reason stored as English text only (decisions made before version 0018)."""
        found = _RULE_TEXT.match(text)
        if found:
            return cls(RULE, found["name"], int(found["position"]))
        found = _DEFAULT_TEXT.match(text)
        if found:
            return cls(DEFAULT_RULE, found["name"])
        return cls(NO_RULE)

    def english(self) -> str:
        """Return the reason in English, as stored beside the data."""
        if self.kind == DEFAULT_RULE:
            return f"No specific rule matched; the default rule “{self.rule_name}” applied."
        if self.kind == RULE:
            return f"Rule {self.rule_position} “{self.rule_name}” matched."
        if self.kind == FAILED:
            return f"Not routed: {self.failure} A person routes it by hand."
        return "No routing rule is defined."


_RULE_TEXT = re.compile(r"^Rule (?P<position>\d+) “(?P<name>.*)” matched\.$", re.DOTALL)
_DEFAULT_TEXT = re.compile(
    r"^No specific rule matched; the default rule “(?P<name>.*)” applied\.$", re.DOTALL
)


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

    def matched(self, facts: ComplaintFacts) -> tuple[Match, ...]:
        """Return what in ``facts`` met each condition given (call once they all hold).

        A keyword or pattern is reported by the text it found, so a person reads what in
        the complaint sent it there.
        """
        found: list[Match] = []
        if self.channels:
            found.append(Match("channel", facts.channel))
        if self.categories and facts.category:
            found.append(Match("category", facts.category))
        if self.segments and facts.segment:
            found.append(Match("segment", facts.segment))
        if self.sites and facts.site:
            found.append(Match("site", facts.site))
        bounded = self.amount_at_least is not None or self.amount_below is not None
        if bounded and facts.amount is not None:
            found.append(Match("amount", str(facts.amount)))
        keyword = next((k for k in self.keywords if k in facts.folded_text), None)
        if keyword is not None:
            found.append(Match("keywords", keyword))
        for pattern in self.compiled:
            hit = pattern.search(facts.folded_text)
            if hit is not None:
                found.append(Match("patterns", hit.group(0)[:80]))
                break
        return tuple(found)

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
    """The rule that decided, and why, as data (:attr:`reason`) and in English."""

    rule: Rule
    reason: Reason

    @property
    def explanation(self) -> str:
        """The reason in English (stored beside the data, read by older versions)."""
        return self.reason.english()


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
        if rule.is_default:
            reason = Reason(DEFAULT_RULE, rule.name, rule.position, (), rule.assignment)
            return RoutingResult(rule, reason)
        if rule.conditions.mismatch(facts) is None:
            matched = rule.conditions.matched(facts)
            reason = Reason(RULE, rule.name, rule.position, matched, rule.assignment)
            return RoutingResult(rule, reason)
    return None

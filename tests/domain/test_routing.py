"""Routing: the first matching rule decides, and says why as data a screen words."""

from __future__ import annotations

import uuid
from decimal import Decimal

from complaintdesk.domain.routing import (
    DEFAULT_RULE,
    FAILED,
    NO_RULE,
    RULE,
    ComplaintFacts,
    Match,
    Reason,
    Rule,
    RuleConditions,
    route,
)


def _rule(position: int, name: str, conditions: dict[str, object], **kwargs: object) -> Rule:
    return Rule(uuid.uuid4(), position, name, RuleConditions.from_mapping(conditions), **kwargs)  # type: ignore[arg-type]


RULES = [
    _rule(10, "Invoices", {"keywords": ["facture", "invoice"], "channels": ["email"]}),
    _rule(20, "Big money", {"amount_at_least": "1000", "segments": ["premium"]}),
    _rule(1000, "Everything else", {}, is_default=True, assignment="least_load"),
]


def test_the_reason_names_the_rule_and_what_in_the_complaint_met_it() -> None:
    facts = ComplaintFacts("email", "Facturé deux fois", "Ma FACTURE de mars")

    routed = route(RULES, facts)

    assert routed is not None
    assert routed.reason == Reason(
        RULE, "Invoices", 10, (Match("channel", "email"), Match("keywords", "facture"))
    )
    assert routed.explanation == "Rule 10 “Invoices” matched."


def test_amount_and_segment_are_reported_as_they_were() -> None:
    facts = ComplaintFacts("phone", "Claim", "", segment="premium", amount=Decimal("1500.00"))

    routed = route(RULES, facts)

    assert routed is not None
    assert routed.reason.matched == (Match("segment", "premium"), Match("amount", "1500.00"))


def test_the_default_rule_says_nothing_specific_matched() -> None:
    routed = route(RULES, ComplaintFacts("phone", "Rude", "Hung up on me"))

    assert routed is not None
    assert routed.reason == Reason(DEFAULT_RULE, "Everything else", 1000, (), "least_load")
    assert routed.explanation.startswith("No specific rule matched")


def test_the_reason_survives_its_json_form_and_old_english_text_is_read_back() -> None:
    reason = Reason(RULE, "Invoices", 10, (Match("keywords", "facture"),), "round_robin")

    assert Reason.from_mapping(reason.to_mapping()) == reason
    assert Reason.from_english("Rule 3 “Parcels” matched.") == Reason(RULE, "Parcels", 3)
    assert Reason.from_english(
        "No specific rule matched; the default rule “Care” applied."
    ) == Reason(DEFAULT_RULE, "Care")
    assert Reason.from_english("No routing rule is defined.") == Reason(NO_RULE)
    assert Reason.from_mapping({"kind": "made up"}).kind == NO_RULE
    failed = Reason(FAILED, failure="Routing rule 1 “Parcels” cannot be applied: bad pattern")
    assert Reason.from_mapping(failed.to_mapping()) == failed
    assert failed.english().endswith("A person routes it by hand.")

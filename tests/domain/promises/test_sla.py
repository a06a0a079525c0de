"""Which policy a complaint gets: scopes by site, site country, channel, category, product,
segment and priority; the most specific wins, ties by position; and the explanation."""

from __future__ import annotations

import uuid

import pytest

from complaintdesk.domain.promises import presets, sla

CALENDAR = presets.calendar_for("FR")


def _policy(
    code: str, position: int, kind: str = "regulatory", **scope: list[object]
) -> sla.Policy:
    return sla.Policy(
        id=uuid.uuid5(uuid.NAMESPACE_URL, code),
        code=code,
        kind=kind,
        position=position,
        conditions=sla.PolicyConditions.from_mapping(scope),
        targets=(),
        calendar=CALENDAR,
    )


FR = _policy("fr-acpr", 20, countries=["FR"])
UK = _policy("uk-fca", 40, countries=["GB"])
UK_PAY = _policy("uk-fca-payment", 50, countries=["gb"], categories=["payments.*"])
US = _policy("us-cfpb", 60, countries=["US"])
CFPB_CARDS = _policy("cfpb-cards", 70, products=["Credit card*"])
ISO = _policy("iso-10002", 10, kind="service")
ALL = (FR, UK, UK_PAY, US, CFPB_CARDS, ISO)


def _facts(country: str | None, site: str = "X", **more: object) -> sla.PolicyFacts:
    values: dict[str, object] = {
        "channel": "email", "category": None, "segment": "standard", "priority": 3,
        "site": site, "country": country, "product": None,
    }  # fmt: skip
    values.update(more)
    return sla.PolicyFacts(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("country", "expected"), [("FR", FR), ("GB", UK), ("US", US), ("DE", None), (None, None)]
)
def test_each_site_country_gets_its_own_rule(country: str | None, expected: object) -> None:
    assert sla.match(ALL, _facts(country), "regulatory") is expected


def test_a_narrower_scope_wins_over_the_country_alone() -> None:
    facts = _facts("GB", category="payments.card")
    assert sla.match(ALL, facts, "regulatory") is UK_PAY
    assert sla.match(ALL, _facts("GB", category="cards.fees"), "regulatory") is UK


def test_products_match_with_a_trailing_star_ignoring_case() -> None:
    facts = _facts(None, product="credit card or prepaid card")
    assert sla.match(ALL, facts, "regulatory") is CFPB_CARDS


def test_kinds_never_mix() -> None:
    assert sla.match(ALL, _facts("FR"), "service") is ISO


def test_the_choice_says_why_and_what_was_passed_over() -> None:
    choice = sla.choose(ALL, _facts("GB", category="payments.card", site="LON01"), "regulatory")

    assert choice.policy is UK_PAY
    assert choice.reasons == (("countries", "GB"), ("categories", "payments.card"))
    assert choice.also_applied == (UK,)
    passed = {p.code: kinds for p, kinds in choice.passed_over}
    assert passed == {"fr-acpr": ("countries",), "us-cfpb": ("countries",),
                      "cfpb-cards": ("products",)}  # fmt: skip


def test_ties_go_to_the_first_position() -> None:
    early = _policy("early", 1, countries=["FR"])
    assert sla.match((FR, early), _facts("FR"), "regulatory") is early


def test_conditions_round_trip_through_their_stored_form() -> None:
    stored = {"countries": ["GB"], "sites": ["LON01"], "channels": ["email", "letter"]}
    conditions = sla.PolicyConditions.from_mapping(stored)
    assert conditions.as_mapping() == stored
    assert conditions.specificity == 3

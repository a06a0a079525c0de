"""The likely-duplicate rules on what channels actually give: names, handles, addresses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintdesk.domain.customers import keys
from complaintdesk.domain.customers.duplicates import (
    THRESHOLD,
    CustomerFacts,
    Evidence,
    compare,
    reasons,
)


def facts(name: str, *contacts: tuple[str, str], postcode: str | None = None) -> CustomerFacts:
    return CustomerFacts(name, postcode, frozenset(contacts))


PHONE = facts("Léa Martin", ("phone", "+33612345678"))
EMAIL = facts("Léa Martin", ("email", "lea@exemple.fr"))
X = facts("Léa Martin", ("social", "x:@leamartin"))
FACEBOOK = facts("Léa Martin", ("social", "facebook:@léa.martin"))


@pytest.mark.parametrize(
    ("a", "b"),
    [(PHONE, X), (PHONE, FACEBOOK), (EMAIL, X), (EMAIL, FACEBOOK), (X, FACEBOOK)],
    ids=["phone-x", "phone-facebook", "email-x", "email-facebook", "x-facebook"],
)
def test_one_person_on_four_channels_is_proposed_without_any_postcode(
    a: CustomerFacts, b: CustomerFacts
) -> None:
    found = compare(a, b)

    assert found.proposed, found
    kinds = {r.kind for r in found.reasons}
    assert Evidence.SAME_NAME in kinds
    assert Evidence.CONTACT_SPELLS_NAME in kinds


def test_a_name_typed_twice_proposes_nothing() -> None:
    other_call = facts("Léa Martin", ("phone", "+33698765432"))

    assert reasons(PHONE, other_call) == ()


def test_a_rare_name_an_account_gives_is_evidence_a_common_one_is_not() -> None:
    assert compare(PHONE, EMAIL).proposed
    common = CustomerFacts(EMAIL.name, None, EMAIL.contacts, common_name=True)
    assert not compare(PHONE, common).proposed


def test_an_email_local_part_that_is_a_handle_elsewhere_is_strong_evidence() -> None:
    email = facts("L. Martin", ("email", "surfer.lea75@orange.fr"))
    social = facts("Léa M", ("social", "instagram:@surferlea"))

    found = compare(email, social)

    assert found.proposed
    assert [str(r) for r in found.reasons if r.kind is Evidence.CONTACT_ALIKE] == [
        "surfer.lea75@orange.fr and instagram:@surferlea look alike"
    ]


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        ("Bob Smith", "Robert Smith", Evidence.NICKNAME),
        ("L. Martin", "Léa Martin", Evidence.INITIAL),
        ("MARTIN Léa", "Léa Martin", Evidence.SAME_NAME),
        ("Martin, Léa", "lea martin", Evidence.SAME_NAME),
        ("Mme Léa Martin", "Léa Martin", Evidence.SAME_NAME),
        ("Léa Martinez", "Léa Martines", Evidence.CLOSE_NAME),
        ("Léa Martin-Dupont", "Léa Martin", Evidence.SAME_NAME),
    ],
)
def test_names_are_read_as_people_write_them(first: str, second: str, kind: Evidence) -> None:
    found = compare(facts(first, postcode="75011"), facts(second, postcode="75 011"))

    assert found.reasons[0].kind is kind


def test_a_family_sharing_an_address_and_a_landline_is_not_one_person() -> None:
    home = ("postal", "3 rue des Lilas, 75011 Paris")
    landline = ("phone", "+33145678901")
    lea = facts("Léa Martin", home, landline, postcode="75011")
    paul = facts("Paul Martin", home, landline, postcode="75011")

    found = compare(lea, paul)

    assert not found.proposed
    assert found.score < THRESHOLD


def test_a_shared_email_decides_even_across_family_names() -> None:
    maiden = facts("Léa Dubois", ("email", "lea.d@exemple.fr"))
    married = facts("Léa Martin", ("email", "lea.d@exemple.fr"))

    assert compare(maiden, married).proposed


def test_a_common_name_needs_more_than_a_handle_that_spells_it() -> None:
    phone = CustomerFacts("Jean Martin", None, frozenset({("phone", "+33611111111")}), True)
    social = CustomerFacts("Jean Martin", None, frozenset({("social", "x:@jeanmartin")}), True)

    assert not compare(phone, social).proposed
    rare = compare(
        CustomerFacts("Jean Martin", None, frozenset({("phone", "+33611111111")})),
        CustomerFacts("Jean Martin", None, frozenset({("social", "x:@jeanmartin")})),
    )
    assert rare.proposed


def test_a_phone_one_digit_apart_with_the_same_name_is_proposed() -> None:
    found = compare(
        facts("Zoé Bernard", ("phone", "+33612345678")),
        facts("Zoe Bernard", ("phone", "+33612345679")),
    )

    assert found.proposed
    assert Evidence.SIMILAR_CONTACT in {r.kind for r in found.reasons}


def test_two_first_names_are_two_people_even_at_one_postcode() -> None:
    assert not compare(
        facts("Léa Martin", postcode="75011"), facts("Léo Martin", postcode="75011")
    ).proposed


names = st.from_regex(r"[A-Z][a-zéè]{2,8} [A-Z][a-z]{3,9}", fullmatch=True)


@given(a=names, b=names)
def test_the_rules_are_symmetric(a: str, b: str) -> None:
    left, right = facts(a, postcode="75011"), facts(b, postcode="75011")

    assert compare(left, right).proposed == compare(right, left).proposed


@given(name=names)
def test_a_name_always_falls_in_its_own_block(name: str) -> None:
    key, _ = keys.name_keys(name)
    swapped = " ".join(reversed(name.split()))

    assert key is not None
    assert key in keys.name_keys(swapped)

"""Reading a regulated letter: each required section found by its heading, none emptied."""

from __future__ import annotations

import pytest

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.promises import letters
from complaintdesk.resources import load_json

SECTIONS = letters.parse_sections(load_json("letters/sections.json"))
FCA = [
    "decision",
    "ombudsman_referral_right",
    "ombudsman_time_limit",
    "ombudsman_waiver",
    "ombudsman_contact",
    "ombudsman_leaflet",
]
COMPLETE = """Dear Ms Shaw,

Our decision
We have upheld your complaint and refunded £42.10 to your account.

Your right to refer your complaint to the Financial Ombudsman Service
If you remain dissatisfied you can refer your complaint to the Financial Ombudsman Service.

Six months to refer your complaint
You must do so within six months of the date of this letter.

Referring your complaint after the time limits
If you do not refer in time, the Ombudsman will not have our permission to consider it.

How to contact the Financial Ombudsman Service
Exchange Tower, London E14 9SR; 0800 023 4567; www.financial-ombudsman.org.uk

The Financial Ombudsman Service's leaflet
We enclose the Financial Ombudsman Service's leaflet explaining what it does.

Kind regards,
Customer care
"""


def test_a_complete_fca_letter_passes() -> None:
    assert letters.check_letter(COMPLETE, FCA, SECTIONS) == []


def test_a_missing_section_is_named() -> None:
    text = COMPLETE.replace("Six months to refer your complaint\n", "")
    # Without its heading the six-month sentence reads as part of the referral right.
    problems = letters.check_letter(text, FCA, SECTIONS)
    assert [(p.section.key, p.emptied) for p in problems] == [("ombudsman_time_limit", False)]
    expected = "“Six months to refer your complaint” (the six-month time limit for referring it)"
    assert letters.describe_problems(problems) == expected + " is missing"


def test_a_section_whose_body_was_emptied_is_refused() -> None:
    text = COMPLETE.replace(
        "Exchange Tower, London E14 9SR; 0800 023 4567; www.financial-ombudsman.org.uk", ""
    )
    problems = letters.check_letter(text, FCA, SECTIONS)
    assert [(p.section.key, p.emptied) for p in problems] == [("ombudsman_contact", True)]


def test_a_body_that_no_longer_says_what_the_section_is_for_counts_as_emptied() -> None:
    text = COMPLETE.replace("within six months of the date", "soon after the date")
    problems = letters.check_letter(text, FCA, SECTIONS)
    assert [p.section.key for p in problems] == ["ombudsman_time_limit"]


def test_headings_are_found_whatever_their_decoration_case_and_accents() -> None:
    text = """## 1. NOTRE DECISION :
Nous ne pouvons pas donner une suite favorable à votre demande, pour ces raisons.

**Le mediateur**
Le Médiateur de l'assurance, TSA 50110, 75441 Paris Cedex 09.

Comment saisir le médiateur —
Vous pouvez le saisir en ligne sur www.mediation-assurance.org ou par courrier.

Délai pour saisir le médiateur
Vous disposez d'un an à compter de votre réclamation écrite.
"""
    required = ["decision", "mediator", "mediator_procedure", "mediator_time_limit"]
    assert letters.check_letter(text, required, SECTIONS) == []


def test_a_section_ends_at_the_next_known_heading() -> None:
    text = "Our decision\n\nWhy we need more time\nWe are waiting for the card network.\n"
    problems = letters.check_letter(text, ["decision", "delay_reasons"], SECTIONS)
    assert [(p.section.key, p.emptied) for p in problems] == [("decision", True)]


def test_an_unknown_required_section_is_a_configuration_error() -> None:
    with pytest.raises(ValidationError, match="ombudsman_fax"):
        letters.check_letter(COMPLETE, ["ombudsman_fax"], SECTIONS)


def test_every_section_has_both_languages() -> None:
    for section in SECTIONS.values():
        assert set(section.headings) == {"en", "fr"}, section.key
        assert set(section.descriptions) == {"en", "fr"}, section.key

"""Complaint references ``SITE-YY-NNNNN``: what customers read on receipts and quote back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.reference import (
    REFERENCE_IN_TEXT,
    format_reference,
    parse_reference,
)

site_codes = st.from_regex(r"[A-Z][A-Z0-9]{1,9}", fullmatch=True)
years = st.integers(min_value=2000, max_value=2099)
numbers = st.integers(min_value=1, max_value=10_000_000)


def test_a_reference_reads_site_two_digit_year_and_five_digit_number() -> None:
    assert format_reference("LYON2", 2026, 42) == "LYON2-26-00042"


def test_numbers_past_99999_grow_a_digit_rather_than_wrap() -> None:
    assert format_reference("HQ", 2026, 123_456) == "HQ-26-123456"


@given(site=site_codes, year=years, number=numbers)
def test_a_formatted_reference_parses_back_to_its_parts(site: str, year: int, number: int) -> None:
    assert parse_reference(format_reference(site, year, number)) == (site, year % 100, number)


@given(site=site_codes, year=years, number=numbers)
def test_a_reference_is_found_inside_an_email_subject(site: str, year: int, number: int) -> None:
    reference = format_reference(site, year, number)

    found = REFERENCE_IN_TEXT.findall(f"RE: your complaint {reference} (reply above this line)")

    assert found == [reference]


def test_a_reference_typed_in_lower_case_with_spaces_is_recognised() -> None:
    assert parse_reference("  hq-26-00042 ") == ("HQ", 26, 42)


@pytest.mark.parametrize(
    "text",
    ["", "HQ", "HQ-2026-00042", "HQ-26-0042", "HQ-26-ABCDE", "H-26-00042", "1HQ-26-00042"],
)
def test_text_that_is_not_a_reference_parses_to_none(text: str) -> None:
    assert parse_reference(text) is None


@pytest.mark.parametrize(
    "site",
    ["", "H", "hq", "1HQ", "H-Q", "H Q", "ABCDEFGHIJK", "HQ\n"],
)
def test_a_bad_site_code_is_refused_with_the_rule(site: str) -> None:
    with pytest.raises(ValidationError, match="2-10 capital letters or digits") as refused:
        format_reference(site, 2026, 1)

    assert repr(site) in str(refused.value)


@pytest.mark.parametrize("number", [0, -1])
def test_reference_numbers_start_at_one(number: int) -> None:
    with pytest.raises(ValidationError, match="start at 1"):
        format_reference("HQ", 2026, number)

"""The FCA return's rules: product groupings, cause lines, closing buckets on a site's days."""

from __future__ import annotations

from datetime import date

import pytest

from complaintdesk.domain import regulatory_returns as rr
from complaintdesk.domain.promises import presets

ENGLAND, SCOTLAND = presets.calendar_for("GB-ENG"), presets.calendar_for("GB-SCT")


@pytest.mark.parametrize(
    ("group", "category", "product", "expected"),
    [
        (None, "Credit card or prepaid card", None, "Banking and credit cards"),
        (None, "Mortgage", "Conventional home mortgage", "Home finance"),
        ("insurance", "Home insurance", None, "Insurance & pure protection"),
        (None, None, "Personal pension", "Decumulation & pensions"),
        (None, "Stocks and shares ISA", None, "Investments"),
        ("logistics", "Delivery", "Parcel", "Other (not an FCA product)"),
        # Payment protection is insurance, even filed under home finance or a loan.
        ("Home finance", "Mortgage payment protection", None, "Insurance & pure protection"),
        ("loans", "Personal loan", "PPI", "Insurance & pure protection"),
    ],
)
def test_products_map_to_the_fca_groupings(
    group: str | None, category: str | None, product: str | None, expected: str
) -> None:
    assert rr.product_group(group, category, product) == expected


@pytest.mark.parametrize(
    ("received", "closed", "calendar", "bucket"),
    [
        (date(2026, 1, 5), date(2026, 1, 8), ENGLAND, 0),  # Mon → Thu: the 3rd business day
        (date(2026, 1, 5), date(2026, 1, 9), ENGLAND, 1),
        (date(2026, 4, 3), date(2026, 4, 9), ENGLAND, 0),  # Good Friday → Thu (Easter Monday)
        (date(2025, 12, 31), date(2026, 1, 7), SCOTLAND, 0),  # 1 and 2 January off
        (date(2025, 12, 31), date(2026, 1, 7), ENGLAND, 1),  # only 1 January off
        (date(2026, 4, 7), date(2026, 6, 2), ENGLAND, 1),  # day 56
        (date(2026, 4, 7), date(2026, 6, 3), ENGLAND, 2),  # day 57
    ],
)
def test_closing_buckets_count_the_site_s_business_days(
    received: date, closed: date, calendar: presets.BusinessCalendar, bucket: int
) -> None:
    assert rr.closing_bucket(received, closed, calendar) == bucket


def test_a_cause_line_is_its_category_or_other_or_not_yet_known() -> None:
    assert rr.cause_line("Billing error", "general_admin") == "General admin/customer service"
    assert rr.cause_line("Staff behaviour", None) == "Other"
    assert rr.cause_line(None, None) == "Not yet known"

"""The FCA complaints return (DISP 1 Annex 1R) as pure rules: groupings, causes, buckets.

* A complaint's day is its site's: received and closed dates are local dates in the site's
  time zone, and business days are the site's country's (Monday to Friday except the bank
  holidays of its nation: GB-ENG, GB-SCT…), never the company's opening hours.
* Closed within three business days: on or before the third business day after the day of
  receipt (DISP 1.5 / 1.10); within eight weeks: on or before the 56th day after it.
* Products are grouped as the return groups them; payment protection insurance (mortgage
  PPI included) is insurance, whatever else its name says.
* Causes are the return's five categories; each of the firm's root causes is mapped to one
  by its administrators (an unmapped cause is reported as "Other" and listed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from complaintdesk.domain.promises.calendar import BusinessCalendar, nth_counted_day_after
from complaintdesk.domain.promises.deadlines import DeadlineUnit, counted_days

EIGHT_WEEKS_DAYS = 56
OTHER_GROUP = "Other (not an FCA product)"
CAUSES = (
    ("advising_selling_arranging", "Advising, selling and arranging"),
    ("terms_disputed_sums", "Terms and disputed sums/charges"),
    ("general_admin", "General admin/customer service"),
    ("arrears", "Arrears related"),
    ("other", "Other"),
)
"""The return's cause categories: (key stored on a root cause, the return's wording)."""
CAUSE_NAMES = dict(CAUSES)
NOT_YET_KNOWN = "Not yet known"
"""The cause line of complaints without a root cause yet (still open)."""

PAYMENT_PROTECTION = ("payment protection", "ppi", "mppi")
"""Words of payment protection insurance: insurance, whatever else the filing says."""
PRODUCT_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Home finance", ("mortgage", "home finance", "equity release", "home loan", "immobilier")),
    ("Decumulation & pensions", ("pension", "annuit", "drawdown", "retraite", "decumulation")),
    (
        "Insurance & pure protection",
        ("insurance", "assurance", "protection", "warranty", "sinistre", "claims"),
    ),
    ("Investments", ("investment", "isa", "fund", "share", "stock", "bond", "placement")),
    (
        "Banking and credit cards",
        (
            "bank",
            "banking",
            "card",
            "carte",
            "account",
            "compte",
            "checking",
            "saving",
            "loan",
            "crédit",
            "credit",
            "debt",
            "money transfer",
            "virtual currency",
            "payday",
            "virement",
            "prélèvement",
            "overdraft",
        ),
    ),
)
"""FCA groupings in the order their words are tried: the first whose words appear in the
category's product group, then its name, then the complaint's product, wins — after payment
protection, looked for in all three first: a mortgage payment protection policy filed under
home finance is insurance."""
GROUP_ORDER = (
    "Banking and credit cards",
    "Decumulation & pensions",
    "Home finance",
    "Insurance & pure protection",
    "Investments",
)
_PATTERNS = tuple(
    (name, re.compile("|".join(rf"\b{re.escape(k)}" for k in keys)))
    for name, keys in PRODUCT_GROUPS
)
_PPI = re.compile("|".join(rf"\b{re.escape(k)}\b" for k in PAYMENT_PROTECTION))
INSURANCE = "Insurance & pure protection"


@cache
def product_group(group: str | None, category: str | None, product: str | None) -> str:
    """Return the FCA product grouping of a complaint from what it was filed under."""
    if any(_PPI.search((text or "").lower()) for text in (group, category, product)):
        return INSURANCE
    for text in (group, category, product):
        words = (text or "").lower()
        if not words:
            continue
        for name, pattern in _PATTERNS:
            if pattern.search(words):
                return name
    return OTHER_GROUP


def cause_line(cause_name: str | None, category: str | None) -> str:
    """Return the cause line a complaint is counted on: its root cause's FCA category."""
    if cause_name is None:
        return NOT_YET_KNOWN
    return CAUSE_NAMES.get(category or "other", CAUSE_NAMES["other"])


def closing_bucket(received: date, closed: date, calendar: BusinessCalendar) -> int:
    """Return 0 (within 3 business days), 1 (within 8 weeks) or 2 (after 8 weeks).

    Args:
        received: the local date of receipt at the site.
        closed: the local date of the final answer at the site.
        calendar: the site's calendar (its public holidays count, its opening hours don't).
    """
    if closed <= _third_business_day(received, calendar):
        return 0
    if closed <= received + timedelta(days=EIGHT_WEEKS_DAYS):
        return 1
    return 2


@cache
def _third_business_day(received: date, calendar: BusinessCalendar) -> date:
    days = counted_days(DeadlineUnit.BUSINESS_DAYS, calendar)
    assert days is not None
    return nth_counted_day_after(days, received, 3)


@dataclass
class ReturnLine:
    """One line of the return (a product group, a cause, or the total)."""

    name: str
    outstanding_at_start: int = 0
    opened: int = 0
    closed_within_3_business_days: int = 0
    closed_within_8_weeks: int = 0
    """After three business days but within eight weeks."""
    closed_after_8_weeks: int = 0
    upheld: int = 0
    outstanding_at_end: int = 0
    redress_paid: dict[str, Decimal] = field(default_factory=dict)
    """Currency (EUR, GBP…) to the redress paid in it: amounts in different currencies are
    never added together."""

    @property
    def closed(self) -> int:
        """Complaints closed in the period."""
        return (
            self.closed_within_3_business_days
            + self.closed_within_8_weeks
            + self.closed_after_8_weeks
        )

    @property
    def upheld_percent(self) -> float:
        """Share of the closed complaints that were upheld (0 when none closed)."""
        return round(100 * self.upheld / self.closed, 1) if self.closed else 0.0

    def add_closed(self, bucket: int, upheld: bool, paid: Mapping[str, Decimal]) -> None:
        """Count one complaint closed in the period, in its bucket."""
        if bucket == 0:
            self.closed_within_3_business_days += 1
        elif bucket == 1:
            self.closed_within_8_weeks += 1
        else:
            self.closed_after_8_weeks += 1
        self.upheld += upheld
        for currency, amount in paid.items():
            self.redress_paid[currency] = self.redress_paid.get(currency, Decimal(0)) + amount

"""A complaints return in the shape of the FCA's (DISP 1 Annex 1R), from aggregates.

Counted over a reporting period [start, end):

- **opened**: complaints received in the period;
- **closed** (final response given, i.e. resolved, in the period), split into closed within
  three business days (by the close of the third business day after the day of receipt,
  DISP 1.10.2), after three business days but within eight weeks (56 days), and after
  eight weeks;
- **upheld**: of those closed, the ones decided upheld or partly upheld;
- **redress paid**: the amounts of the upheld ones.

Rows are given by FCA product grouping (from the category's product group, its name or the
complaint's product, see :func:`product_group`) and by cause (our root cause). Business days
are those of the GB-ENG calendar (weekends and bank holidays of England and Wales); days are
counted on UTC dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.promises import calendar as cal
from complaintdesk.domain.promises import presets
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight.dashboard import dialect_of, visible_conditions
from complaintdesk.storage import report_queries as rq

EIGHT_WEEKS_DAYS = 56
UK_CALENDAR = "GB-ENG"
NO_CAUSE = "Not yet known"

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
"""FCA product/service groupings, in the order a word is tried: the first whose words appear in
the category's product group, then its name, then the complaint's product, wins. CFPB products
("Mortgage", "Credit card or prepaid card", "Student loan", "Debt collection", "Credit
reporting…") map here as the FCA would group them."""
OTHER_GROUP = "Other (not an FCA product)"
_PATTERNS = tuple(
    (name, re.compile("|".join(rf"\b{re.escape(k)}" for k in keys)))
    for name, keys in PRODUCT_GROUPS
)


@dataclass
class ReturnLine:
    """One line of the return (a product group, a cause, or the total)."""

    name: str
    opened: int = 0
    closed_within_3_business_days: int = 0
    closed_within_8_weeks: int = 0
    """After three business days but within eight weeks."""
    closed_after_8_weeks: int = 0
    upheld: int = 0
    redress_paid: Decimal = field(default_factory=lambda: Decimal(0))

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

    def as_dict(self) -> dict[str, Any]:
        """Return the line as the command line's JSON prints it."""
        return {
            "name": self.name,
            "opened": self.opened,
            "closed": self.closed,
            "closed_within_3_business_days": self.closed_within_3_business_days,
            "closed_after_3_business_days_within_8_weeks": self.closed_within_8_weeks,
            "closed_after_8_weeks": self.closed_after_8_weeks,
            "upheld": self.upheld,
            "upheld_percent": self.upheld_percent,
            "redress_paid": str(self.redress_paid),
        }


@dataclass(frozen=True)
class ComplaintsReturn:
    """The return: totals, then by product group and by cause."""

    start: datetime
    end: datetime
    total: ReturnLine
    by_product_group: tuple[ReturnLine, ...]
    by_cause: tuple[ReturnLine, ...]

    def as_dict(self) -> dict[str, Any]:
        """Return the whole return as the command line's JSON prints it."""
        return {
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "business_days": UK_CALENDAR,
            "total": self.total.as_dict(),
            "by_product_group": [line.as_dict() for line in self.by_product_group],
            "by_cause": [line.as_dict() for line in self.by_cause],
        }


@cache  # a return reads the same few categories and products thousands of times
def product_group(group: str | None, category: str | None, product: str | None) -> str:
    """Return the FCA product grouping of a complaint from what it was filed under."""
    for text in (group, category, product):
        words = (text or "").lower()
        if not words:
            continue
        for name, pattern in _PATTERNS:
            if pattern.search(words):
                return name
    return OTHER_GROUP


def closing_bucket(received: date, closed: date) -> int:
    """Return 0 (within 3 business days), 1 (within 8 weeks) or 2 (after 8 weeks)."""
    if closed <= _third_business_day(received):
        return 0
    if (closed - received).days <= EIGHT_WEEKS_DAYS:
        return 1
    return 2


@cache
def _third_business_day(received: date) -> date:
    return cal.nth_business_day_after(presets.calendar_for(UK_CALENDAR), received, 3)


def complaints_return(ctx: ServiceContext, start: datetime, end: datetime) -> ComplaintsReturn:
    """Return the complaints return of [start, end) over every complaint the caller may see.

    Raises:
        PermissionDenied: the caller may not read organisation-wide figures.
    """
    ctx.actor.require(Permission.VIEW_REPORTS)
    with ctx.uow() as uow:
        opened_q, closed_q = rq.complaints_return(
            dialect_of(uow), start, end, visible_conditions(ctx.actor)
        )
        opened = uow.rows(opened_q)
        closed = uow.rows(closed_q)
    total = ReturnLine("Total")
    groups: dict[str, ReturnLine] = {}
    causes: dict[str, ReturnLine] = {}

    def lines(row: Any) -> Iterable[ReturnLine]:
        group = product_group(row[1], row[2], row[3])
        cause = row[4] or NO_CAUSE
        yield total
        yield groups.setdefault(group, ReturnLine(group))
        yield causes.setdefault(cause, ReturnLine(cause))

    for row in opened:
        for line in lines(row):
            line.opened += int(row[5])
    for row in closed:
        bucket = closing_bucket(date.fromisoformat(row[5]), date.fromisoformat(row[6]))
        count, upheld, paid = int(row[7]), int(row[8] or 0), Decimal(str(row[9] or 0))
        for line in lines(row):
            _add(line, bucket, count, upheld, paid)
    return ComplaintsReturn(
        start, end, total, _ordered(groups), tuple(sorted(causes.values(), key=_weight))
    )


def _add(line: ReturnLine, bucket: int, count: int, upheld: int, paid: Decimal) -> None:
    if bucket == 0:
        line.closed_within_3_business_days += count
    elif bucket == 1:
        line.closed_within_8_weeks += count
    else:
        line.closed_after_8_weeks += count
    line.upheld += upheld
    line.redress_paid += paid


def _weight(line: ReturnLine) -> tuple[int, str]:
    return (-(line.opened + line.closed), line.name)


def _ordered(groups: dict[str, ReturnLine]) -> tuple[ReturnLine, ...]:
    """Every FCA grouping in the return's order (zeros included), then "other" if any."""
    found = [groups.get(name, ReturnLine(name)) for name, _ in PRODUCT_GROUPS]
    order = ["Banking and credit cards", "Decumulation & pensions", "Home finance"]
    order += ["Insurance & pure protection", "Investments"]
    found.sort(key=lambda line: order.index(line.name))
    if OTHER_GROUP in groups:
        found.append(groups[OTHER_GROUP])
    return tuple(found)

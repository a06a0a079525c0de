"""The FCA complaints return (DISP 1 Annex 1R) of a period, for the UK sites.

Counted per site on the site's own calendar (``domain/regulatory_returns.py``) over the
period's local days, first to last included:

- **outstanding at the start**: received before the first day, not closed before it;
- **opened**: received in the period;
- **closed** in the period (the final response left, or the resolution when no letter was
  recorded, or the complaint was withdrawn), split into within three business days, after
  three business days but within eight weeks, and after eight weeks;
- **upheld**: of those closed, the ones decided upheld or partly upheld;
- **outstanding at the end**: received by the last day, not closed by it;
- **redress paid**: the amounts of the upheld ones, per currency (never added across).

Lines: the total, each FCA product grouping (zeros included) and each cause category
(mapped from the firm's root causes by its administrators; causes left unmapped are counted
as "Other" and listed so they can be mapped).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.promises import presets
from complaintdesk.domain.promises.calendar import BusinessCalendar, local_date
from complaintdesk.domain.regulatory_returns import (
    CAUSES,
    GROUP_ORDER,
    OTHER_GROUP,
    ReturnLine,
    cause_line,
    closing_bucket,
    product_group,
)
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight.dashboard import visible_conditions
from complaintdesk.services.promises import policies
from complaintdesk.storage import report_queries as rq
from complaintdesk.storage.models import BusinessCalendar as CalendarRow
from complaintdesk.storage.models import Site
from complaintdesk.storage.unit_of_work import UnitOfWork

UPHELD = ("upheld", "partly_upheld")
NO_CURRENCY = "(no currency)"
UK = "GB"
_MARGIN = timedelta(days=1)
"""Instants fetched around the period: a local day starts up to 14 hours from UTC's."""


@dataclass(frozen=True)
class ComplaintsReturn:
    """The return: totals, then by product group and by cause."""

    first_day: date
    last_day: date
    sites: tuple[str, ...]
    total: ReturnLine
    by_product_group: tuple[ReturnLine, ...]
    by_cause: tuple[ReturnLine, ...]
    unmapped_causes: tuple[str, ...] = ()
    """Root causes counted as "Other" because nobody mapped them to a category yet."""

    def as_dict(self) -> dict[str, Any]:
        """Return the whole return as the command line's JSON prints it."""
        return {
            "period": {"from": self.first_day.isoformat(), "to": self.last_day.isoformat()},
            "sites": list(self.sites),
            "days": "local dates and bank holidays of each site",
            "total": line_dict(self.total),
            "by_product_group": [line_dict(line) for line in self.by_product_group],
            "by_cause": [line_dict(line) for line in self.by_cause],
            "unmapped_causes": list(self.unmapped_causes),
        }


def line_dict(line: ReturnLine) -> dict[str, Any]:
    """Return one line as the command line's JSON prints it (amounts as text, per currency)."""
    return {
        "name": line.name,
        "outstanding_at_start": line.outstanding_at_start,
        "opened": line.opened,
        "closed": line.closed,
        "closed_within_3_business_days": line.closed_within_3_business_days,
        "closed_after_3_business_days_within_8_weeks": line.closed_within_8_weeks,
        "closed_after_8_weeks": line.closed_after_8_weeks,
        "upheld": line.upheld,
        "upheld_percent": line.upheld_percent,
        "outstanding_at_end": line.outstanding_at_end,
        "redress_paid": {c: str(a) for c, a in sorted(line.redress_paid.items())},
    }


def complaints_return(
    ctx: ServiceContext, first_day: date, last_day: date, sites: Sequence[str] | None = None
) -> ComplaintsReturn:
    """Return the complaints return of the days ``first_day`` to ``last_day`` included.

    Args:
        sites: the site codes it covers; the sites in the United Kingdom when None.

    Raises:
        PermissionDenied: the caller may not read organisation-wide figures.
        ValidationError: the last day is before the first, or an unknown site.
    """
    ctx.actor.require(Permission.VIEW_REPORTS)
    if last_day < first_day:
        raise ValidationError("The period ends before it starts.")
    since = datetime.combine(first_day, time(0), UTC) - _MARGIN
    until = datetime.combine(last_day + timedelta(days=1), time(0), UTC) + _MARGIN
    with ctx.uow() as uow:
        chosen = _sites(uow, sites)
        calendars = {site.id: _calendar(uow, site) for site in chosen}
        query = rq.complaints_return_rows(
            list(calendars), since, until, visible_conditions(ctx.actor)
        )
        rows = uow.rows(query)
    builder = _Builder(first_day, last_day)
    for row in rows:
        builder.count(row, calendars[row.site_id])
    return builder.result(tuple(s.code for s in chosen))


def _sites(uow: UnitOfWork, codes: Sequence[str] | None) -> list[Site]:
    if codes is None:
        found: list[Site] = uow.scalars(select(Site).where(Site.country == UK).order_by(Site.code))
        return found
    wanted = [c.strip().upper() for c in codes]
    found = uow.scalars(select(Site).where(Site.code.in_(wanted)).order_by(Site.code))
    missing = sorted(set(wanted) - {s.code for s in found})
    if missing:
        raise ValidationError(f"No site has the code {', '.join(missing)}.")
    return found


def _calendar(uow: UnitOfWork, site: Site) -> BusinessCalendar:
    """The site's calendar: its own when it has one, else its country's standard one."""
    row = uow.get(CalendarRow, site.calendar_id) if site.calendar_id else None
    if row is not None:
        return policies.calendar_from_row(row)
    try:
        return presets.calendar_for(site.country or UK)
    except ValidationError:
        return presets.calendar_for(UK)


class _Builder:
    """Counts complaints on the lines of the return."""

    def __init__(self, first_day: date, last_day: date) -> None:
        self.first, self.last = first_day, last_day
        self.total = ReturnLine("Total")
        self.groups = {name: ReturnLine(name) for name in GROUP_ORDER}
        self.causes = {name: ReturnLine(name) for _, name in CAUSES}
        self.unmapped: set[str] = set()

    def lines(self, row: Any) -> Iterable[ReturnLine]:
        group = product_group(row.product_group, row.name, row.product)
        cause = cause_line(row.cause, row.regulatory_cause)
        if row.cause is not None and row.regulatory_cause is None:
            self.unmapped.add(row.cause)
        yield self.total
        yield self.groups.setdefault(group, ReturnLine(group))
        yield self.causes.setdefault(cause, ReturnLine(cause))

    def count(self, row: Any, calendar: BusinessCalendar) -> None:
        received = local_date(calendar, row.received_at)
        closed = local_date(calendar, row.closed_at) if row.closed_at else None
        if received > self.last or (closed is not None and closed < self.first):
            return
        in_period = closed is not None and closed <= self.last
        for line in self.lines(row):
            line.outstanding_at_start += received < self.first
            line.opened += received >= self.first
            line.outstanding_at_end += not in_period
            if in_period and closed is not None:
                upheld = row.outcome in UPHELD
                paid = {}
                if upheld and row.amount:
                    paid[row.currency or NO_CURRENCY] = Decimal(str(row.amount))
                line.add_closed(closing_bucket(received, closed, calendar), upheld, paid)

    def result(self, sites: tuple[str, ...]) -> ComplaintsReturn:
        groups = [self.groups[name] for name in GROUP_ORDER]
        if OTHER_GROUP in self.groups:
            groups.append(self.groups[OTHER_GROUP])
        return ComplaintsReturn(
            self.first,
            self.last,
            sites,
            self.total,
            tuple(groups),
            tuple(self.causes.values()),
            tuple(sorted(self.unmapped)),
        )

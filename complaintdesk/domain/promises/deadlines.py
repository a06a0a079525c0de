"""Deadline counting conventions: from a receipt instant and a rule to a due instant.

The conventions, shared by regulatory deadlines and service-level promises:

* The receipt date is the local date of the receipt instant in the calendar's time zone
  (a complaint received at 23:30 UTC may be received "tomorrow" in Paris).
* A deadline of N days counts from the day after receipt; the due date is the N-th counted
  day. Weeks are 7 calendar days (8 weeks = 56 days after the receipt date). Months are
  calendar months from the receipt date, clamped to the end of a shorter month
  (31 Dec + 2 months = 28 or 29 Feb).
* "Due" means by the end of the due date in the calendar's time zone. The due instant is
  inclusive: the last microsecond of that local day (23:59:59.999999); anything at or
  before it is on time, anything after it is late. A deadline due "by close of business"
  ends at the calendar's closing time that day instead, inclusive as well.
* Business hours count from the receipt instant itself, through the calendar's open
  intervals (see ``business_time``).

Regulatory day kinds use the calendar only for its time zone and public holidays: a
company's opening hours and local closures never stretch a legal deadline. Only
``open_days`` follows the calendar's own opening days and closures.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.promises.business_time import add_business_time
from complaintdesk.domain.promises.calendar import (
    MONDAY_TO_FRIDAY,
    MONDAY_TO_SATURDAY,
    BusinessCalendar,
    CountedDays,
    local_date,
    nth_counted_day_after,
    open_days,
    wall_clock_instant,
)

_MICROSECOND = timedelta(microseconds=1)
_HOUR = timedelta(hours=1)


class DeadlineUnit(StrEnum):
    """What the amount of a deadline rule counts."""

    CALENDAR_DAYS = "calendar_days"
    """Every day."""
    WORKING_DAYS = "working_days"
    """French "jours ouvrables" (ACPR): every day except Sundays and public holidays."""
    BUSINESS_DAYS = "business_days"
    """Monday to Friday except public holidays: payment services, UK business days."""
    OPEN_DAYS = "open_days"
    """The days the calendar itself is open (opening hours, holidays, local closures)."""
    WEEKS = "weeks"
    """Seven calendar days each."""
    MONTHS = "months"
    """Calendar months from the receipt date."""
    BUSINESS_HOURS = "business_hours"
    """Hours of the calendar's open intervals, from the receipt instant."""


class DueBy(StrEnum):
    """Which instant of the due date a day-counted deadline ends at."""

    END_OF_DAY = "end_of_day"
    """The last microsecond of the due date, local time."""
    CLOSE_OF_BUSINESS = "close_of_business"
    """The calendar's closing time on the due date's weekday (UK DISP 1.5)."""


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """A deadline as data: "``amount`` ``unit`` on ``calendar``, due by ``due_by``".

    Attributes:
        amount: how many units, at least 1.
        unit: what is counted.
        calendar: time zone, public holidays (and, for business hours and open days,
            opening hours and closures).
        due_by: the instant of the due date the deadline ends at; day-counted units only.
    """

    amount: int
    unit: DeadlineUnit
    calendar: BusinessCalendar
    due_by: DueBy = DueBy.END_OF_DAY
    # Rules key the due-date cache, so their hash is computed once.
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 1:
            raise ValidationError(f"A deadline counts at least 1 unit, not {self.amount!r}.")
        if self.unit is DeadlineUnit.BUSINESS_HOURS and self.due_by is not DueBy.END_OF_DAY:
            raise ValidationError("A deadline in business hours ends at an instant, not a day.")
        object.__setattr__(
            self, "_hash", hash((self.amount, self.unit, self.calendar, self.due_by))
        )

    def __hash__(self) -> int:
        return self._hash


def counted_days(unit: DeadlineUnit, calendar: BusinessCalendar) -> CountedDays | None:
    """Return which days count for a day-counted ``unit``, or None when every day counts."""
    if unit is DeadlineUnit.WORKING_DAYS:
        return CountedDays(MONDAY_TO_SATURDAY, calendar.holidays)
    if unit is DeadlineUnit.BUSINESS_DAYS:
        return CountedDays(MONDAY_TO_FRIDAY, calendar.holidays)
    if unit is DeadlineUnit.OPEN_DAYS:
        return open_days(calendar)
    return None


def add_months(day: date, months: int) -> date:
    """Return ``day`` moved by whole calendar months, clamped to the end of a shorter month."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def due_date(received: datetime, rule: DeadlineRule) -> date:
    """Return the local date a deadline falls on, following the module's conventions.

    For business hours, the local date of the due instant.

    Raises:
        ValueError: ``received`` is naive.
    """
    if rule.unit is DeadlineUnit.BUSINESS_HOURS:
        return local_date(rule.calendar, due_instant(received, rule))
    return _due_date_of(rule, local_date(rule.calendar, received))


def due_instant(received: datetime, rule: DeadlineRule) -> datetime:
    """Return the last instant (UTC) that still meets a deadline received at ``received``.

    Day-counted units end at the end of the due date (23:59:59.999999 local) or at its
    close of business; business hours end ``amount`` open hours after ``received``.

    Raises:
        ValueError: ``received`` is naive.
    """
    if rule.unit is DeadlineUnit.BUSINESS_HOURS:
        return add_business_time(rule.calendar, received, _HOUR * rule.amount)
    return _day_deadline(rule, local_date(rule.calendar, received))


def summary_resolution_due(received: datetime, calendar: BusinessCalendar) -> datetime:
    """Return when a complaint must be resolved to close it with a summary resolution.

    UK FCA DISP 1.5: by close of business on the third business day after the day of
    receipt (UK business days: Monday to Friday except the nation's bank holidays).

    Raises:
        ValueError: ``received`` is naive.
    """
    rule = DeadlineRule(3, DeadlineUnit.BUSINESS_DAYS, calendar, DueBy.CLOSE_OF_BUSINESS)
    return due_instant(received, rule)


def end_of_day(calendar: BusinessCalendar, day: date) -> datetime:
    """Return the last microsecond (UTC) of the local ``day`` in the calendar's time zone."""
    return _start_of_day(calendar.time_zone, day.toordinal() + 1) - _MICROSECOND


def close_of_business(calendar: BusinessCalendar, day: date) -> datetime:
    """Return the calendar's closing time (UTC) on ``day``'s weekday.

    The closing time of the weekday's last interval, whether or not ``day`` is a holiday or
    a closure; on a weekday without opening hours, the end of the day.
    """
    hours = calendar.opening_hours[day.weekday()]
    if not hours:
        return end_of_day(calendar, day)
    return wall_clock_instant(calendar.zone, day, hours[-1].end_second)


@functools.lru_cache(maxsize=65_536)
@functools.lru_cache(maxsize=131_072)
def _day_deadline(rule: DeadlineRule, received_on: date) -> datetime:
    # Day-counted deadlines depend only on the receipt date: a million complaints share a
    # few thousand receipt dates, so recomputing them all is mostly cache hits.
    due_on = _due_date_of(rule, received_on)
    if rule.due_by is DueBy.CLOSE_OF_BUSINESS:
        return close_of_business(rule.calendar, due_on)
    return end_of_day(rule.calendar, due_on)


def _due_date_of(rule: DeadlineRule, received_on: date) -> date:
    if rule.unit is DeadlineUnit.MONTHS:
        return add_months(received_on, rule.amount)
    if rule.unit is DeadlineUnit.WEEKS:
        return received_on + timedelta(weeks=rule.amount)
    days = counted_days(rule.unit, rule.calendar)
    if days is None:
        return received_on + timedelta(days=rule.amount)
    return nth_counted_day_after(days, received_on, rule.amount)


@functools.lru_cache(maxsize=65_536)
def _start_of_day(time_zone: str, ordinal: int) -> datetime:
    return wall_clock_instant(ZoneInfo(time_zone), date.fromordinal(ordinal), 0)

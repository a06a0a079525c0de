"""Business calendars: time zone, opening hours, public holidays, local closures.

A calendar answers which days are business days and where its open intervals lie; the
arithmetic on business time (adding, measuring) lives in ``business_time``.

Opening hours are wall-clock times in the calendar's IANA time zone. A local time that
happens twice (clocks go back) means its first occurrence; a local time that does not
exist (clocks go forward) means the instant of the switch.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from complaintdesk.domain.errors import ValidationError

SECONDS_PER_DAY = 86_400
MONDAY_TO_FRIDAY = frozenset(range(5))
MONDAY_TO_SATURDAY = frozenset(range(6))


@dataclass(frozen=True, slots=True)
class OpeningInterval:
    """One opening interval of a weekday, in local wall-clock time.

    Attributes:
        start: opening time.
        end: closing time; ``time(0)`` means midnight at the end of the day (24:00).
    """

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValidationError("Opening hours are local wall-clock times, without a zone.")
        if self.start_second >= self.end_second:
            raise ValidationError(f"An opening interval must close after it opens: {self}.")

    @property
    def start_second(self) -> int:
        """Opening time as seconds since local midnight."""
        return _second_of_day(self.start)

    @property
    def end_second(self) -> int:
        """Closing time as seconds since local midnight (86,400 for 24:00)."""
        return _second_of_day(self.end) or SECONDS_PER_DAY

    @classmethod
    def parse(cls, text: str) -> OpeningInterval:
        """Read ``"HH:MM-HH:MM"``; ``24:00`` is accepted as the end of the day."""
        try:
            start_text, end_text = (part.strip() for part in text.split("-"))
            start = time.fromisoformat(start_text)
            end = time(0) if end_text == "24:00" else time.fromisoformat(end_text)
        except ValueError as error:
            raise ValidationError(f"Opening hours {text!r} are not HH:MM-HH:MM.") from error
        return cls(start, end)

    def __str__(self) -> str:
        end = "24:00" if self.end_second == SECONDS_PER_DAY else self.end.isoformat("minutes")
        return f"{self.start.isoformat('minutes')}-{end}"


@dataclass(frozen=True, slots=True)
class Closure:
    """A local closure (inventory, works, August shutdown): whole days, both ends included."""

    first: date
    last: date
    reason: str = ""

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValidationError(f"A closure cannot end ({self.last}) before it starts.")


@dataclass(frozen=True, slots=True)
class HolidaySource:
    """Where public holidays come from: a country of the ``holidays`` package.

    Attributes:
        country: ISO 3166-1 alpha-2 code (``FR``, ``GB``, ``US``), or None for no holidays.
        subdivision: the package's subdivision code (``57`` for Moselle, ``ENG``, ``SCT``,
            ``NY``), or None for the country-wide list.
    """

    country: str | None = None
    subdivision: str | None = None

    def __post_init__(self) -> None:
        if self.country is None:
            if self.subdivision is not None:
                raise ValidationError("A holiday subdivision needs a country.")
            return
        problem = _unknown_holidays(self.country, self.subdivision)
        if problem:
            raise ValidationError(f"Unknown public holidays: {problem}.")

    def __str__(self) -> str:
        return "-".join(part for part in (self.country, self.subdivision) if part) or "none"


@functools.cache
def _unknown_holidays(country: str, subdivision: str | None) -> str:
    """Return why the ``holidays`` package knows no such list ('' when it does).

    Asked each time a calendar is built (every policy load): building the list costs 13 ms.
    """
    import holidays  # deferred: importing the package costs ~0.1 s at start-up

    try:
        holidays.country_holidays(country, subdiv=subdivision)
    except NotImplementedError as error:
        return str(error)
    return ""


@dataclass(frozen=True, slots=True)
class CountedDays:
    """A rule saying which days count: some weekdays, minus public holidays and closures.

    Attributes:
        weekdays: the weekdays that count (Monday is 0).
        holidays: public holidays that never count.
        closures: local closures that never count.
    """

    weekdays: frozenset[int]
    holidays: HolidaySource = HolidaySource()
    closures: tuple[Closure, ...] = ()

    def __post_init__(self) -> None:
        if not self.weekdays or not self.weekdays <= frozenset(range(7)):
            raise ValidationError("Counted weekdays must be a non-empty subset of 0-6.")


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """Time zone, opening hours per weekday, public holidays and local closures.

    Attributes:
        time_zone: IANA time zone name, e.g. ``Europe/Paris``.
        opening_hours: seven tuples of sorted, non-overlapping intervals, Monday first.
        holidays: where the public holidays come from.
        closures: local closures.
    """

    time_zone: str
    opening_hours: tuple[tuple[OpeningInterval, ...], ...]
    holidays: HolidaySource = HolidaySource()
    closures: tuple[Closure, ...] = ()
    # Calendars key every cache in the hot path, so their hash is computed once.
    _hash: int = field(init=False, repr=False, compare=False)
    _zone: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "_zone", ZoneInfo(self.time_zone))
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValidationError(f"Unknown time zone {self.time_zone!r}.") from error
        _check_week(self.opening_hours)
        key = (self.time_zone, self.opening_hours, self.holidays, self.closures)
        object.__setattr__(self, "_hash", hash(key))

    def __hash__(self) -> int:
        return self._hash

    @property
    def zone(self) -> ZoneInfo:
        """The calendar's time zone."""
        return self._zone


def weekly_hours(spec: Mapping[int, str]) -> tuple[tuple[OpeningInterval, ...], ...]:
    """Build ``opening_hours`` from ``{weekday: "09:00-12:30, 13:30-18:00"}``.

    Args:
        spec: weekday (Monday is 0) to comma-separated ``HH:MM-HH:MM`` intervals; missing
            weekdays are closed.
    """
    if not set(spec) <= set(range(7)):
        raise ValidationError("Weekdays are numbered 0 (Monday) to 6 (Sunday).")
    return tuple(
        tuple(OpeningInterval.parse(part) for part in spec[day].split(",") if part.strip())
        if day in spec
        else ()
        for day in range(7)
    )


def _check_week(week: tuple[tuple[OpeningInterval, ...], ...]) -> None:
    if len(week) != 7:
        raise ValidationError("Opening hours need one entry per weekday, Monday first.")
    if not any(week):
        raise ValidationError("A business calendar must be open at least once a week.")
    for intervals in week:
        for before, after in pairwise(intervals):
            if after.start_second < before.end_second:
                raise ValidationError(f"Opening intervals {before} and {after} overlap.")


def _second_of_day(moment: time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


@functools.cache
def public_holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """Return the public holidays (observed days included) of a country in ``year``."""
    import holidays  # deferred: importing the package costs ~0.1 s at start-up

    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year))


@functools.lru_cache(maxsize=4096)
def counted_day_ordinals(days: CountedDays, year: int) -> tuple[int, ...]:
    """Return the sorted ordinals of the counted days of ``year`` (for jumps by bisection)."""
    source = days.holidays
    excluded: set[int] = set()
    if source.country is not None:
        excluded = {
            d.toordinal() for d in public_holidays(source.country, source.subdivision, year)
        }
    for closure in days.closures:
        excluded.update(range(closure.first.toordinal(), closure.last.toordinal() + 1))
    first = date(year, 1, 1).toordinal()
    return tuple(
        ordinal
        for ordinal in range(first, date(year, 12, 31).toordinal() + 1)
        if (ordinal - 1) % 7 in days.weekdays and ordinal not in excluded
    )


def is_counted_day(days: CountedDays, day: date) -> bool:
    """Return True when ``day`` counts under ``days``."""
    ordinals = counted_day_ordinals(days, day.year)
    index = bisect_right(ordinals, day.toordinal())
    return index > 0 and ordinals[index - 1] == day.toordinal()


def nth_counted_day_after(days: CountedDays, day: date, n: int) -> date:
    """Return the ``n``-th counted day strictly after ``day`` (``n`` >= 1).

    Raises:
        ValueError: ``n`` is smaller than 1.
    """
    if n < 1:
        raise ValueError(f"Count at least one day, not {n}.")
    ordinal, year = day.toordinal(), day.year
    while True:
        ordinals = counted_day_ordinals(days, year)
        index = bisect_right(ordinals, ordinal)
        if index + n <= len(ordinals):
            return date.fromordinal(ordinals[index + n - 1])
        n -= len(ordinals) - index
        year += 1


@functools.lru_cache(maxsize=1024)
def open_days(calendar: BusinessCalendar) -> CountedDays:
    """The calendar's business days: weekdays with opening hours, minus holidays and closures."""
    weekdays = frozenset(day for day, hours in enumerate(calendar.opening_hours) if hours)
    return CountedDays(weekdays, calendar.holidays, calendar.closures)


def is_business_day(calendar: BusinessCalendar, day: date) -> bool:
    """Return True when the calendar is open on ``day`` (a local date)."""
    return is_counted_day(open_days(calendar), day)


def nth_business_day_after(calendar: BusinessCalendar, day: date, n: int) -> date:
    """Return the ``n``-th business day of the calendar strictly after ``day`` (``n`` >= 1)."""
    return nth_counted_day_after(open_days(calendar), day, n)


def local_date(calendar: BusinessCalendar, instant: datetime) -> date:
    """Return the date of ``instant`` in the calendar's time zone.

    Raises:
        ValueError: ``instant`` is naive.
    """
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"Instants must be timezone-aware, not {instant!r}.")
    return instant.astimezone(calendar.zone).date()


def wall_clock_instant(zone: ZoneInfo, day: date, second_of_day: int) -> datetime:
    """Return, in UTC, the instant a wall clock in ``zone`` shows ``second_of_day`` on ``day``.

    A time shown twice (clocks go back) means its first occurrence; a time skipped (clocks
    go forward) means the instant of the switch. ``second_of_day`` may be 86,400 (the next
    midnight).
    """
    if second_of_day == SECONDS_PER_DAY:
        day, second_of_day = day + timedelta(days=1), 0
    hour, rest = divmod(second_of_day, 3600)
    wall = datetime(day.year, day.month, day.day, hour, rest // 60, rest % 60, tzinfo=zone)
    instant = wall.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == wall.replace(tzinfo=None):
        return instant
    return _switch_instant(zone, wall.replace(fold=1).astimezone(UTC), instant)


def _switch_instant(zone: ZoneInfo, before: datetime, after: datetime) -> datetime:
    """Bisect for the first instant of ``(before, after]`` with the offset ``after`` has."""
    offset = after.astimezone(zone).utcoffset()
    step = timedelta(microseconds=1)
    while after - before > step:
        middle = before + (after - before) / 2
        if middle.astimezone(zone).utcoffset() == offset:
            after = middle
        else:
            before = middle
    return after

"""Business time: adding it to an instant and measuring it between two instants.

Each (calendar, year) is compiled once into a timeline: the year's open intervals as UTC
microseconds with running totals. Adding and measuring are then bisections on that
timeline, a step per year crossed, never a loop over minutes or days.

Only open intervals count; weekends, public holidays and closures are skipped. An interval
is measured in real elapsed time, so a 09:00-18:00 day lasts 9 hours on a DST day while a
00:00-06:00 interval on the night clocks go forward lasts 5.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate

from complaintdesk.domain.promises.calendar import (
    BusinessCalendar,
    counted_day_ordinals,
    open_days,
    wall_clock_instant,
)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MEAN_YEAR = 31_556_952_000_000  # microseconds in 365.2425 days
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class _Timeline:
    """A local year's open intervals in UTC microseconds, with open time before and after each.

    Attributes:
        year: the local year.
        begins: the first microsecond of the local year.
        ends: the first microsecond of the next local year.
        total: the year's open time.
    """

    year: int
    begins: int
    ends: int
    starts: tuple[int, ...]
    stops: tuple[int, ...]
    open_before: tuple[int, ...]
    open_after: tuple[int, ...]
    total: int

    def open_until(self, moment: int) -> int:
        """Open time of the year elapsed at ``moment``."""
        index = bisect_right(self.starts, moment) - 1
        if index < 0:
            return 0
        return self.open_before[index] + min(moment, self.stops[index]) - self.starts[index]

    def moment_when(self, elapsed: int) -> int:
        """Earliest moment at which ``elapsed`` (0 < elapsed <= total) open time has passed."""
        index = bisect_left(self.open_after, elapsed)
        return self.starts[index] + elapsed - self.open_before[index]


@functools.lru_cache(maxsize=1024)
def _timeline(calendar: BusinessCalendar, year: int) -> _Timeline:
    zone = calendar.zone
    starts: list[int] = []
    stops: list[int] = []
    for ordinal in counted_day_ordinals(open_days(calendar), year):
        day = date.fromordinal(ordinal)
        for interval in calendar.opening_hours[day.weekday()]:
            start = _to_micros(wall_clock_instant(zone, day, interval.start_second))
            stop = _to_micros(wall_clock_instant(zone, day, interval.end_second))
            # A DST switch can fold an interval onto the previous one or to nothing.
            start = max(start, stops[-1]) if stops else start
            if stop > start:
                starts.append(start)
                stops.append(stop)
    open_after = tuple(accumulate(stop - start for start, stop in zip(starts, stops, strict=True)))
    return _Timeline(
        year=year,
        begins=_to_micros(wall_clock_instant(zone, date(year, 1, 1), 0)),
        ends=_to_micros(wall_clock_instant(zone, date(year + 1, 1, 1), 0)),
        starts=tuple(starts),
        stops=tuple(stops),
        open_before=(0, *open_after[:-1]) if open_after else (),
        open_after=open_after,
        total=open_after[-1] if open_after else 0,
    )


def _timeline_at(calendar: BusinessCalendar, moment: int) -> _Timeline:
    """Return the timeline of the local year that ``moment`` falls in."""
    # Guess from the mean year length, then step: cheaper than converting to local time.
    timeline = _timeline(calendar, 1970 + moment // _MEAN_YEAR)
    while moment < timeline.begins:
        timeline = _timeline(calendar, timeline.year - 1)
    while moment >= timeline.ends:
        timeline = _timeline(calendar, timeline.year + 1)
    return timeline


def add_business_time(calendar: BusinessCalendar, start: datetime, duration: timedelta) -> datetime:
    """Return the earliest instant by which ``duration`` of open time has passed since ``start``.

    An addition that uses up an interval exactly ends at its closing time (18:00), not at
    the next opening. A zero duration returns ``start`` itself.

    Args:
        calendar: the business calendar whose open intervals count.
        start: a timezone-aware instant, open or not.
        duration: the business time to add, not negative.

    Returns:
        The instant, in UTC.

    Raises:
        ValueError: ``start`` is naive or ``duration`` is negative.
    """
    if duration < timedelta(0):
        raise ValueError(f"Business time to add cannot be negative: {duration}.")
    moment = _to_micros(start)
    if not duration:
        return _from_micros(moment)
    timeline = _timeline_at(calendar, moment)
    target = timeline.open_until(moment) + _micros(duration)
    while target > timeline.total:
        target -= timeline.total
        timeline = _timeline(calendar, timeline.year + 1)
    return _from_micros(timeline.moment_when(target))


def business_time_between(calendar: BusinessCalendar, a: datetime, b: datetime) -> timedelta:
    """Return the open time of the calendar from ``a`` to ``b`` (negative when b < a).

    Raises:
        ValueError: ``a`` or ``b`` is naive.
    """
    first, last = _to_micros(a), _to_micros(b)
    if last < first:
        return -business_time_between(calendar, b, a)
    first_year, last_year = _timeline_at(calendar, first), _timeline_at(calendar, last)
    elapsed = last_year.open_until(last) - first_year.open_until(first)
    for year in range(first_year.year, last_year.year):
        elapsed += _timeline(calendar, year).total
    return _MICROSECOND * elapsed


def _micros(duration: timedelta) -> int:
    return (duration.days * 86_400 + duration.seconds) * 1_000_000 + duration.microseconds


def _to_micros(instant: datetime) -> int:
    if instant.tzinfo is None:
        raise ValueError(f"Instants must be timezone-aware, not {instant!r}.")
    return _micros(instant - _EPOCH)


def _from_micros(micros: int) -> datetime:
    return _EPOCH + _MICROSECOND * micros

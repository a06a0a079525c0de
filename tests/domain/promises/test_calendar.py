"""Business calendars: business days, business time, DST and year ends.

Every hand-computed case says how its answer was worked out, so a reader can check it
against a paper calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.promises.business_time import add_business_time, business_time_between
from complaintdesk.domain.promises.calendar import (
    BusinessCalendar,
    Closure,
    HolidaySource,
    OpeningInterval,
    is_business_day,
    nth_business_day_after,
    public_holidays,
    wall_clock_instant,
    weekly_hours,
)

PARIS = ZoneInfo("Europe/Paris")
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS = range(5)


def calendar(
    zone: str,
    hours: str,
    country: str | None = None,
    subdivision: str | None = None,
    *,
    days: Iterable[int] = WEEKDAYS,
    closures: tuple[Closure, ...] = (),
) -> BusinessCalendar:
    """A calendar open ``hours`` on ``days``."""
    week = weekly_hours(dict.fromkeys(days, hours))
    return BusinessCalendar(zone, week, HolidaySource(country, subdivision), closures)


FR = calendar("Europe/Paris", "09:00-18:00", "FR")
FR_57 = calendar("Europe/Paris", "09:00-12:30, 13:30-18:00", "FR", "57")
GB_ENG = calendar("Europe/London", "09:00-17:30", "GB", "ENG")
GB_SCT = calendar("Europe/London", "09:00-17:30", "GB", "SCT")
US_NY = calendar("America/New_York", "09:00-17:00", "US", "NY")
# Open at night every day, so intervals straddle the 02:00 switches of New York.
NIGHTS = calendar("America/New_York", "00:00-06:00, 20:00-24:00", days=range(7))
ALWAYS_PARIS = calendar("Europe/Paris", "00:00-24:00", days=range(7))
FR_AUGUST_SHUTDOWN = calendar(
    "Europe/Paris",
    "08:30-12:00, 14:00-17:00",
    "FR",
    days=range(6),
    closures=(Closure(date(2025, 8, 4), date(2025, 8, 15), "summer"),),
)
CALENDARS = [FR, FR_57, GB_ENG, GB_SCT, US_NY, NIGHTS, ALWAYS_PARIS, FR_AUGUST_SHUTDOWN]


# --- business days ----------------------------------------------------------------------


def test_alsace_moselle_good_friday_is_a_holiday_only_there() -> None:
    # 2025-04-18 is Good Friday (Easter Sunday 20 April): a public holiday in Moselle
    # (FR-57) by local law, an ordinary Friday in the rest of France.
    assert not is_business_day(FR_57, date(2025, 4, 18))
    assert is_business_day(FR, date(2025, 4, 18))


def test_alsace_moselle_26_december_is_a_holiday_only_there() -> None:
    # Friday 2025-12-26, Saint Stephen's Day: holiday in Moselle only.
    assert not is_business_day(FR_57, date(2025, 12, 26))
    assert is_business_day(FR, date(2025, 12, 26))


def test_scotland_2_january_is_a_bank_holiday_england_is_not() -> None:
    # Thursday 2025-01-02 is a Scottish bank holiday only. From Tuesday 31 Dec 2024:
    # England: 1 Jan holiday, so the first business day is Thu 2 Jan.
    # Scotland: 1 and 2 Jan holidays, so it is Fri 3 Jan.
    assert is_business_day(GB_ENG, date(2025, 1, 2))
    assert not is_business_day(GB_SCT, date(2025, 1, 2))
    assert nth_business_day_after(GB_ENG, date(2024, 12, 31), 1) == date(2025, 1, 2)
    assert nth_business_day_after(GB_SCT, date(2024, 12, 31), 1) == date(2025, 1, 3)


def test_business_days_across_easter_in_france() -> None:
    # From Thu 2025-04-17: Fri 18 (1), [Sat, Sun, Easter Monday 21 skipped], Tue 22 (2),
    # Wed 23 (3). In FR-57 Good Friday is skipped too: Tue 22 (1), Wed 23 (2), Thu 24 (3).
    assert nth_business_day_after(FR, date(2025, 4, 17), 3) == date(2025, 4, 23)
    assert nth_business_day_after(FR_57, date(2025, 4, 17), 3) == date(2025, 4, 24)


def test_business_days_across_the_year_end() -> None:
    # From Wed 2025-12-24: [Thu 25 Christmas], Fri 26 (1), [weekend], Mon 29 (2), Tue 30 (3),
    # Wed 31 (4), [Thu 1 Jan], Fri 2 Jan 2026 (5).
    assert nth_business_day_after(FR, date(2025, 12, 24), 5) == date(2026, 1, 2)


def test_local_closure_is_not_a_business_day() -> None:
    # Open Monday to Saturday, closed Mon 4 to Fri 15 August 2025 (Sat 9 included; Fri 15
    # is Assumption as well). From Sat 2 Aug the first business day is Sat 16 Aug.
    assert not is_business_day(FR_AUGUST_SHUTDOWN, date(2025, 8, 11))
    assert is_business_day(FR_AUGUST_SHUTDOWN, date(2025, 8, 2))
    assert nth_business_day_after(FR_AUGUST_SHUTDOWN, date(2025, 8, 2), 1) == date(2025, 8, 16)


def test_weekend_is_not_a_business_day() -> None:
    assert not is_business_day(FR, date(2025, 3, 29))  # Saturday
    assert not is_business_day(FR, date(2025, 3, 30))  # Sunday
    assert is_business_day(FR_AUGUST_SHUTDOWN, date(2025, 3, 29))  # open on Saturdays


def test_nth_business_day_needs_a_positive_count() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        nth_business_day_after(FR, date(2025, 1, 1), 0)


# --- business time ----------------------------------------------------------------------


def test_two_business_hours_over_a_weekend_with_the_spring_switch() -> None:
    # Fri 2025-03-28 17:00 CET: 1 h to 18:00; Paris moves to summer time on Sun 30 March;
    # the second hour is Mon 31 March 09:00-10:00 CEST (08:00 UTC).
    due = add_business_time(FR, datetime(2025, 3, 28, 17, tzinfo=PARIS), timedelta(hours=2))
    assert due == datetime(2025, 3, 31, 10, tzinfo=PARIS)
    assert due == datetime(2025, 3, 31, 8, tzinfo=UTC)


def test_two_business_hours_over_a_weekend_with_the_autumn_switch() -> None:
    # Fri 2025-10-24 17:00 CEST: 1 h to 18:00; back to winter time on Sun 26 October;
    # the second hour ends Mon 27 October 10:00 CET (09:00 UTC).
    due = add_business_time(FR, datetime(2025, 10, 24, 17, tzinfo=PARIS), timedelta(hours=2))
    assert due == datetime(2025, 10, 27, 9, tzinfo=UTC)


def test_lunch_break_is_skipped() -> None:
    # Mon 2025-06-02 10:00: 10:00-12:30 is 2.5 h, then 13:30-15:00 gives the last 1.5 h.
    start = datetime(2025, 6, 2, 10, tzinfo=PARIS)
    assert add_business_time(FR_57, start, timedelta(hours=4)) == datetime(
        2025, 6, 2, 15, tzinfo=PARIS
    )


def test_using_up_the_day_ends_at_closing_time_not_next_opening() -> None:
    # Mon 2025-06-02 16:00 + 2 h = 18:00 the same day, not 09:00 on Tuesday.
    start = datetime(2025, 6, 2, 16, tzinfo=PARIS)
    assert add_business_time(FR, start, timedelta(hours=2)) == datetime(
        2025, 6, 2, 18, tzinfo=PARIS
    )


def test_start_outside_opening_hours_counts_from_the_next_opening() -> None:
    # Sat 2025-06-07 11:00: the weekend, then Whit Monday 9 June (a French public
    # holiday in 2025), so counting starts Tue 10 June 09:00 and ends at 10:30.
    start = datetime(2025, 6, 7, 11, tzinfo=PARIS)
    assert add_business_time(FR, start, timedelta(minutes=90)) == datetime(
        2025, 6, 10, 10, 30, tzinfo=PARIS
    )


def test_zero_duration_returns_the_start() -> None:
    start = datetime(2025, 6, 7, 11, tzinfo=PARIS)
    assert add_business_time(FR, start, timedelta(0)) == start


def test_negative_duration_and_naive_instants_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_business_time(FR, datetime(2025, 6, 2, 9, tzinfo=UTC), timedelta(hours=-1))
    with pytest.raises(ValueError, match="timezone-aware"):
        add_business_time(FR, datetime(2025, 6, 2, 9), timedelta(hours=1))
    with pytest.raises(ValueError, match="timezone-aware"):
        business_time_between(FR, datetime(2025, 6, 2, 9), datetime(2025, 6, 2, 9, tzinfo=UTC))


def test_business_time_across_the_year_end() -> None:
    # Wed 2025-12-31 14:00: 4 h to 18:00; Thu 1 Jan is a holiday; Fri 2 Jan 09:00-13:00
    # gives the other 4 h.
    start = datetime(2025, 12, 31, 14, tzinfo=PARIS)
    due = add_business_time(FR, start, timedelta(hours=8))
    assert due == datetime(2026, 1, 2, 13, tzinfo=PARIS)
    assert business_time_between(FR, start, due) == timedelta(hours=8)


def test_business_time_over_thanksgiving_in_new_york() -> None:
    # Wed 2025-11-26 16:00: 1 h to 17:00; Thu 27 Thanksgiving; Fri 28 09:00-10:00 EST.
    start = datetime(2025, 11, 26, 16, tzinfo=NEW_YORK)
    assert add_business_time(US_NY, start, timedelta(hours=2)) == datetime(
        2025, 11, 28, 15, tzinfo=UTC
    )


def test_business_time_between_is_negative_backwards() -> None:
    # Fri 17:00 to Mon 10:00 across the weekend: 1 h + 1 h.
    a = datetime(2025, 6, 13, 17, tzinfo=PARIS)
    b = datetime(2025, 6, 16, 10, tzinfo=PARIS)
    assert business_time_between(FR, a, b) == timedelta(hours=2)
    assert business_time_between(FR, b, a) == timedelta(hours=-2)


def test_a_whole_day_is_23_or_25_hours_on_switch_days() -> None:
    # 00:00-24:00 wall clock: Paris skips 02:00-03:00 on 30 March 2025 and repeats it on
    # 26 October 2025.
    def day_length(day: date) -> timedelta:
        start = datetime.combine(day, time(0), PARIS)
        end = datetime.combine(day + timedelta(days=1), time(0), PARIS)
        return business_time_between(ALWAYS_PARIS, start, end)

    assert day_length(date(2025, 3, 30)) == timedelta(hours=23)
    assert day_length(date(2025, 10, 26)) == timedelta(hours=25)
    assert day_length(date(2025, 6, 1)) == timedelta(hours=24)


def test_an_interval_crossing_the_switch_is_real_elapsed_time() -> None:
    # New York switches at 02:00 on Sun 9 March and Sun 2 November 2025: the 00:00-06:00
    # night opening lasts 5 h and 7 h; the 20:00-24:00 evening is 4 h either way.
    def night(day: date) -> timedelta:
        start = datetime.combine(day, time(0), NEW_YORK)
        return business_time_between(NIGHTS, start, start.replace(hour=12))

    assert night(date(2025, 3, 9)) == timedelta(hours=5)
    assert night(date(2025, 11, 2)) == timedelta(hours=7)
    # Sat 8 March 23:00 EST + 3 h: 1 h to midnight, then 00:00-03:00 EDT is 2 real hours.
    start = datetime(2025, 3, 8, 23, tzinfo=NEW_YORK)
    assert add_business_time(NIGHTS, start, timedelta(hours=3)) == datetime(
        2025, 3, 9, 3, tzinfo=NEW_YORK
    )


def test_a_day_opening_on_a_switch_day_keeps_its_wall_clock_length() -> None:
    # 09:00-18:00 on Sun 30 March 2025 (after the 02:00 switch) is still 9 hours.
    sunday = calendar("Europe/Paris", "09:00-18:00", days=(6,))
    start = datetime(2025, 3, 30, tzinfo=PARIS)
    assert business_time_between(sunday, start, start + timedelta(days=1)) == timedelta(hours=9)


def test_interval_ending_inside_the_skipped_hour_ends_at_the_switch() -> None:
    # 01:00-02:30 on Sun 30 March 2025: at 02:00 clocks jump to 03:00, past 02:30, so the
    # interval closes at the switch (01:00 UTC) after 1 real hour.
    night = calendar("Europe/Paris", "01:00-02:30", days=(6,))
    start = datetime(2025, 3, 30, tzinfo=PARIS)
    assert business_time_between(night, start, start + timedelta(days=1)) == timedelta(hours=1)
    assert wall_clock_instant(PARIS, date(2025, 3, 30), 9000) == datetime(
        2025, 3, 30, 1, tzinfo=UTC
    )


def test_repeated_wall_time_means_its_first_occurrence() -> None:
    # 02:30 happens twice on 26 October 2025 in Paris: first at 00:30 UTC (CEST).
    assert wall_clock_instant(PARIS, date(2025, 10, 26), 9000) == datetime(
        2025, 10, 26, 0, 30, tzinfo=UTC
    )


# --- construction -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: calendar("Mars/Olympus", "09:00-18:00"), "Unknown time zone"),
        (lambda: calendar("Europe/Paris", "09:00-18:00", "XX"), "Unknown public holidays"),
        (lambda: calendar("Europe/Paris", "09:00-18:00", "FR", "99"), "Unknown public holidays"),
        (lambda: calendar("Europe/Paris", "09:00-13:00, 12:00-18:00"), "overlap"),
        (lambda: calendar("Europe/Paris", "18:00-09:00"), "close after it opens"),
        (lambda: calendar("Europe/Paris", "9h-18h"), "HH:MM-HH:MM"),
        (lambda: calendar("Europe/Paris", "09:00-18:00", days=()), "open at least once"),
        (lambda: HolidaySource(None, "57"), "needs a country"),
        (lambda: Closure(date(2025, 8, 15), date(2025, 8, 1)), "before it starts"),
        (lambda: weekly_hours({7: "09:00-18:00"}), "numbered 0"),
    ],
)
def test_invalid_calendars_are_refused_in_plain_words(build: object, message: str) -> None:
    assert callable(build)
    with pytest.raises(ValidationError, match=message):
        build()


def test_opening_interval_reads_and_writes_24_00() -> None:
    interval = OpeningInterval.parse("20:00-24:00")
    assert interval.end_second == 86_400
    assert str(interval) == "20:00-24:00"


def test_equal_calendars_are_equal_and_hash_alike() -> None:
    again = calendar("Europe/Paris", "09:00-18:00", "FR")
    assert again == FR
    assert hash(again) == hash(FR)
    assert again != calendar("Europe/Paris", "09:00-17:00", "FR")


# --- properties ---------------------------------------------------------------------------

# The first examples build holiday sets and timelines; their time is not the code's speed.
cache_warming = settings(deadline=None)
calendars = st.sampled_from(CALENDARS)
instants = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)


def durations(max_hours: int = 3000) -> st.SearchStrategy[timedelta]:
    """Any microsecond count, or whole half-hours, which land exactly on closing times."""
    return st.one_of(
        st.integers(min_value=0, max_value=max_hours * 3_600_000_000).map(
            lambda micros: timedelta(microseconds=micros)
        ),
        st.integers(min_value=0, max_value=2 * max_hours).map(
            lambda halves: timedelta(minutes=30 * halves)
        ),
    )


@cache_warming
@given(calendars, instants, durations())
def test_adding_then_measuring_gives_back_the_duration(
    cal: BusinessCalendar, start: datetime, duration: timedelta
) -> None:
    assert business_time_between(cal, start, add_business_time(cal, start, duration)) == duration


@cache_warming
@given(calendars, instants, durations(), durations())
def test_adding_is_monotonic_in_the_duration(
    cal: BusinessCalendar, start: datetime, one: timedelta, other: timedelta
) -> None:
    shorter, longer = sorted((one, other))
    assert add_business_time(cal, start, shorter) <= add_business_time(cal, start, longer)


@cache_warming
@given(calendars, instants, instants, durations())
def test_adding_is_monotonic_in_the_start(
    cal: BusinessCalendar, one: datetime, other: datetime, duration: timedelta
) -> None:
    earlier, later = sorted((one, other))
    assert add_business_time(cal, earlier, duration) <= add_business_time(cal, later, duration)


@cache_warming
@given(calendars, instants, durations())
def test_result_lies_in_or_at_the_end_of_an_open_interval(
    cal: BusinessCalendar, start: datetime, duration: timedelta
) -> None:
    assume(duration > timedelta(0))
    due = add_business_time(cal, start, duration)
    day = due.astimezone(cal.zone).date()
    intervals = reference_intervals(cal, day - timedelta(days=1)) + reference_intervals(cal, day)
    assert any(opens < due <= closes for opens, closes in intervals)


@cache_warming
@given(calendars, instants, durations(max_hours=300))
def test_adding_agrees_with_a_day_by_day_walk(
    cal: BusinessCalendar, start: datetime, duration: timedelta
) -> None:
    assert add_business_time(cal, start, duration) == reference_add(cal, start, duration)


@cache_warming
@given(calendars, st.integers(min_value=2024, max_value=2027))
def test_a_public_holiday_is_never_a_business_day(cal: BusinessCalendar, year: int) -> None:
    source = cal.holidays
    if source.country is not None:
        listed = holidays.country_holidays(source.country, subdiv=source.subdivision, years=year)
        assert set(listed) == public_holidays(source.country, source.subdivision, year)
        assert not any(is_business_day(cal, day) for day in listed)


@cache_warming
@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 1)),
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=1, max_value=30),
)
def test_a_closure_is_never_a_business_day(first: date, length: int, n: int) -> None:
    closure = Closure(first, first + timedelta(days=length))
    cal = calendar("Europe/Paris", "09:00-18:00", "FR", closures=(closure,))
    assert not any(
        is_business_day(cal, first + timedelta(days=offset)) for offset in range(length + 1)
    )
    landed = nth_business_day_after(cal, first - timedelta(days=1), n)
    assert landed > closure.last


@cache_warming
@given(calendars, st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 6, 1)))
def test_nth_business_day_agrees_with_counting_day_by_day(cal: BusinessCalendar, day: date) -> None:
    counted: list[date] = []
    cursor = day
    while len(counted) < 25:
        cursor += timedelta(days=1)
        if reference_is_business_day(cal, cursor):
            counted.append(cursor)
    assert [nth_business_day_after(cal, day, n) for n in range(1, 26)] == counted


# --- reference implementations, deliberately naive ----------------------------------------


def reference_is_business_day(cal: BusinessCalendar, day: date) -> bool:
    source = cal.holidays
    listed = (
        holidays.country_holidays(source.country, subdiv=source.subdivision, years=day.year)
        if source.country
        else {}
    )
    closed = any(closure.first <= day <= closure.last for closure in cal.closures)
    return bool(cal.opening_hours[day.weekday()]) and day not in listed and not closed


def reference_intervals(cal: BusinessCalendar, day: date) -> list[tuple[datetime, datetime]]:
    if not reference_is_business_day(cal, day):
        return []
    midnight = datetime.combine(day, time(0), cal.zone)
    return [
        (
            (midnight.replace(tzinfo=None) + timedelta(seconds=interval.start_second))
            .replace(tzinfo=cal.zone)
            .astimezone(UTC),
            (midnight.replace(tzinfo=None) + timedelta(seconds=interval.end_second))
            .replace(tzinfo=cal.zone)
            .astimezone(UTC),
        )
        for interval in cal.opening_hours[day.weekday()]
    ]


def reference_add(cal: BusinessCalendar, start: datetime, duration: timedelta) -> datetime:
    if not duration:
        return start
    left, day = duration, start.astimezone(cal.zone).date() - timedelta(days=1)
    while True:
        for opens, closes in reference_intervals(cal, day):
            available = closes - max(opens, start)
            if available <= timedelta(0):
                continue
            if left <= available:
                return max(opens, start) + left
            left -= available
        day += timedelta(days=1)

"""Deadline counting conventions, checked against hand-computed dates.

Convention under test: N days count from the day after the receipt date (local date in the
calendar's time zone); the due date is the N-th counted day; the deadline ends at the last
microsecond of that local day (or at close of business for UK summary resolutions).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.promises.calendar import (
    BusinessCalendar,
    Closure,
    HolidaySource,
    weekly_hours,
)
from complaintdesk.domain.promises.deadlines import (
    DeadlineRule,
    DeadlineUnit,
    DueBy,
    add_months,
    due_date,
    due_instant,
    end_of_day,
    summary_resolution_due,
)

PARIS = ZoneInfo("Europe/Paris")
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
U = DeadlineUnit


def office(zone: str, hours: str, country: str, subdivision: str | None = None) -> BusinessCalendar:
    """A calendar open ``hours`` Monday to Friday."""
    week = weekly_hours(dict.fromkeys(range(5), hours))
    return BusinessCalendar(zone, week, HolidaySource(country, subdivision))


FR = office("Europe/Paris", "09:00-18:00", "FR")
FR_57 = office("Europe/Paris", "09:00-18:00", "FR", "57")
GB_ENG = office("Europe/London", "09:00-17:30", "GB", "ENG")
GB_SCT = office("Europe/London", "09:00-17:30", "GB", "SCT")
US = office("America/New_York", "09:00-17:00", "US")


def last_instant(year: int, month: int, day: int, zone: ZoneInfo) -> datetime:
    """The inclusive end of a local day: 23:59:59.999999 wall-clock time."""
    return datetime(year, month, day, 23, 59, 59, 999_999, tzinfo=zone)


# --- French jours ouvrables (ACPR 2022-R-01 acknowledgement) -------------------------------


def test_ten_jours_ouvrables_over_14_july() -> None:
    # Received Fri 2025-07-11. Count from Sat 12 (1); Sun 13 no; Mon 14 Bastille Day no;
    # Tue 15 (2), Wed 16 (3), Thu 17 (4), Fri 18 (5), Sat 19 (6); Sun 20 no; Mon 21 (7),
    # Tue 22 (8), Wed 23 (9), Thu 24 (10). Due by the end of Thu 24 July, Paris time (CEST).
    rule = DeadlineRule(10, U.WORKING_DAYS, FR)
    received = datetime(2025, 7, 11, 10, tzinfo=PARIS)
    assert due_date(received, rule) == date(2025, 7, 24)
    assert due_instant(received, rule) == last_instant(2025, 7, 24, PARIS)
    assert due_instant(received, rule) == datetime(2025, 7, 24, 21, 59, 59, 999_999, tzinfo=UTC)


def test_ten_jours_ouvrables_over_the_may_bridges() -> None:
    # Received Wed 2025-04-30. Thu 1 May no; Fri 2 (1), Sat 3 (2); Sun no; Mon 5 (3),
    # Tue 6 (4), Wed 7 (5); Thu 8 May (Victory Day) no; Fri 9 (6), Sat 10 (7); Sun no;
    # Mon 12 (8), Tue 13 (9), Wed 14 (10).
    rule = DeadlineRule(10, U.WORKING_DAYS, FR)
    assert due_date(datetime(2025, 4, 30, 9, tzinfo=PARIS), rule) == date(2025, 5, 14)


@pytest.mark.parametrize(
    ("cal", "expected"),
    [
        # Received Wed 2025-12-24. FR: Thu 25 no; Fri 26 (1), Sat 27 (2); Sun no; Mon 29 (3),
        # Tue 30 (4), Wed 31 (5); Thu 1 Jan no; Fri 2 (6), Sat 3 (7); Sun no; Mon 5 (8),
        # Tue 6 (9), Wed 7 (10).
        (FR, date(2026, 1, 7)),
        # FR-57: 26 December is a holiday too, so everything shifts by one: Thu 8 January.
        (FR_57, date(2026, 1, 8)),
    ],
)
def test_ten_jours_ouvrables_over_the_year_end(cal: BusinessCalendar, expected: date) -> None:
    rule = DeadlineRule(10, U.WORKING_DAYS, cal)
    assert due_date(datetime(2025, 12, 24, 15, tzinfo=PARIS), rule) == expected


def test_receipt_date_is_the_local_date_in_the_calendar_zone() -> None:
    # 2025-03-02 23:30 UTC is Mon 3 March 00:30 in Paris: count from Tue 4. Tue 4 (1),
    # Wed 5 (2), Thu 6 (3), Fri 7 (4), Sat 8 (5); Sun no; Mon 10 (6) ... Fri 14 (10).
    # (Counting from the UTC date, Sunday 2 March, would wrongly give Thu 13.)
    rule = DeadlineRule(10, U.WORKING_DAYS, FR)
    assert due_date(datetime(2025, 3, 2, 23, 30, tzinfo=UTC), rule) == date(2025, 3, 14)


# --- months (ACPR answer within 2 months) -------------------------------------------------


def test_two_months_from_31_december_is_end_of_february() -> None:
    # 2024-12-31 + 2 months = 31 February, which does not exist: 28 February 2025. Due by
    # the end of that day, Paris winter time (UTC+1).
    rule = DeadlineRule(2, U.MONTHS, FR)
    received = datetime(2024, 12, 31, 15, tzinfo=PARIS)
    assert due_date(received, rule) == date(2025, 2, 28)
    assert due_instant(received, rule) == datetime(2025, 2, 28, 22, 59, 59, 999_999, tzinfo=UTC)


def test_two_months_in_a_leap_year_ends_on_29_february() -> None:
    # 2023-12-31 + 2 months: February 2024 has 29 days.
    rule = DeadlineRule(2, U.MONTHS, FR)
    assert due_date(datetime(2023, 12, 31, 12, tzinfo=PARIS), rule) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 15), 2, date(2025, 3, 15)),  # same day number
        (date(2025, 1, 31), 1, date(2025, 2, 28)),  # clamped to a short month
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap February
        (date(2025, 8, 31), 2, date(2025, 10, 31)),  # October has a 31st
        (date(2025, 8, 31), 1, date(2025, 9, 30)),  # September has not
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # a year later there is no 29th
        (date(2025, 11, 30), 2, date(2026, 1, 30)),  # across the year end
        (date(2025, 12, 15), 1, date(2026, 1, 15)),  # December to January
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


# --- business days (payment services) -----------------------------------------------------


@pytest.mark.parametrize(
    ("cal", "expected"),
    [
        # Received Thu 2025-04-10, FR. Fri 11 (1); Mon 14 (2) ... Fri 18 (6: Good Friday
        # is worked in France); Mon 21 Easter Monday no; Tue 22 (7) ... Fri 25 (10);
        # Mon 28 (11), Tue 29 (12), Wed 30 (13); Thu 1 May no; Fri 2 (14); Mon 5 May (15).
        (FR, date(2025, 5, 5)),
        # FR-57 also skips Good Friday 18 April: one more day, Tue 6 May.
        (FR_57, date(2025, 5, 6)),
    ],
)
def test_fifteen_business_days_across_easter(cal: BusinessCalendar, expected: date) -> None:
    rule = DeadlineRule(15, U.BUSINESS_DAYS, cal)
    received = datetime(2025, 4, 10, 11, tzinfo=PARIS)
    assert due_date(received, rule) == expected
    assert due_instant(received, rule) == end_of_day(cal, expected)


def test_thirty_five_business_days_across_may_holidays() -> None:
    # From the 15th day above (Mon 5 May, FR): Tue 6 (16), Wed 7 (17); Thu 8 May no;
    # Fri 9 (18); 12-16 May (19-23); 19-23 May (24-28); Mon 26 (29), Tue 27 (30),
    # Wed 28 (31); Thu 29 Ascension no; Fri 30 (32); Mon 2 June (33), Tue 3 (34), Wed 4 (35).
    rule = DeadlineRule(35, U.BUSINESS_DAYS, FR)
    assert due_date(datetime(2025, 4, 10, 11, tzinfo=PARIS), rule) == date(2025, 6, 4)


def test_fifteen_uk_business_days_over_two_may_bank_holidays() -> None:
    # Received Fri 2025-05-02, England. Mon 5 May bank holiday no; Tue 6 (1) ... Fri 9 (4);
    # 12-16 May (5-9); 19-23 May (10-14); Mon 26 May spring bank holiday no; Tue 27 (15).
    rule = DeadlineRule(15, U.BUSINESS_DAYS, GB_ENG)
    assert due_date(datetime(2025, 5, 2, 16, tzinfo=LONDON), rule) == date(2025, 5, 27)


def test_open_days_follow_closures_but_regulatory_business_days_do_not() -> None:
    # The office is shut 4-15 August 2025. Received Fri 1 Aug:
    # open days: Mon 18 (1) ... Fri 22 (5); business days ignore the closure: Fri 8 (5).
    shut = BusinessCalendar(
        "Europe/Paris",
        FR.opening_hours,
        FR.holidays,
        (Closure(date(2025, 8, 4), date(2025, 8, 15)),),
    )
    received = datetime(2025, 8, 1, 10, tzinfo=PARIS)
    assert due_date(received, DeadlineRule(5, U.OPEN_DAYS, shut)) == date(2025, 8, 22)
    assert due_date(received, DeadlineRule(5, U.BUSINESS_DAYS, shut)) == date(2025, 8, 8)


# --- weeks (FCA DISP final response within 8 weeks) ----------------------------------------


def test_eight_weeks_in_england() -> None:
    # Received Mon 2025-03-03: 56 days later is Mon 28 April (3 + 28 = 31 March,
    # + 28 = 28 April). London is on summer time (UTC+1) by then.
    rule = DeadlineRule(8, U.WEEKS, GB_ENG)
    received = datetime(2025, 3, 3, 10, tzinfo=LONDON)
    assert due_date(received, rule) == date(2025, 4, 28)
    assert due_instant(received, rule) == datetime(2025, 4, 28, 22, 59, 59, 999_999, tzinfo=UTC)


def test_eight_weeks_across_the_end_of_summer_time() -> None:
    # 2025-09-10 + 56 days: 20 more to 30 Sept, 31 to 31 Oct, 5 to Wed 5 November (GMT).
    rule = DeadlineRule(8, U.WEEKS, GB_ENG)
    received = datetime(2025, 9, 10, 10, tzinfo=LONDON)
    assert due_instant(received, rule) == datetime(2025, 11, 5, 23, 59, 59, 999_999, tzinfo=UTC)


# --- summary resolution (FCA DISP 1.5: close of business, third business day) --------------


@pytest.mark.parametrize(
    ("cal", "expected"),
    [
        # Received Tue 2024-12-31. England: Wed 1 Jan no; Thu 2 (1), Fri 3 (2), Mon 6 (3).
        (GB_ENG, datetime(2025, 1, 6, 17, 30, tzinfo=LONDON)),
        # Scotland: 1 and 2 January are both bank holidays: Fri 3 (1), Mon 6 (2), Tue 7 (3).
        (GB_SCT, datetime(2025, 1, 7, 17, 30, tzinfo=LONDON)),
    ],
)
def test_summary_resolution_around_2_january(cal: BusinessCalendar, expected: datetime) -> None:
    assert summary_resolution_due(datetime(2024, 12, 31, 11, tzinfo=LONDON), cal) == expected


@pytest.mark.parametrize(
    ("cal", "expected"),
    [
        # Received Thu 2025-04-17. England: Good Friday and Easter Monday off: Tue 22 (1),
        # Wed 23 (2), Thu 24 (3), close of business 17:30 BST = 16:30 UTC.
        (GB_ENG, datetime(2025, 4, 24, 16, 30, tzinfo=UTC)),
        # Scotland has no Easter Monday: Mon 21 (1), Tue 22 (2), Wed 23 (3).
        (GB_SCT, datetime(2025, 4, 23, 16, 30, tzinfo=UTC)),
    ],
)
def test_summary_resolution_over_easter(cal: BusinessCalendar, expected: datetime) -> None:
    assert summary_resolution_due(datetime(2025, 4, 17, 9, tzinfo=LONDON), cal) == expected


def test_summary_resolution_after_hours_still_counts_from_the_next_day() -> None:
    # Received Fri 2025-06-13 at 20:00, after closing: the receipt date is still Friday.
    # Mon 16 (1), Tue 17 (2), Wed 18 (3).
    received = datetime(2025, 6, 13, 20, tzinfo=LONDON)
    assert summary_resolution_due(received, GB_ENG) == datetime(2025, 6, 18, 17, 30, tzinfo=LONDON)


# --- calendar days (CFPB) -----------------------------------------------------------------


def test_cfpb_fifteen_and_sixty_calendar_days() -> None:
    # Received 2025-06-20 in New York. +15 = Sat 5 July (weekends count); +60: 10 days to
    # 30 June, 31 to 31 July, 19 to Tue 19 August. End of day EDT (UTC-4).
    received = datetime(2025, 6, 20, 14, tzinfo=NEW_YORK)
    response = due_instant(received, DeadlineRule(15, U.CALENDAR_DAYS, US))
    final = due_instant(received, DeadlineRule(60, U.CALENDAR_DAYS, US))
    assert response == datetime(2025, 7, 6, 3, 59, 59, 999_999, tzinfo=UTC)
    assert final == datetime(2025, 8, 20, 3, 59, 59, 999_999, tzinfo=UTC)


def test_calendar_days_across_the_end_of_us_summer_time() -> None:
    # 2025-10-20 + 15 = Tue 4 November; New York is back on EST (UTC-5) since 2 November.
    received = datetime(2025, 10, 20, 9, tzinfo=NEW_YORK)
    due = due_instant(received, DeadlineRule(15, U.CALENDAR_DAYS, US))
    assert due == datetime(2025, 11, 5, 4, 59, 59, 999_999, tzinfo=UTC)


@pytest.mark.parametrize(
    ("received_on", "expected"),
    [
        # Due on Sun 30 March 2025, the day Paris springs forward: ends 23:59:59 CEST.
        (date(2025, 3, 29), datetime(2025, 3, 30, 21, 59, 59, 999_999, tzinfo=UTC)),
        # Due on Sun 26 October 2025, the day Paris falls back: ends 23:59:59 CET.
        (date(2025, 10, 25), datetime(2025, 10, 26, 22, 59, 59, 999_999, tzinfo=UTC)),
    ],
)
def test_end_of_a_due_day_with_a_dst_switch(received_on: date, expected: datetime) -> None:
    received = datetime.combine(received_on, time(12), PARIS)
    assert due_instant(received, DeadlineRule(1, U.CALENDAR_DAYS, FR)) == expected


# --- business hours -----------------------------------------------------------------------


def test_sixteen_business_hours_over_a_weekend_and_the_spring_switch() -> None:
    # Fri 2025-03-28 17:00: 1 h on Friday, 9 h on Mon 31 March (now CEST), the last 6 h on
    # Tue 1 April 09:00-15:00.
    rule = DeadlineRule(16, U.BUSINESS_HOURS, FR)
    received = datetime(2025, 3, 28, 17, tzinfo=PARIS)
    assert due_instant(received, rule) == datetime(2025, 4, 1, 15, tzinfo=PARIS)
    assert due_date(received, rule) == date(2025, 4, 1)


# --- rules as data ------------------------------------------------------------------------


@pytest.mark.parametrize("amount", [0, -3, True, 1.5])
def test_a_rule_counts_at_least_one_whole_unit(amount: object) -> None:
    with pytest.raises(ValidationError, match="at least 1 unit"):
        DeadlineRule(amount, U.CALENDAR_DAYS, FR)  # type: ignore[arg-type]


def test_business_hours_cannot_end_at_close_of_business() -> None:
    with pytest.raises(ValidationError, match="business hours"):
        DeadlineRule(4, U.BUSINESS_HOURS, FR, DueBy.CLOSE_OF_BUSINESS)


def test_naive_receipt_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        due_instant(datetime(2025, 1, 2, 10), DeadlineRule(2, U.MONTHS, FR))


def test_rules_are_values() -> None:
    assert DeadlineRule(2, U.MONTHS, FR) == DeadlineRule(2, U.MONTHS, FR)
    assert hash(DeadlineRule(2, U.MONTHS, FR)) == hash(DeadlineRule(2, U.MONTHS, FR))
    assert DeadlineRule(2, U.MONTHS, FR) != DeadlineRule(2, U.MONTHS, FR_57)


# --- properties ---------------------------------------------------------------------------

# The first examples build holiday sets and timelines; their time is not the code's speed.
cache_warming = settings(deadline=None)
calendars = st.sampled_from([FR, FR_57, GB_ENG, GB_SCT, US])
day_units = st.sampled_from(
    [U.CALENDAR_DAYS, U.WORKING_DAYS, U.BUSINESS_DAYS, U.OPEN_DAYS, U.WEEKS, U.MONTHS]
)
instants = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)
rules = st.builds(
    DeadlineRule, st.integers(min_value=1, max_value=40), st.sampled_from(list(U)), calendars
)


@cache_warming
@given(rules, instants)
def test_a_deadline_ends_after_its_receipt(rule: DeadlineRule, received: datetime) -> None:
    assert due_instant(received, rule) > received


@cache_warming
@given(rules, instants, instants)
def test_deadlines_are_monotonic_in_the_receipt(
    rule: DeadlineRule, one: datetime, other: datetime
) -> None:
    earlier, later = sorted((one, other))
    assert due_instant(earlier, rule) <= due_instant(later, rule)


@cache_warming
@given(st.integers(min_value=1, max_value=40), day_units, calendars, instants)
def test_a_day_deadline_ends_at_the_end_of_its_due_date(
    amount: int, unit: DeadlineUnit, cal: BusinessCalendar, received: datetime
) -> None:
    rule = DeadlineRule(amount, unit, cal)
    due = due_instant(received, rule)
    local = due.astimezone(cal.zone)
    assert local.date() == due_date(received, rule)
    assert local.time() == time(23, 59, 59, 999_999)


@cache_warming
@given(
    st.integers(min_value=1, max_value=40),
    st.sampled_from([U.WORKING_DAYS, U.BUSINESS_DAYS]),
    calendars,
    instants,
)
def test_exactly_n_counted_days_after_receipt(
    amount: int, unit: DeadlineUnit, cal: BusinessCalendar, received: datetime
) -> None:
    weekdays = range(6) if unit is U.WORKING_DAYS else range(5)
    source = cal.holidays
    assert source.country is not None
    listed = holidays.country_holidays(
        source.country, subdiv=source.subdivision, years=range(2024, 2030)
    )

    def counts(day: date) -> bool:
        return day.weekday() in weekdays and day not in listed

    received_on = received.astimezone(cal.zone).date()
    due_on = due_date(received, DeadlineRule(amount, unit, cal))
    span = (due_on - received_on).days
    counted = [received_on + timedelta(days=k) for k in range(1, span + 1)]
    assert counts(due_on)
    assert sum(map(counts, counted)) == amount

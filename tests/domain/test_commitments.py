"""When a customer commitment's reminders leave."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from complaintdesk.domain import commitments

ASKED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_a_week_long_commitment_is_reminded_two_days_before_and_on_the_day() -> None:
    due = ASKED + timedelta(days=7)

    assert commitments.schedule(ASKED, due) == (due - timedelta(days=2), due - timedelta(hours=3))


def test_a_commitment_due_tomorrow_is_reminded_half_way_and_on_the_day() -> None:
    due = ASKED + timedelta(days=1)

    assert commitments.schedule(ASKED, due) == (
        ASKED + timedelta(hours=12),
        due - timedelta(hours=3),
    )


def test_a_commitment_due_within_the_hour_gets_no_reminder() -> None:
    assert commitments.schedule(ASKED, ASKED + timedelta(minutes=50)) == ()


def test_the_next_reminder_follows_the_one_sent() -> None:
    due = ASKED + timedelta(days=7)
    first, second = commitments.schedule(ASKED, due)

    assert commitments.next_reminder(ASKED, due, ASKED) == first
    assert commitments.next_reminder(ASKED, due, first) == second
    assert commitments.next_reminder(ASKED, due, second) is None


@given(st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=90)))
def test_reminders_leave_after_the_request_before_the_due_date_in_order(span: timedelta) -> None:
    times = commitments.schedule(ASKED, ASKED + span)

    assert list(times) == sorted(times)
    assert all(ASKED < t < ASKED + span for t in times)
    assert len(times) <= 2

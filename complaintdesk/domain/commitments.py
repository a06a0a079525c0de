"""Customer commitments remind themselves: when, and when one is overdue (principle 3).

A commitment (a document to send, an access to give, a decision to make) gets a reminder
before its due date, when there is time for one, and another on the due date itself. Past
the due date it is overdue: the pause it caused ends and the owner is told.
"""

from __future__ import annotations

from datetime import datetime, timedelta

LEAD = timedelta(days=2)
"""How long before the due date the first reminder leaves."""
ON_THE_DAY = timedelta(hours=3)
"""How long before the due instant the reminder of the day leaves."""
QUIET = timedelta(hours=1)
"""No reminder this soon after the customer was asked (or reminded)."""


def schedule(asked_at: datetime, due_at: datetime) -> tuple[datetime, ...]:
    """Return when reminders leave for a commitment asked at ``asked_at``, due ``due_at``.

    Before the due date (two days before, or half-way for a shorter delay) when that is
    worth it, and on the due date (a few hours before the due instant).
    """
    span = due_at - asked_at
    found: list[datetime] = []
    before = due_at - min(LEAD, span / 2)
    if span >= timedelta(days=1) and before >= asked_at + QUIET:
        found.append(before)
    on_the_day = due_at - ON_THE_DAY
    if on_the_day >= asked_at + QUIET and (not found or on_the_day >= found[-1] + QUIET):
        found.append(on_the_day)
    return tuple(found)


def next_reminder(asked_at: datetime, due_at: datetime, after: datetime) -> datetime | None:
    """Return the first reminder of the schedule later than ``after`` (None: none left)."""
    return next((at for at in schedule(asked_at, due_at) if at > after), None)


def is_overdue(due_at: datetime, now: datetime) -> bool:
    """True once the due instant has passed."""
    return now > due_at

"""Words and times as a person reads them: translated labels, local times.

Services speak in enums and UTC instants; this is the only place they become text, so a
translation or a locale change touches one module.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject, QTimeZone

from complaintdesk.domain.errors import LetterIncomplete
from complaintdesk.domain.vocabulary import (
    Channel,
    ClockState,
    Outcome,
    Priority,
    Role,
    Segment,
    Status,
)
from complaintdesk.services.read_models import QueueKind


def date_format() -> str:
    """Return the locale's short date format with a four-digit year (one format per locale)."""
    pattern = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern


def _moment(instant: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(instant.timestamp() * 1000))


def local_time(instant: datetime | None) -> str:
    """Return ``instant`` (timezone-aware UTC) in local time: the locale's date, 4-digit year."""
    if instant is None:
        return ""
    moment = _moment(instant).toLocalTime()
    locale = QLocale()
    time = locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
    return f"{locale.toString(moment.date(), date_format())} {time}"


def local_date(instant: datetime | None) -> str:
    """Return the local calendar date of ``instant``: the locale's format, 4-digit year."""
    if instant is None:
        return ""
    return QLocale().toString(_moment(instant).toLocalTime().date(), date_format())


def due_text(instant: datetime | None, now: datetime | None = None) -> str:
    """Return a deadline as people say it: "in 3 h", "tomorrow 5:00 PM", "overdue by 2 days".

    Close deadlines count down; further ones name the day (local time); past ones say by
    how much they were missed. The exact instant goes in :func:`exact_time` (a tooltip).
    """
    if instant is None:
        return ""
    now = now or datetime.now(UTC)
    seconds = (instant - now).total_seconds()
    if seconds < 0:
        return _overdue(-seconds)
    if seconds < 3600:
        return _COUNTED.in_minutes(max(1, int(seconds // 60)))
    if seconds < 12 * 3600:
        return _COUNTED.in_hours(int(seconds // 3600))
    due, today = _moment(instant).toLocalTime(), _moment(now).toLocalTime().date()
    time = QLocale().toString(due.time(), QLocale.FormatType.ShortFormat)
    days = today.daysTo(due.date())
    if days == 0:
        return QCoreApplication.translate("Labels", "today {time}").format(time=time)
    if days == 1:
        return QCoreApplication.translate("Labels", "tomorrow {time}").format(time=time)
    if days < 7:
        day = QLocale().dayName(due.date().dayOfWeek(), QLocale.FormatType.LongFormat)
        return QCoreApplication.translate("Labels", "{day} {time}").format(day=day, time=time)
    return local_date(instant)


def due_phrase(instant: datetime, now: datetime | None = None) -> str:
    """Return "due in 3 h", "due tomorrow 5:00 PM" or "overdue by 2 days"."""
    now = now or datetime.now(UTC)
    if instant < now:
        return due_text(instant, now)
    return QCoreApplication.translate("Labels", "due {when}").format(when=due_text(instant, now))


def _overdue(seconds: float) -> str:
    if seconds < 3600:
        return _COUNTED.overdue_minutes(max(1, int(seconds // 60)))
    if seconds < 86400:
        return _COUNTED.overdue_hours(int(seconds // 3600))
    return _COUNTED.overdue_days(int(seconds // 86400))


class Labels(QObject):
    """Words with a count in them ("in 1 h", "overdue by 2 days"), in the "Labels" context.

    Plural forms go through a class's own ``tr``: lupdate only reads the count of those.
    """

    def in_minutes(self, count: int) -> str:
        """Return "in 5 min"."""
        return self.tr("in %n min", "", count)

    def in_hours(self, count: int) -> str:
        """Return "in 3 h"."""
        return self.tr("in %n h", "", count)

    def overdue_minutes(self, count: int) -> str:
        """Return "overdue by 5 min"."""
        return self.tr("overdue by %n min", "", count)

    def overdue_hours(self, count: int) -> str:
        """Return "overdue by 3 h"."""
        return self.tr("overdue by %n h", "", count)

    def overdue_days(self, count: int) -> str:
        """Return "overdue by 2 days"."""
        return self.tr("overdue by %n day(s)", "", count)


_COUNTED = Labels()


def exact_time(instant: datetime | None, zone: str | None = None) -> str:
    """Return the exact instant in the site's time zone, named, and the reader's own if other.

    For example "Monday, December 14, 2026 5:00 PM, Central European Time (4:00 PM here)".
    """
    if instant is None:
        return ""
    locale = QLocale()
    moment = _moment(instant)
    site_zone = QTimeZone(zone.encode()) if zone else QTimeZone.systemTimeZone()
    if not site_zone.isValid():
        site_zone = QTimeZone.utc()
    there = moment.toTimeZone(site_zone)
    date = locale.toString(there.date(), QLocale.FormatType.LongFormat)
    time = locale.toString(there.time(), QLocale.FormatType.ShortFormat)
    name = site_zone.displayName(there, QTimeZone.NameType.LongName, locale) or zone or ""
    text = QCoreApplication.translate("Labels", "{date} {time}, {zone}").format(
        date=date, time=time, zone=name
    )
    here = moment.toLocalTime()
    if here.offsetFromUtc() != there.offsetFromUtc():
        mine = locale.toString(here.time(), QLocale.FormatType.ShortFormat)
        if here.date() != there.date():
            mine = f"{locale.toString(here.date(), date_format())} {mine}"
        text = QCoreApplication.translate("Labels", "{there} ({here} here)").format(
            there=text, here=mine
        )
    return text


def unassigned() -> str:
    """The one word for a complaint nobody owns yet, everywhere it is shown."""
    return QCoreApplication.translate("Labels", "Unassigned")


@cache
def queue_label(queue: QueueKind) -> str:
    """Return the navigation label of a queue."""
    return {
        QueueKind.MINE: QCoreApplication.translate("Labels", "My complaints"),
        QueueKind.TEAM: QCoreApplication.translate("Labels", "Team queue"),
        QueueKind.ASKED: QCoreApplication.translate("Labels", "Asked of my function"),
        QueueKind.ALL_OPEN: QCoreApplication.translate("Labels", "All open"),
        QueueKind.AT_RISK: QCoreApplication.translate("Labels", "At risk"),
        QueueKind.BREACHED: QCoreApplication.translate("Labels", "Late (promise broken)"),
        QueueKind.REGULATORY: QCoreApplication.translate(
            "Labels", "Regulatory deadline at risk or missed"
        ),
        QueueKind.UNASSIGNED: QCoreApplication.translate("Labels", "Unassigned"),
        QueueKind.WAITING: QCoreApplication.translate("Labels", "Waiting"),
        QueueKind.RESOLVED: QCoreApplication.translate("Labels", "Resolved", "queue"),
    }[queue]


@cache
def status_label(status: Status) -> str:
    """Return the label of a lifecycle status."""
    return {
        Status.NEW: QCoreApplication.translate("Labels", "New"),
        Status.ACKNOWLEDGED: QCoreApplication.translate("Labels", "Acknowledged"),
        Status.IN_PROGRESS: QCoreApplication.translate("Labels", "In progress"),
        Status.WAITING_ON_CUSTOMER: QCoreApplication.translate("Labels", "Waiting on customer"),
        Status.WAITING_ON_FUNCTION: QCoreApplication.translate("Labels", "Waiting on function"),
        Status.RESOLVED: QCoreApplication.translate("Labels", "Resolved", "status"),
        Status.CLOSED: QCoreApplication.translate("Labels", "Closed"),
        Status.REOPENED: QCoreApplication.translate("Labels", "Reopened"),
        Status.WITHDRAWN: QCoreApplication.translate("Labels", "Withdrawn"),
        Status.MERGED: QCoreApplication.translate("Labels", "Merged"),
    }[status]


@cache
def priority_label(priority: Priority) -> str:
    """Return the label of a priority."""
    return {
        Priority.URGENT: QCoreApplication.translate("Labels", "Urgent"),
        Priority.HIGH: QCoreApplication.translate("Labels", "High"),
        Priority.NORMAL: QCoreApplication.translate("Labels", "Normal"),
        Priority.LOW: QCoreApplication.translate("Labels", "Low"),
    }[priority]


@cache
def channel_label(channel: Channel) -> str:
    """Return the label of a channel."""
    return {
        Channel.PHONE: QCoreApplication.translate("Labels", "Phone"),
        Channel.EMAIL: QCoreApplication.translate("Labels", "Email"),
        Channel.SOCIAL: QCoreApplication.translate("Labels", "Social"),
        Channel.SHOP: QCoreApplication.translate("Labels", "Shop"),
        Channel.LETTER: QCoreApplication.translate("Labels", "Letter"),
        Channel.INTERNAL: QCoreApplication.translate("Labels", "Internal"),
    }[channel]


@cache
def clock_label(state: ClockState) -> str:
    """Return the label of where a complaint stands against its promises."""
    return {
        ClockState.ON_TRACK: QCoreApplication.translate("Labels", "On track"),
        ClockState.AT_RISK: QCoreApplication.translate("Labels", "At risk"),
        ClockState.BREACHED: QCoreApplication.translate("Labels", "Late"),
        ClockState.PAUSED: QCoreApplication.translate("Labels", "Paused"),
        ClockState.MET: QCoreApplication.translate("Labels", "Promises kept"),
        ClockState.STOPPED: QCoreApplication.translate("Labels", "Stopped"),
    }.get(state, state.value)


@cache
def regulatory_label(state: ClockState) -> str:
    """Return where a regulatory deadline stands (a legal deadline is met or missed)."""
    return {
        ClockState.ON_TRACK: QCoreApplication.translate("Labels", "On track"),
        ClockState.AT_RISK: QCoreApplication.translate("Labels", "At risk"),
        ClockState.BREACHED: QCoreApplication.translate("Labels", "Missed"),
        ClockState.PAUSED: QCoreApplication.translate("Labels", "On track"),  # never paused
        ClockState.MET: QCoreApplication.translate("Labels", "Met"),
        ClockState.STOPPED: QCoreApplication.translate("Labels", "Not running"),
    }[state]


@cache
def role_label(role: Role) -> str:
    """Return the label of a role."""
    return {
        Role.AGENT: QCoreApplication.translate("Labels", "Agent"),
        Role.BRANCH_CLERK: QCoreApplication.translate("Labels", "Branch clerk"),
        Role.FUNCTION_MEMBER: QCoreApplication.translate("Labels", "Function member"),
        Role.SUPERVISOR: QCoreApplication.translate("Labels", "Supervisor"),
        Role.ADMIN: QCoreApplication.translate("Labels", "Administrator"),
    }[role]


def direction_label(direction: str) -> str:
    """Return the label of a message direction (unknown values are shown as stored)."""
    labels = {
        "inbound": QCoreApplication.translate("Labels", "From the customer"),
        "outbound": QCoreApplication.translate("Labels", "To the customer"),
        "note": QCoreApplication.translate("Labels", "Internal note"),
    }
    return labels.get(direction, direction)


def segment_label(segment: str) -> str:
    """Return the label of a customer segment (unknown values are shown as stored)."""
    labels = {
        "standard": QCoreApplication.translate("Labels", "Standard"),
        "premium": QCoreApplication.translate("Labels", "Premium"),
        "professional": QCoreApplication.translate("Labels", "Professional"),
        "vulnerable": QCoreApplication.translate("Labels", "Vulnerable"),
    }
    return labels.get(segment, segment)


@cache
def outcome_label(outcome: Outcome) -> str:
    """Return the label of a resolution outcome."""
    return {
        Outcome.UPHELD: QCoreApplication.translate("Labels", "Upheld"),
        Outcome.PARTLY_UPHELD: QCoreApplication.translate("Labels", "Partly upheld"),
        Outcome.NOT_UPHELD: QCoreApplication.translate("Labels", "Not upheld"),
    }[outcome]


def outcome_text(outcome: str | None) -> str:
    """Return the label of a stored outcome (unknown values are shown as stored)."""
    known = {o.value: o for o in Outcome}
    return outcome_label(known[outcome]) if outcome in known else outcome or ""


def request_state_label(state: str) -> str:
    """Return the label of a contribution request's state."""
    labels = {
        "open": QCoreApplication.translate("Labels", "Waiting for an answer"),
        "answered": QCoreApplication.translate("Labels", "Answered"),
        "declined": QCoreApplication.translate("Labels", "Declined"),
        "cancelled": QCoreApplication.translate("Labels", "Cancelled"),
    }
    return labels.get(state, state)


def commitment_state_label(state: str) -> str:
    """Return the label of a customer commitment's state."""
    labels = {
        "open": QCoreApplication.translate("Labels", "Waiting on the customer"),
        "fulfilled": QCoreApplication.translate("Labels", "Fulfilled"),
        "cancelled": QCoreApplication.translate("Labels", "Cancelled"),
    }
    return labels.get(state, state)


def assignment_label(method: str) -> str:
    """Return the label of how a routing rule picks an owner."""
    labels = {
        "none": QCoreApplication.translate("Labels", "Unassigned: taken from the queue"),
        "round_robin": QCoreApplication.translate("Labels", "Round robin"),
        "least_load": QCoreApplication.translate("Labels", "Least open load"),
    }
    return labels.get(method, method)


def language_label(code: str) -> str:
    """Return the name of a customer's preferred language."""
    labels = {
        "en": QCoreApplication.translate("Labels", "English"),
        "fr": QCoreApplication.translate("Labels", "French"),
    }
    return labels.get(code, code)


SEGMENTS = tuple(Segment)
"""Segments in the order forms offer them."""


def letter_label(kind: str) -> str:
    """Return what a person calls a regulated letter."""
    names = {
        "final_response": QCoreApplication.translate("Labels", "Final response"),
        "summary_resolution": QCoreApplication.translate("Labels", "Summary resolution"),
        "holding_reply": QCoreApplication.translate("Labels", "Holding reply"),
    }
    return names.get(kind, kind)


def error_text(error: Exception) -> str:
    """Return an expected failure in the interface's language where it is built from parts.

    A regulated letter refused for its sections is worded here, naming each section by its
    heading as the letter has it; other failures say what the services said.
    """
    if isinstance(error, LetterIncomplete):
        parts = []
        if error.missing:
            parts.append(
                QCoreApplication.translate("Labels", "missing: {sections}").format(
                    sections=", ".join(f"“{heading}”" for _key, heading in error.missing)
                )
            )
        if error.emptied:
            parts.append(
                QCoreApplication.translate("Labels", "left empty: {sections}").format(
                    sections=", ".join(f"“{heading}”" for _key, heading in error.emptied)
                )
            )
        return QCoreApplication.translate(
            "Labels", "This letter cannot leave as it is — {problems}. Add each section with "
            "its heading and what it must say."
        ).format(problems="; ".join(parts))  # fmt: skip
    return str(error)

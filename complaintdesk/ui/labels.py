"""Words and times as a person reads them: translated labels, local times.

Services speak in enums and UTC instants; this is the only place they become text, so a
translation or a locale change touches one module.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from complaintdesk.domain.customers.duplicates import Reason
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


def local_time(instant: datetime | None) -> str:
    """Return ``instant`` (timezone-aware UTC) in local time, in the user's short format."""
    if instant is None:
        return ""
    moment = QDateTime.fromMSecsSinceEpoch(int(instant.timestamp() * 1000))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def local_date(instant: datetime | None) -> str:
    """Return the local calendar date of ``instant``, in the user's short format."""
    if instant is None:
        return ""
    moment = QDateTime.fromMSecsSinceEpoch(int(instant.timestamp() * 1000))
    return QLocale().toString(moment.date(), QLocale.FormatType.ShortFormat)


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
        "none": QCoreApplication.translate("Labels", "Nobody: taken from the queue"),
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


def duplicate_reasons(reasons: Iterable[Reason]) -> str:
    """Why two customer records look like one person, in the user's language."""
    return "; ".join(_duplicate_reason(reason) for reason in reasons)


def _duplicate_reason(reason: Reason) -> str:
    if reason.contact_kind is not None:
        kind = {
            "phone": QCoreApplication.translate("Labels", "phone"),
            "email": QCoreApplication.translate("Labels", "email"),
            "social": QCoreApplication.translate("Labels", "social handle"),
        }.get(reason.contact_kind, reason.contact_kind)
        return QCoreApplication.translate("Labels", "same {kind} {value}").format(
            kind=kind, value=reason.value
        )
    text = QCoreApplication.translate("Labels", "close name ({score}%) at postcode {postcode}")
    return text.format(score=QLocale().toString(round(reason.score or 0)), postcode=reason.postcode)


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

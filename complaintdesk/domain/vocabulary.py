"""The words of DESIGN.md section 2 as value types shared by every layer."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Channel(StrEnum):
    """Where a message or complaint came in."""

    PHONE = "phone"
    EMAIL = "email"
    SOCIAL = "social"
    SHOP = "shop"
    LETTER = "letter"
    INTERNAL = "internal"


class Status(StrEnum):
    """Lifecycle states of a complaint (DESIGN.md section 5)."""

    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    WAITING_ON_CUSTOMER = "waiting_on_customer"
    WAITING_ON_FUNCTION = "waiting_on_function"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"
    """Merged into another complaint of the same customer: its reference forwards there."""


OPEN_STATUSES = frozenset(
    {
        Status.NEW,
        Status.ACKNOWLEDGED,
        Status.IN_PROGRESS,
        Status.WAITING_ON_CUSTOMER,
        Status.WAITING_ON_FUNCTION,
        Status.REOPENED,
    }
)


class Priority(IntEnum):
    """Lower numbers come first in a queue."""

    URGENT = 1
    HIGH = 2
    NORMAL = 3
    LOW = 4


class Role(StrEnum):
    """What a signed-in user is allowed to do (DESIGN.md section 9)."""

    AGENT = "agent"
    BRANCH_CLERK = "branch_clerk"
    FUNCTION_MEMBER = "function_member"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class ContactKind(StrEnum):
    """Kinds of contact point a customer can be reached or recognised by."""

    EMAIL = "email"
    PHONE = "phone"
    SOCIAL = "social"
    POSTAL = "postal"


class Direction(StrEnum):
    """Whether a message came from the customer, went to them, or stayed inside."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"
    NOTE = "note"


class Segment(StrEnum):
    """Customer segments that routing and promises may depend on."""

    STANDARD = "standard"
    PREMIUM = "premium"
    PROFESSIONAL = "professional"
    VULNERABLE = "vulnerable"


class SiteKind(StrEnum):
    """Kinds of site; each has a short code used in references."""

    HQ = "hq"
    CALL_CENTRE = "call_centre"
    BRANCH = "branch"


class Outcome(StrEnum):
    """How a complaint was decided."""

    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"


class ClockState(StrEnum):
    """Where a complaint stands against its promises."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BREACHED = "breached"
    PAUSED = "paused"
    MET = "met"
    """Closed with every promise kept."""
    STOPPED = "stopped"
    """No promise applies (withdrawn, or no policy)."""


class TargetState(StrEnum):
    """Where one target of a complaint stands (an acknowledgement, a final response…)."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BREACHED = "breached"
    """Overdue, or met after its due instant."""
    PAUSED = "paused"
    """A company promise while the complaint waits on the customer."""
    MET = "met"
    EXTENDED = "extended"
    """A holding reply sent in time moved this deadline to the exceptional one."""
    NOT_NEEDED = "not_needed"
    """An optional target not used: the summary resolution window passed, or no holding
    reply was sent so the exceptional deadline never applied."""
    STOPPED = "stopped"
    """The complaint was withdrawn."""
    DROPPED = "dropped"
    """No longer a target of the complaint's policies (its policy changed)."""


class LetterKind(StrEnum):
    """Letters a regulated preset checks before they leave (DESIGN.md section 6)."""

    FINAL_RESPONSE = "final_response"
    SUMMARY_RESOLUTION = "summary_resolution"
    """UK DISP 1.5.4R: a complaint resolved by the close of the third business day."""
    HOLDING_REPLY = "holding_reply"
    """Payment services: the reasons for the delay and the date of the final response."""

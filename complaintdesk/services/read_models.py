"""Plain read models returned by services; widgets never hold ORM objects."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from complaintdesk.domain.vocabulary import (
    Channel,
    ClockState,
    LetterKind,
    Priority,
    Status,
    TargetState,
)


class QueueKind(StrEnum):
    """The built-in queues of the navigation list."""

    MINE = "mine"
    TEAM = "team"
    ASKED = "asked"
    ALL_OPEN = "all_open"
    UNASSIGNED = "unassigned"
    WAITING = "waiting"
    AT_RISK = "at_risk"
    BREACHED = "breached"
    REGULATORY = "regulatory"
    """Regulatory deadline at risk or missed (supervisors)."""
    RESOLVED = "resolved"


class SortKey(StrEnum):
    """Columns a queue can be sorted on (keyset pages, the complaint id breaks ties)."""

    DUE = "due"
    RECEIVED = "received"
    PRIORITY = "priority"
    REFERENCE = "reference"
    SUBJECT = "subject"
    CUSTOMER = "customer"
    CHANNEL = "channel"
    STATUS = "status"
    OWNER = "owner"
    SITE = "site"
    REGULATORY = "regulatory"
    """The regulatory deadline still owed, the earliest first (none owed: last)."""


@dataclass(frozen=True)
class QueueFilters:
    """What a person narrowed a queue to: each non-empty field is one more AND condition.

    Within a field the values are alternatives (status new OR acknowledged).
    """

    statuses: frozenset[Status] = frozenset()
    owner_ids: frozenset[uuid.UUID] = frozenset()
    function_ids: frozenset[uuid.UUID] = frozenset()
    """The complaint's responsible function."""
    channels: frozenset[Channel] = frozenset()
    site_ids: frozenset[uuid.UUID] = frozenset()
    clock_states: frozenset[ClockState] = frozenset()
    regulatory_states: frozenset[ClockState] = frozenset()
    """Where the regulatory deadline stands (apart from the company's promises)."""
    category_ids: frozenset[uuid.UUID] = frozenset()
    priorities: frozenset[Priority] = frozenset()
    segments: frozenset[str] = frozenset()
    received_after: datetime | None = None
    received_before: datetime | None = None
    older_than_days: int | None = None
    """Received more than this many days before now (kept relative in saved views)."""

    @property
    def empty(self) -> bool:
        """True when nothing narrows the queue."""
        return self == QueueFilters()


@dataclass(frozen=True)
class QueueRequest:
    """Which queue, narrowed how, in which order."""

    queue: QueueKind
    sort: SortKey = SortKey.DUE
    descending: bool = False
    filters: QueueFilters = QueueFilters()


class ComplaintRow(tuple[Any, ...]):
    """One line of a queue table (also a search result): the stored row, read when shown.

    A queue click builds hundreds of lines and shows about thirty. So a line is the tuple
    the database driver returned (``queue_queries.row_statement()``'s columns, as stored:
    text on SQLite, typed values on PostgreSQL), and each field is converted when it is read
    — an instant parsed, a code turned into its enum — which the table does once per painted
    row. Building a line is one C-level tuple copy; converting every field up front cost
    more than the query that read them. The id stays the text the database holds
    (:func:`row_id` of the UUID); :attr:`complaint_id` gives the UUID that services take.
    """

    __slots__ = ()

    @property
    def id(self) -> str:
        """The complaint's id as 32 lower-case hex digits (``uuid.UUID.hex``)."""
        stored = self[0]
        return stored if stored.__class__ is str else str(stored.hex)

    @property
    def reference(self) -> str:
        return str(self[1])

    @property
    def subject(self) -> str:
        return str(self[2])

    @property
    def customer_name(self) -> str:
        return str(self[3])

    @property
    def channel(self) -> Channel:
        return Channel(self[4])

    @property
    def status(self) -> Status:
        return Status(self[5])

    @property
    def priority(self) -> Priority:
        return Priority(self[6])

    @property
    def owner_name(self) -> str | None:
        return self[7] or None  # stored empty while nobody owns the complaint

    @property
    def site_code(self) -> str:
        return str(self[8])

    @property
    def received_at(self) -> datetime:
        return _instant(self[9])

    @property
    def next_due_at(self) -> datetime:
        return _instant(self[10])

    @property
    def clock_state(self) -> ClockState:
        return ClockState(self[11])

    @property
    def version(self) -> int:
        """What a bulk action expects, so a complaint changed meanwhile is refused."""
        return int(self[12])

    @property
    def regulatory_state(self) -> ClockState:
        """Where the regulatory deadline stands (``stopped``: no regulatory preset applies)."""
        return ClockState(self[13])

    @property
    def regulatory_next_due_at(self) -> datetime | None:
        """The earliest regulatory due instant still owed (None: nothing owed)."""
        due = _instant(self[14])
        return None if due.year == NOTHING_OWED_YEAR else due

    @property
    def complaint_id(self) -> uuid.UUID:
        """The complaint's id as services take it."""
        stored = self[0]
        return uuid.UUID(stored) if stored.__class__ is str else stored

    def __repr__(self) -> str:
        return f"ComplaintRow({self.reference!r}, {self.subject!r}, {self.status.value})"


NOTHING_OWED_YEAR = 9999
"""The year a complaint owing no regulatory deadline sorts (and is stored) at."""
_from_iso = datetime.fromisoformat


def _instant(stored: str | datetime) -> datetime:
    """Return a stored instant as aware UTC (SQLite gives naive UTC text, PostgreSQL a datetime)."""
    if stored.__class__ is str:
        return _from_iso(f"{stored}+00:00")
    assert isinstance(stored, datetime)
    return stored.astimezone(UTC)


def row_id(complaint_id: uuid.UUID) -> str:
    """Return the id of a complaint as queue lines hold it (:attr:`ComplaintRow.id`)."""
    return complaint_id.hex


@dataclass(frozen=True)
class QueuePage:
    """A window of a queue and the opaque cursor to fetch the next one (None at the end)."""

    rows: tuple[ComplaintRow, ...]
    cursor: tuple[object, ...] | None


@dataclass(frozen=True)
class ContactView:
    """A customer's contact point."""

    kind: str
    value: str


@dataclass(frozen=True)
class MessageView:
    """One exchange on a complaint's timeline."""

    id: uuid.UUID
    direction: str
    channel: Channel
    sender: str | None
    subject: str | None
    body_text: str
    occurred_at: datetime
    public: bool = False
    """Posted where anyone can read it (a tweet, a comment): agents answer with that in mind."""
    id_clash: bool = False
    """An email whose Message-ID an earlier, different email already carries (both kept)."""
    delivery_state: str | None = None
    """An email or social reply on its way: ``queued``, ``sent`` or ``failed`` (None: not sent
    by ComplaintDesk, or recorded as said)."""
    letter_kind: str | None = None
    """A regulated letter: ``final_response``, ``summary_resolution`` or ``holding_reply``."""


@dataclass(frozen=True)
class TargetView:
    """One target of a complaint with its own clock (an acknowledgement, a final response…)."""

    kind: str
    """``service`` (the company's promise) or ``regulatory``."""
    target: str
    policy_name: str
    starts_at: datetime
    due_at: datetime
    met_at: datetime | None
    state: TargetState


@dataclass(frozen=True)
class RequestView:
    """A contribution request as the owner and the function see it."""

    id: uuid.UUID
    complaint_id: uuid.UUID
    complaint_reference: str
    complaint_subject: str
    function_name: str
    question: str
    requested_at: datetime
    due_at: datetime
    state: str
    answer: str | None
    function_id: uuid.UUID | None = None
    """Lets a screen tell whether the request was asked of the signed-in person's function."""


@dataclass(frozen=True)
class CommitmentView:
    """What the customer promised to provide, and by when."""

    id: uuid.UUID
    description: str
    due_at: datetime
    state: str
    reminders_sent: int
    proposed_at: datetime | None = None
    """When something the customer sent was proposed as fulfilling it (owner to confirm)."""
    overdue_at: datetime | None = None
    """When it was found overdue (its pause ended)."""
    next_reminder_at: datetime | None = None


@dataclass(frozen=True)
class EventView:
    """One line of a complaint's history (from the audit trail)."""

    occurred_at: datetime
    login: str | None
    action: str
    details: dict[str, object]
    entity: str = ""
    """The table the event changed (``complaint``, ``message``, ``contribution_request``…)."""
    entity_id: uuid.UUID | None = None
    names: dict[str, str] = field(default_factory=dict)
    """Display names of what the event refers to by id: ``owner``, ``function``, ``root_cause``,
    and ``who`` (the person who did it)."""


@dataclass(frozen=True)
class RoutingView:
    """Why a complaint sits where it sits, as data: the screen words it in its language."""

    kind: str
    """``rule`` (a rule matched), ``default`` (only the default rule applied) or ``none``."""
    rule_name: str | None
    rule_position: int | None
    matched: tuple[tuple[str, str], ...]
    """(condition, what met it): ``channel``/``segment`` values, a category's name, a site
    code, an amount, the keyword or text found."""
    function_name: str | None
    """What the decision set: the responsible function, priority, team queue and owner."""
    priority: Priority | None
    team_queue: str | None
    """The team queue's name (its code when no administrator has named it)."""
    owner_name: str | None
    assignment: str = "none"
    """How the owner was picked: ``none``, ``round_robin`` or ``least_load``."""


@dataclass(frozen=True)
class ComplaintDetail:
    """Everything the detail pane shows about one complaint."""

    id: uuid.UUID
    reference: str
    subject: str
    description: str
    status: Status
    allowed_next: tuple[Status, ...]
    priority: Priority
    channel: Channel
    site_code: str
    site_name: str
    customer_id: uuid.UUID
    customer_name: str
    customer_segment: str
    contacts: tuple[ContactView, ...]
    owner_name: str | None
    function_name: str | None
    team_queue: str | None
    category_name: str | None
    received_at: datetime
    acknowledge_due_at: datetime | None
    resolution_due_at: datetime | None
    regulatory_due_at: datetime | None
    next_due_at: datetime
    clock_state: ClockState
    outcome: str | None
    amount: Decimal | None
    messages: tuple[MessageView, ...]
    version: int
    owner_id: uuid.UUID | None = None
    routing_explanation: str | None = None
    """Why the complaint sits where it sits: the rule that routed it."""
    requests: tuple[RequestView, ...] = ()
    commitments: tuple[CommitmentView, ...] = ()
    events: tuple[EventView, ...] = ()
    remedy: str | None = None
    root_cause_name: str | None = None
    language: str = "en"
    currency: str | None = None
    routing: RoutingView | None = None
    """Why the complaint sits where it sits, as data (None: no decision recorded)."""
    team_queue_name: str | None = None
    """The team queue's name (its code when unnamed)."""
    site_timezone: str = "UTC"
    """The IANA time zone of the complaint's site (deadlines are shown in it on hover)."""
    opened_as: str | None = None
    """The reference asked for, when that complaint was merged into this one."""
    sent_at: datetime | None = None
    """When the customer sent it, when known (ACPR deadlines count from it)."""
    promise_state: ClockState = ClockState.STOPPED
    """Where the company's own promises stand, apart from the regulatory deadlines."""
    regulatory_state: ClockState = ClockState.STOPPED
    regulatory_next_due_at: datetime | None = None
    regulatory_policy_name: str | None = None
    targets: tuple[TargetView, ...] = ()
    letters: tuple[LetterKind, ...] = (LetterKind.FINAL_RESPONSE,)
    """The regulated letters this complaint's rule knows (Record response offers them)."""
    customer_preferred_channel: Channel | None = None
    """The channel the customer asked to be answered on (None: the one they use last)."""


@dataclass(frozen=True)
class UserView:
    """A user as administrators list them (never the password hash)."""

    id: uuid.UUID
    login: str
    display_name: str
    role: str
    site_code: str
    active: bool

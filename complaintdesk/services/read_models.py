"""Plain read models returned by services; widgets never hold ORM objects."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from complaintdesk.domain.vocabulary import Channel, ClockState, Priority, Status


class QueueKind(StrEnum):
    """The built-in queues of the navigation list."""

    MINE = "mine"
    TEAM = "team"
    ASKED = "asked"
    ALL_OPEN = "all_open"
    UNASSIGNED = "unassigned"
    WAITING = "waiting"
    RESOLVED = "resolved"


class SortKey(StrEnum):
    """Columns a queue can be sorted on through a stored, indexed key."""

    DUE = "due"
    RECEIVED = "received"
    PRIORITY = "priority"


@dataclass(frozen=True)
class QueueRequest:
    """Which queue, in which order."""

    queue: QueueKind
    sort: SortKey = SortKey.DUE
    descending: bool = False


@dataclass(frozen=True)
class ComplaintRow:
    """One line of a queue table."""

    id: uuid.UUID
    reference: str
    subject: str
    customer_name: str
    channel: Channel
    status: Status
    priority: Priority
    owner_name: str | None
    site_code: str
    received_at: datetime
    next_due_at: datetime
    clock_state: ClockState


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


@dataclass(frozen=True)
class UserView:
    """A user as administrators list them (never the password hash)."""

    id: uuid.UUID
    login: str
    display_name: str
    role: str
    site_code: str
    active: bool

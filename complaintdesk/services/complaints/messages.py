"""Messages on a complaint's timeline: what the customer said, what we answered, notes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.lifecycle import InboundEffect, effect_of_inbound
from complaintdesk.domain.plain_text import storable, storable_copy
from complaintdesk.domain.vocabulary import Channel, Direction, LetterKind, Status
from complaintdesk.services.complaints import commitments, letters, lifecycle, notifications
from complaintdesk.services.complaints.access import complaint_for_change, record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.promises import policies
from complaintdesk.storage.models import Complaint, Message
from complaintdesk.storage.unit_of_work import UnitOfWork

SPOKEN = frozenset({Channel.PHONE, Channel.SHOP, Channel.LETTER})
"""Channels where the customer tells us in person (or on paper) what they committed to."""
REOPEN_WINDOW = timedelta(days=30)
"""A closed complaint reopens on a new customer message within this window."""


@dataclass(frozen=True)
class InboundMessage:
    """A customer's message on an existing complaint."""

    channel: Channel
    body: str
    subject: str | None = None
    sender: str | None = None
    occurred_at: datetime | None = None
    external_id: str | None = None
    in_reply_to: str | None = None
    recipient: str | None = None
    body_original: str | None = None
    """The message as it came (e.g. an email's HTML) when ``body`` is a readable rendering."""
    public: bool = False
    """Posted where anyone can read it (a tweet, a comment under a post)."""
    conversation: str | None = None
    """Social: the thread the message belongs to."""
    content_hash: str | None = None
    """Email: what tells a second delivery from another message reusing its Message-ID."""
    id_clash: bool = False
    """Email: another, different message already carries this Message-ID."""


@dataclass(frozen=True)
class InboundOutcome:
    """Where the message landed and what it did."""

    message_id: uuid.UUID
    complaint_id: uuid.UUID
    effect: InboundEffect
    """``reopen`` when it reopened the complaint; ``new_linked`` when too late for that."""


def record_inbound(
    ctx: ServiceContext, complaint_id: uuid.UUID, inbound: InboundMessage
) -> InboundOutcome:
    """Attach a customer's message; reopen a resolved (or recently closed) complaint.

    A closed complaint past the reopening window is left closed and the caller is told
    ``new_linked``: it records a new complaint linked to this one (intake does that).
    """
    with ctx.uow(write=True) as uow:
        now = uow.now()  # the central server's time when this workstation's clock is off
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, None)
        outcome = record_inbound_in(uow, ctx.actor, complaint, inbound, now)
        uow.commit()
        return outcome


def inbound_effect(complaint: Complaint, now: datetime) -> InboundEffect:
    """Return what a new customer message would do to ``complaint`` (nothing is changed)."""
    return effect_of_inbound(Status(complaint.status), complaint.closed_at, now, REOPEN_WINDOW)


def record_inbound_in(
    uow: UnitOfWork, actor: Actor, complaint: Complaint, inbound: InboundMessage, now: datetime
) -> InboundOutcome:
    """Attach a customer's message inside the caller's unit of work (channels share one)."""
    inbound = storable_copy(inbound)
    effect = inbound_effect(complaint, now)
    message = _message(complaint, inbound, Direction.INBOUND, None, now)
    record(uow, actor, message, "message_recorded", complaint.id)
    if inbound.channel in SPOKEN:  # a call, a visit, a letter: maybe what was awaited
        commitments.note_delivery(uow, actor, complaint, message.id, [inbound.channel.value])
    if effect is InboundEffect.REOPEN:
        _reopen(uow, actor, complaint)
    return InboundOutcome(message.id, complaint.id, effect)


def _reopen(uow: UnitOfWork, actor: Actor, complaint: Complaint) -> None:
    lifecycle.move(uow, actor, complaint, Status.REOPENED)
    lifecycle.move(uow, actor, complaint, Status.IN_PROGRESS)
    notifications.notify(
        uow,
        complaint.owner_id,
        "reopened",
        f"{complaint.reference} reopened: the customer wrote again.",
        complaint.id,
    )


def record_response(
    ctx: ServiceContext,
    complaint_id: uuid.UUID,
    channel: Channel,
    body: str,
    expected_version: int,
    *,
    letter: LetterKind | None = None,
    promised_by: date | None = None,
) -> uuid.UUID:
    """Record an answer given to the customer (phone, counter, letter, email, social).

    Any channel counts as a response for the promise clocks (DESIGN.md section 6).

    Args:
        letter: the answer is a regulated letter (a final response, a summary resolution,
            a holding reply): the complaint's preset checks the text before it is recorded.
        promised_by: for a holding reply, the date it promises the final response by.

    Raises:
        LetterIncomplete: the letter lacks sections its preset requires, or left them
            empty; the message names them and nothing is recorded.
        ValidationError: an empty answer; a holding reply without a believable date.
    """
    body = storable(body)
    if not body.strip():
        raise ValidationError("Write what was said to the customer.")
    with ctx.uow(write=True) as uow:
        now = uow.now()
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, expected_version)
        until = letters.before_sending(uow, ctx.actor, complaint, letter, body, promised_by)
        message = _message(
            complaint, InboundMessage(channel, body), Direction.OUTBOUND, ctx.actor.user_id, now
        )
        message.letter_kind = letter.value if letter else None
        record(uow, ctx.actor, message, "response_recorded", complaint.id)
        if letter is not None:
            letters.note_sent(uow, ctx.actor, complaint, letter, now, until)
        else:
            note_response(uow, ctx.actor, complaint, now)
        uow.commit()
        return message.id


def note_response(uow: UnitOfWork, actor: Actor, complaint: Complaint, now: datetime) -> None:
    """Stop the first-response clock if this is the first answer the customer got."""
    if complaint.first_response_at is None:
        complaint.first_response_at = now
        policies.refresh(uow, complaint, now)
        record(uow, actor, complaint, "first_response", complaint.id)


def add_note(ctx: ServiceContext, complaint_id: uuid.UUID, text: str) -> uuid.UUID:
    """Add an internal note (never shown to the customer)."""
    text = storable(text)
    if not text.strip():
        raise ValidationError("The note is empty.")
    with ctx.uow(write=True) as uow:
        now = uow.now()
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, None)
        message = _message(
            complaint,
            InboundMessage(Channel.INTERNAL, text),
            Direction.NOTE,
            ctx.actor.user_id,
            now,
        )
        record(uow, ctx.actor, message, "note_added", complaint.id)
        uow.commit()
        return message.id


def _message(
    complaint: Complaint,
    given: InboundMessage,
    direction: Direction,
    author: uuid.UUID | None,
    now: datetime,
) -> Message:
    return Message(
        complaint_id=complaint.id,
        customer_id=complaint.customer_id,
        direction=direction.value,
        channel=given.channel.value,
        sender=given.sender,
        subject=given.subject,
        body_text=given.body.strip(),
        occurred_at=given.occurred_at or now,
        recorded_at=now,
        external_id=given.external_id,
        in_reply_to=given.in_reply_to,
        recipient=given.recipient,
        body_original=given.body_original,
        author_id=author,
        public=given.public,
        conversation=given.conversation,
        content_hash=given.content_hash,
        id_clash=given.id_clash,
    )

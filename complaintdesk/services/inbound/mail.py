"""Storing one inbound email: deduplicated, threaded to its complaint or opening one.

One message is one unit of work: the message, its attachments, the complaint it opens, the
acknowledgement it queues and the mailbox folder's read position are committed together,
so a process killed at any point loses nothing and stores nothing twice when rerun.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from functools import partial

from sqlalchemy import exc, select

from complaintdesk.domain.customers.language import guess
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.lifecycle import InboundEffect
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.plain_text import storable_copy
from complaintdesk.domain.reference import REFERENCE_IN_TEXT
from complaintdesk.domain.vocabulary import Channel, ContactKind, Direction
from complaintdesk.services.complaints import attachments, intake, messages, notifications, routing
from complaintdesk.services.complaints.access import record
from complaintdesk.services.complaints.commitments import note_delivery
from complaintdesk.services.complaints.merging import forward
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.insight import surveys
from complaintdesk.services.outbound import mailboxes, outbox, templates
from complaintdesk.services.outbound.mailboxes import FolderPosition
from complaintdesk.services.promises import policies
from complaintdesk.storage import lookups
from complaintdesk.storage.memo import Memo
from complaintdesk.storage.models import Complaint, Message
from complaintdesk.storage.unit_of_work import UnitOfWork

DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024


@dataclass(frozen=True)
class IncomingAttachment:
    """A file that came with an email, as decoded from its MIME part."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class InboundEmail:
    """What the email channel read from one message."""

    message_id: str
    """``<…>``; a synthetic one (hash of the bytes) when the message had none."""
    subject: str
    sender: str | None
    sender_name: str | None
    recipients: str | None
    received_at: datetime | None
    body_text: str
    body_original: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    attachments: tuple[IncomingAttachment, ...]
    automatic: str | None
    """Why a machine wrote it (auto-reply, bounce, list), or None."""
    language: str | None
    sent_at: datetime | None = None  # the Date header: intake keeps it when believable


@dataclass(frozen=True)
class IngestOptions:
    """How messages are taken in."""

    max_attachment_bytes: int = DEFAULT_ATTACHMENT_LIMIT
    site_code: str | None = None
    """Site whose reference sequence new complaints take (None: the caller's site)."""
    own_addresses: frozenset[str] = frozenset()
    """Our mailboxes' addresses: mail from them is a loop, recorded as automatic."""


DEFAULT_OPTIONS = IngestOptions()


@dataclass
class ReadOnce:
    """Configuration read once for a run of many messages instead of once per message.

    Routing rules, service-level policies and the sending address change rarely: read once
    per file ingestion or poll. Only plain values are kept (never closed transactions' rows).
    """

    values: Memo = field(default_factory=Memo)

    def lend(self, uow: UnitOfWork) -> None:
        """Give ``uow`` what earlier messages already read."""
        uow.memo.update(self.values)

    def keep(self, uow: UnitOfWork) -> None:
        """Keep what ``uow`` read for the next messages."""
        self.values.update(uow.memo.only(_SHAREABLE))


_SHAREABLE = (
    policies.POLICIES,
    routing.RULES,
    outbox.DEFAULT_FROM,
    templates.TEMPLATES,
    outbox.SITES,
)


class Handling(StrEnum):
    """What became of one message."""

    OPENED = "opened"
    THREADED = "threaded"
    AUTOMATIC = "automatic"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class IngestOutcome:
    """One message's fate, for the summary a person or script reads."""

    handling: Handling
    message_id: uuid.UUID | None
    complaint_id: uuid.UUID | None
    reference: str | None = None
    acknowledgement_id: uuid.UUID | None = None


def ingest_email(
    ctx: ServiceContext,
    email: InboundEmail,
    options: IngestOptions = DEFAULT_OPTIONS,
    position: FolderPosition | None = None,
    read_once: ReadOnce | None = None,
) -> IngestOutcome:
    """Store one email in one transaction (with the folder position it was read at).

    Args:
        read_once: configuration shared by the messages of one run (read at the first).

    Raises:
        ValidationError: no sender address, or a sender address that is not one; nothing
            is stored (the caller records the folder position apart).
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    stored = storable_copy(email)  # a broken message must not break the database
    advance = None if position is None else partial(mailboxes.advance, position=position)
    return store_once(
        ctx,
        partial(_ingest, actor=ctx.actor, email=stored, options=options),
        partial(_known, message_id=stored.message_id),
        read_once=read_once,
        also=advance,
    )


def store_once(
    ctx: ServiceContext,
    store: Callable[[UnitOfWork], IngestOutcome],
    known: Callable[[UnitOfWork], IngestOutcome | None],
    *,
    read_once: ReadOnce | None = None,
    also: Callable[[UnitOfWork], None] | None = None,
) -> IngestOutcome:
    """Store one inbound item in one transaction, with whatever ``also`` writes in it.

    Args:
        store: stores the item and says what became of it.
        known: what became of the item if it is already stored (None if it is not).
        read_once: configuration shared by the items of one run (read at the first).
        also: written in the same transaction (a folder position, a gateway's cursor).

    Raises:
        PermissionDenied: the caller may not record what customers send.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    try:
        with ctx.uow(write=True) as uow, uow.deferred_writes():
            # Rows are written once, at commit, in batches per table: the lookups below
            # never need this item's own rows (those that do flush explicitly).
            if read_once is not None:
                read_once.lend(uow)
            outcome = store(uow)
            if also is not None:
                also(uow)
            uow.commit()
            if read_once is not None:
                read_once.keep(uow)
            return outcome
    except exc.IntegrityError:
        # Another poller stored the same item between our check and our commit.
        with ctx.uow(write=True) as uow:
            stored = known(uow)
            if stored is None:
                raise
            if also is not None:
                also(uow)
            uow.commit()
            return stored


def _ingest(
    uow: UnitOfWork, actor: Actor, email: InboundEmail, options: IngestOptions
) -> IngestOutcome:
    known = _known(uow, email.message_id)
    if known is not None:
        return known
    complaint = forward(uow, find_thread(uow, email))  # a merged one forwards
    reason = email.automatic or _loop(email, options)
    if reason is not None:
        return _automatic(uow, actor, email, complaint, reason, options)
    if not email.sender:
        raise ValidationError("The message has no sender address: there is nobody to answer.")
    now = datetime.now(UTC)
    scored = surveys.answer_in(uow, actor, _inbound(email), email.references, now)
    if scored is not None:  # the customer answered a satisfaction survey: a score
        return IngestOutcome(Handling.THREADED, *scored)
    if complaint is not None and messages.inbound_effect(complaint, now) is not (
        InboundEffect.NEW_LINKED
    ):
        return _threaded(uow, actor, email, complaint, options, now)
    return _opened(uow, actor, email, complaint, options)


def _known(uow: UnitOfWork, message_id: str) -> IngestOutcome | None:
    found = lookups.message_by_external_id(uow, Channel.EMAIL.value, message_id)
    return None if found is None else IngestOutcome(Handling.DUPLICATE, *found)


def _loop(email: InboundEmail, options: IngestOptions) -> str | None:
    if email.sender and email.sender in options.own_addresses:
        return "sent from one of our own mailboxes (mail loop)"
    return None


def find_thread(uow: UnitOfWork, email: InboundEmail) -> Complaint | None:
    """Return the complaint an email answers: reference in the subject, else its headers."""
    references = REFERENCE_IN_TEXT.findall(email.subject.upper())
    if references:
        found: list[Complaint] = uow.scalars(
            select(Complaint).where(Complaint.reference.in_(references))
        )
        if found:
            return min(found, key=lambda c: references.index(c.reference))
    wanted = list(dict.fromkeys(i for i in (email.in_reply_to, *reversed(email.references)) if i))
    if not wanted:
        return None
    rows = uow.execute(
        select(Message.external_id, Message.complaint_id).where(
            Message.channel == Channel.EMAIL.value,
            Message.external_id.in_(wanted),
            Message.complaint_id.is_not(None),
        )
    ).all()
    by_id: dict[str, uuid.UUID] = dict(rows)
    for message_id in wanted:
        if message_id in by_id:
            return uow.get(Complaint, by_id[message_id])
    return None


def arrival_time(claimed: datetime | None) -> datetime:
    """Return when an item came in: the time it claims, unless it has none or a future one."""
    now = datetime.now(UTC)
    if claimed is None or claimed > now:
        return now
    return claimed


def _inbound(email: InboundEmail) -> messages.InboundMessage:
    return messages.InboundMessage(
        channel=Channel.EMAIL,
        body=email.body_text,
        subject=email.subject[:500] or None,
        sender=email.sender[:300] if email.sender else None,
        occurred_at=arrival_time(email.received_at),
        external_id=email.message_id,
        in_reply_to=email.in_reply_to,
        recipient=email.recipients[:300] if email.recipients else None,
        body_original=email.body_original,
    )


def _automatic(
    uow: UnitOfWork,
    actor: Actor,
    email: InboundEmail,
    complaint: Complaint | None,
    reason: str,
    options: IngestOptions,
) -> IngestOutcome:
    """Record a machine's message on the complaint it concerns (if any); never answer it."""
    given = _inbound(email)
    message = Message(
        complaint_id=complaint.id if complaint else None,
        customer_id=complaint.customer_id if complaint else None,
        direction=Direction.INBOUND.value,
        channel=Channel.EMAIL.value,
        sender=given.sender,
        recipient=given.recipient,
        subject=given.subject,
        body_text=f"[{reason}]\n{email.body_text}".strip(),
        body_original=email.body_original,
        occurred_at=given.occurred_at or datetime.now(UTC),
        recorded_at=datetime.now(UTC),
        external_id=email.message_id,
        in_reply_to=email.in_reply_to,
        automatic=True,
    )
    complaint_id = complaint.id if complaint else None
    record(uow, actor, message, "automatic_message_recorded", complaint_id)
    limit = options.max_attachment_bytes
    attachments.store(uow, actor, message.id, complaint_id, email.attachments, limit)
    return IngestOutcome(Handling.AUTOMATIC, message.id, complaint_id)


def _threaded(
    uow: UnitOfWork,
    actor: Actor,
    email: InboundEmail,
    complaint: Complaint,
    options: IngestOptions,
    now: datetime,
) -> IngestOutcome:
    outcome = messages.record_inbound_in(uow, actor, complaint, _inbound(email), now)
    limit = options.max_attachment_bytes
    attachments.store(uow, actor, outcome.message_id, complaint.id, email.attachments, limit)
    note_delivery(
        uow, actor, complaint, outcome.message_id, [a.filename for a in email.attachments]
    )
    if outcome.effect is InboundEffect.NONE:
        text = f"{complaint.reference}: the customer wrote again."
        notifications.notify(uow, complaint.owner_id, "customer_message", text, complaint.id)
    return IngestOutcome(Handling.THREADED, outcome.message_id, complaint.id, complaint.reference)


def _opened(
    uow: UnitOfWork,
    actor: Actor,
    email: InboundEmail,
    earlier: Complaint | None,
    options: IngestOptions,
) -> IngestOutcome:
    """Open a complaint (linked to ``earlier`` when that one is closed for too long)."""
    new = _new_complaint(email, options)
    settle = partial(_link, earlier.id) if earlier is not None else None
    complaint, result = intake.record_in(uow, actor, new, routing.active_rules(uow), settle)
    assert result.message_id is not None
    limit = options.max_attachment_bytes
    attachments.store(uow, actor, result.message_id, complaint.id, email.attachments, limit)
    acknowledgement = outbox.queue_acknowledgement(
        uow, actor, complaint, email.sender, email.message_id
    )
    return IngestOutcome(
        Handling.OPENED, result.message_id, complaint.id, complaint.reference, acknowledgement.id
    )


def _link(earlier_id: uuid.UUID, complaint: Complaint) -> None:
    complaint.linked_complaint_id = earlier_id


def _new_complaint(email: InboundEmail, options: IngestOptions) -> intake.NewComplaint:
    assert email.sender is not None
    return intake.NewComplaint(
        channel=Channel.EMAIL,
        subject=_subject(email),
        description=email.body_text,
        customer=CustomerInput(
            display_name=email.sender_name or email.sender.split("@")[0],
            contacts=[(ContactKind.EMAIL, email.sender)],
            language=guess(f"{email.subject}\n{email.body_text}", email.language),
        ),
        received_at=arrival_time(email.received_at),
        sent_at=email.sent_at,
        site_code=options.site_code,
        sender=email.sender[:300],
        message_external_id=email.message_id,
        message_original=email.body_original,
        recipient=email.recipients[:300] if email.recipients else None,
        in_reply_to=email.in_reply_to,
    )


def _subject(email: InboundEmail) -> str:
    if email.subject.strip():
        return email.subject
    first_line = next((line for line in email.body_text.splitlines() if line.strip()), "")
    return first_line.strip()[:120] or f"Email from {email.sender}"

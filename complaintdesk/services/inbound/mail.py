"""Storing one inbound email: deduplicated, threaded to its complaint or opening one.

One message is one unit of work (or one savepoint of a batch's, :mod:`.batches`): the
message, its attachments, the complaint it opens, the acknowledgement it queues and the
mailbox folder's read position are committed together, so a process killed at any point
loses nothing and stores nothing twice when rerun. What is
optional (routing, the acknowledgement, notifications) never refuses the message: it waits
with its reason (DESIGN.md principle 7). A message nobody could answer is refused with
:class:`NoUsableSender`, and the channel quarantines it.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from sqlalchemy import select

from complaintdesk.domain.customers.language import guess
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
from complaintdesk.services.inbound.batches import StoreBatch
from complaintdesk.services.inbound.email_message import (
    CLASH_MARK,
    DEFAULT_OPTIONS,
    InboundEmail,
    IngestOptions,
    NoUsableSender,
)
from complaintdesk.services.inbound.storing import (
    Handling,
    IngestOutcome,
    ReadOnce,
    arrival_time,
    store_once,
)
from complaintdesk.services.insight import surveys
from complaintdesk.services.outbound import mailboxes, outbox
from complaintdesk.services.outbound.mailboxes import FolderPosition
from complaintdesk.storage.models import Complaint, Message
from complaintdesk.storage.unit_of_work import UnitOfWork


def ingest_email(
    ctx: ServiceContext,
    email: InboundEmail,
    options: IngestOptions = DEFAULT_OPTIONS,
    position: FolderPosition | None = None,
    read_once: ReadOnce | None = None,
    batch: StoreBatch | None = None,
) -> IngestOutcome:
    """Store one email in one transaction (with the folder position it was read at).

    A Message-ID already stored on a different message (another sender, another text) is
    not a duplicate: this one is stored beside it, flagged (``id_clash``).

    Args:
        read_once: configuration shared by the messages of one run (read at the first).
        batch: store it in this batch's transaction instead (in a savepoint of its own).

    Raises:
        NoUsableSender: a person wrote it but nobody could answer it; nothing is stored
            (the channel quarantines it, with the folder position).
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    stored = storable_copy(email)  # a broken message must not break the database
    digest = content_hash(stored)
    advance = None if position is None else partial(mailboxes.advance, position=position)
    store = partial(_ingest, actor=ctx.actor, email=stored, digest=digest, options=options)
    known = partial(_known, email=stored, digest=digest)
    if batch is not None:
        return batch.store(store, known, also=advance)
    return store_once(ctx, store, known, read_once=read_once, also=advance)


def content_hash(email: InboundEmail) -> str:
    """Return what tells this message from another one that reuses its Message-ID.

    Sender, subject and text with their spacing collapsed, and the attachments' hashes: a
    second delivery of the same message (another folder, CRLF or LF line ends, a copy in an
    mbox) hashes the same; a different message under a reused Message-ID does not.
    """
    parts = [
        email.sender or email.unusable_sender or "",
        " ".join(email.subject.split()),
        " ".join(email.body_text.split()),
        *sorted(f.sha256 for f in email.attachments),
    ]
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "replace")).hexdigest()


def clash_id(message_id: str, digest: str) -> str:
    """Return the external id a message gets when its Message-ID is already another's."""
    return f"{message_id[:480]}{CLASH_MARK}{digest[:16]}"


@dataclass(frozen=True)
class _Identity:
    """How a message is stored: under which external id, with which content hash."""

    external_id: str
    digest: str
    clash: bool


def _ingest(
    uow: UnitOfWork, actor: Actor, email: InboundEmail, digest: str, options: IngestOptions
) -> IngestOutcome:
    known, external_id = _identity(uow, email, digest)
    if known is not None:
        return known
    identity = _Identity(external_id, digest, external_id != email.message_id)
    complaint = forward(uow, find_thread(uow, email))  # a merged one forwards
    reason = email.automatic or _loop(email, options)
    if reason is not None:
        return _automatic(uow, actor, email, identity, complaint, reason, options)
    if not email.sender:
        raise NoUsableSender(_no_sender(email))
    now = datetime.now(UTC)
    inbound = _inbound(email, identity)
    scored = surveys.answer_in(uow, actor, inbound, email.references, now)
    if scored is not None:  # the customer answered a satisfaction survey: a score
        return IngestOutcome(Handling.THREADED, *scored, None, identity.clash)
    if complaint is not None and messages.inbound_effect(complaint, now) is not (
        InboundEffect.NEW_LINKED
    ):
        return _threaded(uow, actor, email, inbound, complaint, options, now)
    return _opened(uow, actor, email, identity, complaint, options)


def _no_sender(email: InboundEmail) -> str:
    if email.unusable_sender:
        said = email.unusable_sender[:200]
        return f"No usable sender address: the message says it is from {said!r}."
    return "The message has no sender address: there is nobody to answer."


def _identity(
    uow: UnitOfWork, email: InboundEmail, digest: str
) -> tuple[IngestOutcome | None, str]:
    """Return (what became of it if it is already stored, the external id to store it under)."""
    second = clash_id(email.message_id, digest)
    rows = uow.execute(
        select(Message.external_id, Message.id, Message.complaint_id, Message.content_hash).where(
            Message.channel == Channel.EMAIL.value,
            Message.external_id.in_([email.message_id, second]),
        )
    ).all()
    found = {row[0]: row for row in rows}
    if second in found:
        return IngestOutcome(Handling.DUPLICATE, found[second][1], found[second][2]), second
    first = found.get(email.message_id)
    if first is None:
        return None, email.message_id
    if first[3] is None or first[3] == digest:  # stored before hashes were kept: the same
        return IngestOutcome(Handling.DUPLICATE, first[1], first[2]), email.message_id
    return None, second


def _known(uow: UnitOfWork, email: InboundEmail, digest: str) -> IngestOutcome | None:
    return _identity(uow, email, digest)[0]


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


def _inbound(email: InboundEmail, identity: _Identity) -> messages.InboundMessage:
    return messages.InboundMessage(
        channel=Channel.EMAIL,
        body=email.body_text,
        subject=email.subject[:500] or None,
        sender=email.sender[:300] if email.sender else None,
        occurred_at=arrival_time(email.received_at),
        external_id=identity.external_id,
        in_reply_to=email.in_reply_to,
        recipient=email.recipients[:300] if email.recipients else None,
        body_original=email.body_original,
        content_hash=identity.digest,
        id_clash=identity.clash,
    )


def _automatic(
    uow: UnitOfWork,
    actor: Actor,
    email: InboundEmail,
    identity: _Identity,
    complaint: Complaint | None,
    reason: str,
    options: IngestOptions,
) -> IngestOutcome:
    """Record a machine's message on the complaint it concerns (if any); never answer it."""
    given = _inbound(email, identity)
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
        external_id=identity.external_id,
        in_reply_to=email.in_reply_to,
        automatic=True,
        content_hash=identity.digest,
        id_clash=identity.clash,
    )
    complaint_id = complaint.id if complaint else None
    record(uow, actor, message, "automatic_message_recorded", complaint_id)
    limit = options.max_attachment_bytes
    attachments.store(uow, actor, message.id, complaint_id, email.attachments, limit)
    return IngestOutcome(Handling.AUTOMATIC, message.id, complaint_id, None, None, identity.clash)


def _threaded(
    uow: UnitOfWork,
    actor: Actor,
    email: InboundEmail,
    inbound: messages.InboundMessage,
    complaint: Complaint,
    options: IngestOptions,
    now: datetime,
) -> IngestOutcome:
    outcome = messages.record_inbound_in(uow, actor, complaint, inbound, now)
    limit = options.max_attachment_bytes
    attachments.store(uow, actor, outcome.message_id, complaint.id, email.attachments, limit)
    note_delivery(
        uow, actor, complaint, outcome.message_id, [a.filename for a in email.attachments]
    )
    if outcome.effect is InboundEffect.NONE:
        text = f"{complaint.reference}: the customer wrote again."
        notifications.notify(uow, complaint.owner_id, "customer_message", text, complaint.id)
    return IngestOutcome(
        Handling.THREADED,
        outcome.message_id,
        complaint.id,
        complaint.reference,
        id_clash=inbound.id_clash,
    )


def _opened(
    uow: UnitOfWork,
    actor: Actor,
    email: InboundEmail,
    identity: _Identity,
    earlier: Complaint | None,
    options: IngestOptions,
) -> IngestOutcome:
    """Open a complaint (linked to ``earlier`` when that one is closed for too long).

    The acknowledgement is a follow-up: one that cannot be written waits in the outbox.
    """
    new = _new_complaint(email, identity, options)
    settle = partial(_link, earlier.id) if earlier is not None else None
    complaint, result = intake.record_in(uow, actor, new, routing.active_rules(uow), settle)
    assert result.message_id is not None
    limit = options.max_attachment_bytes
    attachments.store(uow, actor, result.message_id, complaint.id, email.attachments, limit)
    acknowledgement = outbox.queue_acknowledgement(
        uow, actor, complaint, email.sender, email.message_id
    )
    return IngestOutcome(
        Handling.OPENED,
        result.message_id,
        complaint.id,
        complaint.reference,
        acknowledgement.id,
        identity.clash,
    )


def _link(earlier_id: uuid.UUID, complaint: Complaint) -> None:
    complaint.linked_complaint_id = earlier_id


def _new_complaint(
    email: InboundEmail, identity: _Identity, options: IngestOptions
) -> intake.NewComplaint:
    assert email.sender is not None
    return intake.NewComplaint(
        channel=Channel.EMAIL,
        subject=_subject(email),
        description=email.body_text,
        customer=CustomerInput(
            display_name=email.sender_name or email.sender.split("@")[0],
            contacts=[(ContactKind.EMAIL, email.sender)],
            language=guess(f"{email.subject}\n{email.body_text[:4000]}", email.language),
        ),
        received_at=arrival_time(email.received_at),
        sent_at=email.sent_at,
        site_code=options.site_code,
        sender=email.sender[:300],
        message_external_id=identity.external_id,
        message_original=email.body_original,
        recipient=email.recipients[:300] if email.recipients else None,
        in_reply_to=email.in_reply_to,
        message_content_hash=identity.digest,
        message_id_clash=identity.clash,
    )


def _subject(email: InboundEmail) -> str:
    if email.subject.strip():
        return email.subject
    first_line = next((line for line in email.body_text.splitlines() if line.strip()), "")
    return first_line.strip()[:120] or f"Email from {email.sender}"

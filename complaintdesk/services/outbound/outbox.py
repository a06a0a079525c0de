"""Emails waiting to leave: acknowledgements, replies from the workspace, failed sends.

A queued email is an outbound message with ``delivery_state`` ``queued``; the sender
(:mod:`complaintdesk.services.outbound.delivery`) moves it to ``sent`` or ``failed``. Each carries
a Message-ID of ours from the start, so a customer's answer threads back to its complaint.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select

from complaintdesk.domain.errors import ComplaintDeskError, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Channel, ContactKind, Direction, LetterKind
from complaintdesk.services.complaints import letters, notifications
from complaintdesk.services.complaints.access import complaint_for_change, record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.outbound import mailboxes, template_kinds, template_values, templates
from complaintdesk.storage.memo import MemoKey
from complaintdesk.storage.models import Complaint, ContactPoint, Customer, Message
from complaintdesk.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
QUEUED, SENT, FAILED, HELD = "queued", "sent", "failed", "held"
WAITING = (QUEUED, FAILED)
"""What the sender sends; ``held`` emails wait to be written first (see :func:`write_held`)."""
IN_OUTBOX = (HELD, QUEUED, FAILED)
ACKNOWLEDGEMENT = "acknowledgement"
FALLBACK_DOMAIN = "complaintdesk.invalid"


@dataclass(frozen=True)
class OutboxItem:
    """One outbound email as the agent's outbox lists it."""

    message_id: uuid.UUID
    complaint_id: uuid.UUID | None
    reference: str | None
    recipient: str | None
    subject: str | None
    state: str
    attempts: int
    error: str | None
    queued_at: datetime
    automatic: bool


def queue_acknowledgement(
    uow: UnitOfWork,
    actor: Actor,
    complaint: Complaint,
    recipient: str | None,
    in_reply_to: str | None,
) -> Message:
    """Queue the acknowledgement of a complaint that came by email, in the customer's language.

    It gives the reference and the promised dates, and answers the customer's message
    ``in_reply_to``; it is never sent in answer to a machine (the caller only calls this for
    a message a person wrote). An acknowledgement that cannot be written (a template that
    does not render) never refuses the complaint: it waits in the outbox, ``held`` with the
    reason, administrators are told, and the next send writes it once the template is fixed.
    """
    rendered, problem = acknowledgement_text(uow, complaint)
    message = _outbound(uow, complaint, recipient, rendered.subject, rendered.body)
    message.in_reply_to = in_reply_to
    message.automatic = True
    if problem is not None:
        message.delivery_state, message.delivery_error = HELD, problem[:500]
        notifications.tell_administrators(uow, "acknowledgement_held", _held_text(problem))
    record(uow, actor, message, "acknowledgement_queued", complaint.id)
    return message


def acknowledgement_text(
    uow: UnitOfWork, complaint: Complaint
) -> tuple[templates.Rendered, str | None]:
    """Return the acknowledgement of ``complaint``, or a placeholder and why it failed."""
    try:
        language, values = acknowledgement_values(uow, complaint)
        return templates.render(uow, ACKNOWLEDGEMENT, language, values), None
    except ComplaintDeskError as error:
        problem = str(error)
    except Exception as error:  # a bug must not refuse the complaint: logged in full
        log.exception("the acknowledgement of %s could not be written", complaint.reference)
        problem = f"The acknowledgement could not be written ({type(error).__name__})."
    return templates.Rendered(f"[{complaint.reference}]", ""), problem


def acknowledgement_values(uow: UnitOfWork, complaint: Complaint) -> tuple[str, dict[str, Any]]:
    """Return the customer's language and every value an acknowledgement template may use."""
    customer = uow.get(Customer, complaint.customer_id)
    assert customer is not None
    language = customer.preferred_language
    kind = template_kinds.BY_NAME[ACKNOWLEDGEMENT]
    values = template_values.complaint_values(uow, complaint, language)
    return language, template_values.for_kind(kind, values)


def _held_text(problem: str) -> str:
    return (
        f"Acknowledgements wait in the outbox, not sent: {problem} "
        "Fix the template; the next send writes and sends them."
    )


@dataclass(frozen=True)
class HeldSummary:
    """What :func:`write_held` did: acknowledgements written, and those still held."""

    written: int
    held: int


def write_held(ctx: ServiceContext, *, batch: int = 500) -> HeldSummary:
    """Write the held acknowledgements now that their template may render, oldest first.

    Each batch is one transaction. A batch where none could be written ends the run: the
    template is still broken, and every held email keeps the reason it was not written.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    written = 0
    after: datetime | None = None
    while True:
        with ctx.uow(write=True) as uow:
            found = _held(uow, after, batch)
            done = sum(_write(uow, ctx.actor, message) for message in found)
            uow.commit()
        written += done
        if len(found) < batch or done == 0:
            return HeldSummary(written, _count_held(ctx))
        after = found[-1].recorded_at


def _held(uow: UnitOfWork, after: datetime | None, batch: int) -> list[Message]:
    query = select(Message).where(
        Message.delivery_state == HELD, Message.channel == Channel.EMAIL.value
    )
    if after is not None:
        query = query.where(Message.recorded_at > after)
    found: list[Message] = uow.scalars(query.order_by(Message.recorded_at).limit(batch))
    return found


def _write(uow: UnitOfWork, actor: Actor, message: Message) -> bool:
    complaint = uow.get(Complaint, message.complaint_id) if message.complaint_id else None
    if complaint is None:
        return False
    rendered, problem = acknowledgement_text(uow, complaint)
    if problem is not None:
        message.delivery_error = problem[:500]
        return False
    message.subject, message.body_text = rendered.subject[:500], rendered.body
    message.delivery_state, message.delivery_error = QUEUED, None
    record(uow, actor, message, "acknowledgement_written", complaint.id)
    return True


def _count_held(ctx: ServiceContext) -> int:
    with ctx.uow() as uow:
        found = uow.execute(
            select(func.count())
            .select_from(Message)
            .where(Message.delivery_state == HELD, Message.channel == Channel.EMAIL.value)
        ).scalar()
        return int(found or 0)


SITES = template_values.SITES
"""Each site's name and time zone name by its id, read once per unit of work."""
DEFAULT_FROM = MemoKey[str | None]("default_from")
"""The address answers leave from (None: no mailbox can send), read once per unit of work."""


def queue_email_reply(
    ctx: ServiceContext,
    complaint_id: uuid.UUID,
    body: str,
    expected_version: int,
    *,
    letter: LetterKind | None = None,
    promised_by: date | None = None,
) -> uuid.UUID:
    """Queue the owner's email answer to the customer, threaded on their last email.

    The answer counts as the first response once it has been sent; a regulated letter
    (``letter``) is checked before it is queued and meets its deadlines once sent.

    Args:
        letter: a final response, summary resolution or holding reply.
        promised_by: for a holding reply, the date it promises the final response by.

    Raises:
        LetterIncomplete: the letter lacks sections its rule requires, or left them empty.
        ValidationError: an empty body, or no email address known for the customer.
        ConcurrentEditError: the complaint changed since the person's screen loaded it.
    """
    if not body.strip():
        raise ValidationError("Write the answer before sending it.")
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, expected_version)
        last = _last_customer_email(uow, complaint.id)
        recipient = last.sender if last and last.sender else _customer_email(uow, complaint)
        if recipient is None:
            raise ValidationError(
                "No email address is known for this customer: answer by another channel."
            )
        letters.before_sending(uow, ctx.actor, complaint, letter, body, promised_by, queued=True)
        subject = reply_subject(complaint.reference, last.subject if last else complaint.subject)
        message = _outbound(uow, complaint, recipient, subject, body.strip() + "\n")
        message.in_reply_to = last.external_id if last else None
        message.author_id = ctx.actor.user_id
        message.letter_kind = letter.value if letter else None
        record(uow, ctx.actor, message, "reply_queued", complaint.id)
        uow.commit()
        return message.id


def queue_automatic(
    uow: UnitOfWork,
    actor: Actor,
    complaint: Complaint,
    rendered: templates.Rendered,
    action: str,
) -> Message | None:
    """Queue a message the desk writes on its own (a reminder, a survey) to the customer.

    It goes to the address the customer last wrote from (else the one on their record),
    threaded on their last email; None when no email address is known.
    """
    recipient = customer_address(uow, complaint)
    if recipient is None:
        return None
    last = _last_customer_email(uow, complaint.id)
    message = _outbound(uow, complaint, recipient, rendered.subject, rendered.body)
    message.in_reply_to = last.external_id if last else None
    message.automatic = True
    record(uow, actor, message, action, complaint.id)
    return message


def customer_address(uow: UnitOfWork, complaint: Complaint) -> str | None:
    """Return the email address to write to about ``complaint`` (None: none known)."""
    last = _last_customer_email(uow, complaint.id)
    return last.sender if last and last.sender else _customer_email(uow, complaint)


def reply_subject(reference: str, subject: str | None) -> str:
    """Return ``Re: [REF] subject`` with the reference once, so the answer threads back."""
    text = " ".join((subject or "").split())
    while text.lower().startswith(("re:", "tr:", "fw:", "fwd:")):
        text = text.split(":", 1)[1].strip()
    if reference not in text:
        text = f"[{reference}] {text}".strip()
    return f"Re: {text}"


def _last_customer_email(uow: UnitOfWork, complaint_id: uuid.UUID) -> Message | None:
    """Return the customer's latest email on the complaint (never a robot's)."""
    found: list[Message] = uow.scalars(
        select(Message)
        .where(
            Message.complaint_id == complaint_id,
            Message.channel == Channel.EMAIL.value,
            Message.direction == Direction.INBOUND.value,
            Message.automatic.is_(False),
        )
        .order_by(Message.occurred_at.desc())
        .limit(1)
    )
    return found[0] if found else None


def _customer_email(uow: UnitOfWork, complaint: Complaint) -> str | None:
    found: list[str] = uow.scalars(
        select(ContactPoint.value)
        .where(
            ContactPoint.customer_id == complaint.customer_id,
            ContactPoint.kind == ContactKind.EMAIL.value,
        )
        .order_by(ContactPoint.value)
        .limit(1)
    )
    return found[0] if found else None


def _outbound(
    uow: UnitOfWork, complaint: Complaint, recipient: str | None, subject: str, body: str
) -> Message:
    """Build a queued email with its own Message-ID, sent from the default mailbox."""
    now = datetime.now(UTC)
    sender = _default_from(uow)
    message = Message(
        complaint_id=complaint.id,
        customer_id=complaint.customer_id,
        direction=Direction.OUTBOUND.value,
        channel=Channel.EMAIL.value,
        sender=sender,
        recipient=recipient,
        subject=subject[:500],
        body_text=body,
        occurred_at=now,
        recorded_at=now,
        delivery_state=QUEUED,
        delivery_attempts=0,
    )
    domain = sender.split("@")[1] if sender else FALLBACK_DOMAIN
    message.external_id = f"<{message.id}@{domain}>"
    return message


def _default_from(uow: UnitOfWork) -> str | None:
    """Return the address answers leave from: the first mailbox that can send."""
    return uow.memo.remember(DEFAULT_FROM, lambda: _sending_address(uow))


def _sending_address(uow: UnitOfWork) -> str | None:
    sending = [m for m in mailboxes.configured(uow) if m.smtp_host and m.from_address]
    return sending[0].from_address if sending else None


def list_outbox(
    ctx: ServiceContext, *, include_sent: bool = False, limit: int = 200
) -> tuple[OutboxItem, ...]:
    """Return the emails waiting to leave (failed ones with their error), oldest first."""
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    states = (*IN_OUTBOX, SENT) if include_sent else IN_OUTBOX
    query = (
        select(Message, Complaint.reference)
        .outerjoin(Complaint, Complaint.id == Message.complaint_id)
        .where(Message.delivery_state.in_(states), Message.channel == Channel.EMAIL.value)
        .order_by(Message.delivery_state, Message.recorded_at)
        .limit(limit)
    )
    if not ctx.actor.can(Permission.VIEW_ALL_COMPLAINTS):
        query = query.where(Complaint.site_id == ctx.actor.site_id)
    with ctx.uow() as uow:
        rows = uow.execute(query).all()
        return tuple(_item(message, reference) for message, reference in rows)


def _item(message: Message, reference: str | None) -> OutboxItem:
    return OutboxItem(
        message_id=message.id,
        complaint_id=message.complaint_id,
        reference=reference,
        recipient=message.recipient,
        subject=message.subject,
        state=message.delivery_state or QUEUED,
        attempts=message.delivery_attempts,
        error=message.delivery_error,
        queued_at=message.recorded_at,
        automatic=message.automatic,
    )

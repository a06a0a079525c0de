"""The company's social gateways: configuration, read cursors, and replies waiting to leave.

A reply an agent writes on a social complaint is an outbound message with
``delivery_state`` ``queued``; the social channel POSTs it to the gateway and marks it
``sent`` (keeping the platform's id of the reply, so an answer to it threads back) or
``failed`` with the reason, to be tried again by the next run.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from sqlalchemy import select, update

from complaintdesk.domain.errors import ComplaintDeskError, NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Channel, Direction, LetterKind
from complaintdesk.services.complaints import letters, messages
from complaintdesk.services.complaints.access import complaint_for_change, record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.outbound.outbox import FAILED, QUEUED, SENT, WAITING, OutboxItem
from complaintdesk.storage.models import Complaint, Message, SocialGateway
from complaintdesk.storage.secrets import SecretStore
from complaintdesk.storage.unit_of_work import UnitOfWork

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
"""Hosts a gateway may be reached on without TLS: the token never leaves the machine."""


@dataclass(frozen=True)
class GatewaySettings:
    """A configured gateway; ``token_ref`` names where the token is, never the token."""

    id: uuid.UUID
    name: str
    url: str
    token_ref: str | None
    cursor: str | None
    site_code: str | None
    last_polled_at: datetime | None
    last_error: str | None


@dataclass(frozen=True)
class OutgoingReply:
    """A reply ready to be POSTed to the gateway."""

    message_id: uuid.UUID
    attempts: int
    platform: str
    conversation: str | None
    in_reply_to: str | None
    """``platform:post-id`` of the customer's message answered."""
    recipient: str | None
    text: str
    public: bool


def add_gateway(
    ctx: ServiceContext,
    name: str,
    url: str,
    token: str,
    secrets: SecretStore,
    site_code: str | None = None,
) -> GatewaySettings:
    """Configure a gateway (or reconfigure the one of that name) and keep its token.

    Raises:
        PermissionDenied: the caller may not change the configuration.
        ValidationError: no name, a URL that is not http(s), no token.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    name = name.strip()
    if not name or len(name) > 80:
        raise ValidationError("Name the gateway (at most 80 characters).")
    parts = urlsplit(url.strip())
    local = parts.hostname in LOOPBACK
    if not parts.netloc or not (parts.scheme == "https" or (parts.scheme == "http" and local)):
        raise ValidationError(
            f"{url!r} is not an https:// address (plain http is only for this computer)."
        )
    if not token:
        raise ValidationError("Give the gateway's access token.")
    with ctx.uow(write=True) as uow:
        found = uow.scalars(select(SocialGateway).where(SocialGateway.name == name))
        gateway = found[0] if found else SocialGateway(name=name, url="", active=True)
        gateway.url = url.strip().rstrip("/")
        gateway.site_code = site_code.strip().upper() if site_code else None
        gateway.token_ref = secrets.put(f"gateway-{gateway.id}", token)
        record(uow, ctx.actor, gateway, "gateway_changed" if found else "gateway_added")
        uow.commit()
        return settings_of(gateway)


def settings_of(row: SocialGateway) -> GatewaySettings:
    """Return the read model of a gateway row."""
    return GatewaySettings(
        row.id,
        row.name,
        row.url,
        row.token_ref,
        row.cursor,
        row.site_code,
        row.last_polled_at,
        row.last_error,
    )


def list_gateways(ctx: ServiceContext) -> tuple[GatewaySettings, ...]:
    """Return the active gateways by name (pollers and senders read them)."""
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow() as uow:
        rows = uow.scalars(
            select(SocialGateway).where(SocialGateway.active.is_(True)).order_by(SocialGateway.name)
        )
        return tuple(settings_of(row) for row in rows)


def advance(uow: UnitOfWork, gateway_id: uuid.UUID, cursor: str | None) -> None:
    """Record inside the caller's unit of work that the gateway was read up to ``cursor``.

    A local reading position (like a mailbox's last UID): neither audited nor synced.
    """
    gateway = uow.get(SocialGateway, gateway_id)
    if gateway is None:
        raise NotFound("This gateway is no longer configured.")
    gateway.cursor = cursor
    gateway.last_polled_at = datetime.now(UTC)
    gateway.last_error = None


def note_poll(ctx: ServiceContext, gateway_id: uuid.UUID, error: str | None) -> None:
    """Record when the gateway was last asked and what went wrong, if anything."""
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow(write=True) as uow:
        gateway = uow.get(SocialGateway, gateway_id)
        if gateway is not None:
            gateway.last_polled_at = datetime.now(UTC)
            gateway.last_error = error[:500] if error else None
            uow.commit()


def queue_social_reply(
    ctx: ServiceContext,
    complaint_id: uuid.UUID,
    body: str,
    expected_version: int,
    *,
    public: bool | None = None,
    letter: LetterKind | None = None,
    promised_by: date | None = None,
) -> uuid.UUID:
    """Queue the owner's answer on the customer's social conversation.

    Args:
        public: answer where everyone can read it; None answers as the customer last wrote
            (a comment under a comment, a direct message to a direct message).
        letter: a regulated letter (final response, summary resolution, holding reply),
            checked before it is queued; it meets its deadlines once sent.
        promised_by: for a holding reply, the date it promises the final response by.

    Raises:
        LetterIncomplete: the letter lacks sections its rule requires, or left them empty.
        ValidationError: an empty body, or no social message to answer on this complaint.
        ConcurrentEditError: the complaint changed since the person's screen loaded it.
    """
    if not body.strip():
        raise ValidationError("Write the answer before sending it.")
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, expected_version)
        letters.before_sending(uow, ctx.actor, complaint, letter, body, promised_by, queued=True)
        message = queue_reply_in(uow, ctx.actor, complaint, body, public)
        message.author_id = ctx.actor.user_id
        message.letter_kind = letter.value if letter else None
        record(uow, ctx.actor, message, "social_reply_queued", complaint.id)
        uow.commit()
        return message.id


def queue_reply_in(
    uow: UnitOfWork, actor: Actor, complaint: Complaint, body: str, public: bool | None
) -> Message:
    """Build a reply on the customer's last social conversation (the caller records it).

    Raises:
        ValidationError: no social message to answer on this complaint.
    """
    last = _last_customer_post(uow, complaint)
    if last is None:
        raise ValidationError(
            "The customer never wrote on social media here: answer by another channel."
        )
    now = datetime.now(UTC)
    return Message(
        complaint_id=complaint.id,
        customer_id=complaint.customer_id,
        direction=Direction.OUTBOUND.value,
        channel=Channel.SOCIAL.value,
        recipient=last.sender,
        body_text=body.strip(),
        occurred_at=now,
        recorded_at=now,
        in_reply_to=last.external_id,
        conversation=last.conversation,
        public=last.public if public is None else public,
        delivery_state=QUEUED,
        delivery_attempts=0,
    )


def _last_customer_post(uow: UnitOfWork, complaint: Complaint) -> Message | None:
    found: list[Message] = uow.scalars(
        select(Message)
        .where(
            Message.complaint_id == complaint.id,
            Message.channel == Channel.SOCIAL.value,
            Message.direction == Direction.INBOUND.value,
        )
        .order_by(Message.occurred_at.desc())
        .limit(1)
    )
    return found[0] if found else None


def _waiting(ctx: ServiceContext, limit: int) -> list[OutgoingReply]:
    """Return the social replies queued or failed, oldest first."""
    with ctx.uow() as uow:
        rows: list[Message] = uow.scalars(
            select(Message)
            .where(
                Message.channel == Channel.SOCIAL.value,
                Message.direction == Direction.OUTBOUND.value,
                Message.delivery_state.in_(WAITING),
            )
            .order_by(Message.recorded_at)
            .limit(limit)
        )
        return [
            OutgoingReply(
                m.id,
                m.delivery_attempts,
                (m.in_reply_to or m.recipient or "").split(":")[0],
                m.conversation,
                m.in_reply_to,
                m.recipient,
                m.body_text,
                m.public,
            )
            for m in rows
        ]


def _claim(ctx: ServiceContext, reply: OutgoingReply) -> bool:
    """Move the reply's attempt counter on, unless another sender already took it."""
    with ctx.uow(write=True) as uow:
        claimed = uow.execute(
            update(Message)
            .where(
                Message.id == reply.message_id,
                Message.delivery_attempts == reply.attempts,
                Message.delivery_state.in_(WAITING),
            )
            .values(delivery_attempts=reply.attempts + 1)
        )
        uow.commit()
        return bool(claimed.rowcount == 1)


def _finish(
    ctx: ServiceContext, reply: OutgoingReply, error: str | None, post_id: str | None = None
) -> None:
    """Mark a reply sent (with the platform's id of it) or failed with the reason."""
    now = datetime.now(UTC)
    with ctx.uow(write=True) as uow:
        message = uow.get(Message, reply.message_id)
        assert message is not None
        message.delivery_state = FAILED if error else SENT
        message.delivery_error = error[:500] if error else None
        if error is None:
            message.occurred_at = now
            if post_id:
                message.external_id = f"{reply.platform}:{post_id}"[:500]
        action = "social_reply_failed" if error else "social_reply_sent"
        record(uow, ctx.actor, message, action, message.complaint_id)
        complaint = uow.get(Complaint, message.complaint_id) if message.complaint_id else None
        if error is None and complaint is not None and message.letter_kind:
            letters.note_sent(uow, ctx.actor, complaint, LetterKind(message.letter_kind), now)
        elif error is None and complaint is not None:
            messages.note_response(uow, ctx.actor, complaint, now)
        uow.commit()


Post = Callable[[OutgoingReply], str | None]
"""Sends one reply and returns the platform's id of it (or None); raises
:class:`~complaintdesk.domain.errors.ComplaintDeskError` with the reason it failed."""


@dataclass
class ReplySummary:
    """What one run of the reply sender did."""

    sent: int = 0
    failed: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)


def send_replies(
    ctx: ServiceContext, post: Post | None, problem: str | None = None, limit: int = 200
) -> ReplySummary:
    """Send every queued or failed social reply through ``post``, oldest first.

    Each reply is claimed (so two senders never send it twice), sent outside any
    transaction, then marked ``sent`` (a first response for the promise clocks) or
    ``failed`` with the reason, to be tried again by the next run.

    Args:
        post: sends one reply; None when nothing can be sent, ``problem`` saying why.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    summary = ReplySummary()
    for reply in _waiting(ctx, limit):
        if not _claim(ctx, reply):
            continue  # another sender took it
        reason: str | None = None
        post_id: str | None = None
        if post is None:
            reason = problem or "Nothing can send social replies."
        else:
            try:
                post_id = post(reply)
            except ComplaintDeskError as failure:
                reason = str(failure)
        _finish(ctx, reply, reason, post_id)
        if reason is None:
            summary.sent += 1
        else:
            summary.failed += 1
            summary.failures.append({"message": str(reply.message_id), "error": reason})
    return summary


def list_social_outbox(
    ctx: ServiceContext, *, include_sent: bool = False
) -> tuple[OutboxItem, ...]:
    """Return the social replies waiting to leave (failed ones with their error)."""
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    states = (QUEUED, FAILED, SENT) if include_sent else WAITING
    query = (
        select(Message, Complaint.reference)
        .outerjoin(Complaint, Complaint.id == Message.complaint_id)
        .where(Message.channel == Channel.SOCIAL.value, Message.delivery_state.in_(states))
        .order_by(Message.delivery_state, Message.recorded_at)
    )
    if not ctx.actor.can(Permission.VIEW_ALL_COMPLAINTS):
        query = query.where(Complaint.site_id == ctx.actor.site_id)
    with ctx.uow() as uow:
        rows = uow.execute(query).all()
        return tuple(
            OutboxItem(
                message_id=m.id,
                complaint_id=m.complaint_id,
                reference=reference,
                recipient=m.recipient,
                subject=m.body_text[:80],
                state=m.delivery_state or QUEUED,
                attempts=m.delivery_attempts,
                error=m.delivery_error,
                queued_at=m.recorded_at,
                automatic=m.automatic,
            )
            for m, reference in rows
        )

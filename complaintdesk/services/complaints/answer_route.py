"""Answers go back on the customer's channel: the one they prefer, else the one used last.

One thread whatever the channel: after a merge the complaint holds the calls, emails and
posts of one grievance, and the answer leaves where the customer will read it — an email
threaded on their last email, a reply on their social conversation, or, for a phone or a
letter, a response the agent records once given.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from complaintdesk.domain import cases
from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Channel, ContactKind, Direction
from complaintdesk.services.complaints import replies
from complaintdesk.services.complaints.access import record, visible_complaint
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import Complaint, ContactPoint, Customer, Message
from complaintdesk.storage.unit_of_work import UnitOfWork

CONTACT_OF = {
    Channel.EMAIL: ContactKind.EMAIL,
    Channel.PHONE: ContactKind.PHONE,
    Channel.LETTER: ContactKind.POSTAL,
}
CHOOSABLE = (Channel.EMAIL, Channel.SOCIAL, Channel.PHONE, Channel.LETTER)
"""Channels a customer may prefer to be answered on."""


@dataclass(frozen=True)
class ReplyRoute:
    """Where the answer to a complaint goes, and why.

    Attributes:
        channel: the channel it leaves on.
        address: the email address, social handle, phone number or postal address.
        why: ``preferred`` (the customer's preference), ``last`` (the channel they used
            last) or ``only`` (the one way back known).
        public: a social answer that everyone will read (the customer wrote in public).
        sends: True when the desk sends it (email, social); False when the agent gives it
            (a call, a letter) and records what was said.
    """

    channel: Channel
    address: str | None
    why: str
    public: bool = False

    @property
    def sends(self) -> bool:
        """True when the answer leaves through the desk (email, social gateway)."""
        return self.channel in (Channel.EMAIL, Channel.SOCIAL)


def route(ctx: ServiceContext, complaint_id: uuid.UUID) -> ReplyRoute:
    """Return where an answer to ``complaint_id`` goes.

    Raises:
        NotFound: no such complaint visible to the caller.
        ValidationError: the customer cannot be reached on any channel.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow() as uow:
        return route_in(uow, visible_complaint(uow, ctx.actor, complaint_id))


def route_in(uow: UnitOfWork, complaint: Complaint) -> ReplyRoute:
    """Return the route of an answer to ``complaint`` inside the caller's unit of work."""
    customer = uow.get(Customer, complaint.customer_id)
    assert customer is not None
    ways = _ways_back(uow, complaint)
    preferred = Channel(customer.preferred_channel) if customer.preferred_channel else None
    chosen = cases.reply_channel(preferred, _used_last(uow, complaint), frozenset(ways))
    if chosen is None:
        raise ValidationError(
            f"No way to answer {customer.display_name} is known: add a phone number, an "
            "email or a postal address on the customer card."
        )
    channel, why = chosen
    address, public = ways[channel]
    return ReplyRoute(channel, address, why, public)


def reply(
    ctx: ServiceContext, complaint_id: uuid.UUID, body: str, expected_version: int
) -> tuple[uuid.UUID, ReplyRoute]:
    """Send (or record) the owner's answer on the customer's channel.

    Returns:
        The message id and the route it took.

    Raises:
        ValidationError: an empty answer, or no way back to the customer.
        ConcurrentEditError: the complaint changed since the person's screen showed it.
    """
    taken = route(ctx, complaint_id)
    return replies.deliver(ctx, complaint_id, taken.channel, body, expected_version), taken


def set_preferred_channel(
    ctx: ServiceContext, customer_id: uuid.UUID, channel: Channel | None
) -> None:
    """Record the channel the customer wants answers on (None: the one they use last).

    Raises:
        NotFound: no such customer.
        ValidationError: a channel answers cannot go back on (shop, internal).
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    if channel is not None and channel not in CHOOSABLE:
        raise ValidationError("Answers go back by email, social media, phone or letter.")
    with ctx.uow(write=True) as uow:
        customer = uow.get(Customer, customer_id)
        if customer is None:
            raise NotFound("This customer does not exist.")
        customer.preferred_channel = channel.value if channel is not None else None
        customer.version += 1
        record(uow, ctx.actor, customer, "preferred_channel_set")
        uow.commit()


def _ways_back(uow: UnitOfWork, complaint: Complaint) -> dict[Channel, tuple[str | None, bool]]:
    """Return channel → (address, public) of each way the customer can be answered."""
    ways: dict[Channel, tuple[str | None, bool]] = {}
    points = uow.execute(
        select(ContactPoint.kind, ContactPoint.value)
        .where(ContactPoint.customer_id == complaint.customer_id)
        .order_by(ContactPoint.kind, ContactPoint.value)
    ).all()
    for channel, kind in CONTACT_OF.items():
        found = [value for k, value in points if k == kind.value]
        if found:
            ways[channel] = (found[0], False)
    email = _last_inbound(uow, complaint, Channel.EMAIL)
    if email is not None and email.sender:
        ways[Channel.EMAIL] = (email.sender, False)
    post = _last_inbound(uow, complaint, Channel.SOCIAL)
    if post is not None:
        ways[Channel.SOCIAL] = (post.sender, post.public)
    return ways


def _used_last(uow: UnitOfWork, complaint: Complaint) -> Channel | None:
    """The channel of the customer's latest message on this complaint (else any of theirs)."""
    for where in (
        Message.complaint_id == complaint.id,
        Message.customer_id == complaint.customer_id,
    ):
        found: list[str] = uow.scalars(
            select(Message.channel)
            .where(
                where,
                Message.direction == Direction.INBOUND.value,
                Message.automatic.is_(False),
            )
            .order_by(Message.occurred_at.desc())
            .limit(1)
        )
        if found:
            return Channel(found[0]) if found[0] != Channel.SHOP.value else Channel.PHONE
    return None


def _last_inbound(uow: UnitOfWork, complaint: Complaint, channel: Channel) -> Message | None:
    found: list[Message] = uow.scalars(
        select(Message)
        .where(
            Message.complaint_id == complaint.id,
            Message.channel == channel.value,
            Message.direction == Direction.INBOUND.value,
            Message.automatic.is_(False),
        )
        .order_by(Message.occurred_at.desc())
        .limit(1)
    )
    return found[0] if found else None


__all__ = ["CHOOSABLE", "ReplyRoute", "reply", "route", "route_in", "set_preferred_channel"]

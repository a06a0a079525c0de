"""Which channels an answer to the customer can take, and which one comes first.

Email and social answers leave through ComplaintDesk (the outbox, the social gateway); a
phone call, a word at the counter or a posted letter happened elsewhere and is recorded as
said. Every one counts as a response for the promise clocks (DESIGN.md section 6).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from complaintdesk.domain.cases import reply_channel
from complaintdesk.domain.vocabulary import Channel, ContactKind

SENT = frozenset({Channel.EMAIL, Channel.SOCIAL})
"""Channels on which ComplaintDesk itself sends the answer."""
RECORDED = (Channel.PHONE, Channel.LETTER, Channel.SHOP)
"""Channels where the answer was given elsewhere and is recorded, always offered."""


@dataclass(frozen=True)
class Heard:
    """A message the customer sent on the complaint: on which channel, from where, when."""

    channel: Channel
    sender: str | None
    occurred_at: datetime


@dataclass(frozen=True)
class ReplyChannel:
    """A way to answer the customer."""

    channel: Channel
    sends: bool
    """True: ComplaintDesk sends it; False: it was said elsewhere and is recorded."""
    recipient: str | None = None
    """The address, handle or number it goes to, when one is known."""


def reply_channels(
    contacts: Sequence[tuple[str, str]],
    heard: Sequence[Heard],
    complaint_channel: Channel,
    stated: Channel | None = None,
) -> tuple[ReplyChannel, ...]:
    """Return the ways to answer, the one the answer goes on first.

    Email is offered when an address is known (the last one they wrote from, else their
    first); social only when they wrote on social media on this complaint (an answer goes on
    their conversation); the recorded channels always.

    Args:
        contacts: the customer's contact points as (kind, value).
        heard: the customer's messages on the complaint, in any order.
        complaint_channel: where the complaint came in.
        stated: the channel the customer asked to be answered on, if they said.
    """
    latest = sorted(heard, key=lambda h: h.occurred_at, reverse=True)
    options: list[ReplyChannel] = []
    email = next((h.sender for h in latest if h.channel is Channel.EMAIL and h.sender), None)
    email = email or next((v for k, v in contacts if k == ContactKind.EMAIL.value), None)
    if email:
        options.append(ReplyChannel(Channel.EMAIL, True, email))
    social = next((h for h in latest if h.channel is Channel.SOCIAL), None)
    if social is not None:
        options.append(ReplyChannel(Channel.SOCIAL, True, social.sender))
    phone = next((v for k, v in contacts if k == ContactKind.PHONE.value), None)
    options.append(ReplyChannel(Channel.PHONE, False, phone))
    options += [ReplyChannel(c, False) for c in RECORDED if c is not Channel.PHONE]
    first = preferred(options, latest, complaint_channel, stated)
    return tuple(sorted(options, key=lambda o: o.channel is not first))


def preferred(
    options: Sequence[ReplyChannel],
    heard: Sequence[Heard],
    complaint_channel: Channel,
    stated: Channel | None = None,
) -> Channel:
    """Return the channel to offer first, by the desk's one rule (``cases.reply_channel``).

    The customer's stated preference when it is offered; else the channel they wrote on last
    (else the complaint's own); else the first way back. "Reply to the customer" follows the
    same rule over the ways back that have an address (``answer_route``).
    """
    offered = frozenset(o.channel for o in options)
    latest = sorted(heard, key=lambda h: h.occurred_at, reverse=True)
    used_last = latest[0].channel if latest else complaint_channel
    chosen = reply_channel(stated, used_last, offered)
    return chosen[0] if chosen is not None else (options[0].channel if options else Channel.PHONE)

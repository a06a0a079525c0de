"""Storing one social post or direct message: deduplicated, threaded, or opening a complaint.

A post is one unit of work: the message, the complaint it opens and (for the gateway) the
cursor it was read at are committed together, so a run killed at any point loses nothing
and stores nothing twice when rerun. The external id is ``platform:post-id``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from sqlalchemy import select

from complaintdesk.domain.customers.contacts import normalise_social
from complaintdesk.domain.customers.language import guess
from complaintdesk.domain.errors import ComplaintDeskError, ValidationError
from complaintdesk.domain.lifecycle import InboundEffect
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Channel, ContactKind, Direction
from complaintdesk.services.complaints import intake, merging, messages, notifications, routing
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import company_accounts
from complaintdesk.services.inbound.storing import (
    Handling,
    IngestOutcome,
    ReadOnce,
    arrival_time,
    store_once,
)
from complaintdesk.services.outbound.outbox import SENT
from complaintdesk.storage import lookups
from complaintdesk.storage.models import Complaint, Message
from complaintdesk.storage.unit_of_work import UnitOfWork

PLATFORMS = ("facebook", "instagram", "x")
KINDS = {"message": "direct message", "comment": "comment", "post": "post"}
"""What a post is, and the word agents read (``channel_detail``: ``x post (public)``)."""


@dataclass(frozen=True)
class InboundPost:
    """One customer post, comment or direct message as a social parser read it."""

    platform: str
    """``facebook``, ``instagram`` or ``x``."""
    kind: str
    """``message`` (private), ``comment`` or ``post`` (both public)."""
    post_id: str
    author_id: str
    """The platform's id of the author, or their handle when the source has no id."""
    author_handle: str | None
    author_name: str | None
    text: str
    occurred_at: datetime | None
    conversation: str
    """Thread key: replies in the same conversation go to the same open complaint."""
    in_reply_to: str | None = None
    """The platform id of the post this one answers (tweets, comment replies)."""

    @property
    def external_id(self) -> str:
        """``platform:post-id``: the key that makes a second delivery store nothing."""
        return f"{self.platform}:{self.post_id}"

    @property
    def public(self) -> bool:
        """A post or comment anyone can read; a direct message is private."""
        return self.kind != "message"

    @property
    def contact(self) -> str:
        """The contact point the customer is found by: ``platform:handle``."""
        return f"{self.platform}:{self.author_handle or self.author_id}"


@dataclass(frozen=True)
class SocialOptions:
    """How posts are taken in."""

    site_code: str | None = None
    """Site whose reference sequence new complaints take (None: the caller's site)."""


DEFAULT_OPTIONS = SocialOptions()


def check(post: InboundPost) -> None:
    """Refuse a post that cannot be stored, naming what is wrong.

    Raises:
        ValidationError: unknown platform or kind, no id, no author, no text.
    """
    if post.platform not in PLATFORMS:
        raise ValidationError(f"Unknown social platform {post.platform!r}.")
    if post.kind not in KINDS:
        raise ValidationError(f"Unknown kind of social post {post.kind!r}.")
    if not post.post_id.strip():
        raise ValidationError("The post has no id: it could not be recognised if sent again.")
    if not post.author_id.strip():
        raise ValidationError("The post has no author: there is nobody to answer.")
    if not post.text.strip():
        raise ValidationError("The post has no text.")
    normalise_social(post.contact)


def ingest_post(
    ctx: ServiceContext,
    post: InboundPost,
    options: SocialOptions = DEFAULT_OPTIONS,
    *,
    read_once: ReadOnce | None = None,
    also: Callable[[UnitOfWork], None] | None = None,
) -> IngestOutcome:
    """Store one post in one transaction (with whatever ``also`` writes, e.g. a cursor).

    Raises:
        ValidationError: the post lacks what it needs (see :func:`check`); nothing is stored.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    check(post)

    def store(uow: UnitOfWork) -> IngestOutcome:
        return _known(uow, post.external_id) or _ingest(uow, ctx.actor, post, options)

    return store_once(
        ctx, store, partial(_known, external_id=post.external_id), read_once=read_once, also=also
    )


def _known(uow: UnitOfWork, external_id: str) -> IngestOutcome | None:
    found = lookups.message_by_external_id(uow, Channel.SOCIAL.value, external_id)
    return None if found is None else IngestOutcome(Handling.DUPLICATE, *found)


class NotACustomerPost(ComplaintDeskError):
    """A post of one of our own accounts that answers nothing we know: not stored."""


def _ingest(
    uow: UnitOfWork, actor: Actor, post: InboundPost, options: SocialOptions
) -> IngestOutcome:
    complaint = merging.forward(uow, find_thread(uow, post))  # a merged one forwards
    if company_accounts.is_ours(uow, post.platform, post.author_handle, post.author_id):
        return _own_post(uow, actor, post, complaint)
    now = datetime.now(UTC)
    if complaint is not None and messages.inbound_effect(complaint, now) is not (
        InboundEffect.NEW_LINKED
    ):
        outcome = messages.record_inbound_in(uow, actor, complaint, _inbound(post), now)
        if outcome.effect is InboundEffect.NONE:
            text = f"{complaint.reference}: the customer wrote again on {post.platform}."
            notifications.notify(uow, complaint.owner_id, "customer_message", text, complaint.id)
        return IngestOutcome(
            Handling.THREADED, outcome.message_id, complaint.id, complaint.reference
        )
    settle = partial(_link, complaint.id) if complaint is not None else None
    opened, result = intake.record_in(
        uow, actor, _new_complaint(post, options), routing.active_rules(uow), settle
    )
    return IngestOutcome(Handling.OPENED, result.message_id, opened.id, opened.reference)


def _own_post(
    uow: UnitOfWork, actor: Actor, post: InboundPost, complaint: Complaint | None
) -> IngestOutcome:
    """Record our own post as the answer it is, on the complaint of the post it answers.

    Raises:
        NotACustomerPost: it answers nothing we know (an announcement, an old thread).
    """
    if complaint is None:
        raise NotACustomerPost(f"our own post ({post.contact}), answering nothing we know")
    answered = _answered(uow, post)
    when = arrival_time(post.occurred_at)
    message = Message(
        complaint_id=complaint.id,
        customer_id=complaint.customer_id,
        direction=Direction.OUTBOUND.value,
        channel=Channel.SOCIAL.value,
        sender=post.contact[:300],
        recipient=answered.sender if answered else None,
        body_text=post.text.strip(),
        occurred_at=when,
        recorded_at=datetime.now(UTC),
        external_id=post.external_id,
        in_reply_to=f"{post.platform}:{post.in_reply_to}" if post.in_reply_to else None,
        conversation=(answered.conversation if answered else None) or post.conversation[:300],
        public=post.public,
        delivery_state=SENT,
    )
    record(uow, actor, message, "own_post_recorded", complaint.id)
    messages.note_response(uow, actor, complaint, when)
    return IngestOutcome(Handling.THREADED, message.id, complaint.id, complaint.reference)


def _answered(uow: UnitOfWork, post: InboundPost) -> Message | None:
    if not post.in_reply_to:
        return None
    found: list[Message] = uow.scalars(
        select(Message).where(
            Message.channel == Channel.SOCIAL.value,
            Message.external_id == f"{post.platform}:{post.in_reply_to}",
        )
    )
    return found[0] if found else None


def find_thread(uow: UnitOfWork, post: InboundPost) -> Complaint | None:
    """Return the complaint of the post's conversation, or of the post it answers."""
    wanted = [post.conversation]
    if post.in_reply_to:
        parent = uow.scalars(
            select(Message.conversation).where(
                Message.channel == Channel.SOCIAL.value,
                Message.external_id == f"{post.platform}:{post.in_reply_to}",
            )
        )
        wanted.extend(c for c in parent if c)
    found: list[uuid.UUID] = uow.scalars(
        select(Message.complaint_id)
        .where(
            Message.channel == Channel.SOCIAL.value,
            Message.conversation.in_(wanted),
            Message.complaint_id.is_not(None),
        )
        .order_by(Message.occurred_at.desc())
        .limit(1)
    )
    return uow.get(Complaint, found[0]) if found else None


def _link(earlier_id: uuid.UUID, complaint: Complaint) -> None:
    complaint.linked_complaint_id = earlier_id


def _inbound(post: InboundPost) -> messages.InboundMessage:
    return messages.InboundMessage(
        channel=Channel.SOCIAL,
        body=post.text,
        sender=post.contact[:300],
        occurred_at=arrival_time(post.occurred_at),
        external_id=post.external_id,
        in_reply_to=f"{post.platform}:{post.in_reply_to}" if post.in_reply_to else None,
        public=post.public,
        conversation=post.conversation[:300],
    )


def channel_detail(post: InboundPost) -> str:
    """The agent's word for where the complaint came from, e.g. ``x post (public)``."""
    label = f"{post.platform} {KINDS[post.kind]}"
    return f"{label} (public)" if post.public else label


def _new_complaint(post: InboundPost, options: SocialOptions) -> intake.NewComplaint:
    first_line = next((line for line in post.text.splitlines() if line.strip()), "")
    subject = first_line.strip()[:120] or f"{post.platform} post by {post.contact}"
    return intake.NewComplaint(
        channel=Channel.SOCIAL,
        subject=subject,
        description=post.text,
        customer=CustomerInput(
            display_name=post.author_name or post.author_handle or post.contact,
            contacts=[(ContactKind.SOCIAL, post.contact)],
            language=guess(post.text, None),
        ),
        received_at=arrival_time(post.occurred_at),
        site_code=options.site_code,
        channel_detail=channel_detail(post),
        sender=post.contact[:300],
        message_external_id=post.external_id,
        in_reply_to=f"{post.platform}:{post.in_reply_to}" if post.in_reply_to else None,
        public=post.public,
        conversation=post.conversation[:300],
    )

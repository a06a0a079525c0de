"""Answering from the workspace: one call sends a reply the way its channel needs, or a note.

An email goes to the outbox (threaded on the customer's last email, acknowledged by the
delivery), a social answer to the gateway's queue, a phone call, a word at the counter or a
letter is recorded as said; a note stays inside. What a person was writing is kept as their
draft (theirs only, local to the database they work on) until it is sent or thrown away.
Canned responses come from the template machinery, rendered for the complaint.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.plain_text import storable
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.complaints import messages
from complaintdesk.services.complaints.access import visible_complaint
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.outbound import outbox, social_gateways, template_admin
from complaintdesk.storage.models import ReplyDraft
from complaintdesk.storage.unit_of_work import UnitOfWork

REPLY, NOTE = "reply", "note"
"""What the composer writes: an answer to the customer, or a note for colleagues."""
CANNED_LISTED = 200
"""Canned responses the composer's menu lists at most."""
DRAFT_LIMIT = 20_000
"""Characters a draft keeps (a reply longer than this is an attachment, not a message)."""


@dataclass(frozen=True)
class Draft:
    """What a person was writing on a complaint."""

    mode: str
    """:data:`REPLY` or :data:`NOTE`."""
    channel: Channel | None
    body: str
    base_version: int
    """The complaint's version when they started: sending over a newer one is refused."""
    updated_at: datetime | None = None


@dataclass(frozen=True)
class CannedResponse:
    """A canned response the composer offers, by code, with the name people read."""

    code: str
    name: str


def send_reply(
    ctx: ServiceContext, complaint_id: uuid.UUID, channel: Channel, body: str, version: int
) -> uuid.UUID:
    """Answer the customer on ``channel``; return the message's id. The draft goes.

    Email and social answers are queued to leave; other channels record what was said.

    Raises:
        ValidationError: nothing written, or no address or conversation to answer on.
        ConcurrentEditError: the complaint changed since ``version``.
    """
    sent = deliver(ctx, complaint_id, channel, body, version)
    discard_draft(ctx, complaint_id)
    return sent


def deliver(
    ctx: ServiceContext, complaint_id: uuid.UUID, channel: Channel, body: str, version: int
) -> uuid.UUID:
    """Queue (email, social) or record (a call, a letter, the counter) an answer; its id."""
    if channel is Channel.EMAIL:
        return outbox.queue_email_reply(ctx, complaint_id, body, version)
    if channel is Channel.SOCIAL:
        return social_gateways.queue_social_reply(ctx, complaint_id, body, version)
    if channel is Channel.INTERNAL:
        raise ValidationError("A note is not an answer: switch to Internal note to write one.")
    return messages.record_response(ctx, complaint_id, channel, body, version)


def add_note(ctx: ServiceContext, complaint_id: uuid.UUID, body: str) -> uuid.UUID:
    """Add an internal note (colleagues only); return its id. The draft goes."""
    noted = messages.add_note(ctx, complaint_id, body)
    discard_draft(ctx, complaint_id)
    return noted


# --- drafts ---


def save_draft(ctx: ServiceContext, complaint_id: uuid.UUID, draft: Draft) -> None:
    """Keep what the person is writing (an empty body throws the draft away)."""
    user_id = _writer(ctx)
    body = storable(draft.body)[:DRAFT_LIMIT]
    if not body.strip():
        discard_draft(ctx, complaint_id)
        return
    with ctx.uow(write=True) as uow:
        visible_complaint(uow, ctx.actor, complaint_id)
        row = _draft_row(uow, user_id, complaint_id)
        if row is None:
            row = ReplyDraft(user_id=user_id, complaint_id=complaint_id)
            uow.add(row)
        row.mode = draft.mode if draft.mode in (REPLY, NOTE) else REPLY
        row.channel = draft.channel.value if draft.channel is not None else None
        row.body = body
        row.base_version = draft.base_version
        row.updated_at = datetime.now(UTC)
        uow.commit()  # personal and local: neither audited nor synced


def draft_of(ctx: ServiceContext, complaint_id: uuid.UUID) -> Draft | None:
    """Return the person's draft on the complaint, or None."""
    user_id = _writer(ctx)
    with ctx.uow() as uow:
        visible_complaint(uow, ctx.actor, complaint_id)
        row = _draft_row(uow, user_id, complaint_id)
        if row is None:
            return None
        known = {c.value: c for c in Channel}
        channel = known.get(row.channel or "")
        return Draft(row.mode, channel, row.body, row.base_version, row.updated_at)


def discard_draft(ctx: ServiceContext, complaint_id: uuid.UUID) -> None:
    """Throw the person's draft on the complaint away (nothing happens without one)."""
    user_id = _writer(ctx)
    with ctx.uow(write=True) as uow:
        visible_complaint(uow, ctx.actor, complaint_id)
        uow.execute(
            delete(ReplyDraft).where(
                ReplyDraft.user_id == user_id, ReplyDraft.complaint_id == complaint_id
            )
        )
        uow.commit()


def _writer(ctx: ServiceContext) -> uuid.UUID:
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)  # who may write replies and notes
    if ctx.actor.user_id is None:
        raise ValidationError("Drafts belong to a signed-in person.")
    return ctx.actor.user_id


def _draft_row(uow: UnitOfWork, user_id: uuid.UUID, complaint_id: uuid.UUID) -> ReplyDraft | None:
    found: list[ReplyDraft] = uow.scalars(
        select(ReplyDraft).where(
            ReplyDraft.user_id == user_id, ReplyDraft.complaint_id == complaint_id
        )
    )
    return found[0] if found else None


# --- canned responses (the template machinery) ---


def canned_responses(ctx: ServiceContext, language: str) -> tuple[CannedResponse, ...]:
    """Return the canned responses an agent can insert, named in ``language`` (the screen's).

    They are the templates of kind ``canned`` (:mod:`..outbound.template_admin`): the ones
    administrators wrote or edited, and the shipped ones nobody removed.
    """
    found = template_admin.canned_responses(ctx, "", language, limit=CANNED_LISTED)
    return tuple(CannedResponse(c.code, c.title) for c in found)


def render_canned(ctx: ServiceContext, complaint_id: uuid.UUID, code: str) -> str:
    """Return canned response ``code`` written for the complaint, in the customer's language.

    Raises:
        ValidationError: no such canned response, or it cannot be rendered.
    """
    return template_admin.render_canned_response(ctx, complaint_id, code).body

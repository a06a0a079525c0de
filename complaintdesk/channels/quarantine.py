"""Retrying and releasing quarantined items through the channel that read them.

The quarantine keeps bytes; only the channel that read them knows what they hold. A retry
reads the item again exactly as intake did (after an administrator fixed what was wrong) and
stores it; a retry that still fails leaves the item waiting with the new reason. Retrying is
idempotent: an item already stored, released or discarded is returned as it is, and what a
retry stores is deduplicated like any intake. A release reads what it can of the item (its
subject, text, time and files) and attaches it to the customer or complaint a person picked.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from datetime import datetime

from complaintdesk.channels import cfpb
from complaintdesk.channels.email.parsing import TEXT_SHOWN, UnreadableMessage, parse, parsed
from complaintdesk.channels.social.files import (
    archive_tweets,
    export_message,
    payload_items,
    read_bytes,
)
from complaintdesk.channels.social.items import Item, Malformed, opened_envelope
from complaintdesk.domain.errors import ComplaintDeskError, DatabaseError, PermissionDenied
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import imports, mail, quarantine, release, social
from complaintdesk.services.inbound.email_message import IngestOptions, NoUsableSender
from complaintdesk.services.inbound.quarantine import WAITING, Problem
from complaintdesk.services.inbound.quarantined import QuarantineView, ReleaseTarget, RetryResult
from complaintdesk.services.inbound.release import ReleasedContent
from complaintdesk.services.inbound.social import InboundPost, SocialOptions
from complaintdesk.services.outbound import mailboxes

CHANNELS = {"email": Channel.EMAIL, "social": Channel.SOCIAL, "import": Channel.INTERNAL}


class StillRefused(ComplaintDeskError):
    """A retry that failed again; the item keeps waiting with this reason."""

    def __init__(self, problem: Problem, reason: str) -> None:
        super().__init__(reason)
        self.problem = problem


Stored = tuple[uuid.UUID | None, uuid.UUID | None]
"""The complaint and message a retry stored (or found already stored)."""


def retry(ctx: ServiceContext, item_id: uuid.UUID) -> RetryResult:
    """Read a waiting item again through its channel and store it.

    Raises:
        PermissionDenied: only supervisors and administrators review the quarantine
            (importing CFPB rows again is for administrators).
        NotFound: no such item.
    """
    view = quarantine.show(ctx, item_id)
    if view.state != WAITING:
        return RetryResult(view, view.state == quarantine.STORED)
    try:
        if view.truncated:
            raise StillRefused(
                Problem.TOO_LARGE,
                f"Only the first {quarantine.RAW_LIMIT // (1024 * 1024)} MB were kept: take the "
                f"whole item in again from {view.source_label}, or attach it by hand.",
            )
        complaint_id, message_id = _RETRIES[view.channel](
            ctx, view, quarantine.raw_of(ctx, item_id)
        )
    except StillRefused as refused:
        noted = quarantine.note_attempt(ctx, item_id, refused.problem, str(refused))
        return RetryResult(noted, False, str(refused))
    settled = quarantine.settle_stored(ctx, item_id, complaint_id, message_id)
    return RetryResult(settled, True)


def _retry_email(ctx: ServiceContext, view: QuarantineView, raw: bytes) -> Stored:
    own = frozenset(m.from_address for m in mailboxes.list_mailboxes(ctx) if m.from_address)
    site = view.source.get("site")
    options = IngestOptions(site_code=str(site) if site else None, own_addresses=own)
    try:
        with parsed(io.BytesIO(raw), len(raw)) as email:
            outcome = mail.ingest_email(ctx, email, options)
    except UnreadableMessage as error:
        raise StillRefused(Problem.NOT_A_MESSAGE, str(error)) from None
    except NoUsableSender as error:
        raise StillRefused(Problem.NO_SENDER, str(error)) from None
    except (DatabaseError, PermissionDenied):
        raise
    except ComplaintDeskError as error:
        raise StillRefused(Problem.REFUSED, str(error)) from None
    return outcome.complaint_id, outcome.message_id


def _retry_social(ctx: ServiceContext, view: QuarantineView, raw: bytes) -> Stored:
    items = social_items(raw, view.source_label)
    posts = [item.post for item in items if item.post is not None]
    refused = [item for item in items if item.rejected is not None]
    if refused or not posts:
        reason = refused[0].rejected if refused else "it holds no post to store"
        raise StillRefused(Problem.MALFORMED, reason or "unreadable")
    site = view.source.get("site")
    options = SocialOptions(site_code=str(site) if site else None)
    try:
        outcomes = [social.ingest_post(ctx, post, options) for post in posts]
    except (DatabaseError, PermissionDenied):
        raise
    except ComplaintDeskError as error:
        raise StillRefused(Problem.REFUSED, str(error)) from None
    return outcomes[0].complaint_id, outcomes[0].message_id


def _retry_import(ctx: ServiceContext, view: QuarantineView, raw: bytes) -> Stored:
    rows = list(cfpb.read_bytes(raw))
    if not rows:
        raise StillRefused(Problem.MALFORMED, "it holds no row")
    row = rows[0]
    if isinstance(row, imports.BrokenRow):
        problem = Problem.OVERSIZED_FIELD if row.oversized else Problem.MALFORMED
        raise StillRefused(problem, row.reason)
    summary = imports.import_complaints(ctx, [row], source=str(view.source.get("file") or ""))
    if summary.skipped:
        raise StillRefused(Problem.REFUSED, str(summary.skipped[0]["reason"]))
    return summary.last_complaint_id, None


_RETRIES: dict[str, Callable[[ServiceContext, QuarantineView, bytes], Stored]] = {
    "email": _retry_email,
    "social": _retry_social,
    "import": _retry_import,
}


def social_items(raw: bytes, label: str) -> list[Item]:
    """Return the items a quarantined social item holds, read again as intake read them."""
    opened = opened_envelope(raw)
    if opened is None:
        return read_bytes(raw, label, None, None)
    kind, data, context = opened
    try:
        if kind == "webhook":
            return payload_items(data, label)
        if kind == "x_archive":
            return archive_tweets([data], label, _author(context.get("account")))
        if kind == "facebook_export":
            ours = context.get("own_name")
            thread = str(context.get("thread") or label)
            return [export_message(label, data, thread, str(ours) if ours else None)]
        if kind == "post":
            return [Item(label, post=_post(data))]
    except (Malformed, TypeError, ValueError, KeyError) as error:
        return [Item(label, rejected=str(error) or type(error).__name__, raw=raw)]
    return [Item(label, rejected=f"unknown kind of kept item {kind!r}", raw=raw)]


def _author(account: object) -> dict[str, str] | None:
    """The archive's account as the quarantine kept it: its fields, or a bare handle."""
    if isinstance(account, dict):
        return {str(k): str(v) for k, v in account.items()}
    return {"screen_name": str(account).lstrip("@")} if account else None


def _post(data: dict[str, object]) -> InboundPost:
    values = dict(data)
    when = values.get("occurred_at")
    values["occurred_at"] = datetime.fromisoformat(str(when)) if when else None
    return InboundPost(**values)  # type: ignore[arg-type]


def release_item(ctx: ServiceContext, item_id: uuid.UUID, target: ReleaseTarget) -> QuarantineView:
    """Attach a waiting item to the customer or complaint a person picked.

    Raises:
        PermissionDenied, NotFound, ValidationError: as :func:`release.release`.
    """
    view = quarantine.show(ctx, item_id)
    return release.release(ctx, item_id, content_of(view, quarantine.raw_of(ctx, item_id)), target)


def content_of(view: QuarantineView, raw: bytes) -> ReleasedContent:
    """Return what a person releases of an item: what its channel can read, else its text."""
    channel = CHANNELS.get(view.channel, Channel.INTERNAL)
    try:
        if view.channel == "email":
            email = parse(raw)
            return ReleasedContent(
                channel,
                email.subject or _subject(view),
                email.body_text or _text(raw),
                email.received_at,
                email.message_id,
                email.sender,
                email.attachments,
            )
        if view.channel == "social":
            posts = [i.post for i in social_items(raw, view.source_label) if i.post is not None]
            if posts:
                post = posts[0]
                return ReleasedContent(
                    channel, _subject(view), post.text, post.occurred_at, post.external_id
                )
        if view.channel == "import":
            rows = [r for r in cfpb.read_bytes(raw) if isinstance(r, imports.ImportedComplaint)]
            if rows:
                new = rows[0].new
                return ReleasedContent(channel, new.subject, new.description, new.received_at)
    except (UnreadableMessage, ComplaintDeskError):
        pass
    return ReleasedContent(channel, _subject(view), _text(raw))


def _subject(view: QuarantineView) -> str:
    return (view.subject or f"Released from the quarantine: {view.source_label}")[:300]


def _text(raw: bytes) -> str:
    return raw[: TEXT_SHOWN * 4].decode("utf-8", "replace")[:TEXT_SHOWN] or "(no text)"


class Channels:
    """The channels' retry and release, as the GUI receives them (``QuarantineChannels``)."""

    def retry(self, ctx: ServiceContext, item_id: uuid.UUID) -> RetryResult:
        """Read a waiting item again and store it (see :func:`retry`)."""
        return retry(ctx, item_id)

    def release(
        self, ctx: ServiceContext, item_id: uuid.UUID, target: ReleaseTarget
    ) -> QuarantineView:
        """Attach a waiting item by hand (see :func:`release_item`)."""
        return release_item(ctx, item_id, target)

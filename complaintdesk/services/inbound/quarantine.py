"""The quarantine: what a channel could not turn into a complaint, kept until a person decides.

Intake never refuses what a customer sent (DESIGN.md principle 7). A message without a usable
sender, bytes that are not a mail, a social payload that cannot be read, a CSV row with a
broken field: each is held here with its raw bytes (stored once per content, like
attachments), the reason and where it came from. Supervisors and administrators list it,
retry it once the configuration is fixed, attach it to a customer by hand, or discard it with
a reason; every decision is audited. Holding is idempotent: the same bytes read again are the
same item, seen once more.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import exc, func, select

from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.plain_text import storable
from complaintdesk.services.complaints.access import record
from complaintdesk.services.complaints.attachments import store_content
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.inbound.quarantined import QuarantineView
from complaintdesk.storage.memo import MemoKey
from complaintdesk.storage.models import AttachmentContent, Complaint, QuarantineItem
from complaintdesk.storage.unit_of_work import UnitOfWork

WAITING, STORED, RELEASED, DISCARDED = "waiting", "stored", "released", "discarded"
STATES = (WAITING, STORED, RELEASED, DISCARDED)
RAW_LIMIT = 10 * 1024 * 1024
"""Bytes of one item kept at the most; a larger item keeps its head and says so."""
_HELD_NOW = MemoKey[dict[str, QuarantineItem]]("quarantined in this transaction")


class Problem(StrEnum):
    """Why an item could not become a complaint on its own."""

    NO_SENDER = "no_sender"
    """No address in From, Sender or Reply-To that anybody could answer."""
    NOT_A_MESSAGE = "not_a_message"
    """Not an email at all (no header), not JSON, not a known payload."""
    TOO_LARGE = "too_large"
    """Larger than the configured limit for one message."""
    MALFORMED = "malformed"
    """A required field is missing or broken (a social payload, a CSV row)."""
    OVERSIZED_FIELD = "oversized_field"
    """A CSV field larger than the limit for one field."""
    REFUSED = "refused"
    """Storing it was refused with a reason (an invalid contact point, a site unknown)."""
    FAILED = "failed"
    """Storing it failed unexpectedly; the log has the details."""


@dataclass(frozen=True)
class Suspect:
    """What a channel hands to the quarantine.

    ``raw`` is what is kept (at most :data:`RAW_LIMIT` bytes: the head of a larger item);
    ``size`` and ``digest`` describe every byte received.
    """

    channel: str
    source_kind: str
    source_label: str
    problem: Problem
    reason: str
    raw: bytes
    source: dict[str, Any] = field(default_factory=dict)
    size: int | None = None
    digest: str | None = None
    external_id: str | None = None
    sender: str | None = None
    subject: str | None = None

    @property
    def fingerprint(self) -> str:
        """The item's identity: its channel and the hash of every byte received."""
        digest = self.digest or hashlib.sha256(self.raw).hexdigest()
        return hashlib.sha256(f"{self.channel}:{digest}".encode()).hexdigest()


@dataclass(frozen=True)
class Held:
    """The quarantine item a suspect became (``new``: not seen before)."""

    item_id: uuid.UUID
    new: bool
    state: str


def hold(
    ctx: ServiceContext, suspect: Suspect, *, also: Callable[[UnitOfWork], None] | None = None
) -> Held:
    """Keep ``suspect`` in one transaction, with whatever ``also`` writes (a folder position).

    Raises:
        PermissionDenied: the caller may not take in what customers send.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    for attempt in (1, 2):
        try:
            with ctx.uow(write=True) as uow:
                held = hold_in(uow, ctx.actor, suspect)
                if also is not None:
                    also(uow)
                uow.commit()
                return held
        except exc.IntegrityError:
            if attempt == 2:
                raise
            # Another poller held the same bytes between our look-up and our commit: the
            # second attempt finds its item.
    raise AssertionError("unreachable")


def hold_in(uow: UnitOfWork, actor: Actor, suspect: Suspect) -> Held:
    """Keep ``suspect`` inside the caller's unit of work (a batch import shares one)."""
    now = datetime.now(UTC)
    fingerprint = suspect.fingerprint
    # Items held earlier in this transaction are not flushed yet (batches defer writes).
    held_now = uow.memo.remember(_HELD_NOW, dict)
    found: list[QuarantineItem] = [held_now[fingerprint]] if fingerprint in held_now else []
    found = found or uow.scalars(
        select(QuarantineItem).where(QuarantineItem.fingerprint == fingerprint)
    )
    if found:
        item = found[0]
        item.last_seen_at, item.times_seen = now, item.times_seen + 1
        return Held(item.id, False, item.state)
    raw = suspect.raw[:RAW_LIMIT]
    size = suspect.size if suspect.size is not None else len(suspect.raw)
    item = QuarantineItem(
        fingerprint=fingerprint,
        channel=suspect.channel,
        source_kind=suspect.source_kind,
        source=suspect.source,
        source_label=_text(suspect.source_label, 500),
        problem=suspect.problem.value,
        reason=_text(suspect.reason, 500) or suspect.problem.value,
        content_sha256=store_content(uow, raw) if raw else None,
        size=size,
        truncated=len(raw) < size,
        external_id=_text(suspect.external_id, 500) or None,
        sender=_text(suspect.sender, 300) or None,
        subject=_text(suspect.subject, 500) or None,
        received_at=now,
        last_seen_at=now,
        times_seen=1,
        attempts=0,
        state=WAITING,
    )
    record(uow, actor, item, "quarantined")
    held_now[fingerprint] = item
    return Held(item.id, True, WAITING)


def _text(value: str | None, limit: int) -> str:
    return storable(" ".join((value or "").split()))[:limit]


def list_items(
    ctx: ServiceContext, *, states: tuple[str, ...] = (WAITING,), limit: int = 500
) -> tuple[QuarantineView, ...]:
    """Return the items in ``states``, the most recently received first.

    Raises:
        PermissionDenied: only supervisors and administrators review the quarantine.
    """
    ctx.actor.require(Permission.REVIEW_QUARANTINE)
    unknown = set(states) - set(STATES)
    if unknown:
        raise ValidationError(f"Unknown quarantine state(s): {', '.join(sorted(unknown))}.")
    with ctx.uow() as uow:
        rows = uow.execute(
            select(QuarantineItem, Complaint.reference)
            .outerjoin(Complaint, Complaint.id == QuarantineItem.complaint_id)
            .where(QuarantineItem.state.in_(states))
            .order_by(QuarantineItem.received_at.desc(), QuarantineItem.id)
            .limit(max(1, min(limit, 10_000)))
        ).all()
        return tuple(view_of(item, reference) for item, reference in rows)


def count_waiting(ctx: ServiceContext) -> int:
    """Return how many items wait for a person's decision (the navigation's count)."""
    ctx.actor.require(Permission.REVIEW_QUARANTINE)
    with ctx.uow() as uow:
        found = uow.execute(
            select(func.count()).select_from(QuarantineItem).where(QuarantineItem.state == WAITING)
        ).scalar()
        return int(found or 0)


def show(ctx: ServiceContext, item_id: uuid.UUID) -> QuarantineView:
    """Return one item.

    Raises:
        NotFound: no such item.
    """
    ctx.actor.require(Permission.REVIEW_QUARANTINE)
    with ctx.uow() as uow:
        item = _item(uow, item_id)
        return view_of(item, _reference(uow, item.complaint_id))


def raw_of(ctx: ServiceContext, item_id: uuid.UUID) -> bytes:
    """Return the bytes kept of an item (its head only when it was truncated)."""
    ctx.actor.require(Permission.REVIEW_QUARANTINE)
    with ctx.uow() as uow:
        return kept_bytes(uow, _item(uow, item_id))


def kept_bytes(uow: UnitOfWork, item: QuarantineItem) -> bytes:
    """Return the bytes kept of ``item`` inside the caller's unit of work."""
    if item.content_sha256 is None:
        return b""
    found: list[bytes] = uow.scalars(
        select(AttachmentContent.data).where(AttachmentContent.sha256 == item.content_sha256)
    )
    return bytes(found[0]) if found else b""


def view_of(item: QuarantineItem, reference: str | None) -> QuarantineView:
    """Return the read model of an item row."""
    return QuarantineView(
        id=item.id,
        channel=item.channel,
        source_kind=item.source_kind,
        source_label=item.source_label,
        source=dict(item.source or {}),
        problem=item.problem,
        reason=item.reason,
        size=item.size,
        truncated=item.truncated,
        external_id=item.external_id,
        sender=item.sender,
        subject=item.subject,
        received_at=item.received_at,
        last_seen_at=item.last_seen_at,
        times_seen=item.times_seen,
        attempts=item.attempts,
        state=item.state,
        decided_at=item.decided_at,
        decided_by=item.decided_by,
        decision_note=item.decision_note,
        complaint_id=item.complaint_id,
        reference=reference,
        message_id=item.message_id,
    )


def item_for_decision(uow: UnitOfWork, actor: Actor, item_id: uuid.UUID) -> QuarantineItem:
    """Return an item a person is about to decide on, refusing one already decided.

    Raises:
        PermissionDenied: the caller does not review the quarantine.
        NotFound: no such item.
        ValidationError: the item was already stored, released or discarded.
    """
    actor.require(Permission.REVIEW_QUARANTINE)
    item = _item(uow, item_id)
    if item.state != WAITING:
        raise ValidationError(f"This item was already {item.state}: nothing more to decide.")
    return item


def decide(
    uow: UnitOfWork,
    actor: Actor,
    item: QuarantineItem,
    state: str,
    *,
    note: str | None = None,
    complaint_id: uuid.UUID | None = None,
    message_id: uuid.UUID | None = None,
) -> None:
    """Record a person's decision on ``item`` (audited) inside the caller's unit of work."""
    item.state = state
    item.decided_at = datetime.now(UTC)
    item.decided_by_id = actor.user_id
    item.decided_by = actor.display_name[:120]
    item.decision_note = _text(note, 500) or None
    item.complaint_id = complaint_id or item.complaint_id
    item.message_id = message_id or item.message_id
    record(uow, actor, item, f"quarantine_{state}", item.complaint_id)


def discard(ctx: ServiceContext, item_id: uuid.UUID, reason: str) -> QuarantineView:
    """Discard an item with the reason a person gives (kept in the audit trail).

    Raises:
        ValidationError: no reason given, or the item was already decided.
    """
    if not reason.strip():
        raise ValidationError("Say why the item is discarded: the reason is kept in the audit.")
    with ctx.uow(write=True) as uow:
        item = item_for_decision(uow, ctx.actor, item_id)
        decide(uow, ctx.actor, item, DISCARDED, note=reason)
        uow.commit()
        return view_of(item, None)


def note_attempt(
    ctx: ServiceContext, item_id: uuid.UUID, problem: Problem | None, reason: str | None
) -> QuarantineView:
    """Count a retry that left the item waiting, with the reason it still cannot be stored."""
    with ctx.uow(write=True) as uow:
        item = item_for_decision(uow, ctx.actor, item_id)
        item.attempts += 1
        if problem is not None:
            item.problem = problem.value
        if reason:
            item.reason = _text(reason, 500)
        record(uow, ctx.actor, item, "quarantine_retried")
        uow.commit()
        return view_of(item, None)


def settle_stored(
    ctx: ServiceContext,
    item_id: uuid.UUID,
    complaint_id: uuid.UUID | None,
    message_id: uuid.UUID | None,
) -> QuarantineView:
    """Mark an item stored by a retry (idempotent: an item already stored stays as it is)."""
    ctx.actor.require(Permission.REVIEW_QUARANTINE)
    with ctx.uow(write=True) as uow:
        item = _item(uow, item_id)
        if item.state == WAITING:
            item.attempts += 1
            decide(uow, ctx.actor, item, STORED, complaint_id=complaint_id, message_id=message_id)
            uow.commit()
        return view_of(item, _reference(uow, item.complaint_id))


def _item(uow: UnitOfWork, item_id: uuid.UUID) -> QuarantineItem:
    item = uow.get(QuarantineItem, item_id)
    if item is None:
        raise NotFound(f"No quarantined item has the id {item_id}.")
    return item


def _reference(uow: UnitOfWork, complaint_id: uuid.UUID | None) -> str | None:
    if complaint_id is None:
        return None
    complaint = uow.get(Complaint, complaint_id)
    return complaint.reference if complaint is not None else None

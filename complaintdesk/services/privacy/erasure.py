"""Erasing a customer by anonymisation, inside the caller's unit of work.

What goes: names, postcode, contact points, the free texts of complaints, messages,
contribution requests, commitments and notifications, attachment names and contents. What
stays: ids, dates, channel, category, status, outcome, amounts and clocks, so reports and
promises still add up.

The audit trail must not keep what was erased (see ``journals``): the erasure event lists
the earlier events it redacted (``redacted_events``, chain → sequence numbers) with their
seals (``redacted_seals``), and records only the reason and counts itself. The changes are
logged for the other replicas, and the erasure is a request every branch applies.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select

from complaintdesk.domain.errors import ValidationError
from complaintdesk.services.context import Actor
from complaintdesk.services.privacy.journals import (
    PERSONAL_FIELDS,
    redact_audit,
    scrub_journals,
)
from complaintdesk.storage.models import (
    Attachment,
    AttachmentContent,
    Base,
    Complaint,
    ComplaintLink,
    ComplaintMerge,
    ContactPoint,
    ContributionRequest,
    Customer,
    CustomerCommitment,
    CustomerMerge,
    ErasureReceipt,
    ErasureRequest,
    Message,
    Notification,
    QuarantineItem,
    ReplicaState,
    ReplyDraft,
    SourceRecord,
)
from complaintdesk.storage.unit_of_work import UnitOfWork, json_value

REDACTED_ACTION = "customer_erased"
PERSONAL_SOURCE_FIELDS = frozenset({"Tags"})
"""What an import's source said of the person (``Older American``, ``Servicemember``)."""


@dataclass(frozen=True)
class ErasureSummary:
    """What an erasure changed."""

    customer_id: uuid.UUID
    customers: int
    complaints: int
    messages: int
    attachments: int
    audit_events_redacted: int

    def as_json(self) -> dict[str, Any]:
        """Return the summary as JSON-ready values."""
        return {
            "customer_id": str(self.customer_id),
            "customers": self.customers,
            "complaints": self.complaints,
            "messages": self.messages,
            "attachments": self.attachments,
            "audit_events_redacted": self.audit_events_redacted,
        }


def erase(
    uow: UnitOfWork,
    actor: Actor,
    customer_id: uuid.UUID,
    reason: str,
    *,
    purge_index: bool = True,
) -> ErasureSummary:
    """Anonymise ``customer_id`` and the customers merged into it; the caller commits.

    The erasure is also recorded as a request every other replica applies to its own copies
    (see :func:`purge_copies`) and reports back on.

    Args:
        purge_index: compact the search index now (a batch of erasures does it once).

    Raises:
        ValidationError: this is a branch replica (erasures are made at the central server).
    """
    mode = uow.scalars(select(ReplicaState.mode).limit(1))
    if mode and mode[0] == "branch":
        raise ValidationError(
            "Erase customers at the central server: from there the erasure reaches every "
            "branch, this one included, at its next sync."
        )
    now = uow.now()
    customers = _customers(uow, [customer_id])
    found = _purge(uow, actor, customers, now, logged=True)
    if purge_index:
        uow.purge_search_documents(found.complaint_ids)
    for complaint_id in found.complaint_ids:
        uow.audit(
            "personal_data_erased",
            "complaint",
            complaint_id,
            user_id=actor.user_id,
            login=actor.login,
            after={"reason": reason},
            complaint_id=complaint_id,
        )
    request = ErasureRequest(
        customer_id=customer_id,
        customer_ids=[str(c.id) for c in customers],
        requested_at=now,
        requested_by_id=actor.user_id,
    )
    uow.record(request, "erasure_requested", user_id=actor.user_id, login=actor.login)
    summary = found.summary(customer_id)
    uow.audit(
        REDACTED_ACTION,
        "customer",
        customer_id,
        user_id=actor.user_id,
        login=actor.login,
        after={
            "reason": reason,
            **summary.as_json(),
            "redacted_events": found.redacted,
            "redacted_seals": found.seals,
        },
    )
    return summary


def purge_copies(uow: UnitOfWork, actor: Actor, request: ErasureRequest, replica: str) -> int:
    """Apply an erasure made elsewhere to this replica's copies; return the rows changed.

    The rows take the same anonymised values the erasure gave them where it was made
    (their change-log entries, which travel too, say the same), and this replica's own
    journals lose the personal values: change-log entries (sent or waiting), audit events
    (listed in a chained event, so the trail still verifies), notifications, entries set
    aside, sync conflicts, attachment bytes, the search index. A receipt records it.
    """
    ids = [uuid.UUID(str(i)) for i in request.customer_ids]
    customers = _customers(uow, ids)
    found = _purge(uow, actor, customers, request.requested_at, logged=False)
    uow.purge_search_documents(found.complaint_ids)
    rows = len(found.ids)
    uow.audit(
        REDACTED_ACTION,
        "customer",
        request.customer_id,
        user_id=actor.user_id,
        login=actor.login,
        after={
            "erasure_id": str(request.id),
            "rows": rows,
            "redacted_events": found.redacted,
            "redacted_seals": found.seals,
        },
    )
    receipt = ErasureReceipt(
        erasure_id=request.id, replica_code=replica, applied_at=uow.now(), rows=rows
    )
    uow.record(receipt, "erasure_applied", user_id=actor.user_id, login=actor.login)
    return rows


@dataclass
class _Purged:
    customers: int
    complaint_ids: list[uuid.UUID]
    messages: int
    attachments: int
    ids: set[uuid.UUID]
    redacted: dict[str, list[int]]
    seals: dict[str, dict[str, Any]]
    """Chain → seq → what each redacted event hashes to now (``audit verify`` holds it)."""

    def summary(self, customer_id: uuid.UUID) -> ErasureSummary:
        return ErasureSummary(
            customer_id,
            self.customers,
            len(self.complaint_ids),
            self.messages,
            self.attachments,
            sum(len(seqs) for seqs in self.redacted.values()),
        )


def _purge(
    uow: UnitOfWork, actor: Actor, customers: list[Customer], now: datetime, *, logged: bool
) -> _Purged:
    """Anonymise the customers' rows and scrub the journals about them."""
    customer_ids = [c.id for c in customers]
    complaints: list[Complaint] = uow.scalars(
        select(Complaint).where(Complaint.customer_id.in_(customer_ids))
    )
    complaint_ids = [c.id for c in complaints]
    messages: list[Message] = uow.scalars(
        select(Message).where(
            or_(Message.complaint_id.in_(complaint_ids), Message.customer_id.in_(customer_ids))
        )
    )
    message_ids = [m.id for m in messages]
    attachments: list[Attachment] = uow.scalars(
        select(Attachment).where(Attachment.message_id.in_(message_ids))
    )
    rows: list[Base] = [
        *customers,
        *uow.scalars(select(ContactPoint).where(ContactPoint.customer_id.in_(customer_ids))),
        *complaints,
        *messages,
        *attachments,
        *_by_complaint(uow, ContributionRequest, complaint_ids),
        *_by_complaint(uow, CustomerCommitment, complaint_ids),
        *_by_complaint(uow, Notification, complaint_ids),
        *_between(uow, ComplaintLink.complaint_id, ComplaintLink.other_id, complaint_ids),
        *_between(uow, ComplaintMerge.kept_id, ComplaintMerge.merged_id, complaint_ids),
        *_between(uow, CustomerMerge.winner_id, CustomerMerge.loser_id, customer_ids),
        *(held := _quarantined(uow, complaint_ids, message_ids)),
    ]
    _forget_locally(uow, complaint_ids)
    ids = {row.id for row in rows}  # type: ignore[attr-defined]
    # The journals first: the erasure's own change-log entries must stay as written.
    redacted, seals = redact_audit(uow, complaint_ids, ids)
    scrub_journals(uow, ids, complaint_ids)
    for row in rows:
        _anonymise(uow, actor, row, now, logged=logged)
    _erase_contents(uow, attachments)
    _erase_kept_bytes(uow, held)
    return _Purged(
        len(customers), complaint_ids, len(messages), len(attachments), ids, redacted, seals
    )


def _customers(uow: UnitOfWork, customer_ids: list[uuid.UUID]) -> list[Customer]:
    """Return the customers (those held here) and, transitively, every one merged into them."""
    found: list[Customer] = uow.scalars(select(Customer).where(Customer.id.in_(customer_ids)))
    frontier = [c.id for c in found]
    while frontier:
        losers: list[Customer] = uow.scalars(
            select(Customer).where(Customer.merged_into_id.in_(frontier))
        )
        losers = [c for c in losers if c not in found]
        found += losers
        frontier = [c.id for c in losers]
    return found


def _by_complaint(uow: UnitOfWork, model: Any, complaint_ids: list[uuid.UUID]) -> list[Any]:
    return list(uow.scalars(select(model).where(model.complaint_id.in_(complaint_ids))))


def _between(uow: UnitOfWork, one: Any, other: Any, ids: list[uuid.UUID]) -> list[Base]:
    """Rows of a pair (a link, a merge) with either end among ``ids``."""
    model = one.class_
    return list(uow.scalars(select(model).where(or_(one.in_(ids), other.in_(ids)))))


def _forget_locally(uow: UnitOfWork, complaint_ids: list[uuid.UUID]) -> None:
    """What each replica keeps of its own: unsent reply drafts go, and what an imported
    complaint's source said of the person (its tags) is dropped from its source record."""
    uow.execute(delete(ReplyDraft).where(ReplyDraft.complaint_id.in_(complaint_ids)))
    for record in _by_complaint(uow, SourceRecord, complaint_ids):
        kept = {k: v for k, v in record.fields.items() if k not in PERSONAL_SOURCE_FIELDS}
        if kept != record.fields:
            record.fields = kept


def _anonymise(uow: UnitOfWork, actor: Actor, row: Base, now: datetime, *, logged: bool) -> None:
    """Replace the personal columns of ``row``; log the change for the other replicas (not
    when applying an erasure made elsewhere: its entries bring the same values)."""
    fields = dict(PERSONAL_FIELDS[type(row)])
    if isinstance(row, Customer):
        fields["postcode"] = None
        fields["erased_at"] = now
        if hasattr(row, "extra"):
            fields["extra"] = {}
    changed = {}
    for key, value in fields.items():
        if getattr(row, key) in (None, "") and value is None:
            continue  # nothing was there: keep "no value" distinct from "erased"
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed[key] = json_value(value)
    if changed and logged:
        entity_id: uuid.UUID = row.id  # type: ignore[attr-defined]
        uow.log_change(row.__tablename__, entity_id, "update", changed, user_id=actor.user_id)


def _erase_contents(uow: UnitOfWork, attachments: list[Attachment]) -> None:
    """Empty the stored contents no other customer's attachment shares."""
    mine = {a.sha256 for a in attachments if a.sha256}
    ids = {a.id for a in attachments}
    shared = {
        sha
        for sha, ident in uow.execute(
            select(Attachment.sha256, Attachment.id).where(Attachment.sha256.in_(sorted(mine)))
        ).all()
        if ident not in ids
    }
    contents: list[AttachmentContent] = uow.scalars(
        select(AttachmentContent).where(AttachmentContent.sha256.in_(sorted(mine - shared)))
    )
    for content in contents:
        content.data = b""


def _quarantined(
    uow: UnitOfWork, complaint_ids: list[uuid.UUID], message_ids: list[uuid.UUID]
) -> list[QuarantineItem]:
    """The quarantined items a person attached to these complaints (they hold the raw mail)."""
    found: list[QuarantineItem] = uow.scalars(
        select(QuarantineItem).where(
            or_(
                QuarantineItem.complaint_id.in_(complaint_ids),
                QuarantineItem.message_id.in_(message_ids),
            )
        )
    )
    return found


def _erase_kept_bytes(uow: UnitOfWork, items: list[QuarantineItem]) -> None:
    digests = sorted({i.content_sha256 for i in items if i.content_sha256})
    contents: list[AttachmentContent] = uow.scalars(
        select(AttachmentContent).where(AttachmentContent.sha256.in_(digests))
    )
    for content in contents:
        content.data = b""

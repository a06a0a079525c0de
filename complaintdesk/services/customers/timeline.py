"""The customer card: who they are and one timeline across every channel.

Messages of every channel, complaints opened and merges are one list, newest first, so a
customer who wrote, then called, then came to a shop meets one story (DESIGN.md principle 4).
A merged record opens as the record it was merged into.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from complaintdesk.domain.errors import NotFound
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Direction
from complaintdesk.services.complaints import merging
from complaintdesk.services.complaints.merging import ComplaintMergeView
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.customers import merge as customer_merge
from complaintdesk.services.customers.merge import MergeView
from complaintdesk.storage import lookups
from complaintdesk.storage.models import Complaint, Customer, Message
from complaintdesk.storage.unit_of_work import UnitOfWork

TIMELINE_LIMIT = 300


@dataclass(frozen=True)
class TimelineEntry:
    """One moment of the customer's story.

    ``kind`` is ``message`` (``channel``/``direction`` say which), ``complaint`` (opened)
    or ``merge`` / ``merge_undone`` (``direction`` ``absorbed``: this record was kept and
    ``text`` names the other; ``merged_away``: this record went into the other; ``link``:
    a sender was linked to this customer), or ``complaint_merge`` /
    ``complaint_merge_undone`` (``reference`` the complaint kept, ``text`` the one merged).
    """

    at: datetime
    kind: str
    channel: str | None
    direction: str | None
    reference: str | None
    complaint_id: uuid.UUID | None
    text: str
    public: bool = False
    delivery_state: str | None = None
    merge_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ComplaintLine:
    """One of the customer's complaints."""

    complaint_id: uuid.UUID
    reference: str
    subject: str
    status: str
    channel: str
    received_at: datetime


@dataclass(frozen=True)
class CustomerCard:
    """Everything the card shows about one customer."""

    customer_id: uuid.UUID
    display_name: str
    segment: str
    language: str
    postcode: str | None
    contacts: tuple[tuple[str, str], ...]
    complaints: tuple[ComplaintLine, ...]
    timeline: tuple[TimelineEntry, ...]
    merges: tuple[MergeView, ...]
    opened_from: uuid.UUID | None = None
    """The merged record that was asked for, when the card shows its winner instead."""
    preferred_channel: str | None = None
    """The channel the customer wants answers on (None: the one they use last)."""


def customer_card(ctx: ServiceContext, customer_id: uuid.UUID) -> CustomerCard:
    """Return the card of a customer (of their winner, if they were merged).

    Raises:
        NotFound: no such customer.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow() as uow:
        customer = _winner(uow, customer_id)
        contacts = lookups.contacts_of(uow, customer.id)
        complaints = _complaints(uow, ctx.actor, customer.id)
        merges = customer_merge.merges_of(uow, customer.id)
        timeline = _timeline(uow, complaints, customer.id, merges)
        return CustomerCard(
            customer_id=customer.id,
            display_name=customer.display_name,
            segment=customer.segment,
            language=customer.preferred_language,
            postcode=customer.postcode,
            contacts=tuple(dict.fromkeys((kind, value) for kind, value in contacts)),
            complaints=complaints,
            timeline=timeline,
            merges=merges,
            opened_from=customer_id if customer.id != customer_id else None,
            preferred_channel=customer.preferred_channel,
        )


def _winner(uow: UnitOfWork, customer_id: uuid.UUID) -> Customer:
    customer = lookups.surviving_customer(uow, customer_id)
    if customer is None:
        raise NotFound("This customer does not exist.")
    return customer


def _complaints(uow: UnitOfWork, actor: Actor, customer_id: uuid.UUID) -> tuple[ComplaintLine, ...]:
    query = (
        select(Complaint)
        .where(Complaint.customer_id == customer_id)
        .order_by(Complaint.received_at.desc())
    )
    if not actor.can(Permission.VIEW_ALL_COMPLAINTS):
        query = query.where(Complaint.site_id == actor.site_id)
    return tuple(
        ComplaintLine(c.id, c.reference, c.subject, c.status, c.channel, c.received_at)
        for c in uow.scalars(query)
    )


def _timeline(
    uow: UnitOfWork,
    complaints: tuple[ComplaintLine, ...],
    customer_id: uuid.UUID,
    merges: tuple[MergeView, ...],
) -> tuple[TimelineEntry, ...]:
    references = {c.complaint_id: c.reference for c in complaints}
    rows: list[Message] = uow.scalars(
        select(Message)
        .where(Message.customer_id == customer_id, Message.direction != Direction.NOTE.value)
        .order_by(Message.occurred_at.desc())
        .limit(TIMELINE_LIMIT)
    )
    entries = [
        TimelineEntry(
            at=m.occurred_at,
            kind="message",
            channel=m.channel,
            direction=m.direction,
            reference=references.get(m.complaint_id) if m.complaint_id else None,
            complaint_id=m.complaint_id,
            text=" ".join(m.body_text.split())[:300],
            public=m.public,
            delivery_state=m.delivery_state,
        )
        for m in rows
        if m.complaint_id is None or m.complaint_id in references
    ]
    entries += [
        TimelineEntry(
            c.received_at, "complaint", c.channel, None, c.reference, c.complaint_id, c.subject
        )
        for c in complaints
    ]
    for merge in merges:
        entries += _merge_entries(merge, customer_id)
    for case in merging.merges_of(uow, list(references)):
        entries += _case_entries(case)
    return tuple(sorted(entries, key=lambda e: e.at, reverse=True))


def _case_entries(case: ComplaintMergeView) -> list[TimelineEntry]:
    """A complaint merged into another of the customer's (and its undoing)."""
    found = [
        TimelineEntry(
            case.merged_at,
            "complaint_merge",
            None,
            None,
            case.kept_reference,
            case.kept_id,
            case.merged_reference,
            merge_id=case.merge_id,
        )
    ]
    if case.undone_at is not None:
        found.append(
            TimelineEntry(
                case.undone_at,
                "complaint_merge_undone",
                None,
                None,
                case.kept_reference,
                case.kept_id,
                case.merged_reference,
                merge_id=case.merge_id,
            )
        )
    return found


def _merge_entries(merge: MergeView, customer_id: uuid.UUID) -> list[TimelineEntry]:
    """A merge seen from one side: ``absorbed`` (this record kept) or ``merged_away``."""
    kept = merge.winner_id == customer_id
    other = merge.loser_name if kept else merge.winner_name
    side = "absorbed" if kept else "merged_away"
    if merge.kind == "link":
        side = "link" if kept else "linked_away"
    found = [
        TimelineEntry(
            merge.merged_at, "merge", None, side, None, None, other, merge_id=merge.merge_id
        )
    ]
    if merge.undone_at is not None:
        found.append(
            TimelineEntry(
                merge.undone_at,
                "merge_undone",
                None,
                side,
                None,
                None,
                other,
                merge_id=merge.merge_id,
            )
        )
    return found

"""Linking the sender of a complaint to an existing customer, in one action, and undoing it.

An email or a social post from an address nobody knew makes a customer record of its own.
When the agent sees who it really is ("this may be Léa Martin, 2 open complaints"), they
link the sender to that customer: the contact point joins the customer, the complaints that
came from it move with their messages, and future messages from it land there. A record
left with nothing of its own points to the customer it joined, as after a merge. The link
is a ``customer_merge`` row of kind ``link`` listing what moved, so undoing it is exact.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from complaintdesk.domain.customers.contacts import normalise
from complaintdesk.domain.errors import InvalidContactPoint, NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import ContactKind, Direction
from complaintdesk.services.complaints.access import complaint_for_change, record, visible_complaint
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.customers import duplicates
from complaintdesk.services.customers.duplicates import DuplicateCandidate
from complaintdesk.services.customers.merge import MergeResult, result_of
from complaintdesk.storage.models import Complaint, ContactPoint, Customer, CustomerMerge, Message
from complaintdesk.storage.unit_of_work import UnitOfWork

LINK = "link"
PROPOSALS = 5
SENDER_KINDS = {
    "email": ContactKind.EMAIL,
    "social": ContactKind.SOCIAL,
    "phone": ContactKind.PHONE,
}


@dataclass(frozen=True)
class IdentityProposals:
    """Who the customer of a complaint may also be, as the workspace offers it."""

    complaint_id: uuid.UUID
    customer_id: uuid.UUID
    customer_name: str
    senders: tuple[str, ...]
    """The contact points the complaint's messages came from (what a link moves)."""
    candidates: tuple[DuplicateCandidate, ...]
    can_merge: bool
    """The caller may merge customer records (supervisors); anyone may link the sender."""


def proposals(ctx: ServiceContext, complaint_id: uuid.UUID) -> IdentityProposals:
    """Return the likely other records of the complaint's customer, likeliest first.

    Raises:
        NotFound: no such complaint visible to the caller.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow() as uow:
        complaint = visible_complaint(uow, ctx.actor, complaint_id)
        customer = uow.get(Customer, complaint.customer_id)
        assert customer is not None
        points = _sender_points(uow, complaint)
        return IdentityProposals(
            complaint.id,
            customer.id,
            customer.display_name,
            tuple(p.value for p in points),
            duplicates.candidates_in(uow, customer.id, PROPOSALS),
            ctx.actor.can(Permission.REASSIGN),
        )


def link_sender(
    ctx: ServiceContext, complaint_id: uuid.UUID, customer_id: uuid.UUID
) -> MergeResult:
    """Link the sender of ``complaint_id`` to the existing customer ``customer_id``.

    Raises:
        NotFound: no such complaint or customer.
        ValidationError: the complaint is already that customer's, the customer was merged
            away or erased, or no contact point of the sender is known.
    """
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, None)
        source = uow.get(Customer, complaint.customer_id)
        target = _live_customer(uow, customer_id)
        assert source is not None
        if source.id == target.id:
            raise ValidationError(f"{complaint.reference} is already {target.display_name}'s.")
        points = _sender_points(uow, complaint)
        if not points:
            raise ValidationError(
                f"No contact point of the sender of {complaint.reference} is known: "
                "ask a supervisor to merge the two customer records instead."
            )
        moved = _move(uow, ctx.actor, source, target, points)
        if not _has_anything(uow, source.id):  # nothing left: the record points on
            source.merged_into_id = target.id
            record(uow, ctx.actor, source, "sender_linked")
        row = _recorded(uow, ctx, complaint, source, target, points, moved)
        uow.commit()
        return result_of(row, moved, undone=False)


def _recorded(
    uow: UnitOfWork,
    ctx: ServiceContext,
    complaint: Complaint,
    source: Customer,
    target: Customer,
    points: Sequence[ContactPoint],
    moved: dict[str, Any],
) -> CustomerMerge:
    """The link's ``customer_merge`` row (kind ``link``): what moved, for an exact undo."""
    senders = ", ".join(p.value for p in points)
    row = CustomerMerge(
        winner_id=target.id,
        loser_id=source.id,
        merged_at=datetime.now(UTC),
        merged_by_id=ctx.actor.user_id,
        reason=f"{complaint.reference}: {senders}"[:300],
        moved=moved,
        kind=LINK,
    )
    record(uow, ctx.actor, row, "sender_link_recorded", complaint.id)
    return row


def _live_customer(uow: UnitOfWork, customer_id: uuid.UUID) -> Customer:
    customer = uow.get(Customer, customer_id)
    if customer is None:
        raise NotFound("This customer does not exist.")
    if customer.merged_into_id is not None:
        raise ValidationError(f"{customer.display_name}'s record was merged: pick the one kept.")
    if customer.erased_at is not None:
        raise ValidationError(f"{customer.display_name}'s record was erased.")
    return customer


def _sender_points(uow: UnitOfWork, complaint: Complaint) -> list[ContactPoint]:
    """The customer's contact points the complaint's inbound messages came from."""
    senders = uow.execute(
        select(Message.channel, Message.sender)
        .where(
            Message.complaint_id == complaint.id,
            Message.direction == Direction.INBOUND.value,
            Message.sender.is_not(None),
        )
        .distinct()
    ).all()
    wanted = {value for value in (_normalised(c, s) for c, s in senders) if value is not None}
    if not wanted:
        return []
    found: list[ContactPoint] = uow.scalars(
        select(ContactPoint)
        .where(
            ContactPoint.customer_id == complaint.customer_id,
            ContactPoint.kind.in_(sorted({k for k, _ in wanted})),
            ContactPoint.value.in_(sorted({v for _, v in wanted})),
        )
        .order_by(ContactPoint.kind, ContactPoint.value)
    )
    return [p for p in found if (p.kind, p.value) in wanted]


def _normalised(channel: str, sender: str) -> tuple[str, str] | None:
    kind = SENDER_KINDS.get(channel)
    if kind is None:
        return None
    try:
        point = normalise(kind, sender)
    except InvalidContactPoint:
        return None
    return point.kind.value, point.value


def _move(
    uow: UnitOfWork,
    actor: Actor,
    source: Customer,
    target: Customer,
    points: Sequence[ContactPoint],
) -> dict[str, Any]:
    """Move the sender's contact points and every complaint that came from them."""
    values = {(p.kind, p.value) for p in points}
    complaints = [c for c in _complaints_of(uow, source.id) if _came_from(uow, c, values)]
    complaint_ids = [c.id for c in complaints]
    messages: list[Message] = uow.scalars(
        select(Message).where(
            Message.customer_id == source.id, Message.complaint_id.in_(complaint_ids)
        )
    )
    for point in points:
        point.customer_id = target.id
        record(uow, actor, point, "sender_linked")
    for complaint in complaints:
        complaint.customer_id = target.id
        record(uow, actor, complaint, "sender_linked", complaint.id)
    for message in messages:
        message.customer_id = target.id
        record(uow, actor, message, "sender_linked", message.complaint_id)
    return {
        "complaint": sorted(str(c.id) for c in complaints),
        "message": sorted(str(m.id) for m in messages),
        "contact_point": sorted(str(p.id) for p in points),
    }


def _complaints_of(uow: UnitOfWork, customer_id: uuid.UUID) -> list[Complaint]:
    found: list[Complaint] = uow.scalars(
        select(Complaint).where(Complaint.customer_id == customer_id)
    )
    return found


def _came_from(uow: UnitOfWork, complaint: Complaint, values: set[tuple[str, str]]) -> bool:
    """True when every sender of the complaint's inbound messages is among ``values``."""
    senders = uow.execute(
        select(Message.channel, Message.sender).where(
            Message.complaint_id == complaint.id,
            Message.direction == Direction.INBOUND.value,
            Message.sender.is_not(None),
        )
    ).all()
    normalised = {_normalised(c, s) for c, s in senders}
    return bool(normalised) and normalised <= values | {None}


def _has_anything(uow: UnitOfWork, customer_id: uuid.UUID) -> bool:
    """True while a record still holds a contact point or a complaint of its own."""
    uow.flush()
    for model in (ContactPoint, Complaint):
        if uow.scalars(select(model.id).where(model.customer_id == customer_id).limit(1)):
            return True
    return False

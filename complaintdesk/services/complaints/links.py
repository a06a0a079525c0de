"""A complaint among the customer's others: links, merges, and grievances that look alike.

Two complaints of one customer that are different grievances are *linked* (each shows the
other); the same grievance told twice is *merged* (:mod:`merging`). Intake proposes a merge
when a new complaint resembles an open one of the same customer; the workspace shows those
proposals until the agent merges or links the two (linking says "different grievances").
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import or_, select

from complaintdesk.domain import cases
from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.vocabulary import Status
from complaintdesk.services.complaints import merging, notifications
from complaintdesk.services.complaints.access import (
    complaint_for_change,
    event,
    may_see,
    record,
    visible_complaint,
)
from complaintdesk.services.complaints.merging import ComplaintMergeView
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.storage.models import Complaint, ComplaintLink
from complaintdesk.storage.unit_of_work import UnitOfWork

OTHERS_LIMIT = 30


@dataclass(frozen=True)
class RelatedComplaint:
    """Another complaint of the same customer, as the workspace lists it."""

    complaint_id: uuid.UUID
    reference: str
    subject: str
    status: Status
    channel: str
    received_at: datetime
    resemblance: float = 0.0
    """How alike the two complaints' words are (0-1); 0 when not compared."""
    link_id: uuid.UUID | None = None
    """The link between the two, when they are linked."""


@dataclass(frozen=True)
class CaseOverview:
    """The complaint among the customer's others."""

    complaint_id: uuid.UUID
    reference: str
    proposed: tuple[RelatedComplaint, ...]
    """Open complaints that look like the same grievance: merge or link them."""
    linked: tuple[RelatedComplaint, ...]
    others: tuple[RelatedComplaint, ...]
    """The customer's other complaints (open first), to merge into or link by hand."""
    merges: tuple[ComplaintMergeView, ...]


def overview(ctx: ServiceContext, complaint_id: uuid.UUID) -> CaseOverview:
    """Return what the workspace shows about ``complaint_id``'s siblings.

    Raises:
        NotFound: no such complaint visible to the caller.
    """
    with ctx.uow() as uow:
        complaint = visible_complaint(uow, ctx.actor, complaint_id)
        links = _links(uow, complaint.id)
        rows = _others(uow, ctx.actor, complaint)
        others = [_related(c) for c in rows]
        linked_ids = {other for other, _ in links.values()}
        proposed = [o for o in _alike(complaint, rows) if o.complaint_id not in linked_ids]
        return CaseOverview(
            complaint.id,
            complaint.reference,
            tuple(proposed),
            tuple(_with_link(o, links) for o in others if o.complaint_id in linked_ids),
            tuple(o for o in others if o.status is not Status.MERGED),
            merging.merges_of(uow, [complaint.id]),
        )


def link(
    ctx: ServiceContext, complaint_id: uuid.UUID, other_id: uuid.UUID, note: str | None = None
) -> uuid.UUID:
    """Link two complaints of one customer: different grievances, seen side by side.

    Raises:
        NotFound: either complaint is not visible to the caller.
        ValidationError: the same complaint, two customers, or already linked.
    """
    with ctx.uow(write=True) as uow:
        first = complaint_for_change(uow, ctx.actor, complaint_id, None)
        second = complaint_for_change(uow, ctx.actor, other_id, None)
        cases.check_link(merging.facts(uow, first), merging.facts(uow, second))
        if any(o == second.id for o, _ in _links(uow, first.id).values()):
            raise ValidationError(f"{first.reference} and {second.reference} are already linked.")
        row = ComplaintLink(
            complaint_id=first.id,
            other_id=second.id,
            linked_at=datetime.now(UTC),
            linked_by_id=ctx.actor.user_id,
            note=(note or "").strip()[:300] or None,
        )
        record(uow, ctx.actor, row, "complaints_linked", first.id)
        _tell(uow, ctx.actor, first, second, "linked", row.id)
        uow.commit()
        return row.id


def unlink(ctx: ServiceContext, link_id: uuid.UUID) -> None:
    """Remove a link (the undo of :func:`link`); the row stays, marked removed.

    Raises:
        NotFound: no such link.
        ValidationError: it was already removed.
    """
    with ctx.uow(write=True) as uow:
        row = uow.get(ComplaintLink, link_id)
        if row is None:
            raise NotFound("This link does not exist.")
        if row.removed_at is not None:
            raise ValidationError("This link was already removed.")
        first = complaint_for_change(uow, ctx.actor, row.complaint_id, None)
        second = complaint_for_change(uow, ctx.actor, row.other_id, None)
        row.removed_at, row.removed_by_id = datetime.now(UTC), ctx.actor.user_id
        record(uow, ctx.actor, row, "complaints_unlinked", first.id)
        _tell(uow, ctx.actor, first, second, "unlinked", row.id)
        uow.commit()


def propose_on_intake(uow: UnitOfWork, actor: Actor, complaint: Complaint) -> list[str]:
    """Tell the owner when a new complaint resembles an open one of the same customer.

    Called by intake in its unit of work; returns the references proposed (nothing is
    merged: the owner decides in the workspace).
    """
    others = [
        c
        for c in _open_of_customer(uow, complaint.customer_id)
        if c.id != complaint.id and c.status != Status.MERGED.value
    ]
    text = f"{complaint.subject}\n{complaint.description}"
    alike = cases.resembling(text, [(c, f"{c.subject}\n{c.description}") for c in others])
    references = [c.reference for c, _ in alike[:3]]
    if references:
        event(uow, actor, "merge_proposed", complaint.id, {"others": ", ".join(references)})
        notifications.notify(
            uow,
            complaint.owner_id,
            "merge_proposed",
            f"{complaint.reference} looks like {', '.join(references)} of the same customer: "
            "merge them if it is one grievance.",
            complaint.id,
        )
    return references


def _open_of_customer(uow: UnitOfWork, customer_id: uuid.UUID) -> list[Complaint]:
    found: list[Complaint] = uow.scalars(
        select(Complaint)
        .where(Complaint.customer_id == customer_id, Complaint.is_open)
        .order_by(Complaint.received_at.desc())
        .limit(OTHERS_LIMIT)
    )
    return found


def _others(uow: UnitOfWork, actor: Actor, complaint: Complaint) -> list[Complaint]:
    rows: list[Complaint] = uow.scalars(
        select(Complaint)
        .where(Complaint.customer_id == complaint.customer_id, Complaint.id != complaint.id)
        .order_by(Complaint.is_open.desc(), Complaint.received_at.desc())
        .limit(OTHERS_LIMIT)
    )
    return [c for c in rows if may_see(uow, actor, c)]


def _alike(complaint: Complaint, others: list[Complaint]) -> list[RelatedComplaint]:
    """The open (or just resolved) ones whose words are alike: likely the same grievance."""
    finished = (Status.CLOSED.value, Status.WITHDRAWN.value, Status.MERGED.value)
    texts = [(c, f"{c.subject}\n{c.description}") for c in others if c.status not in finished]
    scored = cases.resembling(f"{complaint.subject}\n{complaint.description}", texts)
    return [_related(c, score) for c, score in scored]


def _related(c: Complaint, resemblance: float = 0.0) -> RelatedComplaint:
    return RelatedComplaint(
        c.id, c.reference, c.subject, Status(c.status), c.channel, c.received_at, resemblance
    )


def _with_link(
    other: RelatedComplaint, links: dict[uuid.UUID, tuple[uuid.UUID, uuid.UUID]]
) -> RelatedComplaint:
    link_id = next((lid for lid, (o, _) in links.items() if o == other.complaint_id), None)
    return RelatedComplaint(
        other.complaint_id,
        other.reference,
        other.subject,
        other.status,
        other.channel,
        other.received_at,
        other.resemblance,
        link_id,
    )


def _links(
    uow: UnitOfWork, complaint_id: uuid.UUID
) -> dict[uuid.UUID, tuple[uuid.UUID, uuid.UUID]]:
    """Return link id → (the other complaint, this one) of the live links of a complaint."""
    rows: list[ComplaintLink] = uow.scalars(
        select(ComplaintLink).where(
            or_(ComplaintLink.complaint_id == complaint_id, ComplaintLink.other_id == complaint_id),
            ComplaintLink.removed_at.is_(None),
        )
    )
    return {
        r.id: (
            (r.other_id, r.complaint_id)
            if r.complaint_id == complaint_id
            else (r.complaint_id, r.other_id)
        )
        for r in rows
    }


def _tell(
    uow: UnitOfWork,
    actor: Actor,
    first: Complaint,
    second: Complaint,
    what: str,
    link_id: uuid.UUID,
) -> None:
    details = {"link_id": str(link_id)}
    event(uow, actor, what, first.id, {**details, "other": second.reference})
    event(uow, actor, what, second.id, {**details, "other": first.reference})

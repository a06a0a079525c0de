"""Reading one complaint; the lifecycle use cases join it here."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from complaintdesk.domain.lifecycle import allowed_next
from complaintdesk.domain.vocabulary import Channel, ClockState, Priority, Status
from complaintdesk.services.access import visible_complaint
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.read_models import ComplaintDetail, ContactView, MessageView
from complaintdesk.storage.models import (
    Category,
    ContactPoint,
    Customer,
    Function,
    Message,
    Site,
    User,
)
from complaintdesk.storage.unit_of_work import UnitOfWork

TIMELINE_LIMIT = 200


def get_detail(ctx: ServiceContext, complaint_id: uuid.UUID) -> ComplaintDetail:
    """Return what the detail pane shows about one complaint.

    Raises:
        NotFound: no such complaint, or the caller may not see it.
    """
    with ctx.uow() as uow:
        complaint = visible_complaint(uow, ctx.actor, complaint_id)
        customer = uow.get(Customer, complaint.customer_id)
        site = uow.get(Site, complaint.site_id)
        assert customer is not None
        assert site is not None
        contacts = uow.scalars(
            select(ContactPoint)
            .where(ContactPoint.customer_id == customer.id)
            .order_by(ContactPoint.kind, ContactPoint.value)
        )
        messages = uow.scalars(
            select(Message)
            .where(Message.complaint_id == complaint.id)
            .order_by(Message.occurred_at.desc())
            .limit(TIMELINE_LIMIT)
        )
        status = Status(complaint.status)
        return ComplaintDetail(
            id=complaint.id,
            reference=complaint.reference,
            subject=complaint.subject,
            description=complaint.description,
            status=status,
            allowed_next=tuple(sorted(allowed_next(status))),
            priority=Priority(complaint.priority),
            channel=Channel(complaint.channel),
            site_code=site.code,
            site_name=site.name,
            customer_id=customer.id,
            customer_name=customer.display_name,
            customer_segment=customer.segment,
            contacts=tuple(ContactView(c.kind, c.value) for c in contacts),
            owner_name=_name(uow, User, complaint.owner_id),
            function_name=_name(uow, Function, complaint.responsible_function_id),
            team_queue=complaint.team_queue,
            category_name=_name(uow, Category, complaint.category_id),
            received_at=complaint.received_at,
            acknowledge_due_at=complaint.acknowledge_due_at,
            resolution_due_at=complaint.resolution_due_at,
            regulatory_due_at=complaint.regulatory_due_at,
            next_due_at=complaint.next_due_at,
            clock_state=ClockState(complaint.clock_state),
            outcome=complaint.outcome,
            amount=complaint.amount,
            messages=tuple(_message(m) for m in reversed(messages)),
            version=complaint.version,
        )


def _name(
    uow: UnitOfWork, model: type[User | Function | Category], ident: uuid.UUID | None
) -> str | None:
    if ident is None:
        return None
    row = uow.get(model, ident)
    if row is None:
        return None
    return row.display_name if isinstance(row, User) else row.name


def _message(m: Message) -> MessageView:
    return MessageView(
        id=m.id,
        direction=m.direction,
        channel=Channel(m.channel),
        sender=m.sender,
        subject=m.subject,
        body_text=m.body_text,
        occurred_at=m.occurred_at,
    )

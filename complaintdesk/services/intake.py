"""Intake: a complaint from any channel, its customer matched or created, routed at once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.reference import format_reference
from complaintdesk.domain.routing import ComplaintFacts
from complaintdesk.domain.vocabulary import Channel, Direction, Priority, Status
from complaintdesk.services import customers, notifications, promises, routing
from complaintdesk.services.access import record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.customers import CustomerInput
from complaintdesk.storage.models import Category, Complaint, Customer, Message, Site, SiteSequence
from complaintdesk.storage.unit_of_work import UnitOfWork

TAKEN_BY_RECEIVER = frozenset({Channel.PHONE, Channel.SHOP, Channel.LETTER})
"""Channels where the person who records the complaint owns it (DESIGN.md section 7)."""


@dataclass(frozen=True)
class NewComplaint:
    """A complaint as it arrives, before it has a reference."""

    channel: Channel
    subject: str
    description: str
    customer: CustomerInput
    received_at: datetime | None = None
    category_code: str | None = None
    product: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    site_code: str | None = None
    external_ref: str | None = None
    sender: str | None = None
    message_external_id: str | None = None
    take_ownership: bool | None = None
    """None: the receiver takes phone, shop and letter complaints; routing picks otherwise."""


@dataclass(frozen=True)
class IntakeResult:
    """The recorded complaint and why it went where it went."""

    complaint_id: uuid.UUID
    reference: str
    customer_id: uuid.UUID
    owner_id: uuid.UUID | None
    routing_explanation: str


def record_complaint(ctx: ServiceContext, new: NewComplaint) -> IntakeResult:
    """Record ``new`` in one transaction: customer, complaint, first message, routing.

    Raises:
        PermissionDenied: the caller may not handle complaints.
        ValidationError: missing subject, bad contact point, receipt in the future…
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    received = _received(new.received_at)
    subject = " ".join(new.subject.split())
    if not subject:
        raise ValidationError("A complaint needs a subject: say in a few words what is wrong.")
    with ctx.uow(write=True) as uow:
        site = _site(uow, new.site_code or ctx.actor.site_code)
        customer = customers.match_or_create(uow, ctx.actor, new.customer, _region(site))
        complaint = _complaint(uow, new, subject, site, customer, received)
        routed = routing.decide(uow, _facts(new, subject, customer, site))
        routing.set_fields(complaint, routed)
        complaint.owner_id = _owner(uow, ctx.actor, new, complaint, routed)
        promises.set_initial_due(complaint)
        promises.refresh(complaint, datetime.now(UTC))
        record(uow, ctx.actor, complaint, "complaint_recorded", complaint.id)
        routing.store_decision(uow, ctx.actor, complaint, routed)
        _first_message(uow, ctx.actor, new, complaint, received)
        if complaint.owner_id is not None and complaint.owner_id != ctx.actor.user_id:
            notifications.notify(
                uow,
                complaint.owner_id,
                "assigned",
                f"{complaint.reference}: {subject}",
                complaint.id,
            )
        explanation = routed.result.explanation if routed.result else "No routing rule matched."
        result = IntakeResult(
            complaint.id, complaint.reference, customer.id, complaint.owner_id, explanation
        )
        uow.commit()
        return result


def _received(given: datetime | None) -> datetime:
    now = datetime.now(UTC)
    if given is None:
        return now
    if given.tzinfo is None:
        raise ValidationError("The receipt time needs a time zone.")
    if given > now + _CLOCK_SKEW:
        raise ValidationError("The receipt time is in the future.")
    return given.astimezone(UTC)


_CLOCK_SKEW = timedelta(minutes=5)
"""How far ahead of our clock a receipt time may be (another workstation's clock)."""


def _site(uow: UnitOfWork, code: str) -> Site:
    found: list[Site] = uow.scalars(select(Site).where(Site.code == code.upper()))
    if not found:
        raise NotFound(f"No site has the code {code!r}.")
    return found[0]


def _region(site: Site) -> str:
    return "GB" if site.timezone.startswith("Europe/London") else "FR"


def next_reference(uow: UnitOfWork, site: Site, year: int) -> str:
    """Return the next ``SITE-YY-NNNNN`` of ``site``, holding its sequence row."""
    found = uow.scalars(
        select(SiteSequence)
        .where(SiteSequence.site_id == site.id, SiteSequence.year == year)
        .with_for_update()
    )
    sequence = found[0] if found else SiteSequence(site_id=site.id, year=year, last_number=0)
    if not found:
        uow.add(sequence)
    sequence.last_number += 1
    return format_reference(site.code, year, sequence.last_number)


def _complaint(
    uow: UnitOfWork,
    new: NewComplaint,
    subject: str,
    site: Site,
    customer: Customer,
    received: datetime,
) -> Complaint:
    category_id = None
    if new.category_code:
        found = uow.scalars(select(Category.id).where(Category.code == new.category_code))
        if not found:
            raise ValidationError(f"Unknown category {new.category_code!r}.")
        category_id = found[0]
    return Complaint(
        reference=next_reference(uow, site, received.year),
        customer_id=customer.id,
        channel=new.channel.value,
        site_id=site.id,
        subject=subject[:300],
        description=new.description.strip(),
        language=customer.preferred_language,
        category_id=category_id,
        product=new.product,
        priority=Priority.NORMAL.value,
        status=Status.NEW.value,
        is_open=True,
        received_at=received,
        next_due_at=received,
        amount=new.amount,
        currency=new.currency,
        external_ref=new.external_ref,
    )


def _facts(new: NewComplaint, subject: str, customer: Customer, site: Site) -> ComplaintFacts:
    return ComplaintFacts(
        channel=new.channel.value,
        subject=subject,
        body=new.description,
        category=new.category_code,
        segment=customer.segment,
        site=site.code,
        amount=new.amount,
    )


def _owner(
    uow: UnitOfWork, actor: Actor, new: NewComplaint, complaint: Complaint, routed: routing.Routed
) -> uuid.UUID | None:
    takes = new.take_ownership
    if takes is None:
        takes = new.channel in TAKEN_BY_RECEIVER
    if takes and actor.user_id is not None:
        return actor.user_id
    method = routed.result.rule.assignment if routed.result else "none"
    return routing.pick_owner(uow, complaint.team_queue, method)


def _first_message(
    uow: UnitOfWork, actor: Actor, new: NewComplaint, complaint: Complaint, received: datetime
) -> None:
    message = Message(
        complaint_id=complaint.id,
        customer_id=complaint.customer_id,
        direction=Direction.INBOUND.value,
        channel=new.channel.value,
        sender=new.sender,
        subject=complaint.subject,
        body_text=new.description.strip(),
        occurred_at=received,
        recorded_at=datetime.now(UTC),
        external_id=new.message_external_id,
        author_id=actor.user_id if new.channel in TAKEN_BY_RECEIVER else None,
    )
    record(uow, actor, message, "message_recorded", complaint.id)

"""Intake: a complaint from any channel, its customer matched or created, routed at once."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from complaintdesk.domain.customers.contacts import phone_region
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.plain_text import storable_copy
from complaintdesk.domain.promises import instants
from complaintdesk.domain.reference import format_reference
from complaintdesk.domain.routing import ComplaintFacts, Reason, Rule
from complaintdesk.domain.vocabulary import Channel, Direction, Priority, Status
from complaintdesk.services.complaints import links, notifications, routing
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.customers import matching
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.promises import checks, policies
from complaintdesk.storage import lookups
from complaintdesk.storage.concurrency import reference_numbers
from complaintdesk.storage.models import Complaint, Customer, Message, Site
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
    channel_detail: str | None = None
    sender: str | None = None
    message_external_id: str | None = None
    take_ownership: bool | None = None
    """None: the receiver takes phone, shop and letter complaints; routing picks otherwise."""
    message_original: str | None = None
    """The first message as it came (e.g. an email's HTML) when ``description`` renders it."""
    recipient: str | None = None
    in_reply_to: str | None = None
    public: bool = False
    """The first message was posted where anyone can read it (social)."""
    conversation: str | None = None
    """Social: the thread the first message belongs to."""
    message_content_hash: str | None = None
    """Email: tells a second delivery of the first message from a Message-ID reused."""
    message_id_clash: bool = False
    """Email: another, different message already carries the first message's Message-ID."""
    sent_at: datetime | None = None
    """When the customer sent it, as the source claims (an email's Date header, the day the
    CFPB received it); kept only when believable (see ``sent_within``)."""
    sent_within: timedelta | None = instants.EMAIL_WINDOW
    """How long before the receipt ``sent_at`` may be (None: any time before it)."""
    letter_date: datetime | None = None
    """The date written on a letter, typed by a person: refused when it cannot be right."""


@dataclass(frozen=True)
class IntakeResult:
    """The recorded complaint and why it went where it went."""

    complaint_id: uuid.UUID
    reference: str
    customer_id: uuid.UUID
    owner_id: uuid.UUID | None
    routing_explanation: str
    routed_by_rule: bool
    """False when only the default rule (or none) matched."""
    message_id: uuid.UUID | None = None
    """The complaint's first message."""
    routing_reason: Reason | None = None
    """Why it went where it went, as data (screens word it in their language)."""


def record_complaint(ctx: ServiceContext, new: NewComplaint) -> IntakeResult:
    """Record ``new`` in one transaction: customer, complaint, first message, routing.

    Raises:
        PermissionDenied: the caller may not handle complaints.
        ValidationError: missing subject, bad contact point, receipt in the future…
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow(write=True) as uow:
        _, result = record_in(uow, ctx.actor, new, routing.load_rules(uow))
        uow.commit()
        return result


def record_in(
    uow: UnitOfWork,
    actor: Actor,
    new: NewComplaint,
    rules: Sequence[Rule],
    settle: Callable[[Complaint], None] | None = None,
    verdict: policies.Settled | None = None,
    *,
    propose: bool = True,
) -> tuple[Complaint, IntakeResult]:
    """Record ``new`` inside the caller's unit of work (batch imports share one).

    Args:
        settle: brings an imported complaint to the state it reached at its source,
            before it is recorded (so the audit trail shows it once, as it is).
        verdict: how the source says the complaint's targets ended (an import).
        propose: tell the owner when the complaint looks like an open one of the same
            customer (imports, which bring history as it was, do not).
    """
    new = storable_copy(new)
    received = _received(new.received_at, uow.now())
    sent = _sent(new, received)
    subject = " ".join(new.subject.split())
    if not subject:
        raise ValidationError("A complaint needs a subject: say in a few words what is wrong.")
    # Everything that can refuse the complaint is checked before anything is written, so
    # a refused one leaves nothing behind even inside a shared (batch) unit of work.
    site = lookups.require_site(uow, new.site_code or actor.site_code)
    category_id = _category_id(uow, new.category_code)
    matching.normalised_contacts(new.customer.contacts, phone_region(site.timezone))
    customer = matching.match_or_create(uow, actor, new.customer, phone_region(site.timezone))
    complaint = _complaint(uow, new, subject, site, customer, received)
    complaint.sent_at = sent
    complaint.category_id = category_id
    routed = routing.decide_or_wait(uow, _facts(new, subject, customer, site), rules)
    routing.set_fields(complaint, routed)
    complaint.owner_id = _owner(uow, actor, new, complaint, routed)
    facts = policies.facts_of(
        new.channel.value,
        new.category_code,
        customer.segment,
        complaint.priority,
        site,
        new.product,
    )
    policies.assign_policies(uow, complaint, facts)
    if settle is not None:
        settle(complaint)
    policies.refresh(uow, complaint, datetime.now(UTC), customer.segment, verdict)
    record(uow, actor, complaint, "complaint_recorded", complaint.id)
    checks.escalate_complaint(uow, actor, complaint)  # late already (a back-dated letter)
    routing.store_decision(uow, actor, complaint, routed)
    message = _first_message(uow, actor, new, complaint, received)
    if propose:
        links.propose_on_intake(uow, actor, complaint)
    if complaint.owner_id is not None and complaint.owner_id != actor.user_id:
        text = f"{complaint.reference}: {subject}"
        notifications.notify(uow, complaint.owner_id, "assigned", text, complaint.id)
    if routed.failure is not None:
        text = f"Complaints wait unrouted in All open: {routed.failure}"
        notifications.tell_administrators(uow, "routing_failed", text, complaint.id)
    explanation = routed.result.explanation if routed.result else "No routing rule matched."
    explanation = routed.failure or explanation
    return complaint, IntakeResult(
        complaint.id,
        complaint.reference,
        customer.id,
        complaint.owner_id,
        explanation,
        routed.result is not None and not routed.result.rule.is_default,
        message.id,
        routing.reason_of(routed),
    )


def _sent(new: NewComplaint, received: datetime) -> datetime | None:
    if new.letter_date is not None:
        return instants.checked_letter_date(new.letter_date, received)
    return instants.believable_sent_at(new.sent_at, received, new.sent_within)


def _received(given: datetime | None, now: datetime) -> datetime:
    """The receipt: as given, or now by the reference clock (the central server's when this
    workstation's clock is off)."""
    if given is None:
        return now
    if given.tzinfo is None:
        raise ValidationError("The receipt time needs a time zone.")
    if given > now + _CLOCK_SKEW:
        raise ValidationError("The receipt time is in the future.")
    return given.astimezone(UTC)


_CLOCK_SKEW = timedelta(minutes=5)
"""How far ahead of our clock a receipt time may be (another workstation's clock)."""


def next_reference(uow: UnitOfWork, site: Site, year: int) -> str:
    """Return the next ``SITE-YY-NNNNN`` of ``site`` (a branch's own block, or the sequence)."""
    return format_reference(site.code, year, reference_numbers.next_number(uow, site.id, year))


def _category_id(uow: UnitOfWork, code: str | None) -> uuid.UUID | None:
    if not code:
        return None
    category = lookups.category_by_code(uow, code)
    if category is None:
        raise ValidationError(f"Unknown category {code!r}.")
    return category.id


def _complaint(
    uow: UnitOfWork,
    new: NewComplaint,
    subject: str,
    site: Site,
    customer: Customer,
    received: datetime,
) -> Complaint:
    return Complaint(
        reference=next_reference(uow, site, received.year),
        customer_id=customer.id,
        channel=new.channel.value,
        channel_detail=new.channel_detail,
        site_id=site.id,
        subject=subject[:300],
        description=new.description.strip(),
        language=customer.preferred_language,
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
) -> Message:
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
        recipient=new.recipient,
        in_reply_to=new.in_reply_to,
        body_original=new.message_original,
        author_id=actor.user_id if new.channel in TAKEN_BY_RECEIVER else None,
        public=new.public,
        conversation=new.conversation,
        content_hash=new.message_content_hash,
        id_clash=new.message_id_clash,
    )
    record(uow, actor, message, "message_recorded", complaint.id)
    return message

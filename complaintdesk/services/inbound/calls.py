"""Phone calls on the timeline: notes of a call logged on a complaint, or a new complaint.

An incoming call is the customer speaking (an inbound message: it reopens a resolved
complaint as an email would); a call the agent made is an answer given to the customer
(an outbound message: it stops the first-response clock, DESIGN.md section 6).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from complaintdesk.domain.customers.contacts import normalise_phone
from complaintdesk.domain.customers.telephony import dialled_number
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Channel, ContactKind, Direction, Priority, Segment
from complaintdesk.services.complaints import intake, messages, routing
from complaintdesk.services.complaints.access import complaint_for_change, record
from complaintdesk.services.complaints.intake import IntakeResult, NewComplaint
from complaintdesk.services.complaints.messages import InboundMessage
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.customers.callers import site_region
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.promises import policies
from complaintdesk.storage.models import Complaint, Message
from complaintdesk.storage.unit_of_work import UnitOfWork

CALL_DIRECTIONS = (Direction.INBOUND, Direction.OUTBOUND)


@dataclass(frozen=True)
class CallNotes:
    """What was said on one call."""

    direction: Direction
    """``inbound``: the customer called; ``outbound``: the agent called the customer."""
    notes: str
    number: str | None = None
    """The customer's number, if known (normalised before it is stored)."""
    occurred_at: datetime | None = None
    """When the call started (now if None)."""


@dataclass(frozen=True)
class CallComplaint:
    """A complaint taken on a call: the caller, what is wrong, the agent's picks."""

    number: str
    subject: str
    notes: str
    customer_name: str = ""
    """Needed for an unknown number only; a known number finds its customer."""
    category_code: str | None = None
    priority: Priority | None = None
    """None: routing decides, as for any channel."""
    segment: Segment = Segment.STANDARD
    language: str = "en"
    email: str | None = None
    direction: Direction = Direction.INBOUND


def log_call(ctx: ServiceContext, complaint_id: uuid.UUID, call: CallNotes) -> uuid.UUID:
    """Record the notes of a call as a phone message on the complaint's timeline.

    Returns:
        The message id.

    Raises:
        ValidationError: no notes, not a call direction, or an invalid number.
        PermissionDenied, NotFound: as for any change to the complaint.
    """
    notes = _checked(call)
    now = datetime.now(UTC)
    if call.occurred_at is not None and call.occurred_at.tzinfo is None:
        raise ValidationError("The time of the call needs a time zone.")
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, None)
        number = _number(uow, ctx.actor, call.number)
        if call.direction is Direction.INBOUND:
            inbound = InboundMessage(
                Channel.PHONE, notes, sender=number, occurred_at=call.occurred_at
            )
            outcome = messages.record_inbound_in(uow, ctx.actor, complaint, inbound, now)
            uow.commit()
            return outcome.message_id
        message = _outbound(complaint, ctx.actor, notes, number, call.occurred_at or now, now)
        record(uow, ctx.actor, message, "response_recorded", complaint.id)
        messages.note_response(uow, ctx.actor, complaint, now)
        uow.commit()
        return message.id


def record_from_call(ctx: ServiceContext, call: CallComplaint) -> IntakeResult:
    """Record a new complaint taken on a call; the caller's number finds or makes the customer.

    The agent who takes the call owns the complaint (DESIGN.md section 7). A priority
    picked on the call overrides the routing rule's and the promise is matched with it.

    Raises:
        ValidationError: no subject, an invalid number, an unknown category…
        PermissionDenied: the role does not handle complaints.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    if not call.number.strip():
        raise ValidationError("Give the caller's phone number.")
    number = dialled_number(call.number)
    contacts: list[tuple[ContactKind, str]] = [(ContactKind.PHONE, number)]
    if call.email and call.email.strip():
        contacts.append((ContactKind.EMAIL, call.email))
    new = NewComplaint(
        channel=Channel.PHONE,
        subject=call.subject,
        description=call.notes,
        customer=CustomerInput(
            call.customer_name, contacts, segment=call.segment, language=call.language
        ),
        category_code=call.category_code,
        sender=number,
        take_ownership=True,
    )
    with ctx.uow(write=True) as uow:

        def settle(complaint: Complaint) -> None:
            if call.priority is not None:
                _set_priority(uow, complaint, call.priority)

        _, result = intake.record_in(uow, ctx.actor, new, routing.load_rules(uow), settle)
        uow.commit()
        return result


def _checked(call: CallNotes) -> str:
    if call.direction not in CALL_DIRECTIONS:
        raise ValidationError("A call is either incoming or outgoing.")
    notes = call.notes.strip()
    if not notes:
        raise ValidationError("Write what was said on the call.")
    return notes


def _number(uow: UnitOfWork, actor: Actor, raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    return normalise_phone(dialled_number(raw), site_region(uow, actor.site_id))


def _outbound(
    complaint: Complaint,
    actor: Actor,
    notes: str,
    number: str | None,
    occurred_at: datetime,
    now: datetime,
) -> Message:
    return Message(
        complaint_id=complaint.id,
        customer_id=complaint.customer_id,
        direction=Direction.OUTBOUND.value,
        channel=Channel.PHONE.value,
        recipient=number,
        body_text=notes,
        occurred_at=occurred_at,
        recorded_at=now,
        author_id=actor.user_id,
    )


def _set_priority(uow: UnitOfWork, complaint: Complaint, priority: Priority) -> None:
    """Apply the agent's priority, and the promise that goes with it."""
    if complaint.priority != priority.value:
        policies.apply_priority(uow, complaint, priority)

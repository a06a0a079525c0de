"""Customer commitments: what the customer must provide, by when (DESIGN.md principle 3).

Recording one puts the complaint in ``waiting_on_customer`` (the promise clock pauses where
the policy allows); the last one fulfilled or cancelled brings it back to ``in_progress``.
Reminders leave on their own (:mod:`followups`); when the customer delivers — a reply with
an attachment, a call, a visit at the counter — the commitment is proposed to the owner as
fulfilled, and the owner confirms it (or says not yet).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select

from complaintdesk.domain import commitments as rules
from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.vocabulary import Status
from complaintdesk.services.complaints import lifecycle, notifications
from complaintdesk.services.complaints.access import complaint_for_change, record, require_owner
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.storage.models import Complaint, CustomerCommitment
from complaintdesk.storage.unit_of_work import UnitOfWork


def add(
    ctx: ServiceContext,
    complaint_id: uuid.UUID,
    description: str,
    due_at: datetime,
    expected_version: int,
) -> uuid.UUID:
    """Record what the customer must provide; the complaint waits on the customer."""
    if not description.strip():
        raise ValidationError("Say what the customer must provide.")
    if due_at.tzinfo is None or due_at <= datetime.now(UTC):
        raise ValidationError("The customer's due date must be in the future.")
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, expected_version)
        require_owner(ctx.actor, complaint)
        status = Status(complaint.status)
        if status not in (Status.IN_PROGRESS, Status.WAITING_ON_CUSTOMER):
            raise ValidationError(
                "Start work on the complaint (in progress) before waiting on the customer."
            )
        now = datetime.now(UTC)
        commitment = CustomerCommitment(
            complaint_id=complaint.id,
            description=description.strip(),
            due_at=due_at,
            next_reminder_at=rules.next_reminder(now, due_at, now),
        )
        record(uow, ctx.actor, commitment, "commitment_recorded", complaint.id)
        if status is Status.IN_PROGRESS:
            lifecycle.move(uow, ctx.actor, complaint, Status.WAITING_ON_CUSTOMER)
        uow.commit()
        return commitment.id


def note_delivery(
    uow: UnitOfWork,
    actor: Actor,
    complaint: Complaint,
    message_id: uuid.UUID,
    what: Sequence[str],
) -> int:
    """Propose the complaint's open commitments as fulfilled by what the customer delivered.

    Args:
        what: what came (attachment names, or the channel the customer used to tell us);
            nothing: nothing to propose.

    Returns:
        How many commitments were proposed.
    """
    if not what:
        return 0
    rows: list[CustomerCommitment] = uow.scalars(
        select(CustomerCommitment).where(
            CustomerCommitment.complaint_id == complaint.id, CustomerCommitment.state == "open"
        )
    )
    now = datetime.now(UTC)
    for commitment in rows:
        commitment.proposed_at, commitment.proposed_message_id = now, message_id
        record(uow, actor, commitment, "commitment_proposed_fulfilled", complaint.id)
    if rows:
        names = "; ".join(c.description for c in rows)
        text = (
            f"{complaint.reference}: the customer delivered ({', '.join(what)}) — "
            f"confirm if it fulfils: {names}"
        )
        notifications.notify(uow, complaint.owner_id, "commitment_delivered", text, complaint.id)
    return len(rows)


def not_yet(ctx: ServiceContext, commitment_id: uuid.UUID) -> None:
    """What the customer sent does not fulfil the commitment: it stays awaited."""
    with ctx.uow(write=True) as uow:
        commitment, complaint = _commitment(uow, commitment_id)
        complaint_for_change(uow, ctx.actor, complaint.id, None)
        if commitment.proposed_at is None:
            raise ValidationError("Nothing the customer sent was proposed for this commitment.")
        commitment.proposed_at, commitment.proposed_message_id = None, None
        record(uow, ctx.actor, commitment, "commitment_not_yet", complaint.id)
        uow.commit()


def fulfil(ctx: ServiceContext, commitment_id: uuid.UUID) -> None:
    """The customer provided what was asked."""
    _settle(ctx, commitment_id, "fulfilled")


def cancel(ctx: ServiceContext, commitment_id: uuid.UUID) -> None:
    """The commitment is no longer needed."""
    _settle(ctx, commitment_id, "cancelled")


def remind(ctx: ServiceContext, commitment_id: uuid.UUID) -> int:
    """Record that the customer was reminded; return how many reminders were sent."""
    with ctx.uow(write=True) as uow:
        commitment, complaint = _commitment(uow, commitment_id)
        complaint_for_change(uow, ctx.actor, complaint.id, None)
        commitment.reminders_sent += 1
        commitment.last_reminder_at = datetime.now(UTC)
        record(uow, ctx.actor, commitment, "commitment_reminded", complaint.id)
        uow.commit()
        return commitment.reminders_sent


def _settle(ctx: ServiceContext, commitment_id: uuid.UUID, state: str) -> None:
    with ctx.uow(write=True) as uow:
        commitment, complaint = _commitment(uow, commitment_id)
        complaint_for_change(uow, ctx.actor, complaint.id, None)
        if commitment.state != "open":
            raise ValidationError(f"This commitment is already {commitment.state}.")
        commitment.state = state
        commitment.fulfilled_at = datetime.now(UTC) if state == "fulfilled" else None
        commitment.next_reminder_at = None
        record(uow, ctx.actor, commitment, f"commitment_{state}", complaint.id)
        still_open = uow.scalars(
            select(CustomerCommitment.id).where(
                CustomerCommitment.complaint_id == complaint.id,
                CustomerCommitment.state == "open",
            )
        )
        if not still_open and Status(complaint.status) is Status.WAITING_ON_CUSTOMER:
            lifecycle.move(uow, ctx.actor, complaint, Status.IN_PROGRESS)
        uow.commit()


def _commitment(uow: UnitOfWork, commitment_id: uuid.UUID) -> tuple[CustomerCommitment, Complaint]:
    commitment = uow.get(CustomerCommitment, commitment_id)
    complaint = uow.get(Complaint, commitment.complaint_id) if commitment else None
    if commitment is None or complaint is None:
        raise NotFound("This customer commitment does not exist.")
    return commitment, complaint

"""What the desk does on its own as time passes: reminders, overdue commitments, surveys.

Run every few minutes (``complaintdesk followups``, from cron or a service manager), then
``complaintdesk send`` delivers what it queued:

- a customer commitment's reminder leaves on the customer's channel before its due date and
  on the due date (email, social; by phone or letter the owner is asked to remind them),
  and shows in the complaint's timeline;
- an overdue commitment ends the pause it caused (the promise clock runs again) and the
  owner is told;
- a resolved complaint's satisfaction survey leaves a day after the resolution.

Each item is one unit of work: one that fails is reported and the others go on.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from complaintdesk.domain import commitments as rules
from complaintdesk.domain.customers.language import long_date
from complaintdesk.domain.errors import ComplaintDeskError, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Channel, Status
from complaintdesk.services.complaints import answer_route, lifecycle, notifications
from complaintdesk.services.complaints.access import event, record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.insight import surveys
from complaintdesk.services.outbound import (
    outbox,
    social_gateways,
    template_kinds,
    template_values,
    templates,
)
from complaintdesk.storage.models import Complaint, Customer, CustomerCommitment, Site
from complaintdesk.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
REMINDER_TEMPLATE = "commitment_reminder"
"""A kind of the template registry: its variables are declared in ``template_kinds``."""
BATCH = 200


@dataclass
class FollowupSummary:
    """What one run did."""

    reminders: int = 0
    reminded_by_owner: int = 0
    """Reminders the owner was asked to give (phone, letter: no channel the desk sends on)."""
    overdue: int = 0
    pauses_ended: int = 0
    surveys: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)


def run(ctx: ServiceContext, now: datetime | None = None) -> FollowupSummary:
    """Send the reminders due, settle the overdue commitments, queue the surveys due.

    Args:
        now: the instant to act at (the current one by default).

    Raises:
        PermissionDenied: the caller may not handle complaints.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    now = now or datetime.now(UTC)
    summary = FollowupSummary()
    reminders, overdue, survey_due = _due(ctx, now)
    for commitment_id in reminders:
        _each(ctx, summary, commitment_id, lambda uow, i: _remind(uow, ctx.actor, i, now, summary))
    for commitment_id in overdue:
        _each(ctx, summary, commitment_id, lambda uow, i: _overdue(uow, ctx.actor, i, now, summary))
    for complaint_id in survey_due:
        _each(ctx, summary, complaint_id, lambda uow, i: _survey(uow, ctx.actor, i, now, summary))
    return summary


def _due(
    ctx: ServiceContext, now: datetime
) -> tuple[list[uuid.UUID], list[uuid.UUID], list[uuid.UUID]]:
    """Return the commitments to remind, those overdue, and the complaints to survey."""
    open_ = (CustomerCommitment.state == "open", CustomerCommitment.overdue_at.is_(None))
    with ctx.uow() as uow:
        reminders = uow.scalars(
            select(CustomerCommitment.id)
            .where(*open_, CustomerCommitment.next_reminder_at <= now)
            .limit(BATCH)
        )
        overdue = uow.scalars(
            select(CustomerCommitment.id)
            .where(*open_, CustomerCommitment.due_at < now)
            .limit(BATCH)
        )
        return reminders, overdue, [c.id for c in surveys.due(uow, now, BATCH)]


def _each(
    ctx: ServiceContext,
    summary: FollowupSummary,
    ident: uuid.UUID,
    work: Callable[[UnitOfWork, uuid.UUID], None],
) -> None:
    try:
        with ctx.uow(write=True) as uow:
            work(uow, ident)
            uow.commit()
    except ComplaintDeskError as error:
        summary.failures.append({"id": str(ident), "reason": str(error)})
    except Exception as error:  # one bad row must not stop the others: logged in full
        log.exception("follow-up of %s failed", ident)
        summary.failures.append({"id": str(ident), "reason": type(error).__name__})


def _locked(uow: UnitOfWork, commitment_id: uuid.UUID) -> CustomerCommitment | None:
    found: list[CustomerCommitment] = uow.scalars(
        select(CustomerCommitment).where(CustomerCommitment.id == commitment_id).with_for_update()
    )
    return found[0] if found and found[0].state == "open" else None


def _remind(
    uow: UnitOfWork, actor: Actor, commitment_id: uuid.UUID, now: datetime, summary: FollowupSummary
) -> None:
    commitment = _locked(uow, commitment_id)
    if (
        commitment is None
        or commitment.next_reminder_at is None
        or commitment.next_reminder_at > now
    ):
        return  # another run sent it, or it was settled meanwhile
    complaint = uow.get(Complaint, commitment.complaint_id)
    assert complaint is not None
    if complaint.is_open:
        channel = _send_reminder(uow, actor, complaint, commitment, now)
        commitment.reminders_sent += 1
        commitment.last_reminder_at = now
        if channel in (Channel.EMAIL, Channel.SOCIAL):
            summary.reminders += 1
        else:
            summary.reminded_by_owner += 1
    commitment.next_reminder_at = rules.next_reminder(commitment.created_at, commitment.due_at, now)
    record(uow, actor, commitment, "commitment_reminder_sent", complaint.id)


def _send_reminder(
    uow: UnitOfWork,
    actor: Actor,
    complaint: Complaint,
    commitment: CustomerCommitment,
    now: datetime,
) -> Channel:
    """Queue the reminder on the customer's channel; return that channel."""
    customer = uow.get(Customer, complaint.customer_id)
    assert customer is not None
    values = _reminder_values(uow, complaint, customer, commitment, now)
    kind = template_kinds.BY_NAME[REMINDER_TEMPLATE]
    language = customer.preferred_language
    rendered = templates.render(uow, kind.name, language, template_values.for_kind(kind, values))
    try:
        route: answer_route.ReplyRoute | None = answer_route.route_in(uow, complaint)
    except ValidationError:
        route = None  # no way back known: the owner finds one
    sent_by_email = route is not None and route.channel is Channel.EMAIL
    if sent_by_email and outbox.queue_automatic(uow, actor, complaint, rendered, "reminder_queued"):
        return Channel.EMAIL
    if route is not None and route.channel is Channel.SOCIAL:
        message = social_gateways.queue_reply_in(uow, actor, complaint, rendered.body, False)
        message.automatic = True
        record(uow, actor, message, "reminder_queued", complaint.id)
        return Channel.SOCIAL
    return _ask_owner(uow, actor, complaint, customer.display_name, route, values)


def _reminder_values(
    uow: UnitOfWork,
    complaint: Complaint,
    customer: Customer,
    commitment: CustomerCommitment,
    now: datetime,
) -> dict[str, Any]:
    """What the reminder template is given (its kind's variables)."""
    site = uow.get(Site, complaint.site_id)
    zone = ZoneInfo(site.timezone if site else "UTC")
    due = commitment.due_at.astimezone(zone)
    return {
        "reference": complaint.reference,
        "customer_name": customer.display_name,
        "commitment": commitment.description,
        "due_date": long_date(due.date(), customer.preferred_language),
        "last_call": rules.next_reminder(commitment.created_at, commitment.due_at, now) is None,
        "site_name": site.name if site else "",
    }


def _ask_owner(
    uow: UnitOfWork,
    actor: Actor,
    complaint: Complaint,
    name: str,
    route: answer_route.ReplyRoute | None,
    values: dict[str, Any],
) -> Channel:
    """No channel the desk sends on: the owner is asked to remind the customer."""
    channel = route.channel if route is not None else Channel.PHONE
    how = f"by {channel.value} ({route.address})" if route is not None else "(no contact known)"
    text = (
        f"{complaint.reference}: remind {name} {how}: "
        f"{values['commitment']} — due {values['due_date']}."
    )
    notifications.notify(uow, complaint.owner_id, "remind_customer", text, complaint.id)
    event(uow, actor, "reminder_asked_of_owner", complaint.id, {"channel": channel.value})
    return channel


def _overdue(
    uow: UnitOfWork, actor: Actor, commitment_id: uuid.UUID, now: datetime, summary: FollowupSummary
) -> None:
    """End the pause an overdue commitment caused, and tell the owner."""
    commitment = _locked(uow, commitment_id)
    if commitment is None or commitment.overdue_at is not None or commitment.due_at >= now:
        return
    complaint = uow.get(Complaint, commitment.complaint_id)
    assert complaint is not None
    commitment.overdue_at, commitment.next_reminder_at = now, None
    record(uow, actor, commitment, "commitment_overdue", complaint.id)
    summary.overdue += 1
    others = uow.scalars(
        select(CustomerCommitment.id).where(
            CustomerCommitment.complaint_id == complaint.id,
            CustomerCommitment.state == "open",
            CustomerCommitment.id != commitment.id,
            CustomerCommitment.due_at >= now,
        )
    )
    ended = not others and Status(complaint.status) is Status.WAITING_ON_CUSTOMER
    if ended:
        lifecycle.move(uow, actor, complaint, Status.IN_PROGRESS)
        summary.pauses_ended += 1
    text = (
        f"{complaint.reference}: the customer's commitment is overdue — {commitment.description}."
    )
    if ended:
        text += " The promise clock runs again."
    notifications.notify(uow, complaint.owner_id, "commitment_overdue", text, complaint.id)


def _survey(
    uow: UnitOfWork, actor: Actor, complaint_id: uuid.UUID, now: datetime, summary: FollowupSummary
) -> None:
    complaint = uow.get(Complaint, complaint_id)
    if complaint is None or complaint.status != Status.RESOLVED.value:
        return
    if surveys.queue_in(uow, actor, complaint, now) is not None:
        summary.surveys += 1
    else:  # no address to ask at: remembered, so the next run does not try again
        event(uow, actor, "survey_not_sent", complaint.id, {"reason": "no email address"})
        surveys.note_unsendable(uow, actor, complaint, now)

"""The phone screen pop: who is calling, what is open for them, what was said lately.

Read on the hot path of an incoming call (DESIGN.md section 10: under 200 ms on the full
data set), so every query is Core SQL on an indexed column through ``uow.rows()``:
``contact_point(kind, value)``, ``complaint(customer_id, received_at)`` and
``message(customer_id)``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import and_, exists, func, select, true

from complaintdesk.domain.customers.contacts import normalise_phone, phone_region
from complaintdesk.domain.customers.telephony import dialled_number
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Channel, ClockState, Status
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.customers import duplicates
from complaintdesk.services.customers.duplicates import DuplicateCandidate
from complaintdesk.services.read_models import ContactView
from complaintdesk.storage import lookups
from complaintdesk.storage.models import (
    Complaint,
    ContributionRequest,
    Customer,
    Message,
    Site,
    User,
)
from complaintdesk.storage.unit_of_work import UnitOfWork

LAST_CONTACTS = 8
"""How many recent messages the card shows, across every channel."""
OPEN_LIMIT = 50
"""More open complaints than this for one caller is a data problem, not a screen to read."""
SUMMARY_CHARS = 160
MERGE_HOPS = 20
PROPOSALS = 3
"""Likely other records of the caller shown on the card."""


@dataclass(frozen=True)
class OpenComplaintLine:
    """One open complaint of the caller, with its clock."""

    id: uuid.UUID
    reference: str
    subject: str
    status: Status
    owner_name: str | None
    clock_state: ClockState
    next_due_at: datetime
    received_at: datetime
    version: int


@dataclass(frozen=True)
class ContactMoment:
    """One recent exchange with the caller, on any channel."""

    complaint_id: uuid.UUID | None
    complaint_reference: str | None
    channel: Channel
    direction: str
    occurred_at: datetime
    summary: str


@dataclass(frozen=True)
class CallerProposal:
    """Another record that may be the caller, with its most urgent open complaint."""

    candidate: DuplicateCandidate
    complaint_id: uuid.UUID | None
    reference: str | None


@dataclass(frozen=True)
class CallerCard:
    """What the agent sees when the phone rings.

    ``customer_id`` is None for an unknown number: the screen offers a new-customer form
    prefilled with :attr:`number`.
    """

    number: str
    """The calling number in E.164 form."""
    customer_id: uuid.UUID | None = None
    name: str = ""
    segment: str = ""
    language: str = ""
    contacts: tuple[ContactView, ...] = ()
    open_complaints: tuple[OpenComplaintLine, ...] = ()
    last_contacts: tuple[ContactMoment, ...] = ()
    other_customers: tuple[str, ...] = ()
    """Names of other (not merged) customers who gave the same number: likely duplicates."""
    proposals: tuple[CallerProposal, ...] = ()
    """Other records that may be the same person ("this may be Léa Martin, 2 open")."""

    @property
    def known(self) -> bool:
        """True when the number belongs to a customer."""
        return self.customer_id is not None


def screen_pop(ctx: ServiceContext, number: str, *, last: int = LAST_CONTACTS) -> CallerCard:
    """Return the card of whoever calls from ``number``.

    The number is read as typed or as telephony software passes it (``+33 6 12…``,
    ``06 12 34 56 78``, ``tel:+33612345678``), national numbers in the region of the
    agent's site. Only complaints the agent may see are listed (a branch clerk: their site).

    Raises:
        InvalidContactPoint: ``number`` cannot be a phone number (nothing is looked up).
        PermissionDenied: the role does not handle complaints.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow() as uow:
        e164 = normalise_phone(dialled_number(number), site_region(uow, ctx.actor.site_id))
        owners = _owners(uow, e164)
        if not owners:
            return CallerCard(number=e164)
        others = tuple(other.name for other in owners[1:])
        return _card(uow, ctx.actor, e164, owners[0], others, last)


def site_region(uow: UnitOfWork, site_id: uuid.UUID) -> str:
    """Return the phone region (ISO country) in which national numbers are read at a site."""
    site = uow.get(Site, site_id)
    if site is None:
        return "FR"  # the command line acts from no site: the product's home country
    return phone_region(site.timezone)


class _Customer(NamedTuple):
    id: uuid.UUID
    name: str
    segment: str
    language: str
    updated_at: datetime


def _owners(uow: UnitOfWork, e164: str) -> list[_Customer]:
    """Return the customers holding the number, merges followed to the surviving record.

    Several customers share a number only until someone merges the duplicates; meanwhile
    the record changed last is the likeliest caller.
    """
    owners: list[_Customer] = []
    for customer_id in lookups.customers_holding(uow, "phone", e164, limit=10):
        winner = _winner(uow, customer_id)
        if winner is not None and winner.id not in {o.id for o in owners}:
            owners.append(winner)
    return sorted(owners, key=lambda o: (o.updated_at, o.name), reverse=True)


def _winner(uow: UnitOfWork, customer_id: uuid.UUID) -> _Customer | None:
    columns = (
        Customer.id,
        Customer.display_name,
        Customer.segment,
        Customer.preferred_language,
        Customer.updated_at,
        Customer.merged_into_id,
    )
    current = customer_id
    for _ in range(MERGE_HOPS):
        rows = uow.rows(select(*columns).where(Customer.id == current))
        if not rows:
            return None
        *values, merged_into = rows[0]
        if merged_into is None:
            return _Customer(*values)
        current = merged_into
    return None


def _card(
    uow: UnitOfWork,
    actor: Actor,
    e164: str,
    customer: _Customer,
    others: tuple[str, ...],
    last: int,
) -> CallerCard:
    return CallerCard(
        number=e164,
        customer_id=customer.id,
        name=customer.name,
        segment=customer.segment,
        language=customer.language,
        contacts=_contacts(uow, customer.id),
        open_complaints=_open_complaints(uow, actor, customer.id),
        last_contacts=_last_contacts(uow, actor, customer.id, last),
        other_customers=others,
        proposals=_proposals(uow, actor, customer.id),
    )


def _proposals(uow: UnitOfWork, actor: Actor, customer_id: uuid.UUID) -> tuple[CallerProposal, ...]:
    found = []
    for candidate in duplicates.candidates_in(uow, customer_id, PROPOSALS):
        urgent = _open_complaints(uow, actor, candidate.customer_id)[:1]
        found.append(
            CallerProposal(
                candidate,
                urgent[0].id if urgent else None,
                urgent[0].reference if urgent else None,
            )
        )
    return tuple(found)


def _contacts(uow: UnitOfWork, customer_id: uuid.UUID) -> tuple[ContactView, ...]:
    return tuple(ContactView(kind, value) for kind, value in lookups.contacts_of(uow, customer_id))


def visible_to(actor: Actor) -> Any:
    """Return a SQL condition on ``complaint`` keeping what ``actor`` may see (section 9)."""
    if actor.can(Permission.VIEW_ALL_COMPLAINTS):
        return true()
    if actor.can(Permission.VIEW_SITE_COMPLAINTS):
        return Complaint.site_id == actor.site_id
    if actor.can(Permission.VIEW_CONTRIBUTIONS) and actor.function_ids:
        return exists().where(
            ContributionRequest.complaint_id == Complaint.id,
            ContributionRequest.function_id.in_(sorted(actor.function_ids)),
        )
    return Complaint.id.is_(None)


def _open_complaints(
    uow: UnitOfWork, actor: Actor, customer_id: uuid.UUID
) -> tuple[OpenComplaintLine, ...]:
    rows = uow.rows(
        select(
            Complaint.id,
            Complaint.reference,
            Complaint.subject,
            Complaint.status,
            User.display_name,
            Complaint.clock_state,
            Complaint.next_due_at,
            Complaint.received_at,
            Complaint.version,
        )
        .outerjoin(User, User.id == Complaint.owner_id)
        .where(Complaint.customer_id == customer_id, Complaint.is_open, visible_to(actor))
        .order_by(Complaint.received_at.desc())
        .limit(OPEN_LIMIT)
    )
    lines = [
        OpenComplaintLine(
            id=r[0],
            reference=r[1],
            subject=r[2],
            status=Status(r[3]),
            owner_name=r[4],
            clock_state=ClockState(r[5]),
            next_due_at=r[6],
            received_at=r[7],
            version=r[8],
        )
        for r in rows
    ]
    # The most urgent first: that is the one the caller is most likely calling about.
    return tuple(sorted(lines, key=lambda line: line.next_due_at))


def _last_contacts(
    uow: UnitOfWork, actor: Actor, customer_id: uuid.UUID, last: int
) -> tuple[ContactMoment, ...]:
    text = func.coalesce(func.nullif(Message.subject, ""), func.substr(Message.body_text, 1, 400))
    query = (
        select(
            Message.complaint_id,
            Complaint.reference,
            Message.channel,
            Message.direction,
            Message.occurred_at,
            text,
        )
        .outerjoin(Complaint, Complaint.id == Message.complaint_id)
        .where(Message.customer_id == customer_id, Message.direction != "note")
        .order_by(Message.occurred_at.desc(), Message.id)
        .limit(last)
    )
    if not actor.can(Permission.VIEW_ALL_COMPLAINTS):
        query = query.where(and_(Message.complaint_id.is_not(None), visible_to(actor)))
    return tuple(_moment(row) for row in uow.rows(query))


def _moment(row: Sequence[Any]) -> ContactMoment:
    complaint_id, reference, channel, direction, occurred_at, text = row
    summary = " ".join((text or "").split())
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1].rstrip() + "…"
    return ContactMoment(
        complaint_id=complaint_id,
        complaint_reference=reference,
        channel=Channel(channel),
        direction=direction,
        occurred_at=occurred_at,
        summary=summary,
    )

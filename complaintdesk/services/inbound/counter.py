"""The shop counter: find the customer standing there, record their complaint at once.

Everything here reads and writes the local database only: a branch that has lost its
network keeps recording complaints and printing receipts (DESIGN.md section 3, branch mode).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from complaintdesk.domain.customers.language import DEFAULT, supported
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.storage import customer_queries
from complaintdesk.storage.models import ContactPoint, Customer
from complaintdesk.storage.unit_of_work import UnitOfWork

MIN_TYPED = 2
"""Characters typed before the customer list is looked up."""
MIN_DIGITS = 4
"""Digits typed before a text is also read as part of a phone number."""
SUBJECT_LENGTH = 90
COUNTRY_CODES = ("33", "44", "1")
"""Where a number typed without its country code is looked for: France, the UK, the US."""
_PHONE_TYPED = re.compile(r"\+?[\d\s().\-/]+")


@dataclass(frozen=True)
class CustomerMatch:
    """A known customer as the counter form lists them while the clerk types."""

    id: uuid.UUID
    display_name: str
    phone: str | None
    email: str | None
    postcode: str | None
    language: str


@dataclass(frozen=True)
class CounterComplaint:
    """A complaint told face to face at the counter."""

    customer: CustomerInput
    what_happened: str
    what_they_want: str = ""
    category_code: str | None = None
    amount: Decimal | None = None
    currency: str | None = None


def find_customers(ctx: ServiceContext, text: str, limit: int = 8) -> tuple[CustomerMatch, ...]:
    """Return customers whose name, email address or phone number starts as ``text`` does.

    Names match word by word, accent- and case-insensitively, the last word as a prefix
    (``dur`` finds Élodie Durand); an email address by its start (``elodie.d``); a phone
    number by its start as people say it (``06 12 34`` finds +33612345678). Every lookup
    goes through an index, so it stays fast on a large database. Merged-away and erased
    customers are left out: the winner of a merge is the one to record against.

    Raises:
        PermissionDenied: the caller may not record complaints.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    typed = " ".join(text.split())[:100]
    limit = max(1, min(limit, 50))
    if len(typed) < MIN_TYPED:
        return ()
    with ctx.uow() as uow:
        found: dict[uuid.UUID, Customer] = {}
        phones = phone_prefixes(typed)
        emails = [] if phones or " " in typed else [typed.lower()]
        for customer in (
            *customer_queries.by_contact_prefix(uow, "phone", phones, limit),
            *customer_queries.by_contact_prefix(uow, "email", emails, limit),
            *([] if phones else customer_queries.by_name(uow, typed, limit)),
        ):
            found.setdefault(customer.id, customer)
        rows = list(found.values())[:limit]
        contacts = _contacts(uow, [c.id for c in rows])
        return tuple(_match(c, contacts.get(c.id, {})) for c in rows)


def phone_prefixes(typed: str) -> list[str]:
    """Return the starts of E.164 numbers ``typed`` may be (none if it is not digits).

    ``06 12`` may be French or British (+33612, +44612), ``0044 20`` is +4420, and digits
    typed without a leading 0 or + are read in those countries too.
    """
    if not _PHONE_TYPED.fullmatch(typed):
        return []
    digits = "".join(c for c in typed if c.isdigit())
    if len(digits) < MIN_DIGITS:
        return []
    if typed.startswith("+"):
        return ["+" + digits]
    if digits.startswith("00"):
        return ["+" + digits[2:]]
    national = digits.removeprefix("0")
    return [f"+{code}{national}" for code in COUNTRY_CODES]


def _contacts(uow: UnitOfWork, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, str]]:
    """The first phone and email of each customer in ``ids``."""
    found: dict[uuid.UUID, dict[str, str]] = {}
    if not ids:
        return found
    points: list[ContactPoint] = uow.scalars(
        select(ContactPoint)
        .where(ContactPoint.customer_id.in_(ids), ContactPoint.kind.in_(("phone", "email")))
        .order_by(ContactPoint.customer_id, ContactPoint.kind, ContactPoint.value)
    )
    for point in points:
        found.setdefault(point.customer_id, {}).setdefault(point.kind, point.value)
    return found


def _match(customer: Customer, contacts: dict[str, str]) -> CustomerMatch:
    return CustomerMatch(
        customer.id,
        customer.display_name,
        contacts.get("phone"),
        contacts.get("email"),
        customer.postcode,
        supported(customer.preferred_language) or DEFAULT,
    )


def record_counter_complaint(ctx: ServiceContext, counter: CounterComplaint) -> intake.IntakeResult:
    """Record a complaint told at the counter, at the clerk's site, owned by the clerk.

    Raises:
        PermissionDenied: the caller may not record complaints.
        ValidationError: nothing said about what happened; an invalid phone number or
            email address (:class:`InvalidContactPoint` names the field).
    """
    happened = counter.what_happened.strip()
    if not happened:
        raise ValidationError("Write what happened, in the customer's words.")
    language = supported(counter.customer.language) or DEFAULT
    new = intake.NewComplaint(
        channel=Channel.SHOP,
        subject=subject_of(happened),
        description=describe(happened, counter.what_they_want, language),
        customer=counter.customer,
        category_code=counter.category_code,
        amount=counter.amount,
        currency=counter.currency if counter.amount is not None else None,
        site_code=ctx.actor.site_code,
        take_ownership=True,
    )
    return intake.record_complaint(ctx, new)


def subject_of(happened: str) -> str:
    """Return the first line of ``happened``, cut at a word near :data:`SUBJECT_LENGTH`."""
    first = " ".join(happened.strip().splitlines()[0].split()) if happened.strip() else ""
    if len(first) <= SUBJECT_LENGTH:
        return first
    cut = first[:SUBJECT_LENGTH].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


_WANTS = {"en": "What the customer asks for:", "fr": "Ce que le client demande :"}


def describe(happened: str, wants: str, language: str) -> str:
    """Return the description: what happened, then what the customer asks for (if said).

    The heading is in the customer's language: their receipt shows the description as is.
    """
    text = happened.strip()
    if wants.strip():
        heading = _WANTS.get(supported(language) or DEFAULT, _WANTS[DEFAULT])
        text += f"\n\n{heading}\n{wants.strip()}"
    return text

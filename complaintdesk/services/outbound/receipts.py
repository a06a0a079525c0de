"""The receipt a customer takes home from the counter (DESIGN.md sections 1 and 6).

A :class:`Receipt` holds what the customer is told, already in their language (English or
French): the reference to quote, when the complaint was received (in the site's time zone),
what was recorded, the promised dates from the complaint's policies and how to follow up.
:func:`render_html` lays it out for an A4 page or an 80 mm ticket with the shipped templates
in ``resources/receipts/`` (sandboxed Jinja2, HTML-escaped); the GUI prints that HTML.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import select

from complaintdesk.domain.customers.language import DEFAULT, long_date, supported
from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.reference import format_reference, parse_reference
from complaintdesk.resources import load_json, resources_dir
from complaintdesk.services.complaints.access import visible_complaint
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage import lookups
from complaintdesk.storage.models import Category, Complaint, Customer, Mailbox, Message, Site, User
from complaintdesk.storage.unit_of_work import UnitOfWork


class Paper(StrEnum):
    """What a receipt is printed on."""

    A4 = "a4"
    TICKET = "ticket"
    """An 80 mm roll of a ticket printer: narrow, as long as the receipt."""


PROMISE_KINDS = ("acknowledge", "response", "resolution", "regulatory")
"""The promised dates a receipt can show, in the order a customer meets them."""
CURRENCY_SIGNS = {"EUR": "€", "GBP": "£", "USD": "$"}


@dataclass(frozen=True)
class PromisedDate:
    """One date the company commits to, worded for the customer."""

    kind: str
    """``acknowledge``, ``response``, ``resolution`` or ``regulatory``."""
    label: str
    date: str
    due_at: datetime


@dataclass(frozen=True)
class Receipt:
    """What the customer's receipt says, formatted in their language."""

    complaint_id: uuid.UUID
    reference: str
    language: str
    received_at: datetime
    received: str
    """Date and time of receipt in the site's time zone, e.g. ``23 novembre 2026 à 14 h 05``."""
    customer_name: str
    subject: str
    description: str
    category: str | None
    amount: str | None
    recorded_by: str | None
    site_code: str
    site_name: str
    site_address: str | None
    site_phone: str | None
    site_email: str | None
    promises: tuple[PromisedDate, ...]
    issued: str
    """When this copy was made (a reprint says so), in the site's time zone."""


def receipt(ctx: ServiceContext, complaint_id: uuid.UUID, now: datetime | None = None) -> Receipt:
    """Return the receipt of a complaint the caller may see.

    Raises:
        NotFound: no such complaint visible to the caller.
    """
    with ctx.uow() as uow:
        complaint = visible_complaint(uow, ctx.actor, complaint_id)
        return _receipt(uow, complaint, now or datetime.now(UTC))


def receipt_by_reference(
    ctx: ServiceContext, reference: str, now: datetime | None = None
) -> Receipt:
    """Return the receipt of the complaint ``reference`` (e.g. ``PAR01-26-00012``).

    Raises:
        ValidationError: ``reference`` is not a complaint reference.
        NotFound: no such complaint visible to the caller.
    """
    parsed = parse_reference(reference.strip().upper())
    if parsed is None:
        raise ValidationError(f"{reference!r} is not a complaint reference (like PAR01-26-00012).")
    canonical = format_reference(*parsed)
    with ctx.uow() as uow:
        found = lookups.complaint_by_reference(uow, canonical)
        if found is None:
            raise NotFound(f"No complaint has the reference {canonical}.")
        complaint = visible_complaint(uow, ctx.actor, found.id)
        return _receipt(uow, complaint, now or datetime.now(UTC))


def _receipt(uow: UnitOfWork, complaint: Complaint, now: datetime) -> Receipt:
    customer = uow.get(Customer, complaint.customer_id)
    site = uow.get(Site, complaint.site_id)
    assert customer is not None
    assert site is not None
    language = supported(customer.preferred_language) or DEFAULT
    zone = ZoneInfo(site.timezone)
    words = wording(language)
    return Receipt(
        complaint_id=complaint.id,
        reference=complaint.reference,
        language=language,
        received_at=complaint.received_at,
        received=date_and_time(complaint.received_at, zone, language),
        customer_name=customer.display_name,
        subject=complaint.subject,
        description=complaint.description,
        category=_category(uow, complaint.category_id, language),
        amount=money(complaint.amount, complaint.currency, language),
        recorded_by=_recorded_by(uow, complaint.id),
        site_code=site.code,
        site_name=site.name,
        site_address=site.address,
        site_phone=None,  # sites have no phone number yet (see the report of issue 5)
        site_email=_site_email(uow, site.code),
        promises=_promises(complaint, zone, language, words),
        issued=date_and_time(now, zone, language),
    )


def _promises(
    complaint: Complaint, zone: ZoneInfo, language: str, words: dict[str, str]
) -> tuple[PromisedDate, ...]:
    dues = {
        "acknowledge": complaint.acknowledge_due_at,
        "response": complaint.response_due_at,
        "resolution": complaint.resolution_due_at,
        "regulatory": complaint.regulatory_due_at,
    }
    return tuple(
        PromisedDate(kind, words[f"promise_{kind}"], _day(due, zone, language), due)
        for kind in PROMISE_KINDS
        if (due := dues[kind]) is not None
    )


def _category(uow: UnitOfWork, category_id: uuid.UUID | None, language: str) -> str | None:
    if category_id is None:
        return None
    category = uow.get(Category, category_id)
    if category is None:
        return None
    return category.name_fr if language == "fr" and category.name_fr else category.name


def _recorded_by(uow: UnitOfWork, complaint_id: uuid.UUID) -> str | None:
    """The person who wrote the first message down (the clerk at the counter)."""
    authors: list[uuid.UUID | None] = uow.scalars(
        select(Message.author_id)
        .where(Message.complaint_id == complaint_id)
        .order_by(Message.recorded_at)
        .limit(1)
    )
    if not authors or authors[0] is None:
        return None
    user = uow.get(User, authors[0])
    return user.display_name if user else None


def _site_email(uow: UnitOfWork, site_code: str) -> str | None:
    """The address the site's mailbox answers from, if the site has one."""
    found: list[str | None] = uow.scalars(
        select(Mailbox.from_address)
        .where(
            Mailbox.site_code == site_code,
            Mailbox.active.is_(True),
            Mailbox.from_address.is_not(None),
        )
        .order_by(Mailbox.name)
        .limit(1)
    )
    return found[0] if found else None


# --- wording and formats, in the customer's language ---


@cache
def _all_wording() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = load_json("receipts/wording.json")
    return data


def wording(language: str) -> dict[str, str]:
    """Return every phrase of a receipt in ``language`` (English when not supported)."""
    return dict(_all_wording()[supported(language) or DEFAULT])


def _day(instant: datetime, zone: ZoneInfo, language: str) -> str:
    return long_date(instant.astimezone(zone).date(), language)


def date_and_time(instant: datetime, zone: ZoneInfo, language: str) -> str:
    """Return ``23 November 2026 at 14:05`` or ``23 novembre 2026 à 14 h 05`` in ``zone``."""
    local = instant.astimezone(zone)
    day = long_date(local.date(), language)
    # No-break spaces: a narrow ticket never leaves "14 h" on one line and "05" on the next.
    if language == "fr":
        return f"{day} à\u00a0{local.hour}\u00a0h\u00a0{local.minute:02d}"
    return f"{day} at\u00a0{local.hour:02d}:{local.minute:02d}"


def money(amount: Decimal | None, currency: str | None, language: str) -> str | None:
    """Return ``€1,234.50`` (English) or ``1 234,50 €`` (French); None without an amount."""
    if amount is None:
        return None
    sign = CURRENCY_SIGNS.get(currency or "", currency or "")
    digits = f"{amount:,.2f}"
    if language == "fr":
        digits = digits.replace(",", "\u202f").replace(".", ",")
        return f"{digits}\u00a0{sign}".strip()
    return f"{sign}{digits}" if len(sign) == 1 else f"{digits} {sign}".strip()


# --- layout ---


def render_html(receipt: Receipt, paper: Paper) -> str:
    """Return the receipt as HTML for ``paper``, every phrase in the receipt's language.

    Raises:
        ValidationError: the template is missing or broken.
    """
    words = wording(receipt.language)
    values: dict[str, Any] = {
        "r": receipt,
        "t": words,
        "quote": words["quote_reference"].format(reference=receipt.reference),
        "paragraphs": [p for p in receipt.description.split("\n\n") if p.strip()],
        "lang": receipt.language,
    }
    try:
        return str(_template(paper).render(values))
    except TemplateError as error:
        raise ValidationError(f"The {paper.value} receipt cannot be rendered: {error}") from error


@cache
def _template(paper: Paper) -> Any:
    path = resources_dir() / "receipts" / f"{paper.value}.html"
    environment = SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    try:
        return environment.from_string(path.read_text(encoding="utf-8"))
    except (OSError, TemplateError) as error:
        raise ValidationError(f"The {paper.value} receipt template is unusable: {error}") from error

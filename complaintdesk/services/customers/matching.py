"""Customers recognised by their contact points, whatever the channel."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from complaintdesk.domain.customers.contacts import ContactPointValue, normalise
from complaintdesk.domain.errors import InvalidContactPoint, NotFound, ValidationError
from complaintdesk.domain.vocabulary import ContactKind, Segment
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import Actor
from complaintdesk.storage import lookups
from complaintdesk.storage.models import ContactPoint, Customer
from complaintdesk.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class CustomerInput:
    """Who complains, as an agent or a channel knows them."""

    display_name: str
    contacts: Sequence[tuple[ContactKind, str]] = ()
    segment: Segment = Segment.STANDARD
    language: str = "en"
    postcode: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    customer_id: uuid.UUID | None = None
    """A customer a person picked by hand (a quarantined item attached to them)."""


def normalised_contacts(
    contacts: Sequence[tuple[ContactKind, str]], region: str
) -> list[ContactPointValue]:
    """Normalise every contact point, refusing the first invalid one with a clear message."""
    seen: dict[tuple[str, str], ContactPointValue] = {}
    for kind, raw in contacts:
        value = normalise(kind, raw, region)
        if len(value.value) > MAX_CONTACT:
            raise InvalidContactPoint(
                f"A {kind.value} of {len(value.value)} characters cannot be right.", kind.value
            )
        seen[(value.kind.value, value.value)] = value
    return list(seen.values())


MAX_CONTACT = 254
"""The longest email address there can be (RFC 5321); phones and handles are shorter."""
IDENTIFYING = frozenset({ContactKind.EMAIL, ContactKind.PHONE, ContactKind.SOCIAL})
"""Contact kinds that identify one person; a postal address may be a whole building."""


def find_by_contacts(uow: UnitOfWork, contacts: Sequence[ContactPointValue]) -> Customer | None:
    """Return the customer owning one of ``contacts`` (following merges), or None."""
    for contact in contacts:
        if contact.kind not in IDENTIFYING:
            continue
        found = lookups.customers_holding(uow, contact.kind.value, contact.value, limit=1)
        if found:
            return lookups.surviving_customer(uow, found[0])
    return None


def match_or_create(
    uow: UnitOfWork, actor: Actor, given: CustomerInput, region: str = "FR"
) -> Customer:
    """Return the customer these contact points belong to, creating one if none does.

    New contact points given for a known customer are added to them.
    """
    contacts = normalised_contacts(given.contacts, region)
    name = " ".join(given.display_name.split())
    # Two intakes at once for the same new contact point would both create its customer.
    uow.lock_names([f"contact:{c.kind}:{c.value}" for c in contacts])
    customer = _picked(uow, given.customer_id) or find_by_contacts(uow, contacts)
    if customer is None and not name:
        raise ValidationError("Give the customer's name.")
    if customer is None:
        customer = Customer(
            display_name=name[:200],
            given_name=given.given_name,
            family_name=given.family_name,
            postcode=given.postcode,
            segment=given.segment.value,
            preferred_language=given.language,
        )
        record(uow, actor, customer, "customer_added")
        _add_contacts(uow, actor, customer, contacts, known=set())
        return customer
    _add_missing_contacts(uow, actor, customer, contacts)
    return customer


def _picked(uow: UnitOfWork, customer_id: uuid.UUID | None) -> Customer | None:
    if customer_id is None:
        return None
    customer = lookups.surviving_customer(uow, customer_id)
    if customer is None:
        raise NotFound("This customer does not exist (any more): pick another one.")
    return customer


def _add_missing_contacts(
    uow: UnitOfWork, actor: Actor, customer: Customer, contacts: Sequence[ContactPointValue]
) -> None:
    known = set(lookups.contacts_of(uow, customer.id))
    _add_contacts(uow, actor, customer, contacts, known)


def _add_contacts(
    uow: UnitOfWork,
    actor: Actor,
    customer: Customer,
    contacts: Sequence[ContactPointValue],
    known: set[tuple[str, str]],
) -> None:
    for contact in contacts:
        if (contact.kind.value, contact.value) not in known:
            point = ContactPoint(
                customer_id=customer.id, kind=contact.kind.value, value=contact.value
            )
            record(uow, actor, point, "contact_point_added")

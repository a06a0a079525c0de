"""Likely duplicate customers, proposed to a person and never merged here.

Two records are proposed when they share a normalised phone, email or social handle, or
when their names are close (rapidfuzz) at the same postcode. Merged and erased records are
never proposed.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from complaintdesk.domain.customers import duplicates as rules
from complaintdesk.domain.errors import NotFound
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import IDENTIFYING
from complaintdesk.storage.models import Complaint, ContactPoint, Customer
from complaintdesk.storage.unit_of_work import UnitOfWork

KINDS = tuple(sorted(k.value for k in IDENTIFYING))
POSTCODE_GROUP_LIMIT = 200
"""Names compared at one postcode: a large block of flats is compared in its first 200."""


@dataclass(frozen=True)
class DuplicateCandidate:
    """Another customer record that may be the same person, and why."""

    customer_id: uuid.UUID
    display_name: str
    postcode: str | None
    contacts: tuple[str, ...]
    complaints: int
    reasons: tuple[rules.Reason, ...]


@dataclass(frozen=True)
class DuplicatePair:
    """Two records a supervisor should look at together."""

    first: DuplicateCandidate
    second: DuplicateCandidate
    reasons: tuple[rules.Reason, ...]


def candidates(ctx: ServiceContext, customer_id: uuid.UUID) -> tuple[DuplicateCandidate, ...]:
    """Return the records that look like ``customer_id``'s person, most reasons first.

    Raises:
        NotFound: no such customer.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow() as uow:
        customer = uow.get(Customer, customer_id)
        if customer is None:
            raise NotFound("This customer does not exist.")
        facts = _facts(uow, [customer_id])[customer_id]
        others = _sharing_contacts(uow, customer_id, facts) | _same_postcode(uow, customer)
        others.discard(customer_id)
        known = _facts(uow, sorted(others))
        found = []
        for other_id, other in known.items():
            why = rules.reasons(facts, other)
            if why:
                found.append(_candidate(uow, other_id, other, why))
        return tuple(sorted(found, key=lambda c: (-len(c.reasons), c.display_name)))


def all_pairs(ctx: ServiceContext, limit: int = 200) -> tuple[DuplicatePair, ...]:
    """Return likely duplicate pairs across every customer (supervisors review them).

    Raises:
        PermissionDenied: only supervisors decide merges.
    """
    ctx.actor.require(Permission.REASSIGN)
    with ctx.uow() as uow:
        groups = _shared_contact_groups(uow, limit) + _postcode_groups(uow, limit)
        seen: set[tuple[uuid.UUID, uuid.UUID]] = set()
        found: list[DuplicatePair] = []
        for group in groups:
            facts = _facts(uow, group)
            for a, b, why in rules.pairs(facts.items()):
                key = (a, b) if str(a) < str(b) else (b, a)
                if key in seen:
                    continue
                seen.add(key)
                found.append(
                    DuplicatePair(
                        _candidate(uow, key[0], facts[key[0]], why),
                        _candidate(uow, key[1], facts[key[1]], why),
                        why,
                    )
                )
                if len(found) >= limit:
                    return tuple(found)
        return tuple(found)


def _facts(uow: UnitOfWork, ids: list[uuid.UUID]) -> dict[uuid.UUID, rules.CustomerFacts]:
    """Return the facts of the active (not merged, not erased) customers among ``ids``."""
    if not ids:
        return {}
    rows = uow.execute(
        select(Customer.id, Customer.display_name, Customer.postcode).where(
            Customer.id.in_(ids), Customer.merged_into_id.is_(None), Customer.erased_at.is_(None)
        )
    ).all()
    contacts: dict[uuid.UUID, set[tuple[str, str]]] = defaultdict(set)
    for owner, kind, value in uow.execute(
        select(ContactPoint.customer_id, ContactPoint.kind, ContactPoint.value).where(
            ContactPoint.customer_id.in_(ids), ContactPoint.kind.in_(KINDS)
        )
    ).all():
        contacts[owner].add((kind, value))
    return {
        cid: rules.CustomerFacts(name, postcode, frozenset(contacts[cid]))
        for cid, name, postcode in rows
    }


def _sharing_contacts(
    uow: UnitOfWork, customer_id: uuid.UUID, facts: rules.CustomerFacts
) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    for kind, value in facts.contacts:
        found.update(
            uow.scalars(
                select(ContactPoint.customer_id).where(
                    ContactPoint.kind == kind,
                    ContactPoint.value == value,
                    ContactPoint.customer_id != customer_id,
                )
            )
        )
    return found


def _same_postcode(uow: UnitOfWork, customer: Customer) -> set[uuid.UUID]:
    key = rules.postcode_key(customer.postcode)
    if key is None:
        return set()
    # Written forms of one postcode (``SW1A 1AA``, ``75 011``), so the index still serves.
    variants = {customer.postcode or "", key, f"{key[:-3]} {key[-3:]}", f"{key[:2]} {key[2:]}"}
    found: list[uuid.UUID] = uow.scalars(
        select(Customer.id)
        .where(Customer.postcode.in_(sorted(variants)), Customer.merged_into_id.is_(None))
        .limit(POSTCODE_GROUP_LIMIT)
    )
    return set(found)


def _shared_contact_groups(uow: UnitOfWork, limit: int) -> list[list[uuid.UUID]]:
    shared = (
        select(ContactPoint.kind, ContactPoint.value)
        .join(Customer, Customer.id == ContactPoint.customer_id)
        .where(ContactPoint.kind.in_(KINDS), Customer.merged_into_id.is_(None))
        .group_by(ContactPoint.kind, ContactPoint.value)
        .having(func.count(func.distinct(ContactPoint.customer_id)) > 1)
        .limit(limit)
    )
    groups = []
    for kind, value in uow.execute(shared).all():
        ids: list[uuid.UUID] = uow.scalars(
            select(ContactPoint.customer_id)
            .where(ContactPoint.kind == kind, ContactPoint.value == value)
            .distinct()
        )
        groups.append(ids)
    return groups


def _postcode_groups(uow: UnitOfWork, limit: int) -> list[list[uuid.UUID]]:
    """Customers grouped by postcode as written without spaces, in two passes over the table."""
    key = func.upper(func.replace(Customer.postcode, " ", ""))
    active = (Customer.postcode.is_not(None), Customer.merged_into_id.is_(None))
    crowded = select(key).where(*active).group_by(key).having(func.count() > 1).limit(limit)
    groups: dict[str, list[uuid.UUID]] = defaultdict(list)
    for customer_id, postcode in uow.execute(
        select(Customer.id, key).where(*active, key.in_(crowded.scalar_subquery()))
    ).all():
        if len(groups[postcode]) < POSTCODE_GROUP_LIMIT:
            groups[postcode].append(customer_id)
    return list(groups.values())


def _candidate(
    uow: UnitOfWork,
    customer_id: uuid.UUID,
    facts: rules.CustomerFacts,
    why: tuple[rules.Reason, ...],
) -> DuplicateCandidate:
    count = uow.execute(
        select(func.count()).select_from(Complaint).where(Complaint.customer_id == customer_id)
    ).scalar_one()
    return DuplicateCandidate(
        customer_id=customer_id,
        display_name=facts.name,
        postcode=facts.postcode,
        contacts=tuple(sorted(value for _, value in facts.contacts)),
        complaints=int(count),
        reasons=why,
    )

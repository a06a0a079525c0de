"""Likely duplicate customers, proposed to a person and never merged here.

The rules are in :mod:`complaintdesk.domain.customers.duplicates`; this module finds whom to
compare them with, through indexes only (no customer is compared with every other):

- the same contact point (``contact_point(kind, value)``);
- the same name block: Soundex of the family name and the given name's initial, as read and
  swapped (``customer.name_key``, ``name_key_alt``);
- a handle or an email's local part that is another record's handle, local part or name
  run together (``contact_point.match_key``, ``customer.name_ident``).

A shared postcode alone is no block: the records of one postcode whose names are alike
already share a name block (and a block of flats is no evidence of one person).

Merged and erased records are never proposed.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from sqlalchemy import case, func, literal_column, select, union_all

from complaintdesk.domain.customers import duplicates as rules
from complaintdesk.domain.customers import keys
from complaintdesk.domain.errors import NotFound
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import Complaint, ContactPoint, Customer
from complaintdesk.storage.unit_of_work import UnitOfWork

KINDS = ("email", "phone", "postal", "social")
IDENTIFYING = ("email", "phone", "social")
BLOCK_LIMIT = 200
"""Records read from one block: a large block of flats is compared in its first 200."""
COMMON_NAME = 8
"""Customers carrying exactly one name from which it counts as a common name."""
CHUNK = 500


@dataclass(frozen=True)
class DuplicateCandidate:
    """Another customer record that may be the same person, and why."""

    customer_id: uuid.UUID
    display_name: str
    postcode: str | None
    contacts: tuple[str, ...]
    complaints: int
    reasons: tuple[rules.Reason, ...]
    open_complaints: int = 0
    score: float = 0.0


@dataclass(frozen=True)
class DuplicatePair:
    """Two records a supervisor should look at together."""

    first: DuplicateCandidate
    second: DuplicateCandidate
    reasons: tuple[rules.Reason, ...]
    score: float = 0.0


def candidates(ctx: ServiceContext, customer_id: uuid.UUID) -> tuple[DuplicateCandidate, ...]:
    """Return the records that look like ``customer_id``'s person, likeliest first.

    Raises:
        NotFound: no such customer.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow() as uow:
        return candidates_in(uow, customer_id)


def candidates_in(
    uow: UnitOfWork, customer_id: uuid.UUID, limit: int = 20
) -> tuple[DuplicateCandidate, ...]:
    """Return the likely duplicates of ``customer_id`` inside the caller's unit of work."""
    customer = uow.get(Customer, customer_id)
    if customer is None:
        raise NotFound("This customer does not exist.")
    mine = facts_of(uow, [customer_id]).get(customer_id)
    if mine is None:
        return ()  # merged away or erased: its winner is the record to look at
    others = neighbours(uow, customer, mine)
    others.discard(customer_id)
    known = facts_of(uow, sorted(others))
    found = []
    for other_id, other in known.items():
        proposal = rules.compare(mine, other)
        if proposal.proposed:
            found.append((other_id, other, proposal))
    found.sort(key=lambda f: (-f[2].score, f[1].name))
    counts = _complaint_counts(uow, [f[0] for f in found[:limit]])
    return tuple(
        _candidate(other_id, other, proposal, counts) for other_id, other, proposal in found[:limit]
    )


def all_pairs(ctx: ServiceContext, limit: int = 200) -> tuple[DuplicatePair, ...]:
    """Return likely duplicate pairs across every customer, likeliest first.

    Raises:
        PermissionDenied: only supervisors decide merges.
    """
    ctx.actor.require(Permission.REASSIGN)
    with ctx.uow() as uow:
        return pairs_in(uow, limit)


def pairs_in(uow: UnitOfWork, limit: int | None = 200) -> tuple[DuplicatePair, ...]:
    """Return likely pairs found block by block, likeliest first.

    Args:
        limit: stop once this many are found (a supervisor reviews a page at a time; the
            next page comes once these are merged or set aside); None: every pair.
    """
    seen: set[tuple[uuid.UUID, uuid.UUID]] = set()
    found: list[tuple[uuid.UUID, uuid.UUID, rules.CustomerFacts, rules.CustomerFacts, Any]] = []
    for groups in _group_chunks(uow):
        facts = facts_of(uow, sorted({i for group in groups for i in group}))
        for group in groups:
            members = sorted((i for i in set(group) if i in facts), key=str)
            for a, b in combinations(members, 2):
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                proposal = rules.compare(facts[a], facts[b])
                if proposal.proposed:
                    found.append((a, b, facts[a], facts[b], proposal))
        if limit is not None and len(found) >= limit:
            break
    found.sort(key=lambda f: (-f[4].score, f[2].name, str(f[0])))
    kept = found if limit is None else found[:limit]
    counts = _complaint_counts(uow, sorted({i for f in kept for i in f[:2]}))
    return tuple(
        DuplicatePair(
            _candidate(a, fa, proposal, counts),
            _candidate(b, fb, proposal, counts),
            proposal.reasons,
            proposal.score,
        )
        for a, b, fa, fb, proposal in kept
    )


# --- facts ---


def facts_of(uow: UnitOfWork, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, rules.CustomerFacts]:
    """Return the facts of the active (not merged, not erased) customers among ``ids``."""
    found: dict[uuid.UUID, rules.CustomerFacts] = {}
    for part in _chunks(list(ids)):
        rows = uow.execute(
            select(
                Customer.id, Customer.display_name, Customer.postcode, Customer.name_ident
            ).where(Customer.id.in_(part), *_active())
        ).all()
        contacts: dict[uuid.UUID, set[tuple[str, str]]] = defaultdict(set)
        # By customer only: a filter on the kind would lead SQLite to the (kind, value)
        # index, that is to every contact point of the base.
        for owner, kind, value in uow.execute(
            select(ContactPoint.customer_id, ContactPoint.kind, ContactPoint.value).where(
                ContactPoint.customer_id.in_(part)
            )
        ).all():
            if kind in KINDS:
                contacts[owner].add((kind, value))
        common = _common_names(uow, {ident for *_, ident in rows if ident})
        for cid, name, postcode, ident in rows:
            found[cid] = rules.CustomerFacts(
                name, postcode, frozenset(contacts[cid]), common_name=ident in common
            )
    return found


def _common_names(uow: UnitOfWork, idents: set[str]) -> set[str]:
    if not idents:
        return set()
    rows = uow.execute(
        select(Customer.name_ident, func.count())
        .where(Customer.name_ident.in_(sorted(idents)), *_active())
        .group_by(Customer.name_ident)
    ).all()
    return {ident for ident, count in rows if count >= COMMON_NAME}


def _active() -> tuple[Any, ...]:
    return (Customer.merged_into_id.is_(None), Customer.erased_at.is_(None))


# --- blocks around one customer ---


def neighbours(uow: UnitOfWork, customer: Customer, facts: rules.CustomerFacts) -> set[uuid.UUID]:
    """Return the customers sharing a block with ``customer`` (index lookups only)."""
    found: set[uuid.UUID] = set()
    identifying = [(k, v) for k, v in facts.contacts if k in IDENTIFYING]
    for kind, value in identifying:
        found.update(
            uow.scalars(
                select(ContactPoint.customer_id)
                .where(ContactPoint.kind == kind, ContactPoint.value == value)
                .limit(BLOCK_LIMIT)
            )
        )
    blocks = {k for k in (customer.name_key, customer.name_key_alt) if k}
    for column in (Customer.name_key, Customer.name_key_alt):
        if blocks:
            found.update(
                uow.scalars(
                    select(Customer.id)
                    .where(column.in_(sorted(blocks)), *_active())
                    .limit(BLOCK_LIMIT)
                )
            )
    found |= _spelled_alike(uow, facts)
    return found


def _spelled_alike(uow: UnitOfWork, facts: rules.CustomerFacts) -> set[uuid.UUID]:
    """Records whose handle, local part or name spells one of ours (``leamartin``)."""
    contact_keys = {k for k in (keys.contact_key(kind, v) for kind, v in facts.contacts) if k}
    wanted = sorted(contact_keys | keys.name_idents(facts.name))
    found: set[uuid.UUID] = set()
    if wanted:
        found.update(
            uow.scalars(
                select(ContactPoint.customer_id)
                .where(ContactPoint.match_key.in_(wanted))
                .limit(BLOCK_LIMIT)
            )
        )
    if contact_keys:
        found.update(
            uow.scalars(
                select(Customer.id)
                .where(Customer.name_ident.in_(sorted(contact_keys)), *_active())
                .limit(BLOCK_LIMIT)
            )
        )
    return found


# --- blocks across every customer ---


def _group_chunks(uow: UnitOfWork) -> Iterator[list[list[uuid.UUID]]]:
    """Yield lists of blocks (each a list of customer ids), a few hundred blocks at a time."""
    yield from _blocks(uow, _name_key_rows())
    yield from _blocks(uow, _spelling_rows())
    yield from _blocks(uow, _contact_rows())


def _blocks(uow: UnitOfWork, keyed: Any) -> Iterator[list[list[uuid.UUID]]]:
    """Group ``(key, customer_id)`` rows by key, keeping keys held by two customers or more."""
    rows = keyed.subquery()
    crowded = (
        select(rows.c.k)
        .group_by(rows.c.k)
        .having(func.count(func.distinct(rows.c.customer_id)) > 1)
    )
    wanted = [k for (k,) in uow.execute(crowded).all()]
    for part in _chunks(wanted):
        members: dict[str, list[uuid.UUID]] = defaultdict(list)
        for key, customer_id in uow.execute(
            select(rows.c.k, rows.c.customer_id).where(rows.c.k.in_(part))
        ).all():
            if len(members[key]) < BLOCK_LIMIT:
                members[key].append(customer_id)
        yield list(members.values())


def _name_key_rows() -> Any:
    live = _active()
    return union_all(
        select(Customer.name_key.label("k"), Customer.id.label("customer_id")).where(
            Customer.name_key.is_not(None), *live
        ),
        select(Customer.name_key_alt.label("k"), Customer.id.label("customer_id")).where(
            Customer.name_key_alt.is_not(None), *live
        ),
    )


def _spelling_rows() -> Any:
    return union_all(
        select(ContactPoint.match_key.label("k"), ContactPoint.customer_id.label("customer_id"))
        .join(Customer, Customer.id == ContactPoint.customer_id)
        .where(ContactPoint.match_key.is_not(None), *_active()),
        select(Customer.name_ident.label("k"), Customer.id.label("customer_id")).where(
            Customer.name_ident.is_not(None), *_active()
        ),
    )


def _contact_rows() -> Any:
    key = ContactPoint.kind + literal_column("':'") + ContactPoint.value
    return (
        select(key.label("k"), ContactPoint.customer_id.label("customer_id"))
        .join(Customer, Customer.id == ContactPoint.customer_id)
        .where(ContactPoint.kind.in_(IDENTIFYING), *_active())
    )


# --- read models ---


def _complaint_counts(
    uow: UnitOfWork, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[int, int]]:
    """Return customer → (complaints, open complaints)."""
    counts: dict[uuid.UUID, tuple[int, int]] = {}
    for part in _chunks(list(ids)):
        rows = uow.execute(
            select(
                Complaint.customer_id,
                func.count(),
                func.sum(case((Complaint.is_open, 1), else_=0)),
            )
            .where(Complaint.customer_id.in_(part))
            .group_by(Complaint.customer_id)
        ).all()
        for customer_id, total, open_ in rows:
            counts[customer_id] = (int(total), int(open_ or 0))
    return counts


def _candidate(
    customer_id: uuid.UUID,
    facts: rules.CustomerFacts,
    proposal: rules.Proposal,
    counts: dict[uuid.UUID, tuple[int, int]],
) -> DuplicateCandidate:
    total, open_ = counts.get(customer_id, (0, 0))
    return DuplicateCandidate(
        customer_id=customer_id,
        display_name=facts.name,
        postcode=facts.postcode,
        contacts=tuple(sorted(v for k, v in facts.contacts if k != "postal")),
        complaints=total,
        reasons=proposal.reasons,
        open_complaints=open_,
        score=proposal.score,
    )


def _chunks(values: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


__all__ = [
    "DuplicateCandidate",
    "DuplicatePair",
    "all_pairs",
    "candidates",
    "candidates_in",
    "facts_of",
    "neighbours",
    "pairs_in",
]

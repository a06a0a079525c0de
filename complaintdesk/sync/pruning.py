"""Customers that left a branch's part are removed from it, contact details and all.

A customer joins a branch's part with a complaint there (or a merge into a customer who has
one); it can leave it too: a merge made by sync and undone by a supervisor, a complaint
moved to another site. After each pull the branch drops the customers none of its rows
needs any more, with their contact points, their merges, the sync conflicts about them and
the change-log entries that carried them, so their contact details do not linger here.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, Table, delete, select

from complaintdesk.storage.models import (
    Base,
    ContactPoint,
    Customer,
    CustomerMerge,
    SyncConflict,
)
from complaintdesk.sync.entries import CHANGE_LOG, chunks

CUSTOMER: Table = Customer.__table__  # type: ignore[assignment]
CONTACT: Table = ContactPoint.__table__  # type: ignore[assignment]
MERGE: Table = CustomerMerge.__table__  # type: ignore[assignment]
CONFLICT: Table = SyncConflict.__table__  # type: ignore[assignment]
OWN = frozenset({"customer", "contact_point", "customer_merge"})
"""Tables that only describe a customer: they do not keep it in the branch's part."""


def prune(local: Connection) -> int:
    """Drop the customers nothing of this branch's needs; return how many went."""
    everyone = set(local.scalars(select(CUSTOMER.c.id)))
    needed = _referenced(local)
    winner_of = dict(
        local.execute(
            select(CUSTOMER.c.id, CUSTOMER.c.merged_into_id).where(
                CUSTOMER.c.merged_into_id.is_not(None)
            )
        ).all()
    )
    keep = set(needed)
    for _hop in range(20):  # losers merged into a kept customer, and the winners of kept ones
        grown = keep | {i for i, w in winner_of.items() if w in keep}
        grown |= {winner_of[i] for i in keep if i in winner_of}
        if grown == keep:
            break
        keep = grown
    waiting = set(
        local.scalars(select(CHANGE_LOG.c.entity_id).where(CHANGE_LOG.c.pushed_at.is_(None)))
    )
    drop = sorted(everyone - keep - waiting)
    if drop:
        _drop(local, drop)
    return len(drop)


def _referenced(local: Connection) -> set[Any]:
    """Customers a complaint, message or any other row of the branch points at."""
    found: set[Any] = set()
    for table in Base.metadata.sorted_tables:
        if table.name in OWN:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == "customer":
                column = table.c[fk.parent.name]
                found.update(local.scalars(select(column).where(column.is_not(None)).distinct()))
    return found


def _drop(local: Connection, customers: list[uuid.UUID]) -> None:
    gone: set[Any] = set(customers)
    for part in chunks(customers):
        merges = select(MERGE.c.id).where(MERGE.c.winner_id.in_(part) | MERGE.c.loser_id.in_(part))
        contacts = select(CONTACT.c.id).where(CONTACT.c.customer_id.in_(part))
        conflicts = select(CONFLICT.c.id).where(
            CONFLICT.c.entity == "customer", CONFLICT.c.entity_id.in_(part)
        )
        for query in (merges, contacts, conflicts):
            gone.update(local.scalars(query))
        local.execute(delete(MERGE).where(MERGE.c.winner_id.in_(part) | MERGE.c.loser_id.in_(part)))
        local.execute(delete(CONTACT).where(CONTACT.c.customer_id.in_(part)))
        local.execute(
            delete(CONFLICT).where(CONFLICT.c.entity == "customer", CONFLICT.c.entity_id.in_(part))
        )
        local.execute(
            CUSTOMER.update().where(CUSTOMER.c.merged_into_id.in_(part)).values(merged_into_id=None)
        )
    for part in chunks(customers):
        local.execute(delete(CUSTOMER).where(CUSTOMER.c.id.in_(part)))
    for part in chunks(sorted(gone)):
        local.execute(delete(CHANGE_LOG).where(CHANGE_LOG.c.entity_id.in_(part)))

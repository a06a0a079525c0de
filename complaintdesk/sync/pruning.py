"""Customers that left a branch's part are removed from it, contact details and all.

A customer joins a branch's part with a complaint there (or a merge into a customer who has
one); it can leave it too: a merge made by sync and undone by a supervisor, a complaint
moved to another site. After each pull the branch drops the customers none of its rows
needs any more, with their contact points, their merges, the sync conflicts about them and
the change-log entries that carried them, so their contact details do not linger here.

Rows of a complaint leave a branch's part too: a message, request or commitment that a
complaint merge moved into another site's complaint (or that undoing a merge moved back
there). :func:`drop_left` removes them, with the rows hanging from them (a message's
attachments), when a pull passes over their entries.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Table, delete, func, select

from complaintdesk.storage import search_index
from complaintdesk.storage.models import (
    Base,
    ContactPoint,
    Customer,
    CustomerMerge,
    ReplicaState,
    SyncConflict,
)
from complaintdesk.sync.copying import LOCAL_ONLY, story_tables
from complaintdesk.sync.entries import CHANGE_LOG, among, chunks, table_of

CUSTOMER: Table = Customer.__table__  # type: ignore[assignment]
CONTACT: Table = ContactPoint.__table__  # type: ignore[assignment]
MERGE: Table = CustomerMerge.__table__  # type: ignore[assignment]
CONFLICT: Table = SyncConflict.__table__  # type: ignore[assignment]
OWN = frozenset({"customer", "contact_point", "customer_merge"})
"""Tables that only describe a customer: they do not keep it in the branch's part."""
ROOT_RECORDS = frozenset({"complaint", "customer"})
"""Left to :func:`prune` (customers); a complaint does not leave by its rows moving."""


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


def drop_left(local: Connection, left: Mapping[str, set[uuid.UUID]]) -> int:
    """Drop the rows (by table) that left this branch's part, with the rows hanging from
    them, and the change-log entries that carried them; return how many rows went.

    A row with a change waiting to be sent stays (it is sent, then decided again), and so
    does one a local-only record points at (a message kept in this workstation's quarantine).
    """
    waiting = set(
        local.scalars(select(CHANGE_LOG.c.entity_id).where(CHANGE_LOG.c.pushed_at.is_(None)))
    )
    rows = {
        name: _present(local, table_of(name), ids) - waiting
        for name, ids in left.items()
        if name not in ROOT_RECORDS and name not in LOCAL_ONLY
    }
    held = _held_locally(local, rows)
    rows = _with_hanging(local, {name: ids - held for name, ids in rows.items() if ids - held})
    if not rows:
        return 0
    complaints = _complaints_of(local, rows.get("message", set()))
    for table in reversed(story_tables()):
        for part in chunks(sorted(rows.get(table.name, set()))):
            local.execute(delete(table).where(table.c.id.in_(part)))
    gone = sorted(i for ids in rows.values() for i in ids)
    _forget_others(local, gone)
    search_index.refresh(local, complaints)
    return len(gone)


def _forget_others(local: Connection, rows: list[uuid.UUID]) -> None:
    """Delete the entries about these rows that came from elsewhere: this workstation's own
    stay, as they are its history (and the central server holds them already)."""
    state = ReplicaState.__table__.c
    own = local.scalar(select(func.coalesce(state.replica_code, state.site_code)).limit(1))
    for part in chunks(rows):
        local.execute(
            delete(CHANGE_LOG).where(
                CHANGE_LOG.c.entity_id.in_(part), CHANGE_LOG.c.site_code != own
            )
        )


def _present(local: Connection, table: Table, ids: set[uuid.UUID]) -> set[uuid.UUID]:
    here: set[uuid.UUID] = set()
    for condition in among(local, table.c.id, ids):
        here.update(local.scalars(select(table.c.id).where(condition)))
    return here


def _with_hanging(local: Connection, rows: dict[str, set[uuid.UUID]]) -> dict[str, set[uuid.UUID]]:
    """``rows`` and the story rows pointing at them, in turn (attachments of a message)."""
    for table in story_tables():  # parents before children: one pass reaches them all
        for fk in table.foreign_keys:
            targets = rows.get(fk.column.table.name, set())
            if fk.column.table is table or not targets:
                continue
            for condition in among(local, table.c[fk.parent.name], targets):
                found = set(local.scalars(select(table.c.id).where(condition)))
                if found:
                    rows.setdefault(table.name, set()).update(found)
    return rows


def _held_locally(local: Connection, rows: Mapping[str, set[uuid.UUID]]) -> set[uuid.UUID]:
    """The ones among these rows a local-only record points at."""
    held: set[uuid.UUID] = set()
    for name in sorted(LOCAL_ONLY):
        table = table_of(name)
        for fk in table.foreign_keys:
            column = table.c[fk.parent.name]
            for condition in among(local, column, rows.get(fk.column.table.name, set())):
                held.update(local.scalars(select(column).where(condition)))
    return held


def _complaints_of(local: Connection, messages: set[uuid.UUID]) -> set[uuid.UUID]:
    """The complaints these messages belong to here (their search documents change)."""
    message = table_of("message")
    found: set[uuid.UUID] = set()
    for condition in among(local, message.c.id, messages):
        found.update(v for v in local.scalars(select(message.c.complaint_id).where(condition)) if v)
    return found

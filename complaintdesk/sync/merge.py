"""The merge: apply change-log entries so every replica ends in the same state.

A row's field holds the value of the entry with the highest (hybrid clock, site) stamp that
wrote it, whatever order and however many times entries arrive; a row exists once an entry
inserted it. Append-only records (messages, routing decisions, audit events…) are never
updated, so for them this is a union. The stamps are read from the change log itself: every
local change and every applied remote one is in it, so there is no second bookkeeping to
keep in step.

Where the entries meet (the central server, during a push) the merge also notices conflicts
a person should look at: the pusher changed a field another site had changed since the
pusher's last pull (see :class:`Origin`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Table, and_, bindparam, insert, or_, select, update

from complaintdesk.storage import search_index
from complaintdesk.storage.models import Base, Message
from complaintdesk.sync.copying import LOCAL_ONLY
from complaintdesk.sync.entries import (
    CHANGE_LOG,
    Entry,
    Stamp,
    chunks,
    decode,
    entries_of,
    known_ids,
    table_of,
)

CUSTOMER_BOOKKEEPING = frozenset({"version", "updated_at", "created_at"})
CLOSING_STATUSES = frozenset({"resolved", "closed"})


@dataclass(frozen=True)
class Origin:
    """Who sends the entries being merged on the central server.

    Attributes:
        site_code: the pushing branch.
        cursor: the last central arrival it had pulled; central entries past it were not
            seen by the branch when it made its changes (they are concurrent).
    """

    site_code: str
    cursor: int


@dataclass(frozen=True)
class Conflict:
    """A conflict a rule settled, to raise for a supervisor."""

    kind: str
    entity: str
    entity_id: uuid.UUID
    complaint_id: uuid.UUID | None
    kept: dict[str, Any]
    other: dict[str, Any]


@dataclass
class Outcome:
    """What one merge did."""

    applied: list[Entry] = field(default_factory=list)
    """Entries new to this replica (duplicates left out)."""
    conflicts: list[Conflict] = field(default_factory=list)
    latest: Stamp | None = None


class _Written(NamedTuple):
    stamp: Stamp
    value: Any
    arrival_seq: int | None


class _Rows:
    """Rows to write at the end of a merge: one INSERT or UPDATE per row, batched."""

    def __init__(self) -> None:
        self.inserts: dict[uuid.UUID, tuple[Table, dict[str, Any]]] = {}
        self.updates: dict[uuid.UUID, tuple[Table, dict[str, Any]]] = {}

    def write(self, connection: Connection) -> None:
        order = {table.name: n for n, table in enumerate(Base.metadata.sorted_tables)}
        groups: dict[tuple[str, frozenset[str]], list[dict[str, Any]]] = {}
        for entity_id, (table, values) in self.inserts.items():
            row = decode(table, values)
            row["id"] = entity_id
            groups.setdefault((table.name, frozenset(row)), []).append(row)
        for (name, _), rows in sorted(groups.items(), key=lambda item: order[item[0][0]]):
            connection.execute(insert(Base.metadata.tables[name]), rows)
        changes: dict[tuple[str, frozenset[str]], list[dict[str, Any]]] = {}
        for entity_id, (table, values) in self.updates.items():
            if values:
                row = {f"v_{k}": v for k, v in decode(table, values).items()}
                row["k_id"] = entity_id
                changes.setdefault((table.name, frozenset(values)), []).append(row)
        for (name, columns), rows in changes.items():
            table = Base.metadata.tables[name]
            statement = (
                update(table)
                .where(table.c.id == bindparam("k_id"))
                .values({c: bindparam(f"v_{c}") for c in columns})
            )
            connection.execute(statement, rows)


def apply(
    connection: Connection,
    entries: Sequence[Entry],
    *,
    pushed_at: datetime | None,
    origin: Origin | None = None,
) -> Outcome:
    """Merge ``entries`` into the database behind ``connection`` (inside its transaction).

    Args:
        connection: the replica's connection, in the transaction that also moves the
            sync cursor or marks the entries pushed.
        entries: in the order their replica wrote them (or the central server received them).
        pushed_at: stored on the copied entries (a branch marks pulled entries as sent).
        origin: the pushing branch, on the central server; None when a branch pulls.
    """
    outcome = Outcome()
    seen: set[uuid.UUID] = set()
    fresh: list[Entry] = []
    known = known_ids(connection, (e.id for e in entries))
    for entry in entries:
        if entry.id not in known and entry.id not in seen:
            seen.add(entry.id)
            fresh.append(entry)
    if not fresh:
        return outcome
    history = entries_of(connection, (e.entity_id for e in fresh))
    written, inserted = _fold(history)
    present = _present(connection, fresh)
    rows = _Rows()
    for entry in fresh:
        if origin is not None:
            outcome.conflicts.extend(_field_conflicts(entry, written, origin))
        _merge_one(entry, written, inserted, present, rows)
    rows.write(connection)
    connection.execute(insert(CHANGE_LOG), [e.row(pushed_at) for e in fresh])
    if origin is not None:
        outcome.conflicts.extend(_crossings(connection, fresh, origin))
    _refresh_search(connection, fresh, written)
    outcome.applied = fresh
    outcome.latest = max(e.stamp for e in fresh)
    return outcome


def _fold(
    history: Iterable[Entry],
) -> tuple[dict[uuid.UUID, dict[str, _Written]], set[uuid.UUID]]:
    """Return the winning write of every field of these rows, and which rows were inserted."""
    written: dict[uuid.UUID, dict[str, _Written]] = {}
    inserted: set[uuid.UUID] = set()
    for entry in history:
        fields = written.setdefault(entry.entity_id, {})
        for name, value in entry.fields.items():
            current = fields.get(name)
            if current is None or entry.stamp > current.stamp:
                fields[name] = _Written(entry.stamp, value, entry.arrival_seq)
        if entry.operation == "insert":
            inserted.add(entry.entity_id)
    return written, inserted


def _present(connection: Connection, entries: Sequence[Entry]) -> set[uuid.UUID]:
    """Return which of the rows these entries name exist here."""
    by_table: dict[str, set[uuid.UUID]] = {}
    for entry in entries:
        if entry.entity in LOCAL_ONLY:
            continue
        by_table.setdefault(entry.entity, set()).add(entry.entity_id)
    present: set[uuid.UUID] = set()
    for name, ids in by_table.items():
        table = table_of(name)
        for part in chunks(sorted(ids)):
            present.update(connection.scalars(select(table.c.id).where(table.c.id.in_(part))))
    return present


def _merge_one(
    entry: Entry,
    written: dict[uuid.UUID, dict[str, _Written]],
    inserted: set[uuid.UUID],
    present: set[uuid.UUID],
    rows: _Rows,
) -> None:
    if entry.entity in LOCAL_ONLY:
        return  # kept in the log (so it is not fetched again), never applied here
    table = table_of(entry.entity)
    fields = written.setdefault(entry.entity_id, {})
    winners: dict[str, Any] = {}
    for name, value in entry.fields.items():
        current = fields.get(name)
        if current is None or entry.stamp > current.stamp:
            fields[name] = _Written(entry.stamp, value, entry.arrival_seq)
            winners[name] = value
    if entry.operation == "insert":
        inserted.add(entry.entity_id)
    key = entry.entity_id
    if key in rows.inserts:
        rows.inserts[key][1].update(winners)
    elif key in present:
        rows.updates.setdefault(key, (table, {}))[1].update(winners)
    elif key in inserted:
        # Every field known so far, whichever entry won it: updates may come first.
        rows.inserts[key] = (table, {name: w.value for name, w in fields.items()})
        present.add(key)
    # else: a change to a row whose insert has not arrived; the log keeps it for then.


def _field_conflicts(
    entry: Entry, written: dict[uuid.UUID, dict[str, _Written]], origin: Origin
) -> list[Conflict]:
    """Two different owners chosen, or one customer edited in two places, concurrently."""
    if entry.entity == "complaint":
        names: Iterable[str] = ("owner_id",) if "owner_id" in entry.fields else ()
        kind = "owner"
    elif entry.entity == "customer" and entry.operation == "update":
        names = [n for n in entry.fields if n not in CUSTOMER_BOOKKEEPING]
        kind = "customer"
    else:
        return []
    kept: dict[str, Any] = {}
    other: dict[str, Any] = {}
    for name in names:
        current = written.get(entry.entity_id, {}).get(name)
        value = entry.fields[name]
        if current is None or current.value == value or not _concurrent(current, origin):
            continue
        if kind == "owner" and (current.value is None or value is None):
            continue
        mine_wins = entry.stamp > current.stamp
        kept[name] = value if mine_wins else current.value
        other[name] = current.value if mine_wins else value
    if not kept:
        return []
    complaint_id = entry.entity_id if entry.entity == "complaint" else None
    return [Conflict(kind, entry.entity, entry.entity_id, complaint_id, kept, other)]


def _concurrent(current: _Written, origin: Origin) -> bool:
    """True if the pushing site had not seen ``current`` when it made its change."""
    # No arrival number yet: committed on the central server after the round numbered
    # arrivals, so the pushing site cannot have pulled it.
    return current.stamp[1] != origin.site_code and (
        current.arrival_seq is None or current.arrival_seq > origin.cursor
    )


def _crossings(connection: Connection, fresh: Sequence[Entry], origin: Origin) -> list[Conflict]:
    """A resolution that crossed a new customer message, in either order of arrival."""
    resolved = {
        e.entity_id: e
        for e in fresh
        if e.entity == "complaint" and e.fields.get("status") in CLOSING_STATUSES
    }
    inbound = {
        uuid.UUID(str(e.fields["complaint_id"])): e
        for e in fresh
        if e.entity == "message"
        and e.operation == "insert"
        and e.fields.get("direction") == "inbound"
        and e.fields.get("complaint_id")
    }
    conflicts = [
        _crossing(complaint_id, message_id, status)
        for complaint_id, message_id, status in _unseen_messages(connection, resolved, origin)
    ]
    for entry in entries_of(connection, inbound):
        status = entry.fields.get("status")
        if entry.entity != "complaint" or status not in CLOSING_STATUSES:
            continue
        seen = entry.arrival_seq is not None and entry.arrival_seq <= origin.cursor
        if entry.site_code == origin.site_code or seen:
            continue
        if entry.entity_id in resolved:
            continue  # the pusher's own resolution is the later story
        conflicts.append(_crossing(entry.entity_id, inbound[entry.entity_id].entity_id, status))
    unique = {(c.entity_id, c.other.get("message_id")): c for c in conflicts}
    return list(unique.values())


def _unseen_messages(
    connection: Connection, resolved: dict[uuid.UUID, Entry], origin: Origin
) -> list[tuple[uuid.UUID, uuid.UUID, str]]:
    """Customer messages on these complaints that the resolving branch had not seen."""
    if not resolved:
        return []
    message: Table = Message.__table__  # type: ignore[assignment]
    found: list[tuple[uuid.UUID, uuid.UUID, str]] = []
    for part in chunks(sorted(resolved)):
        query = (
            select(message.c.complaint_id, message.c.id)
            .join(
                CHANGE_LOG,
                and_(CHANGE_LOG.c.entity_id == message.c.id, CHANGE_LOG.c.operation == "insert"),
            )
            .where(
                message.c.complaint_id.in_(part),
                message.c.direction == "inbound",
                or_(CHANGE_LOG.c.arrival_seq > origin.cursor, CHANGE_LOG.c.arrival_seq.is_(None)),
                CHANGE_LOG.c.site_code != origin.site_code,
            )
        )
        for complaint_id, message_id in connection.execute(query):
            found.append((complaint_id, message_id, resolved[complaint_id].fields["status"]))
    return found


def _crossing(complaint_id: uuid.UUID, message_id: uuid.UUID, status: str) -> Conflict:
    return Conflict(
        "resolution_crossed_message",
        "complaint",
        complaint_id,
        complaint_id,
        {"status": status},
        {"status": "in_progress", "message_id": str(message_id)},
    )


def _refresh_search(
    connection: Connection, fresh: Sequence[Entry], written: dict[uuid.UUID, dict[str, _Written]]
) -> None:
    """Rewrite the search documents these entries feed (the ORM tracker does not see Core)."""
    complaints: set[uuid.UUID] = set()
    customers: set[uuid.UUID] = set()
    for entry in fresh:
        if entry.entity == "complaint":
            complaints.add(entry.entity_id)
        elif entry.entity == "customer":
            customers.add(entry.entity_id)
        elif entry.entity in ("message", "contact_point"):
            key = "complaint_id" if entry.entity == "message" else "customer_id"
            current = written.get(entry.entity_id, {}).get(key)
            if current is not None and current.value:
                target = complaints if entry.entity == "message" else customers
                target.add(uuid.UUID(str(current.value)))
    ids = complaints | search_index.complaints_of(connection, customers)
    search_index.refresh(connection, ids)

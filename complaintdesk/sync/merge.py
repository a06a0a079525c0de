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
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from complaintdesk.storage import search_index
from complaintdesk.sync import conflicts
from complaintdesk.sync.arrival import duplicates
from complaintdesk.sync.conflicts import STAMP, VALUE, Conflict, Origin, Written
from complaintdesk.sync.copying import LOCAL_ONLY
from complaintdesk.sync.entries import (
    CHANGE_LOG,
    Entry,
    Stamp,
    among,
    entries_of,
    known_ids,
    table_of,
)
from complaintdesk.sync.rows import Refused, Rows


@dataclass
class Outcome:
    """What one merge did."""

    applied: list[Entry] = field(default_factory=list)
    """Entries new to this replica (duplicates left out)."""
    conflicts: list[Conflict] = field(default_factory=list)
    latest: Stamp | None = None
    merged: list[duplicates.Merged] = field(default_factory=list)
    """Messages that arrived twice, kept once."""
    set_aside: list[SetAside] = field(default_factory=list)
    """Rows that could not be written here; their entries are not stored in the log."""


@dataclass(frozen=True)
class SetAside:
    """The entries of one row this replica could not write, and why."""

    entries: list[Entry]
    refused: Refused


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
    fresh = _fresh(connection, entries)
    if not fresh:
        return outcome
    aliases = duplicates.Aliases(connection, _message_ids(fresh))
    pairs = duplicates.find_duplicates(connection, fresh)
    outcome.merged, fold_held = duplicates.decide(connection, pairs, aliases)
    applied = _redirected(fresh, aliases)
    written, inserted = _fold(_redirected(entries_of(connection, _ids(applied)), aliases))
    present = _present(connection, applied)
    rows = Rows()
    for entry in applied:
        if origin is not None:
            outcome.conflicts.extend(conflicts.field_conflicts(entry, written, origin))
        _merge_one(entry, written, inserted, present, rows)
    duplicates.free_keys(connection, fold_held)
    refused = rows.write(connection)
    if outcome.merged:
        duplicates.fold(connection, outcome.merged, fold_held, pushed_at or datetime.now(UTC))
    kept = _set_aside(fresh, aliases, refused, outcome)
    if kept:
        connection.execute(insert(CHANGE_LOG), [e.row(pushed_at) for e in kept])
    if origin is not None:
        outcome.conflicts.extend(conflicts.crossings(connection, kept, origin))
    _refresh_search(connection, _redirected(kept, aliases), written, outcome.merged)
    outcome.applied = kept
    outcome.latest = max(e.stamp for e in fresh)
    return outcome


def _fresh(connection: Connection, entries: Sequence[Entry]) -> list[Entry]:
    """The entries new to this replica, each once."""
    seen: set[uuid.UUID] = set()
    fresh: list[Entry] = []
    known = known_ids(connection, (e.id for e in entries))
    for entry in entries:
        if entry.id not in known and entry.id not in seen:
            seen.add(entry.id)
            fresh.append(entry)
    return fresh


def _message_ids(entries: Iterable[Entry]) -> set[uuid.UUID]:
    """The message ids these entries name: only messages are ever folded into others."""
    ids: set[uuid.UUID] = set()
    for entry in entries:
        if entry.entity == "message":
            ids.add(entry.entity_id)
        named = entry.fields.get("message_id")
        if named:
            ids.add(uuid.UUID(str(named)))
    return ids


def _ids(entries: Iterable[Entry]) -> set[uuid.UUID]:
    return {e.entity_id for e in entries}


def _redirected(entries: Iterable[Entry], aliases: duplicates.Aliases) -> list[Entry]:
    """The entries as they apply here (folded records' inserts left out)."""
    if not aliases.winner_of:
        return list(entries)
    return [e for e in (aliases.redirect(entry) for entry in entries) if e is not None]


def _set_aside(
    fresh: list[Entry],
    aliases: duplicates.Aliases,
    refused: dict[uuid.UUID, Refused],
    outcome: Outcome,
) -> list[Entry]:
    """Put aside the entries of rows that could not be written; return the others."""
    if not refused:
        return fresh
    kept: list[Entry] = []
    aside: dict[uuid.UUID, list[Entry]] = {}
    for entry in fresh:
        target = aliases.winner_of.get(entry.entity_id, entry.entity_id)
        if target in refused:
            aside.setdefault(target, []).append(entry)
        else:
            kept.append(entry)
    outcome.set_aside = [SetAside(entries, refused[key]) for key, entries in aside.items()]
    outcome.conflicts = [c for c in outcome.conflicts if c.entity_id not in aside]
    return kept


def _fold(
    history: Iterable[Entry],
) -> tuple[dict[uuid.UUID, dict[str, Written]], set[uuid.UUID]]:
    """Return the winning write of every field of these rows, and which rows were inserted."""
    written: dict[uuid.UUID, dict[str, Written]] = {}
    inserted: set[uuid.UUID] = set()
    for entry in history:
        fields = written.setdefault(entry.entity_id, {})
        stamp, arrival = entry.stamp, entry.arrival_seq
        for name, value in entry.fields.items():
            current = fields.get(name)
            if current is None or stamp > current[STAMP]:
                fields[name] = (stamp, value, arrival)
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
        for condition in among(connection, table.c.id, ids):
            present.update(connection.scalars(select(table.c.id).where(condition)))
    return present


def _merge_one(
    entry: Entry,
    written: dict[uuid.UUID, dict[str, Written]],
    inserted: set[uuid.UUID],
    present: set[uuid.UUID],
    rows: Rows,
) -> None:
    if entry.entity in LOCAL_ONLY:
        return  # kept in the log (so it is not fetched again), never applied here
    table = table_of(entry.entity)
    fields = written.setdefault(entry.entity_id, {})
    winners: dict[str, Any] = {}
    stamp, arrival = entry.stamp, entry.arrival_seq
    for name, value in entry.fields.items():
        current = fields.get(name)
        if current is None or stamp > current[STAMP]:
            fields[name] = (stamp, value, arrival)
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
        rows.inserts[key] = (table, {name: w[VALUE] for name, w in fields.items()})
        present.add(key)
    # else: a change to a row whose insert has not arrived; the log keeps it for then.


def _refresh_search(
    connection: Connection,
    fresh: Sequence[Entry],
    written: dict[uuid.UUID, dict[str, Written]],
    merged: Sequence[duplicates.Merged] = (),
) -> None:
    """Rewrite the search documents these entries feed (the ORM tracker does not see Core)."""
    complaints: set[uuid.UUID] = {
        c for m in merged for c in (m.winner_complaint_id, m.loser_complaint_id) if c
    }
    customers: set[uuid.UUID] = set()
    for entry in fresh:
        if entry.entity == "complaint":
            complaints.add(entry.entity_id)
        elif entry.entity == "customer":
            customers.add(entry.entity_id)
        elif entry.entity in ("message", "contact_point"):
            key = "complaint_id" if entry.entity == "message" else "customer_id"
            current = written.get(entry.entity_id, {}).get(key)
            if current is not None and current[VALUE]:
                target = complaints if entry.entity == "message" else customers
                target.add(uuid.UUID(str(current[VALUE])))
    ids = complaints | search_index.complaints_of(connection, customers)
    search_index.refresh(connection, ids)

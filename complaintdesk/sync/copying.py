"""Copying rows from the central server as they are: a branch's first copy, missing references.

A copied row comes with the change-log entries that wrote it, so last-writer-wins keeps
working on it: an older entry pulled later never overwrites what the copy already holds.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, select

from complaintdesk.storage.models import Base
from complaintdesk.sync.entries import (
    CHANGE_LOG,
    Entry,
    among,
    chunks,
    entries_of,
    entries_query,
    known_ids,
    table_of,
    to_entries,
)

LOCAL_ONLY = frozenset(
    {
        "replica_state",  # each database's own identity and cursor
        "change_log",  # exchanged entry by entry, never copied wholesale
        "audit_event",  # exchanged chain by chain (see rounds)
        "audit_chain",  # each replica registers the chains it holds, and who writes them
        "sign_in_token",  # command-line sign-ins stay on the database they were made for
        "site_sequence",  # only its own site numbers references
        "notification",  # one person's inbox on one workstation
        "mailbox",  # polled where they were set up, with a password kept on that machine
        "mailbox_folder_state",
        "attachment_content",  # bytes stay where they were received
        "daily_figure",  # derived: each replica's triggers keep its own (migration 0019)
        "replica",  # the central server's registry, kept by the rounds themselves
        "reference_block",  # handed out by the central server during a round
        "sync_alias",  # worked out by each replica from the entries it holds
        "sync_set_aside",  # what this replica could not apply
        "quarantine_item",  # decided where it was received, beside its bytes
        "presence",  # who has which complaint open, on this database's workstations
        "reply_draft",  # one person's unsent words, where they were written
    }
)
ROOTS = ("complaint", "customer", "message")
"""Tables holding the complaints' story: a branch copies only its own part of them."""


def replicated_tables() -> list[Table]:
    """Every table sync keeps in step, parents before children."""
    return [t for t in Base.metadata.sorted_tables if t.name not in LOCAL_ONLY]


def story_tables() -> list[Table]:
    """The complaints, customers, messages and every table hanging from them."""
    return [
        t
        for t in replicated_tables()
        if t.name in ROOTS or any(fk.column.table.name in ROOTS for fk in t.foreign_keys)
    ]


def reference_tables() -> list[Table]:
    """Everything else a branch needs in full: sites, users, catalogue, rules, templates."""
    story = {t.name for t in story_tables()}
    return [t for t in replicated_tables() if t.name not in story]


def copy_where(central: Connection, local: Connection, table: Table, *conditions: Any) -> set[Any]:
    """Copy the rows of ``table`` matching ``conditions`` that this replica lacks."""
    rows = [dict(r._mapping) for r in central.execute(select(table).where(*conditions))]
    return _insert_missing(local, table, rows)


def _insert_missing(local: Connection, table: Table, rows: list[dict[str, Any]]) -> set[Any]:
    ids = [row["id"] for row in rows]
    here: set[Any] = set()
    for condition in among(local, table.c.id, ids):
        here.update(local.scalars(select(table.c.id).where(condition)))
    missing = [row for row in rows if row["id"] not in here]
    if missing:
        local.execute(insert(table), missing)
    return {row["id"] for row in missing}


def ids_referencing(
    central: Connection, table: Table, copied: Mapping[str, set[Any]]
) -> set[uuid.UUID]:
    """Return the central ids of the rows of ``table`` that point at rows already copied."""
    found: set[uuid.UUID] = set()
    for fk in table.foreign_keys:
        targets = copied.get(fk.column.table.name, set())
        for condition in among(central, fk.parent, targets):
            found.update(central.scalars(select(table.c.id).where(condition)))
    return found


def copy_entries(central: Connection, local: Connection, ids: Iterable[uuid.UUID]) -> int:
    """Copy the change-log entries of these rows, marked as already sent."""
    entries = entries_of(central, ids)
    have = known_ids(local, (e.id for e in entries))
    now = datetime.now(UTC)
    rows = [e.row(now) for e in entries if e.id not in have]
    for part in chunks(rows):
        local.execute(insert(CHANGE_LOG), list(part))
    return len(rows)


Allowed = Callable[[str, set[uuid.UUID]], set[uuid.UUID]]
"""Which of these rows of a table the branch may hold (:class:`complaintdesk.sync.scope.Scope`)."""


def copy_story(
    central: Connection, local: Connection, copied: dict[str, set[uuid.UUID]], allowed: Allowed
) -> dict[str, set[uuid.UUID]]:
    """Copy the rows hanging from the rows in ``copied`` that the branch may hold.

    A complaint brings its messages, requests, commitments and routing decisions; a
    customer its contact points and merges; a message its attachments. ``copied`` grows.
    """
    story = story_tables()
    names = {t.name for t in story}
    for table in story:
        parents = {k: v for k, v in copied.items() if k in names and v}
        if not parents:
            break
        wanted = allowed(table.name, ids_referencing(central, table, parents))
        for name, ids in ensure_present(central, local, {table.name: wanted}).items():
            copied.setdefault(name, set()).update(ids)
    return copied


def ensure_present(
    central: Connection, local: Connection, wanted: Mapping[str, set[uuid.UUID]]
) -> dict[str, set[uuid.UUID]]:
    """Copy from the central server the rows named in ``wanted`` that are missing here,
    with the rows they refer to in turn (a user's site, a complaint's customer…).

    Returns:
        Table name to the ids copied.
    """
    fetched: dict[str, dict[uuid.UUID, dict[str, Any]]] = {}
    queue = {name: set(ids) for name, ids in wanted.items() if name not in LOCAL_ONLY}
    while queue:
        name, ids = queue.popitem()
        table = table_of(name)
        ids -= set(fetched.get(name, {}))
        missing = ids - _present(local, table, ids)
        for condition in among(central, table.c.id, missing):
            for row in central.execute(select(table).where(condition)):
                values = dict(row._mapping)
                fetched.setdefault(name, {})[values["id"]] = values
                for target, ref in _references(table, values):
                    queue.setdefault(target, set()).add(ref)
    order = [t for t in Base.metadata.sorted_tables if t.name in fetched]
    for table in order:
        local.execute(insert(table), _parents_first(table, fetched[table.name]))
    copied = {name: set(rows) for name, rows in fetched.items()}
    copy_entries(central, local, {i for ids in copied.values() for i in ids})
    return copied


def _parents_first(table: Table, rows: Mapping[Any, dict[str, Any]]) -> list[dict[str, Any]]:
    """Order rows so one pointing at another row of its own table (a customer merged into
    another, a linked complaint) comes after it: SQLite checks each reference at once."""
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not own:
        return list(rows.values())
    done: list[dict[str, Any]] = []
    placed: set[Any] = set()
    waiting = dict(rows)
    while waiting:
        ready = [
            i
            for i, row in waiting.items()
            if all(row.get(c) in (None, i) or row[c] in placed or row[c] not in rows for c in own)
        ]
        ready = ready or list(waiting)  # a loop of references: as they are
        for i in ready:
            done.append(waiting.pop(i))
            placed.add(i)
    return done


def _present(local: Connection, table: Table, ids: set[uuid.UUID]) -> set[uuid.UUID]:
    here: set[uuid.UUID] = set()
    for condition in among(local, table.c.id, ids):
        here.update(local.scalars(select(table.c.id).where(condition)))
    return here


def _references(table: Table, values: Mapping[str, Any]) -> list[tuple[str, uuid.UUID]]:
    found = []
    for fk in table.foreign_keys:
        value = values.get(fk.parent.name)
        target = fk.column.table.name
        if value is not None and target not in LOCAL_ONLY and fk.column.name == "id":
            found.append((target, value if isinstance(value, uuid.UUID) else uuid.UUID(value)))
    return found


def references_of_rows(
    local: Connection, rows: Mapping[str, set[uuid.UUID]]
) -> dict[str, set[uuid.UUID]]:
    """Return the rows that these local rows point at, by table."""
    wanted: dict[str, set[uuid.UUID]] = {}
    for name, ids in rows.items():
        table = table_of(name)
        for part in chunks(sorted(ids)):
            for row in local.execute(select(table).where(table.c.id.in_(part))):
                for target, ref in _references(table, dict(row._mapping)):
                    wanted.setdefault(target, set()).add(ref)
    return wanted


def references_of(entries: Iterable[Entry]) -> dict[str, set[uuid.UUID]]:
    """Return the rows these entries point at, by table (minus rows they insert themselves)."""
    wanted: dict[str, set[uuid.UUID]] = {}
    born: set[uuid.UUID] = set()
    for entry in entries:
        if entry.operation == "insert":
            born.add(entry.entity_id)
        if entry.entity in LOCAL_ONLY:
            continue
        table = table_of(entry.entity)
        for fk in table.foreign_keys:
            value = entry.fields.get(fk.parent.name)
            target = fk.column.table.name
            if value is not None and target not in LOCAL_ONLY and fk.column.name == "id":
                wanted.setdefault(target, set()).add(uuid.UUID(str(value)))
    return {name: ids - born for name, ids in wanted.items() if ids - born}


def with_parents(connection: Connection, entries: list[Entry], *waiting: Any) -> list[Entry]:
    """Return ``entries`` with, ahead of them, the waiting inserts of the rows they point at.

    A batch never carries a row without the row it refers to when both still wait (a
    complaint's targets are logged before the complaint itself): the receiving side writes a
    batch's inserts parents first. ``waiting`` says which entries still wait to be sent.
    """
    batch, seen = list(entries), {e.id for e in entries}
    for _depth in range(5):  # a target's complaint, the complaint's customer…
        ids = sorted({i for ids in references_of(batch).values() for i in ids})
        found: list[Entry] = []
        for condition in among(connection, CHANGE_LOG.c.entity_id, ids):
            query = entries_query().where(condition, CHANGE_LOG.c.operation == "insert", *waiting)
            found += [e for e in to_entries(connection.execute(query)) if e.id not in seen]
        if not found:
            break
        seen.update(e.id for e in found)
        batch = found + batch
    return batch


__all__ = [
    "LOCAL_ONLY",
    "copy_entries",
    "copy_story",
    "copy_where",
    "ensure_present",
    "ids_referencing",
    "reference_tables",
    "references_of",
    "references_of_rows",
    "replicated_tables",
    "story_tables",
    "with_parents",
]

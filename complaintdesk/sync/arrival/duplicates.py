"""Records that name the same real thing merge on arrival instead of failing a unique key.

One email fetched at a branch and at head office (a customer writing to both addresses, a
mailbox polled from two places), or one social post read twice, arrives as two message rows
with the same channel and external id. Every replica keeps one row: the one recorded first
(lowest insert stamp, then id), whichever order the two arrive in. The other becomes an
alias: its attachments move to the kept row, entries naming it apply to the kept row, and
its own insert is folded in. Every replica works this out from the entries it holds, so they
all end the same; only the central server records the people-facing part (the complaints
linked, the conflict shown to a supervisor), as ordinary changes that travel.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, tuple_, update

from complaintdesk.storage.models import Base, Message, SyncAlias
from complaintdesk.sync.entries import Entry, Stamp, among, chunks, entries_of

MESSAGE: Table = Message.__table__  # type: ignore[assignment]
ALIAS: Table = SyncAlias.__table__  # type: ignore[assignment]
OLDEST: Stamp = (0, "")
"""The stamp of a row without an insert entry (a demo or imported row): it came first."""


@dataclass(frozen=True)
class Merged:
    """One message kept once: the row kept and the one folded into it."""

    winner_id: uuid.UUID
    loser_id: uuid.UUID
    loser_complaint_id: uuid.UUID | None
    winner_complaint_id: uuid.UUID | None


class Aliases:
    """The records folded into others on this replica, to redirect entries and references."""

    def __init__(self, connection: Connection, ids: Iterable[uuid.UUID]) -> None:
        self.winner_of: dict[uuid.UUID, uuid.UUID] = {}
        for condition in among(connection, ALIAS.c.loser_id, ids):
            query = select(ALIAS.c.loser_id, ALIAS.c.winner_id).where(condition)
            self.winner_of.update((row[0], row[1]) for row in connection.execute(query))

    def add(self, loser: uuid.UUID, winner: uuid.UUID) -> None:
        self.winner_of[loser] = winner

    def redirect(self, entry: Entry) -> Entry | None:
        """Return the entry as it applies here: None for the insert of a folded record."""
        winner = self.winner_of.get(entry.entity_id)
        if winner is None and not self._points_at_loser(entry):
            return entry
        if winner is not None and entry.operation == "insert":
            return None
        fields = {k: self._value(v) if k.endswith("_id") else v for k, v in entry.fields.items()}
        if winner is not None:  # the kept row keeps its own key
            fields.pop("channel", None)
            fields.pop("external_id", None)
        return replace(entry, entity_id=winner or entry.entity_id, fields=fields)

    def _points_at_loser(self, entry: Entry) -> bool:
        return any(k.endswith("_id") and self._value(v) != v for k, v in entry.fields.items() if v)

    def _value(self, value: Any) -> Any:
        if not value:
            return value
        try:
            key = uuid.UUID(str(value))
        except ValueError:
            return value
        winner = self.winner_of.get(key)
        return str(winner) if winner is not None else value


def find_duplicates(connection: Connection, fresh: Sequence[Entry]) -> list[tuple[Entry, Any]]:
    """Pair each incoming message insert with the message this replica holds under its key.

    Also pairs two incoming inserts of one batch with the same key (the second with the first).
    """
    incoming = [
        e
        for e in fresh
        if e.entity == "message" and e.operation == "insert" and e.fields.get("external_id")
    ]
    if not incoming:
        return []
    keys = {(str(e.fields.get("channel")), str(e.fields["external_id"])) for e in incoming}
    held: dict[tuple[str, str], uuid.UUID] = {}
    for part in chunks(sorted(keys)):
        query = select(MESSAGE.c.channel, MESSAGE.c.external_id, MESSAGE.c.id).where(
            tuple_(MESSAGE.c.channel, MESSAGE.c.external_id).in_(list(part))
        )
        held.update(((row[0], row[1]), row[2]) for row in connection.execute(query))
    pairs: list[tuple[Entry, Any]] = []
    first_in_batch: dict[tuple[str, str], Entry] = {}
    for entry in incoming:
        key = (str(entry.fields.get("channel")), str(entry.fields["external_id"]))
        if key in held and held[key] != entry.entity_id:
            pairs.append((entry, held[key]))
        elif key in first_in_batch:
            pairs.append((entry, first_in_batch[key]))
        else:
            first_in_batch[key] = entry
    return pairs


def decide(
    connection: Connection, pairs: list[tuple[Entry, Any]], aliases: Aliases
) -> tuple[list[Merged], set[uuid.UUID]]:
    """Choose the row kept for each pair; return the merges and the held rows to fold away.

    A pair is (incoming insert, the held row's id or another incoming insert).
    """
    held_ids = [other for _, other in pairs if isinstance(other, uuid.UUID)]
    stamps = _insert_stamps(connection, held_ids)
    merged: list[Merged] = []
    fold_held: set[uuid.UUID] = set()
    for entry, other in pairs:
        if isinstance(other, Entry):
            other_id, other_stamp, other_complaint = (
                other.entity_id,
                other.stamp,
                other.fields.get("complaint_id"),
            )
        else:
            other_id, other_stamp = other, stamps.get(other, OLDEST)
            other_complaint = _complaint_of(connection, other)
        mine = (entry.stamp, str(entry.entity_id))
        if mine < (other_stamp, str(other_id)):
            winner, loser = entry.entity_id, other_id
            won, lost = entry.fields.get("complaint_id"), other_complaint
            if not isinstance(other, Entry):
                fold_held.add(other_id)
        else:
            winner, loser = other_id, entry.entity_id
            won, lost = other_complaint, entry.fields.get("complaint_id")
        aliases.add(loser, winner)
        merged.append(Merged(winner, loser, _uuid(lost), _uuid(won)))
    return merged, fold_held


def free_keys(connection: Connection, fold_held: set[uuid.UUID]) -> None:
    """Clear the key of held rows about to be folded, so the kept row can be written first."""
    for part in chunks(sorted(fold_held)):
        connection.execute(update(MESSAGE).where(MESSAGE.c.id.in_(part)).values(external_id=None))


def fold(
    connection: Connection, merged: list[Merged], fold_held: set[uuid.UUID], now: datetime
) -> None:
    """Move what points at each folded row to the kept one, drop the folded rows, note aliases."""
    references = [
        (table, fk.parent.name)
        for table in Base.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column.table.name == "message" and fk.column.name == "id"
    ]
    for merge in merged:
        for table, column in references:
            connection.execute(
                update(table)
                .where(table.c[column] == merge.loser_id)
                .values({column: merge.winner_id})
            )
        if merge.loser_id in fold_held:
            connection.execute(delete(MESSAGE).where(MESSAGE.c.id == merge.loser_id))
    known = set(
        connection.scalars(
            select(ALIAS.c.loser_id).where(ALIAS.c.loser_id.in_([m.loser_id for m in merged]))
        )
    )
    fresh = [m for m in merged if m.loser_id not in known]
    if fresh:
        connection.execute(
            insert(ALIAS),
            [
                {
                    "id": uuid.uuid4(),
                    "entity": "message",
                    "loser_id": m.loser_id,
                    "winner_id": m.winner_id,
                    "merged_at": now,
                }
                for m in fresh
            ],
        )


def _insert_stamps(connection: Connection, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Stamp]:
    return {e.entity_id: e.stamp for e in entries_of(connection, ids) if e.operation == "insert"}


def _complaint_of(connection: Connection, message_id: uuid.UUID) -> Any:
    return connection.scalar(select(MESSAGE.c.complaint_id).where(MESSAGE.c.id == message_id))


def _uuid(value: Any) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))


def copy_aliases(central: Connection, local: Connection, entries: Sequence[Entry]) -> None:
    """Copy the central server's aliases these entries may name (a pulled attachment of a
    message the central server folded into the branch's own copy)."""
    named: set[uuid.UUID] = set()
    for entry in entries:
        named.add(entry.entity_id)
        named.update(
            _uuid_or_none(v) or entry.entity_id
            for k, v in entry.fields.items()
            if k.endswith("_id") and v
        )
    found: list[dict[str, Any]] = []
    for part in chunks(sorted(named)):
        found.extend(
            dict(r._mapping)
            for r in central.execute(select(ALIAS).where(ALIAS.c.loser_id.in_(part)))
        )
    if not found:
        return
    have = set(
        local.scalars(
            select(ALIAS.c.loser_id).where(ALIAS.c.loser_id.in_([r["loser_id"] for r in found]))
        )
    )
    fresh = [r for r in found if r["loser_id"] not in have]
    if fresh:
        local.execute(insert(ALIAS), fresh)


def _uuid_or_none(value: Any) -> uuid.UUID | None:
    try:
        return _uuid(value)
    except ValueError:
        return None

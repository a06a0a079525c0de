"""Conflicts a rule settled that a person should look at, noticed where entries meet.

On the central server, during a push: the pusher changed a field another site had changed
since the pusher's last pull (two owners chosen, one customer edited in two places), or a
resolution crossed a customer message the resolving branch had not seen.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Connection, Table, and_, or_, select

from complaintdesk.storage.models import Message
from complaintdesk.sync.entries import CHANGE_LOG, Entry, Stamp, among, entries_of

CUSTOMER_BOOKKEEPING = frozenset(
    {"version", "updated_at", "created_at", "name_key", "name_key_alt", "name_ident"}
)
"""Fields that follow from others (the match keys spell the name): never a conflict alone."""
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
    detail: dict[str, Any] | None = None
    """What settling it needs (the merge to undo, the entry set aside…)."""


Written = tuple[Stamp, Any, int | None]
"""The write that holds a field now: its stamp, its value, when it reached the central server.

A plain tuple (``STAMP``, ``VALUE``, ``ARRIVAL``): a merge makes one per field it reads."""
STAMP: Final = 0
VALUE: Final = 1
ARRIVAL: Final = 2


def field_conflicts(
    entry: Entry, written: dict[uuid.UUID, dict[str, Written]], origin: Origin
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
        if current is None or current[VALUE] == value or not _concurrent(current, origin):
            continue
        if kind == "owner" and (current[VALUE] is None or value is None):
            continue
        mine_wins = entry.stamp > current[STAMP]
        kept[name] = value if mine_wins else current[VALUE]
        other[name] = current[VALUE] if mine_wins else value
    if not kept:
        return []
    complaint_id = entry.entity_id if entry.entity == "complaint" else None
    return [Conflict(kind, entry.entity, entry.entity_id, complaint_id, kept, other)]


def _concurrent(current: Written, origin: Origin) -> bool:
    """True if the pushing site had not seen ``current`` when it made its change."""
    # No arrival number yet: committed on the central server after the round numbered
    # arrivals, so the pushing site cannot have pulled it.
    return current[STAMP][1] != origin.site_code and (
        current[ARRIVAL] is None or current[ARRIVAL] > origin.cursor
    )


def crossings(connection: Connection, fresh: Sequence[Entry], origin: Origin) -> list[Conflict]:
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
    for condition in among(connection, message.c.complaint_id, resolved):
        query = (
            select(message.c.complaint_id, message.c.id)
            .join(
                CHANGE_LOG,
                and_(CHANGE_LOG.c.entity_id == message.c.id, CHANGE_LOG.c.operation == "insert"),
            )
            .where(
                condition,
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

"""Audit chains per writer: taken without waiting, extended with keyed hashes.

A transaction that audits takes a chain of this replica that no other open transaction holds
(PostgreSQL: ``FOR UPDATE SKIP LOCKED`` on the chain's registry row), or registers a new one,
then appends after the chain's last event. So writers never queue behind each other for the
audit trail, a chain is only ever extended by one transaction at a time, and a replica ends up
with about as many chains as it has writers at once. SQLite lets one writer in at a time: a
replica on SQLite writes a single chain.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.orm import Session

from complaintdesk.domain import audit
from complaintdesk.domain.ids import new_id
from complaintdesk.storage.journal.audit_keys import AuditKeys
from complaintdesk.storage.models import AuditChain, AuditEvent
from complaintdesk.storage.types import json_value

CHAINS: Table = AuditChain.__table__  # type: ignore[assignment]
WRITER, CHECKPOINT = "writer", "checkpoint"
EVENTS: Table = AuditEvent.__table__  # type: ignore[assignment]


@dataclass
class ChainHead:
    """The chain a transaction holds and its last event (sequence number, hash)."""

    name: str
    seq: int
    hash: str


def take_chain(
    session: Session,
    replica_id: uuid.UUID,
    site_code: str,
    kind: str = WRITER,
    origin: str | None = None,
) -> ChainHead:
    """Take a chain of this replica that nobody else holds now, or start one; return its head.

    Args:
        kind: ``writer``; or ``checkpoint``, the replica's one chain of checkpoints (taken
            waiting for another checkpoint, if one is being written: they are rare).
        origin: the workstation's code (``PAR.2``) a new chain's name starts with (default:
            the site code).
    """
    query = (
        select(CHAINS.c.name)
        .where(CHAINS.c.replica_id == replica_id, CHAINS.c.kind == kind)
        .order_by(CHAINS.c.name)
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=kind == WRITER)
    name = session.execute(query).scalar()
    if name is None:
        suffix = secrets.token_hex(3) if kind == WRITER else f"{kind}-{secrets.token_hex(2)}"
        name = f"{origin or site_code}.{suffix}"
        session.execute(
            insert(CHAINS).values(
                id=uuid.uuid4(),
                name=name,
                replica_id=replica_id,
                site_code=site_code,
                created_at=datetime.now(UTC),
                kind=kind,
            )
        )
    last = session.execute(
        select(EVENTS.c.seq, EVENTS.c.hash)
        .where(EVENTS.c.chain == name)
        .order_by(EVENTS.c.seq.desc())
        .limit(1)
    ).first()
    return ChainHead(name, last[0], last[1]) if last else ChainHead(name, 0, audit.GENESIS)


def chain_event(head: ChainHead, keys: AuditKeys, **values: Any) -> dict[str, Any]:
    """Return the next event of ``head``'s chain as column values, hashed; move the head.

    The event is hashed with the current key; it is written as a plain row (no ORM object).
    """
    signing = keys.signing
    row = {
        "id": new_id(),
        "chain": head.name,
        "seq": head.seq + 1,
        "prev_hash": head.hash,
        "key_id": signing[0] if signing else None,
        **values,
    }
    row["hash"] = audit.event_hash(head.hash, audit_fields(row), signing[1] if signing else None)
    head.seq, head.hash = row["seq"], row["hash"]
    return row


def audit_fields(event: AuditEvent | Mapping[str, Any]) -> dict[str, Any]:
    """Return the fields of an audit event that its hash covers (its key id, when it has one).

    ``event`` is a stored event, or the column values of one about to be written.
    """
    value = event.get if isinstance(event, Mapping) else partial(getattr, event)
    fields = {
        "chain": value("chain"),
        "seq": value("seq"),
        "occurred_at": json_value(value("occurred_at")),
        "user_id": json_value(value("user_id")),
        "login": value("login"),
        "action": value("action"),
        "entity": value("entity"),
        "entity_id": json_value(value("entity_id")),
        "complaint_id": json_value(value("complaint_id")),
        "before": value("before"),
        "after": value("after"),
    }
    if value("key_id") is not None:
        fields["key_id"] = value("key_id")
    return fields


def seal(event: AuditEvent, keys: AuditKeys) -> dict[str, Any]:
    """Return what ``event`` hashes to now that an erasure redacted it (kept by the erasure)."""
    signing = keys.signing
    digest = audit.event_hash(event.prev_hash, audit_fields(event), signing[1] if signing else None)
    return {"hash": digest, "key_id": signing[0] if signing else None}


def content_intact(event: AuditEvent, keys: AuditKeys) -> bool | None:
    """Return whether ``event``'s content matches its hash (None: its key is not held here)."""
    key = None
    if event.key_id is not None:
        key = keys.key(event.key_id)
        if key is None:
            return None
    return audit.event_hash(event.prev_hash, audit_fields(event), key) == event.hash


def register_chains(
    connection: Connection,
    names: dict[str, str],
    replica_id: uuid.UUID | None,
    kinds: dict[str, str] | None = None,
) -> None:
    """Record chains copied here from another replica (name → site code), and who writes them."""
    if not names:
        return
    known = dict(
        connection.execute(
            select(CHAINS.c.name, CHAINS.c.replica_id).where(CHAINS.c.name.in_(sorted(names)))
        ).all()
    )
    now = datetime.now(UTC)
    fresh = [
        {
            "id": uuid.uuid4(),
            "name": name,
            "replica_id": replica_id,
            "site_code": site[:10],
            "created_at": now,
            "kind": (kinds or {}).get(name, WRITER),
        }
        for name, site in names.items()
        if name not in known
    ]
    if fresh:
        connection.execute(insert(CHAINS), fresh)
    unowned = [n for n, owner in known.items() if owner is None and replica_id is not None]
    if unowned:
        connection.execute(
            update(CHAINS).where(CHAINS.c.name.in_(unowned)).values(replica_id=replica_id)
        )


def chains_of_others(connection: Connection, replica_id: uuid.UUID) -> list[str]:
    """Return the chains registered here that another replica writes (or nobody named)."""
    query = select(CHAINS.c.name).where(
        (CHAINS.c.replica_id != replica_id) | CHAINS.c.replica_id.is_(None)
    )
    return list(connection.execute(query.order_by(CHAINS.c.name)).scalars())

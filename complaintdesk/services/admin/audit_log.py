"""Reading the audit trail: one complaint's events, or one user's, a page at a time.

Each event comes with its own integrity check: its hash is recomputed from its content and
the hash it links to, and the previous event of its chain must carry that hash. A row
edited behind the application shows as altered right where it is; ``audit verify`` walks
whole chains.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, tuple_

from complaintdesk.domain import audit
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.complaints.access import visible_complaint
from complaintdesk.services.complaints.detail import CONTACT_FIELDS, HIDDEN
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.journal.audit_chains import content_intact
from complaintdesk.storage.journal.audit_keys import AuditKeys
from complaintdesk.storage.models import AuditEvent
from complaintdesk.storage.unit_of_work import UnitOfWork

PAGE_SIZE = 200


@dataclass(frozen=True)
class AuditQuery:
    """Whose events: one complaint's, or one user's (exactly one of the two)."""

    complaint_id: uuid.UUID | None = None
    login: str | None = None
    """A user's login: the events they caused."""


@dataclass(frozen=True)
class FieldChange:
    """One field an event changed: its value before and after (None: not recorded)."""

    field: str
    before: object
    after: object


@dataclass(frozen=True)
class AuditRow:
    """One audit event as the viewer shows it."""

    occurred_at: datetime
    login: str | None
    action: str
    entity: str
    changes: tuple[FieldChange, ...]
    intact: bool
    """False when the event's content or its link to the previous event does not check."""
    chain: str
    seq: int


@dataclass(frozen=True)
class AuditPage:
    """A page of events, newest first, and the cursor of the next page (None at the end)."""

    rows: tuple[AuditRow, ...]
    cursor: tuple[str, str, int] | None


def audit_page(
    ctx: ServiceContext,
    query: AuditQuery,
    cursor: Sequence[Any] | None = None,
    limit: int = PAGE_SIZE,
) -> AuditPage:
    """Return the events of ``query`` after ``cursor``, newest first.

    Raises:
        NotFound: the complaint does not exist or is not visible to the caller.
        PermissionDenied: a user's trail, asked by someone who does not manage users.
        ValueError: neither or both of complaint and user given.
    """
    if (query.complaint_id is None) == (query.login is None):
        raise ValueError("ask for one complaint's events or one user's")
    if query.login is not None:
        ctx.actor.require(Permission.MANAGE_USERS)
    hide_contacts = not ctx.actor.can(Permission.VIEW_CUSTOMER_CONTACTS)
    condition: ColumnElement[bool]
    with ctx.uow() as uow:
        if query.complaint_id is not None:
            visible_complaint(uow, ctx.actor, query.complaint_id)
            condition = AuditEvent.complaint_id == query.complaint_id
        else:
            condition = AuditEvent.login == str(query.login).strip().lower()
        events = _events(uow, condition, cursor, limit)
        previous = _previous_hashes(uow, events)
        rows = tuple(_row(e, previous, hide_contacts, uow.audit_keys) for e in events)
    last = events[-1] if len(events) == limit else None
    next_cursor = (last.occurred_at.isoformat(), last.chain, last.seq) if last else None
    return AuditPage(rows, next_cursor)


def _events(
    uow: UnitOfWork, condition: ColumnElement[bool], cursor: Sequence[Any] | None, limit: int
) -> list[AuditEvent]:
    statement = select(AuditEvent).where(condition)
    if cursor is not None:
        when = datetime.fromisoformat(str(cursor[0]))
        after = tuple_(AuditEvent.chain, AuditEvent.seq) < tuple_(cursor[1], cursor[2])
        statement = statement.where(
            or_(AuditEvent.occurred_at < when, and_(AuditEvent.occurred_at == when, after))
        )
    statement = statement.order_by(
        AuditEvent.occurred_at.desc(), AuditEvent.chain.desc(), AuditEvent.seq.desc()
    ).limit(limit)
    return list(uow.scalars(statement))


def _previous_hashes(uow: UnitOfWork, events: list[AuditEvent]) -> dict[tuple[str, int], str]:
    """Return (chain, seq) → hash of the events just before those of the page."""
    wanted = {(e.chain, e.seq - 1) for e in events if e.seq > 1}
    if not wanted:
        return {}
    found = uow.execute(
        select(AuditEvent.chain, AuditEvent.seq, AuditEvent.hash).where(
            tuple_(AuditEvent.chain, AuditEvent.seq).in_(sorted(wanted))
        )
    ).all()
    return {(chain, seq): digest for chain, seq, digest in found}


def _row(
    event: AuditEvent, previous: dict[tuple[str, int], str], hide: bool, keys: AuditKeys
) -> AuditRow:
    expected_prev = audit.GENESIS if event.seq == 1 else previous.get((event.chain, event.seq - 1))
    # An event whose key this machine lacks is judged by its link alone.
    intact = expected_prev == event.prev_hash and content_intact(event, keys) is not False
    before, after = event.before or {}, event.after or {}
    changes = tuple(
        FieldChange(
            key,
            HIDDEN if hide and key in CONTACT_FIELDS else before.get(key),
            HIDDEN if hide and key in CONTACT_FIELDS else after.get(key),
        )
        for key in sorted(set(before) | set(after))
        if key not in ("id", "version", "updated_at", "created_at")
    )
    return AuditRow(
        event.occurred_at,
        event.login,
        event.action,
        event.entity,
        changes,
        intact,
        event.chain,
        event.seq,
    )

"""Who else is on a complaint: each open window says what it shows and whether its person writes.

A window announces itself when it shows a complaint, when its person starts or stops
writing, and every so often while it stays (a heartbeat); it leaves when it closes. A row
not refreshed for :data:`STALE_AFTER` (a crash, a cut cable) is ignored. On PostgreSQL every
announcement is also a NOTIFY, so the other windows hear it at once; on a shared SQLite file
they look every few seconds. Presence is local to the database: never audited, never synced.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from complaintdesk.services.complaints.access import visible_complaint
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage import signals
from complaintdesk.storage.models import Presence, User
from complaintdesk.storage.unit_of_work import UnitOfWork

VIEWING, WRITING_REPLY, WRITING_NOTE = "viewing", "writing_reply", "writing_note"
ACTIVITIES = (VIEWING, WRITING_REPLY, WRITING_NOTE)
"""What a person does on the complaint their window shows, weakest first."""
HEARTBEAT = timedelta(seconds=15)
"""How often an open window says it is still there."""
STALE_AFTER = timedelta(seconds=45)
"""A window silent for longer is taken as gone (three heartbeats missed)."""
FORGOTTEN_AFTER = timedelta(days=1)
"""Rows older than this (windows that never closed) are deleted by the next announcement."""
PRESENCE_CHANNEL = "complaintdesk_presence"
"""The NOTIFY channel of announcements; the payload is the complaint's id."""
CHANGES_CHANNEL = "complaintdesk_changes"
"""The NOTIFY channel a trigger on the change log sends on (migration 0018)."""


@dataclass(frozen=True)
class Colleague:
    """Someone else on the complaint, by the name colleagues know them by."""

    user_id: uuid.UUID
    name: str
    activity: str


def announce(
    ctx: ServiceContext,
    session_id: uuid.UUID,
    complaint_id: uuid.UUID | None,
    activity: str = VIEWING,
) -> None:
    """Say that window ``session_id`` shows ``complaint_id`` (None: none) doing ``activity``.

    Raises:
        NotFound: the caller may not see the complaint.
    """
    if ctx.actor.user_id is None:
        return  # the command line is nobody's colleague
    now = datetime.now(UTC)
    activity = activity if activity in ACTIVITIES else VIEWING
    with ctx.uow(write=True) as uow:
        if complaint_id is not None:
            visible_complaint(uow, ctx.actor, complaint_id)
        row = uow.get(Presence, session_id)
        before = row.complaint_id if row is not None else None
        changed = row is None or (row.complaint_id, row.activity) != (complaint_id, activity)
        if row is None:
            _forget_old(uow, now)
            row = Presence(id=session_id, user_id=ctx.actor.user_id)
            row.complaint_id, row.activity, row.seen_at = complaint_id, activity, now
            uow.add(row)
        else:
            row.complaint_id, row.activity, row.seen_at = complaint_id, activity, now
        if changed:
            _tell(uow, before, complaint_id)
        uow.commit()


def leave(ctx: ServiceContext, session_id: uuid.UUID) -> None:
    """Say that window ``session_id`` closed."""
    with ctx.uow(write=True) as uow:
        row = uow.get(Presence, session_id)
        if row is None:
            return
        complaint_id = row.complaint_id
        uow.execute(delete(Presence).where(Presence.id == session_id))
        _tell(uow, complaint_id, None)
        uow.commit()


def others_on(
    ctx: ServiceContext, session_id: uuid.UUID, complaint_id: uuid.UUID
) -> tuple[Colleague, ...]:
    """Return the other people on ``complaint_id`` now, writers first, then by name.

    A person with two windows on it counts once, by what they do most (writing).

    Raises:
        NotFound: the caller may not see the complaint.
    """
    since = datetime.now(UTC) - STALE_AFTER
    with ctx.uow() as uow:
        visible_complaint(uow, ctx.actor, complaint_id)
        rows = uow.execute(
            select(Presence.user_id, User.display_name, Presence.activity)
            .join(User, User.id == Presence.user_id)
            .where(
                Presence.complaint_id == complaint_id,
                Presence.seen_at >= since,
                Presence.id != session_id,
            )
        ).all()
    strongest: dict[uuid.UUID, Colleague] = {}
    for user_id, name, activity in rows:
        if user_id == ctx.actor.user_id:
            continue  # their own other window
        known = strongest.get(user_id)
        if known is None or _rank(activity) > _rank(known.activity):
            strongest[user_id] = Colleague(user_id, name, activity)
    return tuple(sorted(strongest.values(), key=lambda c: (-_rank(c.activity), c.name)))


def _rank(activity: str) -> int:
    return ACTIVITIES.index(activity) if activity in ACTIVITIES else 0


def _tell(uow: UnitOfWork, *complaint_ids: uuid.UUID | None) -> None:
    for complaint_id in dict.fromkeys(c for c in complaint_ids if c is not None):
        signals.notify(uow, PRESENCE_CHANNEL, str(complaint_id))


def _forget_old(uow: UnitOfWork, now: datetime) -> None:
    uow.execute(delete(Presence).where(Presence.seen_at < now - FORGOTTEN_AFTER))


def open_listener(ctx: ServiceContext) -> signals.Listener | None:
    """Return a connection listening to announcements and changes (None on SQLite: poll).

    Raises:
        DatabaseUnreachable: the server cannot be reached (the caller polls meanwhile).
    """
    conninfo = signals.conninfo_of(ctx.uow)
    if conninfo is None:
        return None
    return signals.Listener(conninfo, (PRESENCE_CHANNEL, CHANGES_CHANNEL))

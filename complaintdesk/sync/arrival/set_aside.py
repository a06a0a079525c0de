"""Entries a branch could not apply from the central server: kept whole, retried each round.

They never block the entries behind them: the pull cursor moves on. Each round tries them
again first (the record they needed may have arrived); until then they are listed in the
Sync conflicts view with the record they clash with.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Table, delete, insert, select, update

from complaintdesk.storage.models import SyncSetAside
from complaintdesk.storage.unit_of_work import UnitOfWork
from complaintdesk.sync import merge
from complaintdesk.sync.entries import Entry

ASIDE: Table = SyncSetAside.__table__  # type: ignore[assignment]


def keep(uow: UnitOfWork, outcome: merge.Outcome) -> None:
    """Store the entries this pull could not apply (once each)."""
    now = datetime.now(UTC)
    rows = []
    for aside in outcome.set_aside:
        for entry in aside.entries:
            rows.append(
                {
                    "id": entry.id,
                    "entry_id": entry.id,
                    "hlc": entry.hlc,
                    "site_code": entry.site_code,
                    "user_id": entry.user_id,
                    "entity": entry.entity,
                    "entity_id": entry.entity_id,
                    "operation": entry.operation,
                    "fields": entry.fields,
                    "recorded_at": entry.recorded_at,
                    "arrival_seq": entry.arrival_seq,
                    "current": aside.refused.current,
                    "reason": aside.refused.reason,
                    "set_aside_at": now,
                    "attempts": 1,
                }
            )
    if not rows:
        return
    have = set(
        uow.scalars(select(ASIDE.c.entry_id).where(ASIDE.c.entry_id.in_([r["id"] for r in rows])))
    )
    fresh = [r for r in rows if r["id"] not in have]
    if fresh:
        uow.execute(insert(ASIDE), fresh)


def retry(uow: UnitOfWork) -> int:
    """Apply again the entries set aside here; return how many went in this time."""
    rows = uow.rows(select(ASIDE).where(ASIDE.c.settled_at.is_(None)).order_by(ASIDE.c.hlc))
    if not rows:
        return 0
    entries = [
        Entry(
            r.entry_id,
            r.hlc,
            r.site_code,
            r.user_id,
            r.entity,
            r.entity_id,
            r.operation,
            r.fields,
            r.recorded_at,
            r.arrival_seq,
        )
        for r in rows
    ]
    outcome = merge.apply(uow.session.connection(), entries, pushed_at=datetime.now(UTC))
    still = {e.id for aside in outcome.set_aside for e in aside.entries}
    done = [e.id for e in entries if e.id not in still]
    if done:
        uow.execute(delete(ASIDE).where(ASIDE.c.entry_id.in_(done)))
    if still:
        uow.execute(
            update(ASIDE).where(ASIDE.c.entry_id.in_(still)).values(attempts=ASIDE.c.attempts + 1)
        )
    return len(done)

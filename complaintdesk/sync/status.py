"""What a branch workstation's status bar says, read from the local database alone.

Waiting work is counted from the change-log entries not sent yet, the moment they are
written, and said as a person counts it: the complaints recorded or changed here, the
messages and notes, and other changes.
"""

from __future__ import annotations

from sqlalchemy import String, Table, case, cast, func, select

from complaintdesk.services.replicas.replication import WaitingWork
from complaintdesk.storage.models import ComplaintTarget, SyncConflict, SyncSetAside
from complaintdesk.storage.unit_of_work import UnitOfWork
from complaintdesk.sync.entries import CHANGE_LOG

_COMPLAINT_WORK = (
    "complaint",
    "message",
    "contribution_request",
    "customer_commitment",
    "complaint_target",
    "routing_decision",
    "satisfaction_survey",
)
"""Entries that are part of a complaint's story: said as the complaint, never on their own."""
TARGET: Table = ComplaintTarget.__table__  # type: ignore[assignment]


def waiting_work(uow: UnitOfWork) -> WaitingWork:
    """Count what waits to be sent: complaints, messages, other changes (one query each)."""
    log = CHANGE_LOG.c
    waiting = log.pushed_at.is_(None)
    # A complaint's own entries name it by id; its messages, requests and commitments carry
    # it in their fields; a target's clock moving names only the target, which knows its
    # complaint. Ids are compared as bare hex (how SQLite stores a UUID).
    of_target = select(TARGET.c.complaint_id).where(TARGET.c.id == log.entity_id)
    key = case(
        (log.entity == "complaint", func.lower(cast(log.entity_id, String))),
        (
            log.entity == "complaint_target",
            func.lower(cast(of_target.scalar_subquery(), String)),
        ),
        else_=func.replace(func.lower(func.json_extract(log.fields, "$.complaint_id")), "-", ""),
    )
    complaint = select(func.count(func.distinct(key))).where(
        waiting, log.entity.in_(_COMPLAINT_WORK)
    )
    messages = select(func.count()).where(
        waiting, log.entity == "message", log.operation == "insert"
    )
    other = select(func.count()).where(waiting, log.entity.not_in(_COMPLAINT_WORK))
    return WaitingWork(
        int(uow.execute(complaint.select_from(CHANGE_LOG)).scalar_one()),
        int(uow.execute(messages.select_from(CHANGE_LOG)).scalar_one()),
        int(uow.execute(other.select_from(CHANGE_LOG)).scalar_one()),
    )


def open_conflicts(uow: UnitOfWork) -> tuple[int, int]:
    """Return (conflicts nobody settled, entries set aside here and not settled)."""
    conflicts = select(func.count()).select_from(SyncConflict)
    conflicts = conflicts.where(SyncConflict.settled_at.is_(None))
    aside = select(func.count()).select_from(SyncSetAside)
    aside = aside.where(SyncSetAside.settled_at.is_(None))
    return int(uow.execute(conflicts).scalar_one()), int(uow.execute(aside).scalar_one())

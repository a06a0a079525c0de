"""No event of a complaint is dated before the complaint was received (DESIGN.md section 8).

A workstation whose clock runs behind would otherwise date a reply or a resolution before the
complaint itself. Every recorded change is checked against the complaint's receipt before
it is logged (so every replica stores the same instant): the complaint's own milestones,
and the messages, requests, commitments, routing decisions and notifications of it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from complaintdesk.domain.hlc import not_before
from complaintdesk.storage.models import (
    Complaint,
    ContributionRequest,
    CustomerCommitment,
    Message,
    Notification,
    RoutingDecision,
)

MILESTONES = (
    "acknowledged_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "satisfaction_at",
    "paused_since",
)
"""The complaint's own instants that follow its receipt."""
EVENTS: dict[type[Any], tuple[str, ...]] = {
    Message: ("occurred_at", "recorded_at"),
    ContributionRequest: ("requested_at", "answered_at"),
    CustomerCommitment: ("fulfilled_at", "last_reminder_at"),
    RoutingDecision: ("decided_at",),
    Notification: ("created_at",),
}
"""Rows that belong to a complaint, and their instants that cannot come before it."""


_RECORDED = "event_times.complaints"
"""Key in ``session.info`` of the complaints recorded in the session (not flushed, maybe)."""


def keep_after_receipt(session: Session, obj: Any) -> None:
    """Move forward, to its complaint's receipt, any instant of ``obj`` dated before it."""
    if isinstance(obj, Complaint):
        _floor(obj, MILESTONES, obj.received_at)
        session.info.setdefault(_RECORDED, {})[obj.id] = obj  # its receipt without a query
    elif type(obj) in EVENTS and getattr(obj, "complaint_id", None) is not None:
        _floor(obj, EVENTS[type(obj)], _receipt(session, obj.complaint_id))


def not_before_receipt(
    session: Session, instant: datetime, complaint_id: uuid.UUID | None
) -> datetime:
    """Return ``instant``, or the receipt of the complaint when it came later."""
    if complaint_id is None:
        return instant
    return not_before(instant, _receipt(session, complaint_id))


def _floor(obj: Any, names: tuple[str, ...], floor: datetime | None) -> None:
    for name in names:
        value = getattr(obj, name)
        if value is not None and floor is not None and value < floor:
            setattr(obj, name, floor)


def _receipt(session: Session, complaint_id: uuid.UUID) -> datetime | None:
    """The complaint's receipt: from the session when loaded or recorded there, else one read.

    A read is remembered for the rest of the session: a complaint's changes are logged one
    statement each, and every one of them asks.
    """
    loaded = session.identity_map.get(session.identity_key(Complaint, complaint_id))
    loaded = loaded or session.info.get(_RECORDED, {}).get(complaint_id)
    if isinstance(loaded, Complaint):
        return loaded.received_at
    known: dict[uuid.UUID, datetime | None] = session.info.setdefault(_RECEIPTS, {})
    if complaint_id not in known:
        with session.no_autoflush:
            known[complaint_id] = session.scalar(
                select(Complaint.received_at).where(Complaint.id == complaint_id)
            )
    return known[complaint_id]


_RECEIPTS = "event_times.receipts"

"""Telling a user something happened to a complaint they answer for."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Table, select

from complaintdesk.domain.ids import new_id
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.memo import MemoKey
from complaintdesk.storage.models import Notification, User
from complaintdesk.storage.models import Role as RoleRow
from complaintdesk.storage.unit_of_work import UnitOfWork

NOTIFICATIONS: Table = Notification.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class NotificationView:
    """One notification as the inbox shows it."""

    id: uuid.UUID
    complaint_id: uuid.UUID | None
    kind: str
    text: str
    created_at: datetime
    read: bool


def notify(
    uow: UnitOfWork, user_id: uuid.UUID | None, kind: str, text: str, complaint_id: uuid.UUID
) -> None:
    """Queue a notification for ``user_id`` in the caller's transaction (nobody: no-op)."""
    if user_id is None:
        return
    row = {"id": new_id(), "user_id": user_id, "complaint_id": complaint_id, "kind": kind}
    row |= {"text": text[:500], "created_at": datetime.now(UTC), "read_at": None}
    uow.journal.add(NOTIFICATIONS, row)  # an escalation writes dozens: no ORM object each


ADMINISTRATORS_TOLD = MemoKey[dict[str, frozenset[uuid.UUID]]]("administrators told")
"""Per kind of follow-up failure, the administrators already holding an unread notice."""


def tell_administrators(
    uow: UnitOfWork, kind: str, text: str, complaint_id: uuid.UUID | None = None
) -> None:
    """Tell every active administrator that a follow-up of intake failed and waits.

    One unread notice per kind is enough: while an administrator has not read the first,
    the next failures of that kind add nothing (a broken template would otherwise bury them
    under one notice per message).
    """
    told = uow.memo.remember(ADMINISTRATORS_TOLD, dict)
    if kind not in told:
        told[kind] = frozenset(
            uow.scalars(
                select(Notification.user_id).where(
                    Notification.kind == kind, Notification.read_at.is_(None)
                )
            )
        )
    now = datetime.now(UTC)
    for user_id in _administrators(uow):
        if user_id in told[kind]:
            continue
        uow.add(
            Notification(
                user_id=user_id,
                complaint_id=complaint_id,
                kind=kind,
                text=text[:500],
                created_at=now,
            )
        )
        told[kind] = told[kind] | {user_id}


def _administrators(uow: UnitOfWork) -> list[uuid.UUID]:
    found: list[uuid.UUID] = uow.scalars(
        select(User.id)
        .join(RoleRow, RoleRow.id == User.role_id)
        .where(RoleRow.code == Role.ADMIN.value, User.active.is_(True))
        .order_by(User.login)
    )
    return found


def unread(ctx: ServiceContext, limit: int = 50) -> tuple[NotificationView, ...]:
    """Return the caller's unread notifications, newest first."""
    with ctx.uow() as uow:
        rows = uow.scalars(
            select(Notification)
            .where(Notification.user_id == ctx.actor.user_id, Notification.read_at.is_(None))
            .order_by(Notification.created_at.desc())
            .limit(limit)
        )
        return tuple(
            NotificationView(n.id, n.complaint_id, n.kind, n.text, n.created_at, False)
            for n in rows
        )


def mark_read(ctx: ServiceContext, notification_ids: list[uuid.UUID]) -> None:
    """Mark the caller's notifications read."""
    with ctx.uow(write=True) as uow:
        for notification in uow.scalars(
            select(Notification).where(
                Notification.id.in_(notification_ids),
                Notification.user_id == ctx.actor.user_id,
            )
        ):
            notification.read_at = datetime.now(UTC)
        uow.commit()

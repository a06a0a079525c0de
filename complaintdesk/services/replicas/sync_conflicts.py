"""The Conflicts queue: what sync settled by rule that a supervisor should look at.

Sync settles every conflict at once (last writer wins per field) so replicas agree; the
cases that matter to people are also listed here with both versions. Keeping the settled
version closes the case; keeping the other one is an ordinary audited change, which sync
then carries everywhere like any other.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Status
from complaintdesk.services.complaints import lifecycle
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import Complaint, Customer, Message, SyncConflict, User
from complaintdesk.storage.unit_of_work import UnitOfWork

KINDS = ("owner", "customer", "resolution_crossed_message")
CUSTOMER_FIELDS = frozenset(
    {
        "display_name",
        "given_name",
        "family_name",
        "postcode",
        "segment",
        "preferred_language",
        "preferred_channel",
    }
)


@dataclass(frozen=True)
class SyncConflictView:
    """One conflict as the queue shows it: both versions, in words."""

    id: uuid.UUID
    kind: str
    raised_at: datetime
    complaint_id: uuid.UUID | None
    subject: str
    """The complaint reference or the customer's name."""
    kept: dict[str, str]
    other: dict[str, str]


def open_conflicts(ctx: ServiceContext) -> tuple[SyncConflictView, ...]:
    """Return the conflicts nobody has settled yet, oldest first.

    Raises:
        PermissionDenied: the caller is not a supervisor.
    """
    ctx.actor.require(Permission.REASSIGN)
    with ctx.uow() as uow:
        rows = uow.scalars(
            select(SyncConflict)
            .where(SyncConflict.settled_at.is_(None))
            .order_by(SyncConflict.raised_at, SyncConflict.id)
        )
        return tuple(
            SyncConflictView(
                r.id,
                r.kind,
                r.raised_at,
                r.complaint_id,
                _subject(uow, r),
                _described(uow, r.kept),
                _described(uow, r.other),
            )
            for r in rows
        )


def settle(ctx: ServiceContext, conflict_id: uuid.UUID, *, keep_other: bool) -> None:
    """Close a conflict, keeping the version sync chose or the other one.

    Raises:
        PermissionDenied: the caller is not a supervisor.
        NotFound: no such conflict.
        ValidationError: it was settled already.
    """
    ctx.actor.require(Permission.REASSIGN)
    with ctx.uow(write=True) as uow:
        conflict = uow.get(SyncConflict, conflict_id)
        if conflict is None:
            raise NotFound("This conflict no longer exists.")
        if conflict.settled_at is not None:
            raise ValidationError("Someone already settled this conflict.")
        if keep_other:
            _apply_other(uow, ctx, conflict)
        conflict.settled_at = datetime.now(UTC)
        conflict.settled_by_id = ctx.actor.user_id
        conflict.settlement = "other" if keep_other else "kept"
        record(uow, ctx.actor, conflict, "sync_conflict_settled", conflict.complaint_id)
        uow.commit()


def _apply_other(uow: UnitOfWork, ctx: ServiceContext, conflict: SyncConflict) -> None:
    other = conflict.other
    if conflict.kind == "owner":
        complaint = _complaint(uow, conflict.entity_id)
        complaint.owner_id = uuid.UUID(str(other["owner_id"]))
        record(uow, ctx.actor, complaint, "owner_kept_after_conflict", complaint.id)
    elif conflict.kind == "customer":
        customer = uow.get(Customer, conflict.entity_id)
        if customer is None:
            raise NotFound("The customer of this conflict no longer exists.")
        for name, value in other.items():
            if name in CUSTOMER_FIELDS:
                setattr(customer, name, value)
        customer.version += 1
        record(uow, ctx.actor, customer, "customer_kept_after_conflict")
    elif conflict.kind == "resolution_crossed_message":
        complaint = _complaint(uow, conflict.entity_id)
        if Status(complaint.status) in (Status.RESOLVED, Status.CLOSED):
            lifecycle.move(uow, ctx.actor, complaint, Status.REOPENED)
            lifecycle.move(uow, ctx.actor, complaint, Status.IN_PROGRESS)


def _complaint(uow: UnitOfWork, complaint_id: uuid.UUID) -> Complaint:
    complaint = uow.get(Complaint, complaint_id)
    if complaint is None:
        raise NotFound("The complaint of this conflict no longer exists.")
    return complaint


def _subject(uow: UnitOfWork, conflict: SyncConflict) -> str:
    if conflict.entity == "complaint":
        complaint = uow.get(Complaint, conflict.entity_id)
        return complaint.reference if complaint else str(conflict.entity_id)
    customer = uow.get(Customer, conflict.entity_id)
    return customer.display_name if customer else str(conflict.entity_id)


def _described(uow: UnitOfWork, values: dict[str, Any]) -> dict[str, str]:
    """Show ids as the names a supervisor knows (an owner's name, not a UUID)."""
    shown: dict[str, str] = {}
    for name, value in values.items():
        if name == "owner_id" and value:
            user = uow.get(User, uuid.UUID(str(value)))
            shown[name] = user.display_name if user else str(value)
        elif name == "message_id" and value:
            shown[name] = _message_excerpt(uow, uuid.UUID(str(value)))
        else:
            shown[name] = "" if value is None else str(value)
    return shown


def _message_excerpt(uow: UnitOfWork, message_id: uuid.UUID) -> str:
    message = uow.get(Message, message_id)
    if message is None:
        return str(message_id)
    text = " ".join(message.body_text.split())
    return text if len(text) <= 120 else text[:119] + "…"

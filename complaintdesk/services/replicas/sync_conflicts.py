"""The Sync conflicts list: what sync settled by rule that a supervisor should look at.

Sync settles every conflict at once (last writer wins per field, one record kept when the
same email or customer arrived from two places, an entry that cannot apply set aside) so
replicas agree and nothing waits; the cases that matter to people are listed here with both
versions. Keeping the settled version closes the case; keeping the other one is an ordinary
audited change, which sync then carries everywhere like any other.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Status
from complaintdesk.services.complaints import lifecycle
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers import merge as customers
from complaintdesk.services.replicas import set_aside
from complaintdesk.services.replicas.conflict_view import SyncConflictView
from complaintdesk.storage.models import (
    Complaint,
    Customer,
    Message,
    Site,
    SyncConflict,
    SyncSetAside,
    User,
)
from complaintdesk.storage.unit_of_work import UnitOfWork

__all__ = ["KINDS", "SyncConflictView", "open_conflicts", "settle"]
KINDS = (
    "owner",
    "customer",
    "resolution_crossed_message",
    "same_message",
    "same_customer",
    "set_aside",
    "set_aside_here",
)
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
        listed = [_view(uow, r) for r in rows]
        listed += set_aside.views(uow, lambda values: _described(uow, values))
    return tuple(sorted(listed, key=lambda v: (v.raised_at, str(v.id))))


def _view(uow: UnitOfWork, row: SyncConflict) -> SyncConflictView:
    detail = row.detail or {}
    reason = detail.get("reason")
    if reason == "unique" and detail.get("unique"):
        reason = "unique:" + ",".join(detail["unique"])
    return SyncConflictView(
        row.id,
        row.kind,
        row.raised_at,
        row.complaint_id,
        _subject(uow, row),
        _described(uow, row.kept),
        _described(uow, row.other),
        reason,
        row.entity,
    )


def settle(ctx: ServiceContext, conflict_id: uuid.UUID, *, keep_other: bool) -> None:
    """Close a conflict, keeping the version sync chose or the other one.

    Raises:
        PermissionDenied: the caller is not a supervisor.
        NotFound: no such conflict.
        ValidationError: it was settled already, or the other version cannot be kept.
    """
    ctx.actor.require(Permission.REASSIGN)
    with ctx.uow(write=True) as uow:
        if uow.get(SyncSetAside, conflict_id) is not None:
            set_aside.dismiss(uow, ctx.actor, conflict_id, keep_other=keep_other)
            uow.commit()
            return
        conflict = uow.get(SyncConflict, conflict_id)
        if conflict is None:
            raise NotFound("This conflict no longer exists.")
        if conflict.settled_at is not None:
            raise ValidationError("Someone already settled this conflict.")
        if keep_other:
            _apply_other(uow, ctx, conflict)
        elif conflict.kind == "set_aside":
            set_aside.reassert(uow, ctx.actor, conflict)
        conflict.settled_at = uow.now()
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
    elif conflict.kind == "same_message":
        _unlink(uow, ctx, conflict)
    elif conflict.kind == "same_customer":
        customers.undo_in(uow, ctx.actor, uuid.UUID(str((conflict.detail or {})["merge_id"])))
    elif conflict.kind == "set_aside":
        set_aside.apply_other(uow, ctx.actor, conflict)


def _unlink(uow: UnitOfWork, ctx: ServiceContext, conflict: SyncConflict) -> None:
    """The email stays once; its two complaints are no longer linked."""
    linked_id = conflict.other.get("complaint_id")
    if not linked_id:
        return
    complaint = _complaint(uow, uuid.UUID(str(linked_id)))
    if complaint.linked_complaint_id is not None:
        complaint.linked_complaint_id = None
        record(uow, ctx.actor, complaint, "complaint_unlinked_after_conflict", complaint.id)


def _complaint(uow: UnitOfWork, complaint_id: uuid.UUID) -> Complaint:
    complaint = uow.get(Complaint, complaint_id)
    if complaint is None:
        raise NotFound("The complaint of this conflict no longer exists.")
    return complaint


def _subject(uow: UnitOfWork, conflict: SyncConflict) -> str:
    if conflict.complaint_id is not None:
        complaint = uow.get(Complaint, conflict.complaint_id)
        if complaint is not None:
            return complaint.reference
    if conflict.entity == "customer":
        customer = uow.get(Customer, conflict.entity_id)
        return customer.display_name if customer else str(conflict.entity_id)
    return set_aside.what(uow, conflict.entity, conflict.other)


def _described(uow: UnitOfWork, values: dict[str, Any]) -> dict[str, str]:
    """Show ids as the names a supervisor knows (an owner's name, not a UUID)."""
    shown: dict[str, str] = {}
    for name, value in values.items():
        if name.startswith("_"):
            continue
        shown[name] = _shown(uow, name, value)
    return shown


def _shown(uow: UnitOfWork, name: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if name in ("owner_id", "user_id", "author_id", "requested_by_id") and value:
        user = uow.get(User, uuid.UUID(str(value)))
        return user.display_name if user else str(value)
    if name == "message_id":
        return _message_excerpt(uow, uuid.UUID(str(value)))
    if name in ("complaint_id", "linked_complaint_id"):
        complaint = uow.get(Complaint, uuid.UUID(str(value)))
        return complaint.reference if complaint else str(value)
    if name == "customer_id":
        customer = uow.get(Customer, uuid.UUID(str(value)))
        return customer.display_name if customer else str(value)
    if name == "site_id":
        site = uow.get(Site, uuid.UUID(str(value)))
        return f"{site.code} — {site.name}" if site else str(value)
    return str(value)


def _message_excerpt(uow: UnitOfWork, message_id: uuid.UUID) -> str:
    message = uow.get(Message, message_id)
    if message is None:
        return str(message_id)
    text = " ".join(message.body_text.split())
    return text if len(text) <= 120 else text[:119] + "…"

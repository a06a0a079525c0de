"""Merging two customer records into one, and undoing it exactly.

The winner keeps everything: the loser's complaints, messages and contact points move to
it, and the loser points to the winner (``merged_into_id``); nothing is deleted. The
``customer_merge`` row lists the ids that moved, so undoing moves exactly those back. Both
are audited row by row in one unit of work, and only supervisors decide them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.complaints.access import record, visible_complaint
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.storage.models import Complaint, ContactPoint, Customer, CustomerMerge, Message
from complaintdesk.storage.unit_of_work import UnitOfWork

MOVED = (("complaint", Complaint), ("message", Message), ("contact_point", ContactPoint))
"""Rows that belong to a customer, by the key they are listed under in ``moved``."""


@dataclass(frozen=True)
class MergeResult:
    """A merge (or its undoing) as the person who did it is told."""

    merge_id: uuid.UUID
    winner_id: uuid.UUID
    loser_id: uuid.UUID
    complaints: int
    messages: int
    contact_points: int
    undone: bool = False


@dataclass(frozen=True)
class MergeView:
    """One merge on a customer's card."""

    merge_id: uuid.UUID
    winner_id: uuid.UUID
    winner_name: str
    loser_id: uuid.UUID
    loser_name: str
    merged_at: datetime
    undone_at: datetime | None
    reason: str | None
    moved: int
    kind: str = "merge"
    """``merge`` (two records made one) or ``link`` (a sender linked to this customer)."""


def merge(
    ctx: ServiceContext, winner_id: uuid.UUID, loser_id: uuid.UUID, reason: str | None = None
) -> MergeResult:
    """Move everything of ``loser_id`` to ``winner_id`` and point the loser to the winner.

    Raises:
        PermissionDenied: only supervisors merge customers.
        NotFound: either customer does not exist.
        ValidationError: the same record twice, or one already merged or erased.
    """
    ctx.actor.require(Permission.REASSIGN)
    with ctx.uow(write=True) as uow:
        result = merge_in(uow, ctx.actor, winner_id, loser_id, reason)
        uow.commit()
        return result


def merge_in(
    uow: UnitOfWork,
    actor: Actor,
    winner_id: uuid.UUID,
    loser_id: uuid.UUID,
    reason: str | None = None,
) -> MergeResult:
    """Merge inside the caller's unit of work (sync merges customers recorded twice offline).

    Raises:
        NotFound: either customer does not exist.
        ValidationError: the same record twice, or one already merged or erased.
    """
    if winner_id == loser_id:
        raise ValidationError("A customer cannot be merged with themselves.")
    winner, loser = _customer(uow, winner_id), _customer(uow, loser_id)
    for customer in (winner, loser):
        if customer.merged_into_id is not None:
            raise ValidationError(
                f"{customer.display_name} was already merged into another record: "
                "open that one instead."
            )
        if customer.erased_at is not None:
            raise ValidationError(f"{customer.display_name}'s record was erased.")
    moved = _move(uow, actor, loser_id, winner_id, "customer_merged")
    loser.merged_into_id = winner_id
    record(uow, actor, loser, "customer_merged")
    row = CustomerMerge(
        winner_id=winner_id,
        loser_id=loser_id,
        merged_at=uow.now(),
        merged_by_id=actor.user_id,
        reason=(reason or "").strip()[:300] or None,
        moved=moved,
    )
    record(uow, actor, row, "customer_merge_recorded")
    return result_of(row, moved, undone=False)


def undo(ctx: ServiceContext, merge_id: uuid.UUID) -> MergeResult:
    """Move back exactly what a merge moved and make the loser a customer of its own again.

    Raises:
        PermissionDenied: only supervisors undo merges (anyone who handles complaints
            undoes a sender's link).
        NotFound: no such merge.
        ValidationError: it was already undone, or the winner has since been merged away
            (undo that later merge first).
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow(write=True) as uow:
        row = uow.get(CustomerMerge, merge_id)
        if row is not None and row.kind != "link":
            ctx.actor.require(Permission.REASSIGN)
        for complaint_id in row.moved.get("complaint", []) if row and row.kind == "link" else []:
            visible_complaint(uow, ctx.actor, uuid.UUID(complaint_id))  # theirs to undo
        result = undo_in(uow, ctx.actor, merge_id)
        uow.commit()
        return result


def undo_in(uow: UnitOfWork, actor: Actor, merge_id: uuid.UUID) -> MergeResult:
    """Undo a merge inside the caller's unit of work (a sync conflict settled the other way).

    Raises:
        NotFound: no such merge.
        ValidationError: it was already undone, or the winner has since been merged away.
    """
    row = uow.get(CustomerMerge, merge_id)
    if row is None:
        raise NotFound("This merge does not exist.")
    if row.undone_at is not None:
        raise ValidationError("This merge was already undone.")
    winner, loser = _customer(uow, row.winner_id), _customer(uow, row.loser_id)
    if winner.merged_into_id is not None:
        raise ValidationError(
            f"{winner.display_name} was merged again since: undo that later merge first."
        )
    moved = _move_back(uow, actor, row)
    loser.merged_into_id = None
    record(uow, actor, loser, "customer_merge_undone")
    row.undone_at = uow.now()
    row.undone_by_id = actor.user_id
    record(uow, actor, row, "customer_merge_undone")
    return result_of(row, moved, undone=True)


def merges_of(uow: UnitOfWork, customer_id: uuid.UUID) -> tuple[MergeView, ...]:
    """Return the merges a customer took part in, newest first (inside a unit of work)."""
    rows: list[CustomerMerge] = uow.scalars(
        select(CustomerMerge)
        .where((CustomerMerge.winner_id == customer_id) | (CustomerMerge.loser_id == customer_id))
        .order_by(CustomerMerge.merged_at.desc())
    )
    names = dict(
        uow.execute(
            select(Customer.id, Customer.display_name).where(
                Customer.id.in_({r.winner_id for r in rows} | {r.loser_id for r in rows})
            )
        ).all()
    )
    return tuple(
        MergeView(
            r.id,
            r.winner_id,
            names.get(r.winner_id, "?"),
            r.loser_id,
            names.get(r.loser_id, "?"),
            r.merged_at,
            r.undone_at,
            r.reason,
            sum(len(v) for v in r.moved.values()),
            r.kind,
        )
        for r in rows
    )


def _customer(uow: UnitOfWork, customer_id: uuid.UUID) -> Customer:
    customer = uow.get(Customer, customer_id)
    if customer is None:
        raise NotFound("This customer does not exist.")
    return customer


def _move(
    uow: UnitOfWork, actor: Actor, source: uuid.UUID, target: uuid.UUID, action: str
) -> dict[str, Any]:
    moved: dict[str, Any] = {}
    for key, model in MOVED:
        rows = uow.scalars(select(model).where(model.customer_id == source))
        for row in rows:
            row.customer_id = target
            record(uow, actor, row, action, _complaint_of(row))
        moved[key] = sorted(str(row.id) for row in rows)
    return moved


def _move_back(uow: UnitOfWork, actor: Actor, merge: CustomerMerge) -> dict[str, Any]:
    moved: dict[str, Any] = {}
    for key, model in MOVED:
        ids = [uuid.UUID(i) for i in merge.moved.get(key, [])]
        rows = uow.scalars(
            select(model).where(
                model.id.in_(ids),
                model.customer_id == merge.winner_id,
            )
        )
        for row in rows:
            row.customer_id = merge.loser_id
            record(uow, actor, row, "customer_merge_undone", _complaint_of(row))
        moved[key] = sorted(str(row.id) for row in rows)
    return moved


def _complaint_of(row: Any) -> uuid.UUID | None:
    if isinstance(row, Complaint):
        return row.id
    if isinstance(row, Message):
        return row.complaint_id
    return None


def result_of(row: CustomerMerge, moved: dict[str, Any], *, undone: bool) -> MergeResult:
    """Return what a merge (or a link, or their undoing) moved, as its author is told."""
    return MergeResult(
        merge_id=row.id,
        winner_id=row.winner_id,
        loser_id=row.loser_id,
        complaints=len(moved.get("complaint", [])),
        messages=len(moved.get("message", [])),
        contact_points=len(moved.get("contact_point", [])),
        undone=undone,
    )

"""Merging a complaint into another of the same customer, and undoing it exactly.

The same grievance told on two channels becomes one complaint: the merged one's messages,
contribution requests, commitments and surveys move to the kept one, which keeps its
reference and its owner (or takes the other's when it had none), counts its deadlines from
the earliest receipt and keeps an acknowledgement or an answer the customer already had.
The merged complaint takes the status ``merged``: its reference forwards to the kept one
(opening it, searching it, a customer's reply quoting it). The ``complaint_merge`` row lists
what moved and what changed, so undoing restores exactly that. Both complaints' timelines
say it, every row is audited and logged for sync in one unit of work.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from complaintdesk.domain import cases
from complaintdesk.domain.errors import NotFound, PermissionDenied, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Status
from complaintdesk.services.complaints import notifications
from complaintdesk.services.complaints.access import (
    complaint_for_change,
    event,
    record,
    visible_complaint,
)
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.promises import policies
from complaintdesk.storage import lookups
from complaintdesk.storage.models import (
    Complaint,
    ComplaintMerge,
    ContributionRequest,
    Customer,
    CustomerCommitment,
    Message,
    SatisfactionSurvey,
)
from complaintdesk.storage.unit_of_work import UnitOfWork, json_value

MOVED: tuple[tuple[str, Any], ...] = (
    ("message", Message),
    ("contribution_request", ContributionRequest),
    ("customer_commitment", CustomerCommitment),
    ("satisfaction_survey", SatisfactionSurvey),
)
"""Rows that belong to a complaint, by the key they are listed under in ``moved``."""
MERGED_FIELDS = ("status", "is_open", "clock_state")
FORWARD_HOPS = 10


@dataclass(frozen=True)
class ComplaintMergeResult:
    """A merge (or its undoing) as the person who did it is told."""

    merge_id: uuid.UUID
    kept_id: uuid.UUID
    kept_reference: str
    merged_id: uuid.UUID
    merged_reference: str
    moved: int
    undone: bool = False


@dataclass(frozen=True)
class ComplaintMergeView:
    """One merge seen from a complaint or a customer card."""

    merge_id: uuid.UUID
    kept_id: uuid.UUID
    kept_reference: str
    merged_id: uuid.UUID
    merged_reference: str
    merged_at: datetime
    undone_at: datetime | None
    reason: str | None


def merge(
    ctx: ServiceContext,
    kept_id: uuid.UUID,
    merged_id: uuid.UUID,
    reason: str | None = None,
    kept_version: int | None = None,
) -> ComplaintMergeResult:
    """Merge ``merged_id`` into ``kept_id`` (both the same customer's).

    Raises:
        PermissionDenied: the caller owns neither complaint and is no supervisor.
        NotFound: either complaint does not exist or is not visible to the caller.
        ValidationError: see :func:`complaintdesk.domain.cases.check_merge`.
        ConcurrentEditError: the kept complaint changed since the caller's screen showed it.
    """
    now = datetime.now(UTC)
    with ctx.uow(write=True) as uow:
        kept = complaint_for_change(uow, ctx.actor, kept_id, kept_version)
        other = complaint_for_change(uow, ctx.actor, merged_id, None)
        _may_merge(ctx.actor, kept, other)
        cases.check_merge(facts(uow, kept), facts(uow, other))
        changes = cases.merged_fields(facts(uow, kept), facts(uow, other))
        moved = _move(uow, ctx.actor, other.id, kept.id, "complaint_merged")
        kept_before = _apply(kept, changes)
        policies.refresh(uow, kept, now)
        record(uow, ctx.actor, kept, "complaint_merge_kept", kept.id)
        row = ComplaintMerge(
            kept_id=kept.id,
            merged_id=other.id,
            merged_at=now,
            merged_by_id=ctx.actor.user_id,
            reason=(reason or "").strip()[:300] or None,
            moved=moved,
            kept_before=kept_before,
            merged_before=_set_aside(uow, ctx.actor, other, now),
        )
        record(uow, ctx.actor, row, "complaint_merge_recorded", kept.id)
        _tell(uow, ctx.actor, kept, other, row.id, undone=False)
        uow.commit()
        return _result(row, kept, other, moved, undone=False)


def _set_aside(uow: UnitOfWork, actor: Actor, other: Complaint, now: datetime) -> dict[str, Any]:
    """Make the merged complaint ``merged`` (closed, its clocks stopped); return what it was."""
    before = {f: json_value(getattr(other, f)) for f in MERGED_FIELDS}
    other.status, other.is_open = Status.MERGED.value, False
    policies.refresh(uow, other, now)  # the kept complaint's clocks answer for both now
    record(uow, actor, other, "complaint_merged_away", other.id)
    return before


def undo(ctx: ServiceContext, merge_id: uuid.UUID) -> ComplaintMergeResult:
    """Move back exactly what a merge moved and give both complaints their fields back.

    A field of the kept complaint changed since the merge (a new owner, say) keeps its new
    value: the undo never overwrites someone's later decision.

    Raises:
        NotFound: no such merge.
        ValidationError: it was already undone, or the kept complaint was merged since
            (undo that later merge first).
    """
    now = datetime.now(UTC)
    with ctx.uow(write=True) as uow:
        row = uow.get(ComplaintMerge, merge_id)
        if row is None:
            raise NotFound("This complaint merge does not exist.")
        if row.undone_at is not None:
            raise ValidationError("This merge was already undone.")
        kept = complaint_for_change(uow, ctx.actor, row.kept_id, None)
        other = complaint_for_change(uow, ctx.actor, row.merged_id, None)
        _may_merge(ctx.actor, kept, other)
        if Status(kept.status) is Status.MERGED:
            raise ValidationError(
                f"{kept.reference} was merged into another complaint since: undo that first."
            )
        moved = _move_back(uow, ctx.actor, row)
        _restore(kept, row.kept_before)
        policies.refresh(uow, kept, now)
        record(uow, ctx.actor, kept, "complaint_merge_undone", kept.id)
        _bring_back(uow, ctx.actor, other, row.merged_before, now)
        row.undone_at, row.undone_by_id = now, ctx.actor.user_id
        record(uow, ctx.actor, row, "complaint_merge_undone", kept.id)
        _tell(uow, ctx.actor, kept, other, row.id, undone=True)
        uow.commit()
        return _result(row, kept, other, moved, undone=True)


def _bring_back(
    uow: UnitOfWork, actor: Actor, other: Complaint, before: dict[str, Any], now: datetime
) -> None:
    """Give the merged complaint back the status it had; its clock runs again."""
    other.status = str(before.get("status") or Status.IN_PROGRESS.value)
    other.is_open = bool(before.get("is_open", True))
    policies.refresh(uow, other, now)
    record(uow, actor, other, "complaint_merge_undone", other.id)


def ids_of(ctx: ServiceContext, references: list[str]) -> list[uuid.UUID]:
    """Return the ids of the complaints these references (or ids as text) name, in order.

    Raises:
        NotFound: one of them does not exist or is not visible to the caller.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    found: list[uuid.UUID] = []
    with ctx.uow() as uow:
        for given in references:
            complaint = lookups.complaint_by_reference(uow, given.strip().upper())
            if complaint is None:
                try:
                    complaint = uow.get(Complaint, uuid.UUID(given.strip()))
                except ValueError:
                    complaint = None
            if complaint is None:
                raise NotFound(f"No complaint {given!r} is known.")
            found.append(visible_complaint(uow, ctx.actor, complaint.id).id)
    return found


def facts(uow: UnitOfWork, complaint: Complaint) -> cases.CaseFacts:
    """Return what the merge rules read of ``complaint``."""
    customer = uow.get(Customer, complaint.customer_id)
    return cases.CaseFacts(
        id=complaint.id,
        reference=complaint.reference,
        customer_id=complaint.customer_id,
        customer_name=customer.display_name if customer else "?",
        status=Status(complaint.status),
        owner_id=complaint.owner_id,
        priority=complaint.priority,
        received_at=complaint.received_at,
        acknowledged_at=complaint.acknowledged_at,
        first_response_at=complaint.first_response_at,
        sent_at=complaint.sent_at,
    )


def forward(uow: UnitOfWork, complaint: Complaint | None) -> Complaint | None:
    """Return the complaint ``complaint``'s grievance lives in now (itself unless merged)."""
    for _ in range(FORWARD_HOPS):
        if complaint is None or complaint.status != Status.MERGED.value:
            return complaint
        row = active_merge(uow, complaint.id)
        if row is None:
            return complaint
        complaint = uow.get(Complaint, row.kept_id)
    return complaint


def active_merge(uow: UnitOfWork, merged_id: uuid.UUID) -> ComplaintMerge | None:
    """Return the merge (not undone) that took ``merged_id`` into another complaint."""
    found: list[ComplaintMerge] = uow.scalars(
        select(ComplaintMerge)
        .where(ComplaintMerge.merged_id == merged_id, ComplaintMerge.undone_at.is_(None))
        .order_by(ComplaintMerge.merged_at.desc())
        .limit(1)
    )
    return found[0] if found else None


def forwarded_references(uow: UnitOfWork, references: list[str]) -> list[str]:
    """Return ``references`` with each merged complaint's replaced by the one kept."""
    if not references:
        return references
    merged: list[Complaint] = uow.scalars(
        select(Complaint).where(
            Complaint.reference.in_(references), Complaint.status == Status.MERGED.value
        )
    )
    kept = {c.reference: forward(uow, c) for c in merged}
    return list(
        dict.fromkeys((k.reference if (k := kept.get(r)) is not None else r) for r in references)
    )


def merges_of(uow: UnitOfWork, complaint_ids: list[uuid.UUID]) -> tuple[ComplaintMergeView, ...]:
    """Return the merges these complaints took part in, newest first."""
    if not complaint_ids:
        return ()
    rows: list[ComplaintMerge] = uow.scalars(
        select(ComplaintMerge)
        .where(
            ComplaintMerge.kept_id.in_(complaint_ids) | ComplaintMerge.merged_id.in_(complaint_ids)
        )
        .order_by(ComplaintMerge.merged_at.desc())
    )
    ids = {r.kept_id for r in rows} | {r.merged_id for r in rows}
    references = dict(
        uow.execute(select(Complaint.id, Complaint.reference).where(Complaint.id.in_(ids))).all()
    )
    return tuple(
        ComplaintMergeView(
            r.id,
            r.kept_id,
            references.get(r.kept_id, "?"),
            r.merged_id,
            references.get(r.merged_id, "?"),
            r.merged_at,
            r.undone_at,
            r.reason,
        )
        for r in rows
    )


def _may_merge(actor: Actor, kept: Complaint, other: Complaint) -> None:
    """The owner of both (an unowned one counts as anyone's) or a supervisor merges."""
    if actor.can(Permission.REASSIGN):
        return
    for complaint in (kept, other):
        if complaint.owner_id is not None and complaint.owner_id != actor.user_id:
            raise PermissionDenied(
                f"{complaint.reference} is someone else's: its owner or a supervisor merges it."
            )


def _apply(kept: Complaint, changes: dict[str, Any]) -> dict[str, Any]:
    """Set ``changes`` on the kept complaint; return each field's value before and after."""
    done: dict[str, Any] = {}
    for field, value in changes.items():
        done[field] = {"before": json_value(getattr(kept, field)), "after": json_value(value)}
        setattr(kept, field, value)
    return done


def _restore(kept: Complaint, changed: dict[str, Any]) -> None:
    for field, values in changed.items():
        if json_value(getattr(kept, field)) != values["after"]:
            continue  # changed again since the merge: that later decision stands
        before = values["before"]
        if before is not None and field.endswith("_at"):
            before = datetime.fromisoformat(before)
        elif before is not None and field.endswith("_id"):
            before = uuid.UUID(before)
        setattr(kept, field, before)


def _move(
    uow: UnitOfWork, actor: Actor, source: uuid.UUID, target: uuid.UUID, action: str
) -> dict[str, Any]:
    moved: dict[str, Any] = {}
    for key, model in MOVED:
        rows = uow.scalars(select(model).where(model.complaint_id == source))
        for row in rows:
            row.complaint_id = target
            record(uow, actor, row, action, target)
        moved[key] = sorted(str(row.id) for row in rows)
    return moved


def _move_back(uow: UnitOfWork, actor: Actor, merge: ComplaintMerge) -> dict[str, Any]:
    moved: dict[str, Any] = {}
    for key, model in MOVED:
        ids = [uuid.UUID(i) for i in merge.moved.get(key, [])]
        rows = uow.scalars(
            select(model).where(model.id.in_(ids), model.complaint_id == merge.kept_id)
        )
        for row in rows:
            row.complaint_id = merge.merged_id
            record(uow, actor, row, "complaint_merge_undone", merge.merged_id)
        moved[key] = sorted(str(row.id) for row in rows)
    return moved


def _tell(
    uow: UnitOfWork,
    actor: Actor,
    kept: Complaint,
    other: Complaint,
    merge_id: uuid.UUID,
    *,
    undone: bool,
) -> None:
    """Both timelines say it; the merged complaint's owner, if another person, is told."""
    suffix = "_undone" if undone else ""
    details = {"merge_id": str(merge_id)}
    event(uow, actor, f"took_in{suffix}", kept.id, {**details, "other": other.reference})
    event(uow, actor, f"merged_into{suffix}", other.id, {**details, "other": kept.reference})
    if other.owner_id is not None and other.owner_id not in (kept.owner_id, actor.user_id):
        text = (
            f"{other.reference} is separate from {kept.reference} again."
            if undone
            else f"{other.reference} was merged into {kept.reference}, owned by its owner."
        )
        notifications.notify(uow, other.owner_id, "complaint_merged", text, other.id)


def _result(
    row: ComplaintMerge, kept: Complaint, other: Complaint, moved: dict[str, Any], *, undone: bool
) -> ComplaintMergeResult:
    return ComplaintMergeResult(
        merge_id=row.id,
        kept_id=kept.id,
        kept_reference=kept.reference,
        merged_id=other.id,
        merged_reference=other.reference,
        moved=sum(len(v) for v in moved.values()),
        undone=undone,
    )

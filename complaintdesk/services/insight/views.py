"""Saved views: a named queue, filter and order, personal or shared with the team."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select

from complaintdesk.domain.errors import NotFound, PermissionDenied, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Channel, ClockState, Priority, Status
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.insight import queues
from complaintdesk.services.read_models import QueueFilters, QueueKind, QueueRequest, SortKey
from complaintdesk.storage.models import SavedView, User
from complaintdesk.storage.unit_of_work import UnitOfWork

NAME_LENGTH = 80


@dataclass(frozen=True)
class SavedViewInfo:
    """A saved view as the navigation lists it."""

    id: uuid.UUID
    name: str
    request: QueueRequest
    shared: bool
    mine: bool
    owner_name: str


def list_views(ctx: ServiceContext) -> tuple[SavedViewInfo, ...]:
    """Return the caller's own views, then the views shared with the team, by name.

    A shared view of a queue the caller does not have (e.g. Asked of my function) is left out.
    """
    user_id = ctx.actor.user_id
    if user_id is None:
        return ()
    visible = set(queues.visible_queues(ctx.actor))
    with ctx.uow() as uow:
        rows = uow.execute(
            select(SavedView, User.display_name)
            .join(User, User.id == SavedView.owner_id)
            .where(or_(SavedView.owner_id == user_id, SavedView.shared.is_(True)))
            .order_by(SavedView.name, SavedView.id)
        ).all()
        found = [_info(view, owner, user_id) for view, owner in rows]
    found = [v for v in found if v.request.queue in visible]
    return tuple(sorted(found, key=lambda v: (not v.mine, v.name.casefold())))


def count_view(ctx: ServiceContext, view: SavedViewInfo) -> int:
    """Return how many complaints ``view`` shows the caller now."""
    return queues.count(ctx, view.request.queue, view.request.filters)


def save_view(
    ctx: ServiceContext, name: str, request: QueueRequest, *, shared: bool = False
) -> uuid.UUID:
    """Save ``request`` under ``name``; shared views are for supervisors to give the team.

    Raises:
        ValidationError: no name, too long, or the caller already has a view of that name.
        PermissionDenied: sharing by someone who does not supervise.
    """
    user_id = _user(ctx.actor)
    clean = _clean_name(name)
    if shared:
        _require_supervisor(ctx.actor, "share a view with the team")
    with ctx.uow(write=True) as uow:
        _refuse_duplicate(uow, user_id, clean, None)
        view = SavedView(
            name=clean,
            owner_id=user_id,
            shared=shared,
            queue=request.queue.value,
            sort=request.sort.value,
            descending=request.descending,
            filters=encode_filters(request.filters),
        )
        record(uow, ctx.actor, view, "saved_view_created")
        uow.commit()
        return view.id


def rename_view(ctx: ServiceContext, view_id: uuid.UUID, name: str) -> None:
    """Give a view a new name (its owner, or a supervisor for a shared view)."""
    clean = _clean_name(name)
    with ctx.uow(write=True) as uow:
        view = _changeable(uow, ctx.actor, view_id)
        _refuse_duplicate(uow, view.owner_id, clean, view.id)
        view.name = clean
        record(uow, ctx.actor, view, "saved_view_renamed")
        uow.commit()


def delete_view(ctx: ServiceContext, view_id: uuid.UUID) -> None:
    """Delete a view (its owner, or a supervisor for a shared view); complaints are untouched."""
    with ctx.uow(write=True) as uow:
        view = _changeable(uow, ctx.actor, view_id)
        before = {"name": view.name, "shared": view.shared, "queue": view.queue}
        uow.execute(delete(SavedView).where(SavedView.id == view.id))
        uow.log_change("saved_view", view.id, "delete", {}, user_id=ctx.actor.user_id)
        uow.audit(
            "saved_view_deleted",
            "saved_view",
            view.id,
            user_id=ctx.actor.user_id,
            login=ctx.actor.login,
            before=before,
        )
        uow.commit()


# --- filters as stored ---

_ENUM_FIELDS: dict[str, Any] = {
    "statuses": Status,
    "channels": Channel,
    "clock_states": ClockState,
    "priorities": Priority,
}
_ID_FIELDS = ("owner_ids", "function_ids", "site_ids", "category_ids")
_INSTANT_FIELDS = ("received_after", "received_before")


def encode_filters(filters: QueueFilters) -> dict[str, Any]:
    """Return ``filters`` as JSON-ready values (only the fields that narrow)."""
    out: dict[str, Any] = {}
    for name in (*_ENUM_FIELDS, *_ID_FIELDS, "segments"):
        values = getattr(filters, name)
        if values:
            out[name] = sorted(str(v.value if hasattr(v, "value") else v) for v in values)
    for name in _INSTANT_FIELDS:
        instant = getattr(filters, name)
        if instant is not None:
            out[name] = instant.isoformat()
    if filters.older_than_days is not None:
        out["older_than_days"] = filters.older_than_days
    return out


def decode_filters(data: dict[str, Any]) -> QueueFilters:
    """Return the filters stored as ``data``; values no longer known are dropped."""
    fields: dict[str, Any] = {}
    for name, kind in _ENUM_FIELDS.items():
        raw = data.get(name, [])
        known = {str(m.value): m for m in kind}
        fields[name] = frozenset(known[str(v)] for v in raw if str(v) in known)
    for name in _ID_FIELDS:
        fields[name] = frozenset(uuid.UUID(v) for v in data.get(name, []))
    fields["segments"] = frozenset(str(v) for v in data.get("segments", []))
    for name in _INSTANT_FIELDS:
        raw_instant = data.get(name)
        fields[name] = datetime.fromisoformat(raw_instant) if raw_instant else None
    older = data.get("older_than_days")
    fields["older_than_days"] = int(older) if older is not None else None
    return QueueFilters(**fields)


# --- inside ---


def _info(view: SavedView, owner_name: str, user_id: uuid.UUID) -> SavedViewInfo:
    known_sorts = {s.value for s in SortKey}
    request = QueueRequest(
        QueueKind(view.queue),
        SortKey(view.sort) if view.sort in known_sorts else SortKey.DUE,
        view.descending,
        decode_filters(view.filters),
    )
    return SavedViewInfo(
        view.id, view.name, request, view.shared, view.owner_id == user_id, owner_name
    )


def _user(actor: Actor) -> uuid.UUID:
    if actor.user_id is None:
        raise PermissionDenied("Saved views belong to a signed-in person.")
    return actor.user_id


def _require_supervisor(actor: Actor, what: str) -> None:
    if not actor.can(Permission.REASSIGN):
        raise PermissionDenied(f"Only supervisors can {what}.")


def _clean_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("Give the view a name.")
    if len(clean) > NAME_LENGTH:
        raise ValidationError(f"Keep the name under {NAME_LENGTH} characters.")
    return clean


def _refuse_duplicate(
    uow: UnitOfWork, owner_id: uuid.UUID, name: str, other_than: uuid.UUID | None
) -> None:
    same = select(SavedView.id).where(SavedView.owner_id == owner_id, SavedView.name == name)
    if other_than is not None:
        same = same.where(SavedView.id != other_than)
    if uow.scalars(same):
        raise ValidationError(f"You already have a view named {name!r}.")


def _changeable(uow: UnitOfWork, actor: Actor, view_id: uuid.UUID) -> SavedView:
    view = uow.get(SavedView, view_id)
    if view is None or not (view.shared or view.owner_id == actor.user_id):
        raise NotFound("This saved view does not exist any more.")
    if view.owner_id != actor.user_id:
        _require_supervisor(actor, "change a view shared by someone else")
    return view

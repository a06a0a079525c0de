"""Changes sync set aside because they could not apply, as supervisors see and settle them.

On the central server a pushed change that cannot be stored (the login a branch chose is
taken at head office…) becomes a sync conflict: keeping the settled version writes the
central values again so the branch comes back in line; keeping the other version writes the
branch's values (if the clash was cleared first). On a branch, a change from the central
server that cannot apply here is tried again at every round; it can only be dismissed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Table, exc, insert, select, update

from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.services.context import Actor
from complaintdesk.services.replicas.conflict_view import SyncConflictView
from complaintdesk.storage.journal.row_values import decode
from complaintdesk.storage.models import Base, SyncConflict, SyncSetAside
from complaintdesk.storage.unit_of_work import UnitOfWork, json_value

NAMING = ("reference", "login", "code", "display_name", "name", "title", "subject")
"""Fields that name a record for a person, in the order they are tried."""
Describe = Callable[[dict[str, Any]], dict[str, str]]


def what(uow: UnitOfWork, entity: str, values: dict[str, Any]) -> str:
    """Return the words that name a record set aside (its login, code, reference…)."""
    for name in NAMING:
        if values.get(name):
            return str(values[name])
    return ""


def views(uow: UnitOfWork, describe: Describe) -> list[SyncConflictView]:
    """The changes from the central server this branch could not apply, for the list."""
    rows: list[SyncSetAside] = uow.scalars(
        select(SyncSetAside)
        .where(SyncSetAside.settled_at.is_(None))
        .order_by(SyncSetAside.set_aside_at, SyncSetAside.id)
    )
    shown = []
    for row in rows:
        current = dict(row.current or {})
        unique = current.pop("_unique", None)
        reason = f"unique:{','.join(unique)}" if row.reason == "unique" and unique else row.reason
        complaint = row.entity_id if row.entity == "complaint" else row.fields.get("complaint_id")
        shown.append(
            SyncConflictView(
                row.id,
                "set_aside_here",
                row.set_aside_at,
                uuid.UUID(str(complaint)) if complaint else None,
                what(uow, row.entity, row.fields),
                describe({k: current[k] for k in row.fields if k in current}),
                describe(row.fields),
                reason,
                row.entity,
            )
        )
    return shown


def dismiss(uow: UnitOfWork, actor: Actor, row_id: uuid.UUID, *, keep_other: bool) -> None:
    """Stop retrying a change set aside on this branch (this workstation keeps its version).

    Raises:
        ValidationError: asked to force the other version, which sync retries by itself.
    """
    row = uow.get(SyncSetAside, row_id)
    if row is None or row.settled_at is not None:
        raise NotFound("This change is no longer set aside.")
    if keep_other:
        raise ValidationError(
            "This change is tried again at every sync and goes in once nothing stands in "
            "its way; change the record it clashes with, then sync."
        )
    row.settled_at = uow.now()
    uow.audit(
        "sync_set_aside_dismissed",
        row.entity,
        row.entity_id,
        user_id=actor.user_id,
        login=actor.login,
        after={"entry_id": str(row.entry_id)},
    )


def reassert(uow: UnitOfWork, actor: Actor, conflict: SyncConflict) -> None:
    """Write the central values of the fields the set-aside change touched, as a new change,
    so the branch that sent it comes back in line with everyone else."""
    table = _table(conflict.entity)
    row = uow.execute(select(table).where(table.c.id == conflict.entity_id)).first()
    if row is None:
        return  # the record exists only where it was made: nothing to send back
    values = {k: json_value(row._mapping[k]) for k in conflict.other if k in table.c and k != "id"}
    if values:
        uow.log_change(table.name, conflict.entity_id, "update", values, user_id=actor.user_id)
        _audit(uow, actor, conflict, "sync_set_aside_kept_central", values)


def apply_other(uow: UnitOfWork, actor: Actor, conflict: SyncConflict) -> None:
    """Write the version that was set aside, as the supervisor's own change.

    Raises:
        ValidationError: it still cannot be stored (the clash was not cleared).
    """
    table = _table(conflict.entity)
    values = {k: v for k, v in conflict.other.items() if k in table.c and k != "id"}
    exists = uow.execute(select(table.c.id).where(table.c.id == conflict.entity_id)).first()
    statement: Any
    if exists is not None:
        statement = update(table).where(table.c.id == conflict.entity_id)
        statement = statement.values(decode(table, values))
    else:
        statement = insert(table).values({**decode(table, values), "id": conflict.entity_id})
    try:
        with uow.session.begin_nested():
            uow.execute(statement)
    except exc.IntegrityError:
        raise ValidationError(
            "This version still clashes with a record here: change that record first "
            "(another login, another code), then keep this version."
        ) from None
    operation = "update" if exists is not None else "insert"
    uow.log_change(table.name, conflict.entity_id, operation, values, user_id=actor.user_id)
    _audit(uow, actor, conflict, "sync_set_aside_applied", values)


def _table(entity: str) -> Table:
    table = Base.metadata.tables.get(entity)
    if table is None:
        raise NotFound(f"This ComplaintDesk knows no record of the kind {entity!r}.")
    return table


def _audit(
    uow: UnitOfWork, actor: Actor, conflict: SyncConflict, action: str, values: dict[str, Any]
) -> None:
    secret = {"password_hash"}
    uow.audit(
        action,
        conflict.entity,
        conflict.entity_id,
        user_id=actor.user_id,
        login=actor.login,
        after={k: ("<redacted>" if k in secret else v) for k, v in values.items()},
        complaint_id=conflict.complaint_id,
    )

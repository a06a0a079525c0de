"""A complaint's targets: reading them, and writing only those that changed.

Targets are derived data (``domain/promises/clocks.py``). The services keep them in step on
each change of a complaint (one row per target, change-logged so replicas agree); the bulk
recompute writes only rows whose values differ, without the ORM.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, inspect, select, update

from complaintdesk.domain.ids import stable_id
from complaintdesk.storage.models import ComplaintTarget
from complaintdesk.storage.unit_of_work import UnitOfWork, row_values

TABLE = cast(Table, ComplaintTarget.__table__)
VALUES = ("policy_id", "starts_at", "due_at", "met_at", "state")
"""The columns a new computation may change (besides ``to_notify``)."""


def target_id(complaint_id: uuid.UUID, kind: str, target: str) -> uuid.UUID:
    """Return the id of a complaint's target: the same on every replica."""
    return stable_id("complaint_target", f"{complaint_id}:{kind}:{target}")


@dataclass(frozen=True)
class TargetValues:
    """What a computation says about one target."""

    complaint_id: uuid.UUID
    kind: str
    target: str
    policy_id: uuid.UUID | None
    starts_at: datetime
    due_at: datetime
    met_at: datetime | None
    state: str

    @property
    def id(self) -> uuid.UUID:
        """The row's id."""
        return target_id(self.complaint_id, self.kind, self.target)


def is_new(obj: object) -> bool:
    """Return True for a row added in this unit of work and not yet written."""
    state = inspect(obj)
    return bool(state.pending or state.transient)


def targets_of(uow: UnitOfWork, complaint_ids: Sequence[uuid.UUID]) -> list[ComplaintTarget]:
    """Return the target rows of these complaints (ORM rows, in the unit of work)."""
    if not complaint_ids:
        return []
    found: list[ComplaintTarget] = uow.scalars(
        select(ComplaintTarget)
        .where(ComplaintTarget.complaint_id.in_(complaint_ids))
        .order_by(ComplaintTarget.complaint_id, ComplaintTarget.kind, ComplaintTarget.due_at)
    )
    return found


def to_notify(uow: UnitOfWork, limit: int) -> list[ComplaintTarget]:
    """Return target rows whose turn to at risk or breached nobody was told of yet."""
    found: list[ComplaintTarget] = uow.scalars(
        select(ComplaintTarget)
        .where(ComplaintTarget.to_notify.is_(True))
        .order_by(ComplaintTarget.complaint_id, ComplaintTarget.due_at)
        .limit(limit)
    )
    return found


def store(
    uow: UnitOfWork,
    computed: Iterable[TargetValues],
    existing: Iterable[ComplaintTarget],
    dropped: str,
    alarming: frozenset[str],
) -> list[ComplaintTarget]:
    """Write a complaint's computed targets, change-logged; return the rows that changed.

    Args:
        existing: the complaint's rows as stored.
        dropped: the state of a stored target the computation no longer has.
        alarming: states whose arrival marks the row ``to_notify``; empty for history
            nobody is to be told of (the marks already there are cleared).
    """
    rows = {row.id: row for row in existing}
    changed = []
    wanted = {value.id: value for value in computed}
    for row_id, value in wanted.items():
        row = rows.get(row_id)
        if row is None:
            row = ComplaintTarget(id=row_id, complaint_id=value.complaint_id, kind=value.kind)
            row.target, row.to_notify = value.target, value.state in alarming
            _assign(row, value)
            uow.add(row)
            uow.log_change(TABLE.name, row_id, "insert", row_values(row), user_id=None)
            changed.append(row)
        elif _differs(row, value):
            before = row.state
            _assign(row, value)
            turned = row.state != before and row.state in alarming
            row.to_notify = bool(alarming) and (row.to_notify or turned)
            uow.log_change(TABLE.name, row_id, "update", _fields(row), user_id=None)
            changed.append(row)
    for row_id, row in rows.items():
        if row_id not in wanted and row.state != dropped:
            row.state, row.to_notify = dropped, False
            uow.log_change(TABLE.name, row_id, "update", _fields(row), user_id=None)
            changed.append(row)
    return changed


def _assign(row: ComplaintTarget, value: TargetValues) -> None:
    for name in VALUES:
        setattr(row, name, getattr(value, name))


def _differs(row: ComplaintTarget, value: TargetValues) -> bool:
    return any(getattr(row, name) != getattr(value, name) for name in VALUES)


def _fields(row: ComplaintTarget) -> dict[str, Any]:
    values = row_values(row)
    return {name: values[name] for name in (*VALUES, "to_notify")}


def mark_told(uow: UnitOfWork, rows: Iterable[ComplaintTarget]) -> None:
    """Clear ``to_notify`` on rows whose people were told."""
    for row in rows:
        row.to_notify = False
        uow.log_change(TABLE.name, row.id, "update", {"to_notify": False}, user_id=None)


# --- bulk paths (recompute, demo seeding): Core statements, no change log ----------------------


Key = tuple[uuid.UUID, str, str]
"""(complaint id, kind, target): what identifies a target without hashing its id."""
_COMPARED = (TABLE.c.complaint_id, TABLE.c.kind, TABLE.c.target, TABLE.c.id, TABLE.c.to_notify)


def rows_of(uow: UnitOfWork, complaint_ids: Sequence[uuid.UUID]) -> dict[Key, Any]:
    """Return the stored targets of many complaints as plain rows, by (complaint, kind, target)."""
    found: dict[Key, Any] = {}
    columns = (*_COMPARED, *(TABLE.c[name] for name in VALUES))
    for start in range(0, len(complaint_ids), 900):
        chunk = complaint_ids[start : start + 900]
        statement = select(*columns).where(TABLE.c.complaint_id.in_(chunk))
        found.update({(row.complaint_id, row.kind, row.target): row for row in uow.rows(statement)})
    return found


def bulk_write(
    uow: UnitOfWork,
    computed: Sequence[TargetValues],
    stored: Mapping[Key, Any],
    alarming: frozenset[str],
) -> set[uuid.UUID]:
    """Insert new targets and update changed ones; return the complaints whose rows changed."""
    inserts, updates = [], []
    for value in computed:
        row = stored.get((value.complaint_id, value.kind, value.target))
        if row is None:
            inserts.append(
                {"id": value.id, "complaint_id": value.complaint_id, "kind": value.kind,
                 "target": value.target, "to_notify": value.state in alarming,
                 **{name: getattr(value, name) for name in VALUES}}
            )  # fmt: skip
        elif any(getattr(row, name) != getattr(value, name) for name in VALUES):
            turned = value.state != row.state and value.state in alarming
            updates.append(
                {"row_id": row.id, "v_to_notify": bool(row.to_notify or turned),
                 **{f"v_{name}": getattr(value, name) for name in VALUES}}
            )  # fmt: skip
    if inserts:
        uow.execute(insert(TABLE), inserts)
    if updates:
        uow.execute(_UPDATE, updates)
    changed = {row["complaint_id"] for row in inserts}
    by_id = {row.id: key[0] for key, row in stored.items()}
    return changed | {by_id[row["row_id"]] for row in updates}


_UPDATE = (
    update(TABLE)
    .where(TABLE.c.id == bindparam("row_id"))
    .values({name: bindparam(f"v_{name}") for name in (*VALUES, "to_notify")})
)

"""Recomputing clocks after a policy or calendar changes: only the rows that change.

Clocks are derived data (:mod:`complaintdesk.domain.promises.clocks`): this bulk path reads
complaints a batch at a time by an index, matches their policies again (a scope may have
changed), computes every target without the ORM, and writes back only the complaint
summaries and target rows whose values changed — of a complaint, only its changed columns —
without bumping versions (nobody's open screen becomes stale), with one audit event for the
whole run.

Nothing is change-logged per complaint or target: the run stamps the policies instead (one
entry each), and a branch pulling a newer stamp runs this same recompute on its own
complaints (``sync.branch``), so it shows the central server's due dates.

Two passes: the open complaints (by the queue index on ``is_open``), then the closed ones
still owing a regulatory answer (by the index on ``regulatory_state``) — a resolved
complaint nobody answered stays watched.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, bindparam, func, select, tuple_, update

from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.promises import clocks, sla
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import policies
from complaintdesk.storage import target_queries
from complaintdesk.storage.models import Category, Complaint, Customer, ServiceLevelPolicy, Site
from complaintdesk.storage.types import json_value
from complaintdesk.storage.unit_of_work import UnitOfWork

OWING = ("on_track", "at_risk")
"""Regulatory states of a closed complaint that still owes an answer."""


def recompute(ctx: ServiceContext, batch_size: int = 20_000, *, announce: bool = True) -> int:
    """Recompute every open (or still owing) complaint's clocks; return how many changed.

    Args:
        announce: stamp the policies ``recomputed_at`` (change-logged), so that branches
            recompute theirs when they pull it; False when following such a stamp.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    now = datetime.now(UTC)
    changed = 0
    open_ = Complaint.is_open.is_(True)
    owing = (Complaint.is_open.is_(False), Complaint.regulatory_state.in_(OWING))
    for where, order in (
        ((open_,), Complaint.received_at),
        (owing, Complaint.regulatory_next_due_at),
    ):
        changed += _pass(ctx, where, order, now, batch_size)
    with ctx.uow(write=True) as uow:
        _audit_recompute(uow, ctx, changed)
        if announce:
            _stamp_policies(uow, ctx, now)
        uow.commit()
    return changed


def last_recomputed(uow: UnitOfWork) -> datetime | None:
    """Return when clocks were last recomputed at the central server (its latest stamp)."""
    found: datetime | None = uow.execute(select(func.max(_POLICY.c.recomputed_at))).scalar()
    return found


def _stamp_policies(uow: UnitOfWork, ctx: ServiceContext, now: datetime) -> None:
    """Stamp every policy with this recompute, one change-log entry each (a few rows).

    The complaints' clocks are derived data and are not change-logged one by one: a branch
    that pulls a newer stamp recomputes its own (``sync.branch``), from the same policies.
    """
    ids = uow.scalars(select(_POLICY.c.id))
    keep = {"updated_at": _POLICY.c.updated_at}  # a stamp is not an edit of the policy
    uow.execute(update(_POLICY).values(recomputed_at=now, **keep))
    for policy_id in ids:
        fields = {"recomputed_at": json_value(now)}
        uow.log_change(_POLICY.name, policy_id, "update", fields, user_id=ctx.actor.user_id)


def _pass(
    ctx: ServiceContext,
    where: Sequence[ColumnElement[bool]],
    order: Any,
    now: datetime,
    size: int,
) -> int:
    changed = 0
    last: tuple[Any, uuid.UUID] | None = None
    while True:
        with ctx.uow(write=True) as uow:
            active = {p.id: p for p in policies.load_policies(uow)}
            batch = uow.rows(_batch(where, order, last, size))
            if not batch:
                return changed
            changed += _write(uow, batch, active, now)
            last = (batch[-1].sort_key, batch[-1].id)
            uow.commit()
            if last[0] is None:  # nulls sort last and cannot be paged past: that was all
                return changed


def _batch(
    where: Sequence[ColumnElement[bool]], order: Any, last: tuple[Any, uuid.UUID] | None, size: int
) -> Any:
    columns = [getattr(Complaint, name) for name in ("id", *clocks.FIELDS)]
    facts = (
        Complaint.channel,
        Complaint.priority,
        Complaint.product,
        Category.code.label("category_code"),
        Site.code.label("site_code"),
    )
    query = (
        select(*columns, Customer.segment, *facts, Site.country, order.label("sort_key"))
        .join(Customer, Customer.id == Complaint.customer_id)
        .join(Site, Site.id == Complaint.site_id)
        .outerjoin(Category, Category.id == Complaint.category_id)
        .where(*where)
        .order_by(order, Complaint.id)
        .limit(size)
    )
    if last is None:
        return query
    return query.where(tuple_(order, Complaint.id) > tuple_(*last))


def _write(
    uow: UnitOfWork, batch: Sequence[Any], active: Mapping[uuid.UUID, Any], now: datetime
) -> int:
    summaries, targets = [], []
    matched: dict[tuple[Any, ...], tuple[uuid.UUID | None, uuid.UUID | None]] = {}
    for row in batch:
        due = clocks.DueRow(*row[1 : 1 + len(clocks.FIELDS)])
        before = (due.policy_id, due.regulatory_policy_id, *due.outputs())
        due.policy_id, due.regulatory_policy_id = _match(row, active, matched)
        found = clocks.compute(due, active, now, row.segment)
        targets += [policies.values_of(row.id, clock) for clock in found]
        after = (due.policy_id, due.regulatory_policy_id, *due.outputs())
        if after != before:
            summaries.append(_changes(row.id, before, after))
    _write_summaries(uow, summaries)
    stored = target_queries.rows_of(uow, [row.id for row in batch])
    written = target_queries.bulk_write(uow, targets, stored, policies.ALARMING)
    return len(written | {summary["row_id"] for summary in summaries})


def _match(
    row: Any,
    active: Mapping[uuid.UUID, sla.Policy],
    matched: dict[tuple[Any, ...], tuple[uuid.UUID | None, uuid.UUID | None]],
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """Return the service policy and regulatory preset a complaint gets today."""
    key = (row.channel, row.category_code, row.segment, row.priority, row.site_code,
           row.country, row.product)  # fmt: skip
    if key not in matched:
        facts = sla.PolicyFacts(*key)
        service = sla.match(active.values(), facts, clocks.SERVICE)
        regulatory = sla.match(active.values(), facts, clocks.REGULATORY)
        matched[key] = (service.id if service else None, regulatory.id if regulatory else None)
    return matched[key]


_WRITTEN = ("policy_id", "regulatory_policy_id", *clocks.OUTPUTS)
_TABLE = cast(Table, Complaint.__table__)
_POLICY = cast(Table, ServiceLevelPolicy.__table__)


def _changes(row_id: uuid.UUID, before: Sequence[Any], after: Sequence[Any]) -> dict[str, Any]:
    """Return the columns of one complaint whose values change, with its id."""
    found = {name: new for name, old, new in zip(_WRITTEN, before, after, strict=True)
             if new != old}  # fmt: skip
    return {"row_id": row_id, **found}


def _write_summaries(uow: UnitOfWork, summaries: Sequence[dict[str, Any]]) -> None:
    """Update each complaint's changed columns only, one statement per set of columns.

    The complaint table carries the queue indexes: SQLite rewrites every index holding a
    column an UPDATE sets, changed or not, so a moved due date must not also rewrite the
    indexes of an unchanged clock state or regulatory deadline.
    """
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for summary in summaries:
        groups.setdefault(tuple(name for name in summary if name != "row_id"), []).append(summary)
    for names, rows in groups.items():
        uow.execute(_update_of(names), rows)


@functools.lru_cache(maxsize=256)
def _update_of(names: tuple[str, ...]) -> Any:
    return (
        update(_TABLE)
        .where(_TABLE.c.id == bindparam("row_id"))
        .values({name: bindparam(name) for name in names})
    )


def _audit_recompute(uow: UnitOfWork, ctx: ServiceContext, changed: int) -> None:
    uow.audit(
        "sla_recomputed",
        "complaint",
        None,
        user_id=ctx.actor.user_id,
        login=ctx.actor.login,
        after={"changed": changed},
    )

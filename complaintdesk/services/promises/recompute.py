"""Recomputing clocks after a policy or calendar changes: only the rows that change.

Clocks are derived data (:mod:`complaintdesk.domain.promises.clocks`): this bulk path reads
complaints a batch at a time by an index, matches their policies again (a scope may have
changed), computes every target without the ORM, and writes back only the complaint
summaries and target rows whose values changed, without bumping versions (nobody's open
screen becomes stale), with one audit event for the whole run.

Two passes: the open complaints (by the queue index on ``is_open``), then the closed ones
still owing a regulatory answer (by the index on ``regulatory_state``) — a resolved
complaint nobody answered stays watched.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, bindparam, select, tuple_, update

from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.promises import clocks, sla
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import policies
from complaintdesk.storage import target_queries
from complaintdesk.storage.models import Category, Complaint, Customer, Site
from complaintdesk.storage.unit_of_work import UnitOfWork

OWING = ("on_track", "at_risk")
"""Regulatory states of a closed complaint that still owes an answer."""


def recompute(ctx: ServiceContext, batch_size: int = 20_000) -> int:
    """Recompute every open (or still owing) complaint's clocks; return how many changed."""
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
        uow.commit()
    return changed


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
            summaries.append({"row_id": row.id, **dict(zip(_WRITTEN, after, strict=True))})
    if summaries:
        uow.execute(_UPDATE, summaries)
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
_UPDATE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("row_id"))
    .values({name: bindparam(name) for name in _WRITTEN})
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

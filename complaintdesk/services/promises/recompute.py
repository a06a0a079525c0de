"""Recomputing due instants after a policy or calendar changes: only the rows that change.

Due instants are derived data (:mod:`complaintdesk.domain.promises.clocks`): this bulk path
reads open complaints a batch at a time by the queue index, computes their clocks without the
ORM, and writes back only what changed, without bumping versions (nobody's open screen
becomes stale), with one audit event for the whole run.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, tuple_, update

from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.promises import clocks
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import policies
from complaintdesk.storage.models import Complaint, Customer
from complaintdesk.storage.unit_of_work import UnitOfWork


def recompute(ctx: ServiceContext, batch_size: int = 20_000) -> int:
    """Recompute due instants and clocks of every open complaint; return how many changed.

    Due instants are derived data: this bulk path writes only rows that change, without
    bumping versions (nobody's open screen becomes stale) and with one audit event.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    now = datetime.now(UTC)
    changed = 0
    last: tuple[datetime, uuid.UUID] | None = None
    while True:
        with ctx.uow(write=True) as uow:
            active = {p.id: p for p in policies.load_policies(uow)}
            batch = uow.rows(_open_batch(last, batch_size))
            if not batch:
                _audit_recompute(uow, ctx, changed)
                uow.commit()
                return changed
            updates = list(_changed_rows(batch, active, now))
            if updates:
                uow.execute(_UPDATE, updates)
            changed += len(updates)
            last = (batch[-1].received_at, batch[-1].id)
            uow.commit()


def _open_batch(last: tuple[datetime, uuid.UUID] | None, size: int) -> Any:
    columns = [getattr(Complaint, name) for name in ("id", *clocks.INPUTS)]
    query = (
        select(*columns, Customer.segment)
        .join(Customer, Customer.id == Complaint.customer_id)
        .where(Complaint.is_open.is_(True))
        .order_by(Complaint.received_at, Complaint.id)  # served by the queue index on is_open
        .limit(size)
    )
    if last is None:
        return query
    return query.where(tuple_(Complaint.received_at, Complaint.id) > tuple_(*last))


def _changed_rows(
    batch: Sequence[Any], policies: Mapping[uuid.UUID, Any], now: datetime
) -> Iterator[dict[str, object]]:
    for complaint_id, *values, segment in batch:
        due = clocks.DueRow(*values)
        before = due.outputs()
        clocks.compute(due, policies, now, segment)
        if due.outputs() != before:
            yield {
                "row_id": complaint_id,
                **dict(zip(clocks.OUTPUTS, due.outputs(), strict=True)),
            }


_TABLE = cast(Table, Complaint.__table__)
_UPDATE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("row_id"))
    .values({name: bindparam(name) for name in clocks.OUTPUTS})
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

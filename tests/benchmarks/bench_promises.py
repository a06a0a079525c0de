"""Recomputing due instants after a real policy change, and after putting it back.

Called by ``bench.py``. The policy most open complaints are held to gets two more units on
every target (ten business days to answer become twelve), as an administrator would save it;
the recompute then really changes most open complaints (a run with nothing to change only
reads). The policy is then put back and recomputed again, so the database ends as it began.
"""

from __future__ import annotations

import copy
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from complaintdesk.app import Settings, open_backend
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.insight import queues
from complaintdesk.services.promises import catalogue, recompute
from complaintdesk.services.read_models import QueueKind
from complaintdesk.storage.database import sqlite_url
from complaintdesk.storage.models import Complaint, ServiceLevelPolicy


def _admin() -> Actor:
    return Actor(None, "bench", "Benchmark", Role.ADMIN, uuid.UUID(int=0), "HQ", None, frozenset())


def recompute_after_change(path: Path) -> dict[str, Any]:
    """Time the recompute after lengthening the most used policy's targets, then undo it."""
    backend = open_backend(Settings(sqlite_url(path), path.parent))
    ctx = ServiceContext(backend.uow, _admin())
    try:
        code = _most_used_policy(ctx)
        policy = next(p for p in catalogue.list_policies(ctx) if p.code == code)
        original = copy.deepcopy(policy.targets["targets"])
        longer = [{**t, "amount": int(t["amount"]) + 2} for t in original]
        figures: dict[str, Any] = {"recompute.policy_changed": code}
        for label, targets in (("after_change", longer), ("after_undo", original)):
            catalogue.save_targets(
                ctx,
                code,
                targets,
                policy.calendar_code,
                policy.warning_ratio,
                policy.pauses_on_customer,
            )
            started = time.perf_counter()
            changed = recompute.recompute(ctx)
            figures[f"recompute.{label}.seconds"] = round(time.perf_counter() - started, 2)
            figures[f"recompute.{label}.changed"] = changed
        open_count = queues.count(ctx, QueueKind.ALL_OPEN)
    finally:
        backend.engine.dispose()
    seconds = figures["recompute.after_change.seconds"]
    figures["recompute.open_complaints"] = open_count
    figures["recompute.seconds_per_200k_changed"] = round(
        seconds * 200_000 / max(figures["recompute.after_change.changed"], 1), 2
    )
    return figures


def _most_used_policy(ctx: ServiceContext) -> str:
    with ctx.uow() as uow:
        found = uow.execute(
            select(ServiceLevelPolicy.code, func.count())
            .join(Complaint, Complaint.policy_id == ServiceLevelPolicy.id)
            .where(Complaint.is_open.is_(True))
            .group_by(ServiceLevelPolicy.code)
            .order_by(func.count().desc())
            .limit(1)
        ).first()
    if found is None:
        raise LookupError("no open complaint is held to a policy")
    return str(found[0])

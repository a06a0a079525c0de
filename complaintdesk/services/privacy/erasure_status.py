"""Which replicas have applied each erasure, and which have not yet (the central server's view).

Every erasure made at the central server travels to every branch workstation, which applies
it at its next round and sends back a receipt. A workstation that has not synced since still
holds the customer's data: it is named here until it does (or an administrator retires it).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import ErasureReceipt, ErasureRequest, Replica


@dataclass(frozen=True)
class ErasureState:
    """One erasure and where it stands."""

    erasure_id: uuid.UUID
    customer_id: uuid.UUID
    requested_at: datetime
    applied: tuple[str, ...]
    """Workstations that applied it (their codes)."""
    waiting: tuple[str, ...]
    """Workstations that have not yet: they still hold the customer's data."""

    def as_json(self) -> dict[str, Any]:
        """Return the state as JSON-ready values."""
        return {
            "erasure_id": str(self.erasure_id),
            "customer_id": str(self.customer_id),
            "requested_at": self.requested_at.isoformat(),
            "applied": list(self.applied),
            "waiting": list(self.waiting),
        }


def erasure_states(ctx: ServiceContext, *, waiting_only: bool = False) -> tuple[ErasureState, ...]:
    """Return every erasure, newest first, with the workstations that applied it or not.

    Raises:
        PermissionDenied: the caller may not manage personal data.
    """
    ctx.actor.require(Permission.MANAGE_PERSONAL_DATA)
    with ctx.uow() as uow:
        requests: list[ErasureRequest] = uow.scalars(
            select(ErasureRequest).order_by(ErasureRequest.requested_at.desc())
        )
        receipts = uow.execute(select(ErasureReceipt.erasure_id, ErasureReceipt.replica_code))
        done: dict[uuid.UUID, set[str]] = {}
        for erasure_id, code in receipts:
            done.setdefault(erasure_id, set()).add(code)
        replicas = uow.execute(
            select(Replica.code, Replica.registered_at).where(Replica.retired_at.is_(None))
        ).all()
    states = []
    for request in requests:
        applied = done.get(request.id, set())
        waiting = tuple(sorted(code for code, _ in replicas if code not in applied))
        if waiting or not waiting_only:
            states.append(
                ErasureState(
                    request.id,
                    request.customer_id,
                    request.requested_at,
                    tuple(sorted(applied)),
                    waiting,
                )
            )
    return tuple(states)

"""The branch workstations the central server knows, as an administrator looks after them.

Each workstation registers at ``branch init`` (or its first round) with its own code; the
registry says when it last synced and how far its clock was from the central one. A
workstation replaced or reinstalled is retired, so erasures stop waiting for it. The tolerance
for clocks (five minutes unless changed) is set here for every workstation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import Replica, ReplicaState, Site


@dataclass(frozen=True)
class Workstation:
    """One branch workstation in the central server's registry."""

    code: str
    site_code: str
    workstation: str
    registered_at: datetime
    last_round_at: datetime | None
    clock_offset_ms: int | None
    """Its clock minus the central one at its last round (positive: ahead)."""
    retired: bool

    def as_json(self) -> dict[str, Any]:
        """Return the workstation as JSON-ready values."""
        return {
            "code": self.code,
            "site": self.site_code,
            "workstation": self.workstation,
            "registered_at": self.registered_at.isoformat(),
            "last_sync_at": self.last_round_at.isoformat() if self.last_round_at else None,
            "clock_ahead_seconds": (
                round(self.clock_offset_ms / 1000) if self.clock_offset_ms is not None else None
            ),
            "retired": self.retired,
        }


def list_workstations(ctx: ServiceContext) -> tuple[Workstation, ...]:
    """Return every registered workstation, by code.

    Raises:
        PermissionDenied: the caller does not administer the database.
    """
    ctx.actor.require(Permission.ADMINISTER_DATABASE)
    with ctx.uow() as uow:
        rows = uow.execute(
            select(Replica, Site.code).join(Site, Site.id == Replica.site_id).order_by(Replica.code)
        ).all()
    return tuple(
        Workstation(
            r.code,
            site,
            r.workstation,
            r.registered_at,
            r.last_round_at,
            r.clock_offset_ms,
            r.retired_at is not None,
        )
        for r, site in rows
    )


def retire(ctx: ServiceContext, code: str) -> Workstation:
    """Stop expecting ``code`` to apply erasures (a workstation replaced or reinstalled).

    Raises:
        PermissionDenied: the caller does not administer the database.
        NotFound: no workstation has that code.
    """
    ctx.actor.require(Permission.ADMINISTER_DATABASE)
    with ctx.uow(write=True) as uow:
        found = uow.scalars(select(Replica).where(Replica.code == code.strip().upper()))
        if not found:
            raise NotFound(f"No branch workstation has the code {code!r}.")
        if found[0].retired_at is None:
            found[0].retired_at = uow.now()
            uow.audit(
                "workstation_retired",
                "replica",
                found[0].id,
                user_id=ctx.actor.user_id,
                login=ctx.actor.login,
                after={"code": found[0].code},
            )
        uow.commit()
    return next(w for w in list_workstations(ctx) if w.code == found[0].code)


def set_clock_tolerance(ctx: ServiceContext, minutes: int) -> timedelta:
    """Set how far a workstation's clock may be from the central one before it is corrected.

    Raises:
        PermissionDenied: the caller does not administer the database.
        ValidationError: not between 1 minute and 1 day.
    """
    ctx.actor.require(Permission.ADMINISTER_DATABASE)
    if not 1 <= minutes <= 24 * 60:
        raise ValidationError("Give a tolerance between 1 minute and 1 day (1440 minutes).")
    with ctx.uow(write=True) as uow:
        state = uow.scalars(select(ReplicaState).limit(1))
        if not state or state[0].mode == "branch":
            raise ValidationError("Set the clock tolerance at the central server.")
        state[0].max_clock_offset_ms = minutes * 60_000
        uow.audit(
            "clock_tolerance_set",
            "replica_state",
            state[0].id,
            user_id=ctx.actor.user_id,
            login=ctx.actor.login,
            after={"minutes": minutes},
        )
        uow.commit()
    return timedelta(minutes=minutes)

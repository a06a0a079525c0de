"""Team queues by the names people read: ``care-hq`` is "Customer care, Headquarters".

Routing rules and users name a team queue by its code; screens show its name. A queue no
administrator has named yet shows its code, the only name it has.
"""

from __future__ import annotations

from sqlalchemy import select

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage import lookups
from complaintdesk.storage.models import TeamQueue


def name_team_queue(ctx: ServiceContext, code: str, name: str) -> None:
    """Give the team queue ``code`` the name people read (administrators).

    Raises:
        PermissionDenied: the caller may not change the configuration.
        ValidationError: an empty code or name, or one too long.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    code, name = code.strip(), " ".join(name.split())
    if not code or len(code) > 40:
        raise ValidationError("Give the team queue's code (at most 40 characters).")
    if not name or len(name) > 120:
        raise ValidationError("Give the team queue a name (at most 120 characters).")
    with ctx.uow(write=True) as uow:
        found = uow.scalars(select(TeamQueue).where(TeamQueue.code == code))
        queue = found[0] if found else TeamQueue(code=code, name=name)
        queue.name = name
        record(uow, ctx.actor, queue, "team_queue_named")
        uow.commit()


def team_queue_names(ctx: ServiceContext) -> dict[str, str]:
    """Return every named team queue's name by its code."""
    with ctx.uow() as uow:
        return dict(lookups.team_queue_names(uow))

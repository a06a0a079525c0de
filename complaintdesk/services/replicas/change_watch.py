"""How a workstation notices what other workstations wrote: one tiny query on the change log."""

from __future__ import annotations

from sqlalchemy import func, select

from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import ChangeLogEntry


def latest_change(ctx: ServiceContext) -> str:
    """Return the stamp of the newest change anyone wrote ('' on a database without any).

    Every service that changes data appends to the change log in the same transaction with a
    hybrid logical clock stamp that only grows, so a different answer means something moved.
    The newest stamp is read from the end of its index: the cost does not grow with the log.
    """
    with ctx.uow() as uow:
        newest = uow.execute(select(func.max(ChangeLogEntry.hlc))).scalar()
    return str(newest or "")

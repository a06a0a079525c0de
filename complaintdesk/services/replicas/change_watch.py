"""How a workstation notices what other workstations wrote: one tiny query on the change log."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import column, func, select, table

from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import ChangeLogEntry
from complaintdesk.storage.schema import HEAD
from complaintdesk.storage.unit_of_work import UnitsOfWork

SCHEMA_POLL_SECONDS = 30
"""How often a window looks at the schema revision: an upgrade is noticed within a minute."""


def latest_change(ctx: ServiceContext) -> str:
    """Return the stamp of the newest change anyone wrote ('' on a database without any).

    Every service that changes data appends to the change log in the same transaction with a
    hybrid logical clock stamp that only grows, so a different answer means something moved.
    The newest stamp is read from the end of its index: the cost does not grow with the log.
    """
    with ctx.uow() as uow:
        newest = uow.execute(select(func.max(ChangeLogEntry.hlc))).scalar()
    return str(newest or "")


@dataclass(frozen=True)
class SchemaMoved:
    """The database is no longer at the schema this version needs (an upgrade ran)."""

    current: str | None
    needed: str


def schema_moved(ctx: ServiceContext, needed: str = HEAD) -> SchemaMoved | None:
    """Return what the schema is now if it is no longer ``needed``, else None.

    From the moment it moved, nothing more is saved from this process: every commit is
    refused in plain words (the window stays open to read, until it is restarted with the
    version the database now needs).
    """
    version = table("alembic_version", column("version_num"))
    with ctx.uow() as uow:
        found = uow.rows(select(version.c.version_num))
    current = str(found[0][0]) if found else None
    if current == needed:
        return None
    if isinstance(ctx.uow, UnitsOfWork):
        ctx.uow.read_only = (
            f"The database was upgraded (schema {current}) for a newer ComplaintDesk than this "
            f"one (which needs {needed}): nothing more can be saved here. Restart ComplaintDesk "
            "once the new version is installed."
        )
    return SchemaMoved(current, needed)

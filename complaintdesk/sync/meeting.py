"""The start of every round (and of ``branch init``): who we are, what time it is, numbers.

The workstation registers with the central server (or finds itself registered), measures
how far its clock is from the central one, copies the tolerance the central server sets,
and tops up its blocks of complaint numbers for its site.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection, Table, insert, select, update

from complaintdesk.storage.models import ReplicaState, Site
from complaintdesk.sync import numbering, registry

STATE: Table = ReplicaState.__table__  # type: ignore[assignment]


def meet(local: Connection, central: Connection, clock: Callable[[], datetime]) -> str:
    """Register, read the clocks and top up the blocks; return this workstation's code.

    Both connections are in the caller's transactions: the central one is committed first
    (a block handed out and then lost in a crash is a gap in the numbers, never a clash).
    """
    state = local.execute(
        select(STATE.c.id, STATE.c.site_code, STATE.c.replica_code).limit(1)
    ).one()
    found = registry.register(central, state.id, state.site_code, clock, state.replica_code)
    local.execute(
        update(STATE)
        .where(STATE.c.id == state.id)
        .values(
            replica_code=found.code,
            replica_number=found.number,
            clock_offset_ms=found.offset_ms,
            clock_checked_at=found.central_now,
            max_clock_offset_ms=found.tolerance_ms,
        )
    )
    site_id = local.scalar(select(Site.id).where(Site.code == state.site_code))
    if site_id is not None:
        for year in numbering.years_ahead(found.central_now):
            if numbering.numbers_left(local, site_id, year, found.code) < numbering.LOW:
                block = numbering.allocate(central, site_id, year, found.code, found.central_now)
                local.execute(insert(numbering.BLOCKS).values(block))
    return found.code

"""The central server's registry of branch workstations, and the start of each round.

Every branch workstation has its own code, stamped on its change-log entries and its audit
chain: the site code for the first one, then ``PAR.2``, ``PAR.3``… for further workstations
of the same site, so two workstations of one shop never write the same chain or mistake
each other's changes for their own. The registry also says which replicas exist, for the
erasures each must apply, and how far off each one's clock was at its last round.

Every round (and ``branch init``) starts with :func:`meet`: the workstation registers (or
finds itself registered), measures how far its clock is from the central one, copies the
tolerance the central server sets, and tops up its blocks of complaint numbers.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Table, exc, func, insert, select, update

from complaintdesk.domain import hlc
from complaintdesk.storage.models import Replica, ReplicaState, Site
from complaintdesk.sync import numbering
from complaintdesk.sync.errors import SyncError

REGISTRY: Table = Replica.__table__  # type: ignore[assignment]
STATE: Table = ReplicaState.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class Registration:
    """Who this workstation is at the central server, and how its clock compares."""

    code: str
    number: int
    offset_ms: int
    """The central clock minus this one's (negative: this clock runs ahead)."""
    tolerance_ms: int
    central_now: datetime


def register(
    central: Connection,
    replica_id: uuid.UUID,
    site_code: str,
    clock: Callable[[], datetime],
    preferred: str | None = None,
) -> Registration:
    """Register this workstation (or find it registered) and read the central clock.

    Args:
        replica_id: this database's identity (its ``replica_state`` id): the same
            workstation always gets the same code back.
        preferred: the code it already stamps its changes with, if any.
    """
    offset, central_now = measure_clock(central, clock)
    tolerance = central.scalar(select(STATE.c.max_clock_offset_ms).limit(1))
    row = central.execute(
        select(REGISTRY.c.code, REGISTRY.c.number).where(REGISTRY.c.id == replica_id)
    ).first()
    found = (str(row[0]), int(row[1])) if row is not None else None
    if found is None:
        found = _add(central, replica_id, site_code, preferred, central_now)
    central.execute(
        update(REGISTRY)
        .where(REGISTRY.c.id == replica_id)
        .values(last_round_at=central_now, clock_offset_ms=-offset)
    )
    return Registration(found[0], found[1], offset, int(tolerance or hlc_tolerance()), central_now)


def hlc_tolerance() -> int:
    """The default tolerance, in milliseconds."""
    return int(hlc.DEFAULT_TOLERANCE.total_seconds() * 1000)


def measure_clock(central: Connection, clock: Callable[[], datetime]) -> tuple[int, datetime]:
    """Return (central clock minus ours in ms, the central time), halving the round trip."""
    before = clock()
    if central.dialect.name == "postgresql":
        central_now = central.scalar(select(func.clock_timestamp()))
    else:  # a central server on SQLite only happens in tests: its clock is this process's
        central_now = datetime.now(UTC)
    after = clock()
    assert isinstance(central_now, datetime)
    middle = before + (after - before) / 2
    return hlc.milliseconds(central_now) - hlc.milliseconds(middle), central_now


def _add(
    central: Connection,
    replica_id: uuid.UUID,
    site_code: str,
    preferred: str | None,
    now: datetime,
) -> tuple[str, int]:
    """Give a new workstation a code and a number; two registering at once both succeed."""
    site_id = central.scalar(select(Site.id).where(Site.code == site_code))
    if site_id is None:
        raise SyncError(f"The central server has no site {site_code!r} any more.")
    for _attempt in range(5):
        taken = set(central.scalars(select(REGISTRY.c.code)))
        taken.update(central.scalars(select(STATE.c.site_code)))  # the central server's own
        code = _free_code(site_code, preferred, taken)
        number = int(central.scalar(select(func.coalesce(func.max(REGISTRY.c.number), 0))) or 0)
        try:
            with central.begin_nested():
                central.execute(
                    insert(REGISTRY).values(
                        id=replica_id,
                        code=code,
                        number=number + 1,
                        site_id=site_id,
                        workstation=socket.gethostname()[:200],
                        registered_at=now,
                    )
                )
        except exc.IntegrityError:
            continue  # another workstation took that code or number in the meantime
        return code, number + 1
    raise SyncError("Could not register this workstation at the central server; try again.")


def _free_code(site_code: str, preferred: str | None, taken: set[str]) -> str:
    if preferred and preferred not in taken:
        return preferred
    if site_code not in taken:
        return site_code
    suffix = 2
    while f"{site_code}.{suffix}" in taken:
        suffix += 1
    return f"{site_code}.{suffix}"


def meet(local: Connection, central: Connection, clock: Callable[[], datetime]) -> str:
    """Register, read the clocks and top up the blocks; return this workstation's code.

    Both connections are in the caller's transactions: the central one is committed first
    (a block handed out and then lost in a crash is a gap in the numbers, never a clash).
    """
    state = local.execute(
        select(STATE.c.id, STATE.c.site_code, STATE.c.replica_code).limit(1)
    ).one()
    found = register(central, state.id, state.site_code, clock, state.replica_code)
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

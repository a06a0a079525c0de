"""Clock stamps from a clock that ran ahead: re-stamped by the central server on arrival.

A workstation stamps by the central server's time once a round has found its clock too far
off; a change made before that (or after its clock jumped since) may still carry a stamp
from the future. On arrival the central server gives every stamp past ``now + tolerance``
a new one from its own clock, in the order they came, so the change neither wins every
later merge nor drags the central clock forward. The workstation rewrites its copies with
the stamps the central server kept: everyone then orders those changes the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import Connection, bindparam, func, select, update

from complaintdesk.domain import hlc
from complaintdesk.storage.models import ReplicaState
from complaintdesk.storage.unit_of_work import UnitOfWork
from complaintdesk.sync.entries import CHANGE_LOG, Entry, among


def restamp(
    connection: Connection,
    entries: Sequence[Entry],
    state: ReplicaState,
    tolerance_ms: int,
    now_ms: int,
) -> tuple[list[Entry], dict[uuid.UUID, int]]:
    """Re-stamp the entries from the future; return them and every stamp the sender must fix.

    Args:
        connection: the central server, in the push's transaction.
        state: the central server's identity row (its clock moves past the new stamps).
        now_ms: the central server's clock.

    Returns:
        The entries to apply, and entry id → the stamp the central server holds for every
        entry whose stamp differs from the sender's (new ones, and ones re-stamped by an
        earlier attempt of a round cut short).
    """
    bound = hlc.future_bound(now_ms, tolerance_ms)
    held = _held_stamps(connection, [e.id for e in entries])
    fixed = {e.id: held[e.id] for e in entries if e.id in held and held[e.id] != e.hlc}
    future = sorted((e for e in entries if e.id not in held and e.hlc > bound), key=_order)
    if not future:
        return list(entries), fixed
    seen = max((e.hlc for e in entries if e.hlc <= bound), default=0)
    clock = max(hlc.HybridTimestamp.of(state.hlc_last), hlc.HybridTimestamp.of(seen))
    for entry in future:
        clock = hlc.tick(clock, now_ms)
        fixed[entry.id] = int(clock)
    state.hlc_last = int(clock)
    return [replace(e, hlc=fixed[e.id]) if e.id in fixed else e for e in entries], fixed


def _order(entry: Entry) -> tuple[int, str]:
    return entry.stamp


def _held_stamps(connection: Connection, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Return the stamps the central server already holds for these entries."""
    held: dict[uuid.UUID, int] = {}
    for condition in among(connection, CHANGE_LOG.c.id, ids):
        query = select(CHANGE_LOG.c.id, CHANGE_LOG.c.hlc).where(condition)
        held.update((row[0], int(row[1])) for row in connection.execute(query))
    return held


def take_central_stamps(uow: UnitOfWork, stamps: dict[uuid.UUID, int]) -> None:
    """Rewrite this replica's copies of its entries with the stamps the central server kept."""
    if not stamps:
        return
    statement = (
        update(CHANGE_LOG)
        .where(CHANGE_LOG.c.id == bindparam("k_id"))
        .values(hlc=bindparam("v_hlc"))
    )
    rows = [{"k_id": k, "v_hlc": v} for k, v in stamps.items()]
    uow.session.connection().execute(statement, rows)


def settle_clock(uow: UnitOfWork) -> None:
    """Bring this replica's clock back from the future once its entries were re-stamped.

    The clock never goes below a stamp this replica holds, so its next change still comes
    after every change it made or saw.
    """
    state = uow.replica()
    tolerance = state.max_clock_offset_ms
    if state.hlc_last <= hlc.future_bound(hlc.milliseconds(uow.now()), tolerance):
        return
    newest = uow.execute(select(func.max(CHANGE_LOG.c.hlc))).scalar()
    state.hlc_last = int(newest or 0)

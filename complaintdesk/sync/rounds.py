"""One sync round: push this branch's entries, then pull its site's part of everyone else's.

Push applies a batch on the central server in ONE transaction (entries keyed by id, so a
retried batch changes nothing), then marks the batch sent here; a crash in between means
the batch is sent again, harmlessly. Pull applies the central entries past this branch's
cursor that its site may see, and moves the cursor in the same local transaction. Audit
events travel one way: each chain has one writer (a replica registers the chains it writes)
and is sent to the central server, so "events past the last sequence number the central
server holds" is an exact cursor; a branch never holds other sites' chains (they name other
sites' customers). The central server anchors the chains a branch pushes as it received them
(a ``chain_anchored`` audit event), so events later cut from the end of a branch's chain, or
the whole chain deleted, show in ``audit verify`` at the central server.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, exc, func, insert, select, update

from complaintdesk.domain import hlc
from complaintdesk.domain.audit import ANCHOR_ACTIONS
from complaintdesk.storage.journal import audit_chains
from complaintdesk.storage.models import AuditChain, AuditEvent, ReplicaState, Site, SyncConflict
from complaintdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory
from complaintdesk.sync import clocks, copying, merge, numbering, pruning
from complaintdesk.sync.arrival import duplicates, set_aside, settling
from complaintdesk.sync.arrival.numbers import number_arrivals
from complaintdesk.sync.conflicts import Conflict, Origin
from complaintdesk.sync.entries import (
    CHANGE_LOG,
    Entry,
    among,
    entries_of,
    entries_query,
    to_entries,
)
from complaintdesk.sync.errors import NotABranch, SyncError
from complaintdesk.sync.scope import Scope

BATCH = 2_000
AUDIT: Table = AuditEvent.__table__  # type: ignore[assignment]
CHAINS: Table = AuditChain.__table__  # type: ignore[assignment]
ANCHORED = "chain_anchored"
Fault = Callable[[str], None]
"""Called at each step of a round with its name; tests raise there to simulate a crash."""


def no_fault(step: str) -> None:
    """The default: nothing goes wrong on purpose."""


Arrange = Callable[[list[Entry]], list[Entry]]
"""Orders a batch before it is applied (tests deliver batches shuffled)."""


def as_read(entries: list[Entry]) -> list[Entry]:
    """The default: apply a batch in the order it was read."""
    return entries


@dataclass(frozen=True)
class Options:
    """How a round runs: batch size, and the seams tests use to break it."""

    batch: int = BATCH
    fault: Fault = no_fault
    arrange: Arrange = as_read


@dataclass(frozen=True)
class Sides:
    """The two databases a round works on."""

    local: UnitOfWorkFactory
    central: UnitOfWorkFactory


@dataclass(frozen=True)
class _Branch:
    origin: str
    """This workstation's code: its changes and audit chain carry it."""
    site_code: str
    cursor: int
    replica_id: uuid.UUID


def branch_state(uow: UnitOfWork) -> _Branch:
    """Return this replica's code, site and pull cursor.

    Raises:
        NotABranch: ``branch init`` never ran on this database.
    """
    state = uow.scalars(select(ReplicaState).limit(1))
    if not state or state[0].mode != "branch":
        raise NotABranch(
            "This database is not a branch replica: run `complaintdesk branch init "
            "--central URL --site CODE` first."
        )
    return _Branch(state[0].origin, state[0].site_code, int(state[0].pull_cursor or 0), state[0].id)


def pending_count(uow: UnitOfWork) -> int:
    """Return how many local changes wait to be sent."""
    query = select(func.count()).select_from(CHANGE_LOG).where(CHANGE_LOG.c.pushed_at.is_(None))
    return int(uow.execute(query).scalar_one())


def push(sides: Sides, options: Options = Options()) -> tuple[int, int]:
    """Send every waiting local entry and audit event; return (entries sent, conflicts raised)."""
    sent = raised = 0
    while True:
        with sides.local() as uow:
            branch = branch_state(uow)
            query = entries_query().where(CHANGE_LOG.c.pushed_at.is_(None))
            entries = to_entries(uow.rows(query.order_by(CHANGE_LOG.c.hlc).limit(options.batch)))
            waiting = CHANGE_LOG.c.pushed_at.is_(None)
            entries = copying.with_parents(uow.session.connection(), entries, waiting)
        pushed = _push_batch(sides, branch, options.arrange(entries), options)
        if pushed is None:
            break
        conflicts, stamps = pushed
        options.fault("push:central-committed")
        if entries:
            _mark_sent(sides.local, [e.id for e in entries], stamps)
        sent += len(entries)
        raised += conflicts
    with sides.local(write=True) as uow:
        clocks.settle_clock(uow)
        uow.commit()
    return sent, raised


def _push_batch(
    sides: Sides, branch: _Branch, entries: Sequence[Entry], options: Options
) -> tuple[int, dict[uuid.UUID, int]] | None:
    """Apply one batch on the central server; None when there was nothing left to send.

    Returns:
        The conflicts raised, and the stamps the central server gave entries from the future.
    """
    with sides.central(write=True) as central:
        state = central.replica()  # pushes queue behind each other (not the central's writers)
        connection = central.session.connection()
        number_arrivals(connection)  # what this push compares with has its numbers
        with sides.local() as uow:
            events = _own_events(uow, connection, branch, options.batch)
        if not entries and not events:
            return None
        now = central.now()
        tolerance = state.max_clock_offset_ms or int(hlc.DEFAULT_TOLERANCE.total_seconds() * 1000)
        entries, stamps = clocks.restamp(
            connection, entries, state, tolerance, hlc.milliseconds(now)
        )
        origin = Origin(branch.origin, branch.cursor)
        outcome = merge.apply(connection, entries, pushed_at=now, origin=origin)
        numbering.advance_past(connection, outcome.applied)
        _add_events(connection, events)
        _register(connection, events, branch.replica_id)
        _anchor(central, events, f"pushed by {branch.origin}")
        raised = settling.after_push(central, outcome)
        for conflict in raised:
            _raise_conflict(central, conflict, now)
        _receive(central, outcome.latest)
        options.fault("push:central-applied")
        central.commit()
        return len(raised), stamps


def _mark_sent(
    local: UnitOfWorkFactory, ids: Sequence[uuid.UUID], stamps: dict[uuid.UUID, int]
) -> None:
    now = datetime.now(UTC)
    with local(write=True) as uow:
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            uow.execute(update(CHANGE_LOG).where(CHANGE_LOG.c.id.in_(part)).values(pushed_at=now))
        clocks.take_central_stamps(uow, stamps)
        uow.commit()


def pull(sides: Sides, options: Options = Options()) -> int:
    """Apply the central entries of this site's part that it lacks; return entries applied.

    Entries about rows the site may not see are passed over (the cursor moves past them);
    a row that comes into the site's part later is copied whole when it does.
    """
    with sides.central(write=True) as central:  # every committed entry gets its number
        number_arrivals(central.session.connection())
        central.commit()
    with sides.local(write=True) as uow:  # what could not apply before may apply now
        applied = set_aside.retry(uow)
        uow.commit()
    while True:
        with sides.local() as uow:
            branch = branch_state(uow)
            site_id = uow.execute(select(Site.id).where(Site.code == branch.site_code)).scalar()
        with sides.central() as central:
            connection = central.session.connection()
            query = entries_query().where(
                CHANGE_LOG.c.arrival_seq > branch.cursor,
                CHANGE_LOG.c.site_code != branch.origin,
            )
            query = query.order_by(CHANGE_LOG.c.arrival_seq).limit(options.batch)
            entries = to_entries(connection.execute(query))
            if not entries:
                break

            scope = Scope(connection, site_id)
            applied += _apply_pulled(sides, connection, entries, scope, options)
    with sides.local(write=True) as uow:  # customers that left this site's part go
        pruning.prune(uow.session.connection())
        uow.commit()
    return applied


def _apply_pulled(
    sides: Sides, central: Connection, entries: list[Entry], scope: Scope, options: Options
) -> int:
    visible = _with_history(central, scope, scope.visible(entries))
    with sides.local(write=True) as uow:
        local = uow.session.connection()
        wanted = scope.within(copying.references_of(visible))
        for entry in visible:  # a row changed here that came into the site's part since
            if entry.operation != "insert":
                wanted.setdefault(entry.entity, set()).add(entry.entity_id)
        copied = copying.ensure_present(central, local, wanted)
        copying.copy_story(central, local, copied, scope.allowed)
        duplicates.copy_aliases(central, local, visible)
        outcome = merge.apply(local, options.arrange(visible), pushed_at=datetime.now(UTC))
        set_aside.keep(uow, outcome)
        pruning.drop_left(local, _passed_over(entries, visible))
        state = uow.replica()
        state.pull_cursor = str(max(e.arrival_seq or 0 for e in entries))
        _receive(uow, outcome.latest)
        options.fault("pull:applied")
        uow.commit()
    return len(outcome.applied)


def _with_history(central: Connection, scope: Scope, visible: list[Entry]) -> list[Entry]:
    """The visible entries, with every entry of the rows among them that moved in from
    another site's part: only all of them together put such a row where it is now."""
    moved = scope.moved_in(visible)
    if not moved:
        return visible
    have = {e.id for e in visible}
    return visible + [e for e in entries_of(central, moved) if e.id not in have]


def _passed_over(entries: list[Entry], visible: list[Entry]) -> dict[str, set[uuid.UUID]]:
    """The rows of the entries the site may not see (any of them held here left its part)."""
    seen = {e.entity_id for e in visible}
    left: dict[str, set[uuid.UUID]] = {}
    for entry in entries:
        if entry.entity_id not in seen:
            left.setdefault(entry.entity, set()).add(entry.entity_id)
    return left


def _own_events(uow: UnitOfWork, central: Connection, branch: _Branch, limit: int) -> list[Any]:
    """The events of this branch's own chains past what the central server holds."""
    local = uow.session.connection()
    mine = list(
        local.scalars(select(CHAINS.c.name).where(CHAINS.c.replica_id == branch.replica_id))
    )
    held = chain_heads(central, mine)
    events: list[Any] = []
    for chain in mine:
        events.extend(local.execute(chain_after(chain, held.get(chain, 0), limit)))
    return events


def chain_heads(connection: Connection, chains: Sequence[str] | None = None) -> dict[str, int]:
    """Return the last sequence number of every audit chain held here (or of ``chains``)."""
    query = select(AUDIT.c.chain, func.max(AUDIT.c.seq)).group_by(AUDIT.c.chain)
    if chains is not None:
        query = query.where(AUDIT.c.chain.in_(list(chains)))
    return {chain: int(seq) for chain, seq in connection.execute(query)}


def chain_after(chain: str, seq: int, limit: int) -> Any:
    """Return ``SELECT`` of the next ``limit`` events of ``chain`` after ``seq``."""
    return (
        select(AUDIT)
        .where(AUDIT.c.chain == chain, AUDIT.c.seq > seq)
        .order_by(AUDIT.c.seq)
        .limit(limit)
    )


def _register(connection: Connection, events: Sequence[Any], writer: uuid.UUID | None) -> None:
    """Register the chains of events copied here (on the central server: the pusher's)."""
    names = {e.chain: e.chain.split(".")[0] for e in events}
    audit_chains.register_chains(connection, names, writer)


def _anchor(uow: UnitOfWork, events: Sequence[Any], how: str) -> None:
    """Record the heads of the chains these events extended, as this side now holds them.

    A push holding anchors only (none yet: branches do not anchor) calls for no new one.
    """
    if all(e.action in ANCHOR_ACTIONS for e in events):
        return
    heads: dict[str, dict[str, Any]] = {}
    for event in sorted(events, key=lambda e: (e.chain, e.seq)):
        heads[event.chain] = {"seq": event.seq, "hash": event.hash}
    uow.audit(
        ANCHORED,
        "audit_chain",
        None,
        user_id=None,
        login="sync",
        after={"chains": heads, "how": how},
    )


def _add_events(connection: Connection, events: Sequence[Any]) -> None:
    """Add audit events by id (a union); a clash on (chain, seq) means two replicas of a site."""
    if not events:
        return
    rows = [dict(e._mapping) for e in events]
    have: set[Any] = set()
    for condition in among(connection, AUDIT.c.id, [r["id"] for r in rows]):
        have.update(connection.scalars(select(AUDIT.c.id).where(condition)))
    fresh = [r for r in rows if r["id"] not in have]
    if not fresh:
        return
    try:
        with connection.begin_nested():
            connection.execute(insert(AUDIT), fresh)
    except exc.IntegrityError:
        chain = fresh[0]["chain"]
        raise SyncError(
            f"The audit trail of site {chain} differs between this replica and the central "
            "server: two workstations were set up as the same branch. Ask an administrator."
        ) from None


def _raise_conflict(central: UnitOfWork, conflict: Conflict, now: datetime) -> None:
    """Record a settled conflict for supervisors, as a change of the central server."""
    row = SyncConflict(
        kind=conflict.kind,
        entity=conflict.entity,
        entity_id=conflict.entity_id,
        complaint_id=conflict.complaint_id,
        kept=conflict.kept,
        other=conflict.other,
        raised_at=now,
        detail=conflict.detail,
    )
    central.record(
        row, "sync_conflict_raised", user_id=None, login="sync", complaint_id=conflict.complaint_id
    )


def _receive(uow: UnitOfWork, latest: tuple[int, str] | None) -> None:
    """Move this replica's clock past what it just saw (its next change must win)."""
    if latest is None:
        return
    state = uow.replica()
    last = hlc.HybridTimestamp.of(state.hlc_last)
    now_ms = hlc.milliseconds(uow.now())
    state.hlc_last = int(hlc.receive(last, hlc.HybridTimestamp.of(latest[0]), now_ms))

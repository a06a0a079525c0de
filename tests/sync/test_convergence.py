"""Replicas converge (DESIGN.md section 8): a property, not a hope.

Three branch replicas (SQLite) and the central PostgreSQL server; random operations made
through the services on any of them; random sync rounds whose batches are small, shuffled,
sent twice, or cut short by a crash at any step; workstation clocks two years ahead, two
years behind or a few hours off, and jumping while offline. At the end every branch equals
its site's part of the central server table by table, every operation made anywhere is at
the central server, no event is dated before its complaint, and no stamp at the central
server is further ahead of its clock than the tolerance.
"""

from __future__ import annotations

import contextlib
import random
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, make_url, select, text, update

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.domain.hlc import future_bound, milliseconds
from complaintdesk.storage.journal.event_times import MILESTONES
from complaintdesk.storage.models import ChangeLogEntry, Complaint, Message
from complaintdesk.sync.entries import Entry
from complaintdesk.sync.rounds import Options
from tests.support import sync_world as w

pytestmark = pytest.mark.postgres

TOLERANCE_MS = 5 * 60 * 1000
SITES = ("PAR", "LYO", "NIC")
STEPS = ("push:central-applied", "push:central-committed", "pull:applied")
YEAR = timedelta(days=365)
SKEWS = (timedelta(0), 2 * YEAR, -2 * YEAR, timedelta(hours=3), -timedelta(minutes=10))
"""How far a workstation's clock may be from the real time."""


class SkewedClock:
    """A workstation's wall clock, ``offset`` from the real one; an operation moves it."""

    def __init__(self, offset: timedelta) -> None:
        self.offset = offset

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


class Crash(Exception):
    """A round cut short on purpose."""


@dataclass
class World:
    central: w.Replica
    branches: list[w.Replica]
    clocks: dict[str, SkewedClock] = field(default_factory=dict)
    complaints: list[uuid.UUID] = field(default_factory=list)
    messages: list[uuid.UUID] = field(default_factory=list)
    merges: list[tuple[w.Replica, uuid.UUID]] = field(default_factory=list)

    @property
    def replicas(self) -> list[w.Replica]:
        return [self.central, *self.branches]


def supervisor(replica: w.Replica) -> str:
    return "boss" if replica.name == "central" else f"lead-{replica.name.lower()}"


def known(replica: w.Replica, world: World, pick: int) -> uuid.UUID | None:
    """A complaint this replica holds, chosen by ``pick``."""
    with replica.backend.uow() as uow:
        here = set(uow.scalars(select(Complaint.id)))
    candidates = [c for c in world.complaints if c in here]
    return candidates[pick % len(candidates)] if candidates else None


def op_record(world: World, replica: w.Replica, pick: int) -> None:
    """A complaint: at a shop for itself, at head office for itself or for a shop; a few
    people complain in several places (one customer, or one recorded twice offline)."""
    login = "hq" if replica.name == "central" else f"clerk-{replica.name.lower()}"
    site = ("HQ", *SITES)[pick % 4] if replica.name == "central" else None
    email = f"person{pick % 7}@example.org"
    world.complaints.append(w.record_complaint(replica, login, f"Case {pick}", email, site))


def op_transfer(world: World, replica: w.Replica, pick: int) -> None:
    complaint = known(replica, world, pick)
    if complaint is not None:
        people = sorted(p for p in replica.people if p.startswith(("clerk", "lead", "hq", "boss")))
        w.transfer(replica, supervisor(replica), complaint, people[pick % len(people)])


def op_note(world: World, replica: w.Replica, pick: int) -> None:
    complaint = known(replica, world, pick)
    if complaint is not None:
        world.messages.append(w.note(replica, supervisor(replica), complaint, f"note {pick}"))


def op_inbound(world: World, replica: w.Replica, pick: int) -> None:
    complaint = known(replica, world, pick)
    if complaint is not None:
        world.messages.append(w.inbound(replica, supervisor(replica), complaint, f"call {pick}"))


def op_progress(world: World, replica: w.Replica, pick: int) -> None:
    complaint = known(replica, world, pick)
    if complaint is None:
        return
    w.transfer(replica, supervisor(replica), complaint, supervisor(replica))
    if w.status_of(replica, complaint) == "new":
        w.start(replica, supervisor(replica), complaint)
    elif w.status_of(replica, complaint) == "in_progress":
        w.resolve(replica, supervisor(replica), complaint)


def op_rename(world: World, replica: w.Replica, pick: int) -> None:
    complaint = known(replica, world, pick)
    if complaint is not None:
        customer = w.customer_of(replica, complaint)
        w.rename_customer(replica, supervisor(replica), customer, f"Name {pick}")


def op_again(world: World, replica: w.Replica, pick: int) -> None:
    """The customer of a complaint here complains again: two complaints of one customer."""
    complaint = known(replica, world, pick)
    if complaint is not None:
        login = supervisor(replica)
        world.complaints.append(w.again_for(replica, login, complaint, f"Again {pick}"))


def op_merge(world: World, replica: w.Replica, pick: int) -> None:
    """Merge two complaints of one customer held here (one grievance told twice)."""
    complaint = known(replica, world, pick)
    if complaint is None:
        return
    customer = w.customer_of(replica, complaint)
    with replica.backend.uow() as uow:
        siblings = uow.scalars(
            select(Complaint.id).where(Complaint.customer_id == customer, Complaint.id != complaint)
        )
    if siblings:
        merge = w.merge_complaints(replica, supervisor(replica), complaint, siblings[0])
        world.merges.append((replica, merge))


def op_undo_merge(world: World, replica: w.Replica, pick: int) -> None:
    """Undo a merge made here (a merge made elsewhere may not have arrived yet)."""
    mine = [m for r, m in world.merges if r is replica]
    if mine:
        w.undo_complaint_merge(replica, supervisor(replica), mine[pick % len(mine)])


def op_sync(world: World, replica: w.Replica, pick: int, batch: int | None = None) -> None:
    """One round, its batches small, shuffled, and maybe cut short at some step."""
    if replica.branch is None:
        return
    shuffler = random.Random(pick)

    def shuffled(entries: list[Entry]) -> list[Entry]:
        return shuffler.sample(entries, len(entries))

    crash_at = STEPS[pick % len(STEPS)] if pick % 2 else None

    def fault(step: str) -> None:
        if step == crash_at:
            raise Crash(step)

    options = Options(batch=batch or 2 + pick % 13, fault=fault, arrange=shuffled)
    with contextlib.suppress(Crash):
        replica.branch.run_round(options)


def op_resend(world: World, replica: w.Replica, pick: int) -> None:
    """Forget that entries were sent and what was pulled: everything travels twice."""
    if replica.branch is None:
        return
    log = ChangeLogEntry.__table__
    with replica.engine.begin() as connection:
        connection.execute(
            update(log).where(log.c.site_code == replica.name).values(pushed_at=None)
        )
        connection.execute(text("UPDATE replica_state SET pull_cursor = '0'"))
    op_sync(world, replica, pick * 2, batch=100)  # even: no crash


def op_clock_jump(world: World, replica: w.Replica, pick: int) -> None:
    """A workstation's clock is set wrong (or right again) while it works offline."""
    if replica.name in world.clocks:
        world.clocks[replica.name].offset = SKEWS[pick % len(SKEWS)]


OPERATIONS: dict[str, Callable[[World, w.Replica, int], None]] = {
    "clock_jump": op_clock_jump,
    "record": op_record,
    "transfer": op_transfer,
    "note": op_note,
    "inbound": op_inbound,
    "progress": op_progress,
    "rename": op_rename,
    "again": op_again,
    "merge": op_merge,
    "undo_merge": op_undo_merge,
    "sync": op_sync,
    "resend": op_resend,
}


def build(
    admin_url: str, template: str, sqlite_template: Path, folder: Path, skews: list[timedelta]
) -> World:
    name = f"cd_prop_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    admin.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    central = w.open_central(url, folder / "central", list(SITES))
    branches = []
    clocks = {}
    for site, skew in zip(SITES, skews, strict=True):
        (folder / site).mkdir(parents=True)
        shutil.copyfile(sqlite_template, folder / site / "complaintdesk.db")
        clocks[site] = SkewedClock(skew)
        branches.append(w.make_branch(url, folder / site, site, clocks[site]))
    return World(central, branches, clocks)


def drop(world: World, admin_url: str) -> None:
    name = world.central.engine.url.database
    for replica in world.replicas:
        replica.engine.dispose()
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def settle_everything(world: World) -> None:
    """Rounds without faults until nothing moves any more."""
    for _ in range(4):
        moved = 0
        for branch in world.branches:
            assert branch.branch is not None
            result = branch.branch.run_round()
            moved += result.pushed + result.pulled
            assert result.pending == 0
        if not moved:
            return
    raise AssertionError("sync rounds never came to rest")


step = st.tuples(st.sampled_from(sorted(OPERATIONS)), st.integers(0, 3), st.integers(0, 10_000))
skews = st.lists(st.sampled_from(SKEWS), min_size=len(SITES), max_size=len(SITES))


def events_before_their_complaint(replica: w.Replica) -> list[str]:
    """Messages and milestones dated before the complaint they belong to."""
    found = []
    with replica.engine.connect() as connection:
        complaints = {
            row.id: row
            for row in connection.execute(select(Complaint.__table__))  # every milestone
        }
        for message in connection.execute(select(Message.__table__)):
            complaint = complaints.get(message.complaint_id)
            if complaint is not None and message.occurred_at < complaint.received_at:
                found.append(f"message {message.id} of {complaint.reference}")
        for complaint in complaints.values():
            for name in MILESTONES:
                when = getattr(complaint, name)
                if when is not None and when < complaint.received_at:
                    found.append(f"{name} of {complaint.reference}")
    return found


def stamps_from_the_future(central: w.Replica) -> list[int]:
    """Stamps at the central server further ahead of its clock than the tolerance."""
    bound = future_bound(milliseconds(datetime.now(UTC)), TOLERANCE_MS)
    log = ChangeLogEntry.__table__.c
    with central.engine.connect() as connection:
        found = list(connection.scalars(select(log.hlc).where(log.hlc > bound)))
        clock = connection.scalar(text("SELECT hlc_last FROM replica_state"))
    return [*found, *([clock] if clock and clock > bound else [])]


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=8, max_size=30), clocks=skews)
@example(  # one grievance told twice: merged on a branch, synced, undone, merged again
    steps=[
        ("again", 1, 0),
        ("merge", 1, 0),
        ("sync", 1, 2),
        ("note", 0, 0),
        ("undo_merge", 1, 0),
        ("sync", 1, 4),
        ("merge", 1, 1),
        ("transfer", 1, 1),
        ("sync", 2, 6),
        ("sync", 1, 8),
    ],
    clocks=[timedelta(0)] * len(SITES),
)
@example(  # head office merges its complaint into a shop's one of the same customer, undoes it
    steps=[
        ("sync", 1, 0),
        ("again", 0, 0),
        ("merge", 0, 0),
        ("sync", 1, 2),
        ("undo_merge", 0, 0),
        ("sync", 1, 4),
    ],
    clocks=[timedelta(0)] * len(SITES),
)
def test_replicas_converge_whatever_the_order_duplicates_crashes_and_clocks(
    postgres_admin_url: str,
    postgres_template: str,
    sqlite_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    steps: list[tuple[str, int, int]],
    clocks: list[timedelta],
) -> None:
    folder = tmp_path_factory.mktemp("world")
    world = build(postgres_admin_url, postgres_template, sqlite_template, folder, clocks)
    try:
        op_record(world, world.branches[0], 0)
        for name, where, pick in steps:
            # A rule may refuse an operation (an illegal move): then nothing was made.
            with contextlib.suppress(ComplaintDeskError):
                OPERATIONS[name](world, world.replicas[where], pick)
        settle_everything(world)
        for branch in world.branches:
            assert w.differences(world.central.engine, branch.engine) == {}, branch.name
        with world.central.engine.connect() as connection:
            complaints = set(connection.scalars(select(Complaint.id)))
            messages = set(connection.scalars(select(Message.id)))
        assert set(world.complaints) <= complaints
        assert set(world.messages) <= messages
        for replica in world.replicas:
            assert events_before_their_complaint(replica) == [], replica.name
        assert stamps_from_the_future(world.central) == []
    finally:
        drop(world, postgres_admin_url)

"""Sync benchmark (DESIGN.md section 10: 50,000 offline changes synced in under 20 s).

    python -m tests.benchmarks.bench_sync [--changes 50000] [--workstations 20]
        [--per-workstation 60] [--admin-url URL]

1. One branch records complaints and notes through the services while offline until it
   holds ``--changes`` change-log entries, then one sync round sends them to the central
   PostgreSQL server (timed) and a second round must send nothing.
2. ``--workstations`` branches (one site each) record work offline, then all sync at
   the same time, on threads, twice; the central server must hold every entry exactly
   once, and every branch its own site's part and nothing of the other sites' customers.

PostgreSQL comes from ``--admin-url`` (a server where databases may be created) or is
started with ``pgserver``. Nothing here is a test: the figures go to the README.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, func, make_url, select, text

from complaintdesk.services.admin import passwords
from complaintdesk.storage import schema
from complaintdesk.storage.database import create_database_engine
from complaintdesk.storage.models import ChangeLogEntry, Complaint, Site
from tests.support import sync_world as w

LOG = ChangeLogEntry.__table__


@contextmanager
def postgres(admin_url: str | None) -> Iterator[str]:
    """Yield an admin URL: the given one, or a server started for this run."""
    if admin_url:
        yield admin_url
        return
    import pgserver

    folder = Path(tempfile.mkdtemp(prefix="complaintdesk-bench-pg-"))
    server = pgserver.get_server(folder, cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()


def new_central(admin_url: str) -> str:
    """A new database migrated to head; return its URL."""
    name = f"cd_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = create_database_engine(url)
    schema.upgrade(engine)
    engine.dispose()
    return url


def entries(engine: Engine, site: str | None = None) -> int:
    query = select(func.count()).select_from(LOG)
    if site is not None:
        query = query.where(LOG.c.site_code == site)
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def _complaints(engine: Engine, site: str | None = None) -> set[uuid.UUID]:
    """The complaints a database holds (of one site)."""
    query = select(Complaint.id)
    if site is not None:
        query = query.join(Site, Site.id == Complaint.site_id).where(Site.code == site)
    with engine.connect() as connection:
        return set(connection.scalars(query))


def offline_work(replica: w.Replica, changes: int) -> int:
    """Record complaints with notes until ``changes`` entries wait; return complaints made."""
    login = f"clerk-{replica.name.lower()}"
    made = 0
    while entries(replica.engine, replica.name) < changes:
        for _ in range(50):
            complaint = w.record_complaint(
                replica, login, f"Card problem {made}", f"b{made}-{replica.name}@example.org"
            )
            w.note(replica, login, complaint, "Customer called back; card re-ordered.")
            made += 1
    return made


def bench_offline(admin_url: str, folder: Path, changes: int) -> dict[str, Any]:
    url = new_central(admin_url)
    central = w.open_central(url, folder / "central", ["PAR"])
    branch = w.make_branch(url, folder / "PAR", "PAR")
    started = time.perf_counter()
    complaints = offline_work(branch, changes)
    recorded = time.perf_counter() - started
    waiting = entries(branch.engine, "PAR")
    assert branch.branch is not None
    started = time.perf_counter()
    first = branch.branch.run_round()
    seconds = time.perf_counter() - started
    second = branch.branch.run_round()
    figures = {
        "changes": waiting,
        "complaints": complaints,
        "record_offline_s": round(recorded, 1),
        "sync_s": round(seconds, 1),
        "changes_per_s": round(first.pushed / seconds),
        "pushed": first.pushed,
        "on_central": entries(central.engine, "PAR"),
        "second_round_pushed": second.pushed,
        "target_met": seconds < 20 and first.pushed == waiting and second.pushed == 0,
    }
    for replica in (central, branch):
        replica.engine.dispose()
    return figures


def bench_workstations(admin_url: str, folder: Path, count: int, each: int) -> dict[str, Any]:
    sites = [f"S{n:02d}" for n in range(1, count + 1)]
    url = new_central(admin_url)
    central = w.open_central(url, folder / "central20", sites)
    branches = [w.make_branch(url, folder / site, site) for site in sites]
    for branch in branches:
        offline_work(branch, each)
    made = {b.name: entries(b.engine, b.name) for b in branches}
    timings: list[float] = []
    lock = threading.Lock()

    def one_round(branch: w.Replica) -> None:
        assert branch.branch is not None
        started = time.perf_counter()
        branch.branch.run_round()
        with lock:
            timings.append(time.perf_counter() - started)

    started = time.perf_counter()
    for _ in range(2):  # the second round brings everyone what the others sent
        with ThreadPoolExecutor(max_workers=count) as pool:
            list(pool.map(one_round, branches))
    wall = time.perf_counter() - started
    with central.engine.connect() as connection:
        ids = set(connection.scalars(select(LOG.c.id)))
    lost = sum(made[s] - entries(central.engine, s) for s in sites)
    own_part = all(
        _complaints(central.engine, b.name) == _complaints(b.engine, b.name)
        and _complaints(b.engine) == _complaints(b.engine, b.name)
        for b in branches
    )
    figures = {
        "workstations": count,
        "changes_made": sum(made.values()),
        "two_concurrent_rounds_s": round(wall, 1),
        "slowest_round_s": round(max(timings), 1),
        "central_entries": len(ids),
        "lost": lost,
        "duplicated": entries(central.engine) - len(ids),
        "every_branch_holds_its_part_and_no_other": own_part,
    }
    for replica in (central, *branches):
        replica.engine.dispose()
    return figures


def main() -> None:
    """Run both scenarios and print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=50_000)
    parser.add_argument("--workstations", type=int, default=20)
    parser.add_argument("--per-workstation", type=int, default=60, metavar="CHANGES")
    parser.add_argument("--admin-url", metavar="URL")
    args = parser.parse_args()
    # Sign-in hashing is not what is measured: the cheapest argon2 cost, as the tests use.
    from argon2 import PasswordHasher

    passwords._HASHER = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    folder = Path(tempfile.mkdtemp(prefix="complaintdesk-bench-sync-"))
    with postgres(args.admin_url) as admin_url:
        figures = {
            "offline": bench_offline(admin_url, folder, args.changes),
            "concurrent": bench_workstations(
                admin_url, folder, args.workstations, args.per_workstation
            ),
        }
    print(json.dumps(figures, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()

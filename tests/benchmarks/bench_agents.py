"""Many agents on one central PostgreSQL server (DESIGN.md section 10, online row).

    python -m tests.benchmarks.bench_agents [--complaints 100000] [--agents 5,10,20,50]
        [--seconds 60] [--think 2] [--server-dir DIR | --admin-url URL] [--tag NAME]
        [--out FILE.json]

A database of ``--complaints`` demo complaints is seeded once as a template (kept in the
server under a name with ``--tag``, so runs of two versions of the code each seed their own).
For each number of agents, a fresh copy of it is made and that many agents, each a separate
process signed in as its own user, work at once for ``--seconds``: open a queue's first page
(their own, the team's, all open; a sort picked at random), search, take an unowned complaint,
answer a customer on one they own, transfer one to a colleague, record a new complaint (half
of them for a customer already known). Between two actions an agent pauses ``--think``
seconds on average (exponentially distributed; 0 for agents who never pause — the
saturation run). A person works at an action every 10 to 60 seconds, so the default of 2 s
makes each bench agent five to thirty people. Every action is timed as the person waits for
it (the service call, with the retry a deadlock gets); refusals a person understands
("someone else took it first") are counted apart from errors.

Afterwards every response an agent was told was recorded must be there exactly once and every
complaint's owner must be the one of the last change that succeeded on it: "lost" counts what
is not. The machine's load (``uptime``) is written beside each figure. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, select, text

PASSWORD = "bench-agent-password"
TEAM = "care-hq"
MAX_AGENTS = 200
ACTIONS = (
    ("queue", 30),
    ("search", 15),
    ("take", 15),
    ("respond", 15),
    ("transfer", 10),
    ("record", 15),
)
PRELOAD = [
    "tests.benchmarks.bench_agents",
    "complaintdesk.app",
    "complaintdesk.services.insight.queues",
    "complaintdesk.services.insight.search",
    "complaintdesk.services.complaints.intake",
    "complaintdesk.services.complaints.messages",
    "complaintdesk.services.complaints.ownership",
    "psycopg",
]
"""What the agents' processes share, imported once before they fork."""
SORTS = ("due", "received", "priority", "customer", "status")
WORDS = ("refund", "remboursement", "card blocked", "Martin", "late delivery", "facture")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--agents", default="5,10,20,50")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=2.0, help="mean pause between actions")
    parser.add_argument("--admin-url", help="a PostgreSQL server where databases may be created")
    parser.add_argument(
        "--server-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "complaintdesk-bench-agents-pg",
        help="pgserver's data folder, kept between runs (ignored with --admin-url)",
    )
    parser.add_argument("--tag", default="current", help="names this code's seeded template")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    # Every agent hashes its audit events with the installation's key, as deployed.
    os.environ.setdefault("COMPLAINTDESK_AUDIT_KEY", "5a" * 32)
    admin_url = args.admin_url or _server(args.server_dir)
    template = _template(admin_url, args.complaints, args.tag)
    runs = [
        _run(admin_url, template, int(n), args.seconds, args.think)
        for n in args.agents.split(",")
        if n.strip()
    ]
    figures = {
        "complaints": args.complaints,
        "seconds": args.seconds,
        "think_seconds": args.think,
        "server_settings": SERVER_SETTINGS,
        "tag": args.tag,
        "runs": runs,
    }
    text_out = json.dumps(figures, indent=2)
    print(text_out)
    if args.out:
        args.out.write_text(text_out)


SERVER_SETTINGS = {
    "max_connections": "600",
    "shared_buffers": "4GB",
    "effective_cache_size": "12GB",
    "work_mem": "16MB",
    "random_page_cost": "1.1",
    "max_wal_size": "8GB",
}
"""A central server configured as one would be for a million complaints (this machine: 23 GB
of memory, an SSD): PostgreSQL's defaults (128 MB of shared buffers) suit a laptop."""


def _server(folder: Path) -> str:
    import pgserver

    folder.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(folder, cleanup_mode=None)
    admin = create_engine(server.get_uri(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name, value in SERVER_SETTINGS.items():
            connection.execute(text(f"ALTER SYSTEM SET {name} = '{value}'"))
        connection.execute(text("SELECT pg_reload_conf()"))
        time.sleep(1)  # the server reads its files again in the background
        restart = connection.scalar(text("SELECT count(*) FROM pg_settings WHERE pending_restart"))
    admin.dispose()
    if restart:  # stop it (fast shutdown); pgserver starts it again with the new settings
        pid = server.get_pid()
        if pid is not None:
            os.kill(pid, 2)
            while _alive(pid):
                time.sleep(0.2)
        server.ensure_postgres_running()
    uri: str = server.get_uri()
    return uri


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _url(admin_url: str, name: str) -> str:
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def _load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def _template(admin_url: str, complaints: int, tag: str) -> str:
    """Seed the template database once (demo data, plus 50 agents of the bench)."""
    name = f"cd_agents_{complaints}_{tag}".replace("-", "_")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        )
        if exists:
            admin.dispose()
            _upgrade(_url(admin_url, name))  # seeded by an earlier version of the code
            return name
        connection.execute(text(f"CREATE DATABASE {name}_partial"))
    started = time.perf_counter()
    _seed(_url(admin_url, f"{name}_partial"), complaints)
    with admin.connect() as connection:
        connection.execute(text(f"ALTER DATABASE {name}_partial RENAME TO {name}"))
    admin.dispose()
    print(
        f"seeded {complaints} complaints in {time.perf_counter() - started:.0f} s", file=sys.stderr
    )
    return name


def _upgrade(url: str) -> None:
    from complaintdesk.storage import schema
    from complaintdesk.storage.database import create_database_engine

    engine = create_database_engine(url)
    try:
        if schema.current_revision(engine) != schema.HEAD:
            schema.upgrade(engine)
    finally:
        engine.dispose()


def _seed(url: str, complaints: int) -> None:
    from complaintdesk.app import Settings, open_backend
    from complaintdesk.demo import seed
    from complaintdesk.domain.vocabulary import Role
    from complaintdesk.services.admin import users
    from complaintdesk.services.context import ServiceContext
    from complaintdesk.storage import schema
    from complaintdesk.storage.database import create_database_engine
    from tests.conftest import command_line_actor

    engine = create_database_engine(url)
    schema.upgrade(engine)
    engine.dispose()
    _cheap_hashing()
    with tempfile.TemporaryDirectory() as folder:
        backend = open_backend(Settings(url, Path(folder)))
        try:
            started = time.perf_counter()
            seed.seed(backend.uow, complaints=complaints, seed=1)
            print(f"demo seed: {time.perf_counter() - started:.0f} s", file=sys.stderr)
            ctx = ServiceContext(backend.uow, command_line_actor())
            for number in range(1, MAX_AGENTS + 1):
                users.add_user(
                    ctx, _login(number), PASSWORD, role=Role.AGENT, site_code="HQ", team_queue=TEAM
                )
        finally:
            backend.close()
        engine = create_database_engine(url)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            # A team queue to take from: a fifth of the open complaints wait unowned in it.
            connection.execute(
                text(
                    "UPDATE complaint SET owner_id = NULL, team_queue = :team "
                    "WHERE is_open AND random() < 0.2"
                ),
                {"team": TEAM},
            )
            connection.execute(text("VACUUM ANALYZE"))
        engine.dispose()


def _cheap_hashing() -> None:
    """Argon2 at its lowest cost: the bench measures the database, not password hashing."""
    from argon2 import PasswordHasher

    from complaintdesk.services.admin import passwords

    passwords._HASHER = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


def _login(number: int) -> str:
    return f"bench{number:03d}"


def _run(
    admin_url: str, template: str, agents: int, seconds: float, think: float
) -> dict[str, Any]:
    name = f"cd_agents_run_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    url = _url(admin_url, name)
    try:
        load_before = _load()
        # Each agent its own process, forked from one that imported the code once: 200
        # agents then share the modules' memory (a spawned agent costs 95 MB on its own).
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        start_at = time.time() + 10 + agents * 0.8  # every agent signed in and warm by then
        with context.Pool(agents) as pool:
            jobs = [
                pool.apply_async(agent, (url, _login(n), start_at, seconds, n, think))
                for n in range(1, agents + 1)
            ]
            logs = [job.get() for job in jobs]
        load_after = _load()
        lost = _lost_updates(url, logs)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
    return _summary(agents, seconds, logs, lost, load_before, load_after)


def _summary(
    agents: int,
    seconds: float,
    logs: list[dict[str, Any]],
    lost: dict[str, int],
    load_before: str,
    load_after: str,
) -> dict[str, Any]:
    samples: dict[str, list[float]] = {}
    outcomes: Counter[str] = Counter()
    messages: Counter[str] = Counter()
    for log in logs:
        for action, ms, outcome, message in log["actions"]:
            outcomes[outcome] += 1
            if outcome == "ok":
                samples.setdefault(action, []).append(ms)
            elif outcome not in ("ok", "refused", "concurrent"):
                said = message.strip().splitlines()[-1] if outcome == "crash" else message
                messages[f"{outcome}: {said[:200]}"] += 1
    every = [ms for values in samples.values() for ms in values]
    done = sum(len(v) for v in samples.values())
    return {
        "agents": agents,
        "actions_done": done,
        "actions_per_second": round(done / seconds, 1),
        "p50_ms": _pct(every, 50),
        "p95_ms": _pct(every, 95),
        "per_action": {
            a: {
                "n": len(v),
                "p50_ms": _pct(v, 50),
                "p95_ms": _pct(v, 95),
                "max_ms": round(max(v), 1),
            }
            for a, v in sorted(samples.items())
        },
        "outcomes": dict(outcomes),
        "error_rate": round(
            sum(n for k, n in outcomes.items() if k not in ("ok", "refused", "concurrent"))
            / max(1, sum(outcomes.values())),
            4,
        ),
        "errors": dict(messages.most_common(8)),
        "lost": lost,
        "load_before": load_before,
        "load_after": load_after,
    }


def _pct(values: list[float], q: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 1)


def _lost_updates(url: str, logs: list[dict[str, Any]]) -> dict[str, int]:
    """Responses told recorded but missing or doubled; owners not the last change's."""
    from complaintdesk.storage.models import Complaint, Message

    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    told = [m for log in logs for m in log["responses"]]
    owners: dict[str, tuple[int, str]] = {}
    for log in logs:
        for complaint_id, version, owner in log["owners"]:
            if complaint_id not in owners or owners[complaint_id][0] < version:
                owners[complaint_id] = (version, owner)
    with engine.connect() as connection:
        found = Counter(
            str(i)
            for i in connection.scalars(
                select(Message.id).where(Message.id.in_([uuid.UUID(m) for m in told]))
            )
        )
        actual = {
            str(i): str(o)
            for i, o in connection.execute(
                select(Complaint.id, Complaint.owner_id).where(
                    Complaint.id.in_([uuid.UUID(c) for c in owners])
                )
            )
        }
    engine.dispose()
    return {
        "responses_told": len(told),
        "responses_missing": sum(1 for m in told if found[m] != 1),
        "owners_checked": len(owners),
        "owners_wrong": sum(1 for c, (_v, o) in owners.items() if actual.get(c) != o),
    }


def agent(
    url: str, login: str, start_at: float, seconds: float, number: int, think: float
) -> dict[str, Any]:
    """One agent's process: sign in, then work until the time is up."""
    try:
        return _Agent(url, login, number, think).work(start_at, seconds)
    except Exception:  # the parent prints it: a crash must not look like a quiet agent
        return {
            "actions": [("crash", 0.0, "crash", traceback.format_exc())],
            "responses": [],
            "owners": [],
        }


class _Agent:
    def __init__(self, url: str, login: str, number: int, think: float) -> None:
        from complaintdesk.app import Settings, open_backend
        from complaintdesk.services.admin import auth
        from complaintdesk.services.context import ServiceContext

        _cheap_hashing()
        self.folder = tempfile.mkdtemp(prefix="bench-agent-")
        self.backend = open_backend(Settings(url, Path(self.folder)))
        actor = auth.sign_in(self.backend.uow, login, PASSWORD)
        self.ctx = ServiceContext(self.backend.uow, actor)
        self.me = str(actor.user_id)
        self.random = random.Random(number)
        self.number = number
        self.think = think
        self.mine: list[uuid.UUID] = []
        self.log: dict[str, Any] = {"actions": [], "responses": [], "owners": []}
        self._load_choices()

    def _load_choices(self) -> None:
        from complaintdesk.storage.models import Complaint, ContactPoint, User

        with self.backend.uow() as uow:
            self.unowned = list(
                uow.scalars(
                    select(Complaint.id)
                    .where(Complaint.owner_id.is_(None), Complaint.is_open.is_(True))
                    .limit(20_000)
                )
            )
            self.colleagues = list(
                uow.scalars(select(User.id).where(User.login.like("bench%"), User.id != self.me))
            )
            self.emails = list(
                uow.scalars(
                    select(ContactPoint.value).where(ContactPoint.kind == "email").limit(5000)
                )
            )
        self.random.shuffle(self.unowned)

    def work(self, start_at: float, seconds: float) -> dict[str, Any]:
        self._warm_up()
        time.sleep(max(0.0, start_at - time.time()))
        deadline = start_at + seconds
        names = [a for a, _w in ACTIONS]
        weights = [w for _a, w in ACTIONS]
        while time.time() < deadline:
            action = self.random.choices(names, weights)[0]
            if action in ("respond", "transfer") and not self.mine:
                action = "take"
            self._act(action)
            if self.think > 0:
                pause = self.random.expovariate(1 / self.think)
                time.sleep(max(0.0, min(pause, deadline - time.time())))
        self.backend.close()
        return self.log

    def _warm_up(self) -> None:
        """Each kind of action once, untimed, before the start: a person's window has been
        open for a while, its code imported and its statements compiled (a fresh process
        takes 100-300 ms over each first one)."""
        for action in ("queue", "search", "take", "respond", "transfer", "record"):
            self._act(action)
        self.log["actions"].clear()

    def _act(self, action: str) -> None:
        from complaintdesk.domain.errors import ComplaintDeskError, ConcurrentEditError

        call = getattr(self, f"_{action}")
        prepared = call()
        if prepared is None:
            return
        work, after = prepared
        started = time.perf_counter()
        try:
            result = _retrying(work)
        except ConcurrentEditError as error:
            outcome, message = "concurrent", str(error)
        except ComplaintDeskError as error:
            outcome, message = _kind(error), str(error)
        except Exception as error:  # a bug or a raw driver error: what the person would see
            outcome, message = "crash", f"{type(error).__name__}: {error}"
        else:
            outcome, message = "ok", ""
        ms = (time.perf_counter() - started) * 1000
        self.log["actions"].append((action, ms, outcome, message))
        if outcome == "ok":
            after(result)

    def _version(self, complaint_id: uuid.UUID) -> int:
        from complaintdesk.storage.models import Complaint

        with self.backend.uow() as uow:
            complaint = uow.get(Complaint, complaint_id)
            assert complaint is not None
            return complaint.version

    def _queue(self) -> Any:
        from complaintdesk.services.insight import queues
        from complaintdesk.services.read_models import QueueKind, QueueRequest, SortKey

        kind = self.random.choice((QueueKind.MINE, QueueKind.TEAM, QueueKind.ALL_OPEN))
        request = QueueRequest(
            kind, SortKey(self.random.choice(SORTS)), descending=self.random.random() < 0.3
        )
        return (lambda: queues.page(self.ctx, request)), lambda _page: None

    def _search(self) -> Any:
        from complaintdesk.services.insight import search

        words = self.random.choice(WORDS)
        return (lambda: search.search(self.ctx, words)), lambda _rows: None

    def _take(self) -> Any:
        from complaintdesk.services.complaints import ownership

        if not self.unowned:
            return None
        # Agents pick from the same team queue: now and then two pick the same complaint.
        complaint_id = self.unowned.pop(self.random.randrange(min(len(self.unowned), 50)))
        version = self._version(complaint_id)

        def after(new_version: int) -> None:
            self.mine.append(complaint_id)
            self.log["owners"].append((str(complaint_id), new_version, self.me))

        return (lambda: ownership.take(self.ctx, complaint_id, version)), after

    def _respond(self) -> Any:
        from complaintdesk.domain.vocabulary import Channel
        from complaintdesk.services.complaints import messages

        complaint_id = self.random.choice(self.mine)
        version = self._version(complaint_id)

        def work() -> Any:
            return messages.record_response(
                self.ctx, complaint_id, Channel.PHONE, "We refunded the fee today.", version
            )

        return work, lambda message_id: self.log["responses"].append(str(message_id))

    def _transfer(self) -> Any:
        from complaintdesk.services.complaints import ownership

        complaint_id = self.mine.pop(self.random.randrange(len(self.mine)))
        colleague = self.random.choice(self.colleagues)
        version = self._version(complaint_id)

        def work() -> int:
            return ownership.transfer(self.ctx, complaint_id, colleague, "Your area.", version)

        def after(new_version: int) -> None:
            self.log["owners"].append((str(complaint_id), new_version, str(colleague)))

        return work, after

    def _record(self) -> Any:
        from complaintdesk.domain.vocabulary import Channel, ContactKind
        from complaintdesk.services.complaints import intake
        from complaintdesk.services.customers.matching import CustomerInput

        if self.random.random() < 0.5 and self.emails:
            email = self.random.choice(self.emails)
        else:
            email = f"new-{self.number}-{uuid.uuid4().hex[:10]}@bench.example"
        new = intake.NewComplaint(
            channel=Channel.PHONE,
            subject="Charged twice for one order",
            description="The customer was charged twice and calls about it.",
            customer=CustomerInput(
                display_name="Bench Customer", contacts=[(ContactKind.EMAIL, email)]
            ),
        )

        def after(result: Any) -> None:
            if str(result.owner_id) == self.me:
                self.mine.append(result.complaint_id)

        return (lambda: intake.record_complaint(self.ctx, new)), after


def _retrying(work: Any) -> Any:
    """Run a service call the way the GUI does (with its retry of a deadlock)."""
    from complaintdesk.services.context import retrying

    return retrying(work)


def _kind(error: Exception) -> str:
    from complaintdesk.domain.errors import DatabaseError, ValidationError

    words = str(error).lower()
    if "deadlock" in words:
        return "deadlock"
    if "cannot reach the database server" in words:
        return "unreachable"
    if isinstance(error, ValidationError):
        return "refused"
    if isinstance(error, DatabaseError):
        return "database"
    return "refused" if "owns" in words or "taken" in words else type(error).__name__


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main()

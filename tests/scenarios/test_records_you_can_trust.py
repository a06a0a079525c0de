"""Records you can trust on a multi-site installation (issue 16, its records half).

A real central PostgreSQL server, a branch shop on SQLite, the real command line and real
processes for what many workstations do at once:

- six workstations open a new central database at the same moment;
- an administrator signs the command line in, and what it does is audited under her name;
- ten wrong passwords typed at once from ten processes lock the account;
- agents in separate processes take, answer and record at once: no lost update, and no
  deadlock ever reaches a person (nor the words "Cannot reach the database server");
- every tampering of the audit trail the issue names shows in ``audit verify``: the last
  events cut, a whole (branch) chain deleted, an event an erasure redacted edited again, an
  edit re-hashed with the key itself;
- the central server is upgraded while a client works: the upgrade waits for it and says so,
  the client's work is kept, and the client then knows it is read-only.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, delete, func, make_url, select, text, update

from complaintdesk import cli
from complaintdesk.app import Settings, open_backend
from complaintdesk.domain import audit
from complaintdesk.domain.errors import SchemaChanged
from complaintdesk.domain.vocabulary import Role, SiteKind
from complaintdesk.services.admin import organisation, users
from complaintdesk.services.complaints import messages
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.replicas import change_watch
from complaintdesk.storage import schema
from complaintdesk.storage.database import create_database_engine, sqlite_url
from complaintdesk.storage.journal.audit_keys import parse_key
from complaintdesk.storage.models import AuditChain, AuditEvent, Complaint, Message, User
from complaintdesk.storage.unit_of_work import audit_fields
from tests.conftest import TEST_AUDIT_KEY
from tests.support import parallel
from tests.support import sync_world as w

pytestmark = pytest.mark.postgres
ADMIN_PASSWORD = "ada's long password"
AGENT_PASSWORD = "agents' long password"


@dataclass
class Installation:
    """The central server as its administrator set it up, through the command line."""

    url: str
    data_dir: Path
    admin_url: str

    def engine(self) -> Engine:
        return create_database_engine(self.url)


def complaintdesk(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    """Run the command line in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), out, err
    try:
        code = cli.run(list(argv))
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def central(
    fresh_postgres_url: str, postgres_admin_url: str, data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Installation:  # fmt: skip
    """A new central database: migrated, opened by six workstations at once, an administrator
    signed in on the command line, agents and a Paris shop added by her."""
    code, _out, err = complaintdesk("--database", fresh_postgres_url, "db", "upgrade")
    assert code == 0, err
    folders = [(fresh_postgres_url, str(data_dir.parent / f"desk-{n}")) for n in range(6)]
    assert parallel.at_once(parallel.first_start, folders) == ["ok"] * 6
    where = ("--database", fresh_postgres_url)
    add = ("user", "add", "ada", "--role", "admin", "--site", "HQ", *where)
    assert complaintdesk(*add, stdin=ADMIN_PASSWORD)[0] == 0  # the first run: no sign-in yet
    code, out, err = complaintdesk("login", "--user", "ada", "--print-token", "--json", *where,
                                   stdin=ADMIN_PASSWORD)  # fmt: skip
    assert code == 0, err
    monkeypatch.setenv("COMPLAINTDESK_TOKEN", json.loads(out)["token"])
    for n in range(1, 5):
        agent = ("user", "add", f"agent{n}", "--role", "agent", "--site", "HQ", "--team", "care")
        assert complaintdesk(*agent, *where, stdin=AGENT_PASSWORD)[0] == 0
    backend = open_backend(Settings(fresh_postgres_url, data_dir))
    ctx = ServiceContext(backend.uow, w.actors(backend)["ada"])
    organisation.add_site(ctx, "PAR", "Paris shop", SiteKind.BRANCH, "Europe/Paris")
    users.add_user(ctx, "clerk-par", AGENT_PASSWORD, role=Role.BRANCH_CLERK, site_code="PAR")
    organisation.add_root_cause(ctx, w.ROOT_CAUSE, "Process failure", None)
    backend.close()
    return Installation(fresh_postgres_url, data_dir, postgres_admin_url)


def _count(engine: Engine, statement: Any) -> int:
    with engine.connect() as connection:
        return int(connection.execute(statement).scalar_one())


def test_a_new_central_server_opened_by_six_workstations_at_once_is_set_up_once(
    central: Installation,
) -> None:
    engine = central.engine()
    try:
        assert _count(engine, text("SELECT count(*) FROM site WHERE code = 'HQ'")) == 1
        assert _count(engine, text("SELECT count(*) FROM replica_state")) == 1
        assert _count(engine, text("SELECT count(*) FROM audit_key")) == 1
        with engine.connect() as connection:
            added = dict(
                connection.execute(
                    select(AuditEvent.entity_id, AuditEvent.login).where(
                        AuditEvent.action == "user_added"
                    )
                ).all()
            )
            logins = dict(connection.execute(select(User.id, User.login)).all())
        by = {logins[user]: who for user, who in added.items()}
        assert by["ada"] == "first-run"
        assert {by[f"agent{n}"] for n in range(1, 5)} == {"ada"}  # never an unnamed `cli`
    finally:
        engine.dispose()


def test_ten_wrong_passwords_typed_at_once_lock_the_account(central: Installation) -> None:
    answers = parallel.at_once(parallel.wrong_password, [(central.url, "agent1")] * 10)

    assert set(answers) <= {
        "Unknown login or wrong password.",
        "This account is locked after repeated failures; try again later.",
    }
    engine = central.engine()
    try:
        with engine.connect() as connection:
            failures, locked_until = connection.execute(
                select(User.failed_sign_ins, User.locked_until).where(User.login == "agent1")
            ).one()
    finally:
        engine.dispose()
    # Each attempt was counted, or refused because the account was locked by then.
    assert failures + sum("locked" in a for a in answers) == 10
    assert locked_until is not None
    code, _out, err = complaintdesk(
        "login", "--user", "agent1", "--database", central.url, stdin=AGENT_PASSWORD
    )
    assert code == 1
    assert "locked" in err


def _open_complaints(central: Installation, count: int) -> list[str]:
    backend = open_backend(Settings(central.url, central.data_dir))
    replica = w.Replica("central", backend, w.actors(backend))
    made = [
        str(w.record_complaint(replica, "ada", f"Case {n}", f"case{n}@example.org", site="HQ"))
        for n in range(count)
    ]
    with backend.engine.begin() as connection:  # they wait in the team queue, nobody's yet
        connection.execute(update(Complaint).values(owner_id=None, team_queue="care"))
    backend.close()
    return made


def test_agents_working_at_once_lose_nothing_and_never_meet_a_deadlock(
    central: Installation,
) -> None:
    shared = _open_complaints(central, 6)
    agents = [(central.url, f"agent{n}", AGENT_PASSWORD, shared, 12) for n in range(1, 5)]

    told = parallel.at_once(parallel.agent_at_work, agents)

    outcomes = Counter(kind for agent in told for _what, kind in agent["outcomes"])
    assert set(outcomes) <= {"ok", "refused"}, outcomes  # no error, no crash, no deadlock
    assert outcomes["ok"] >= 4 * 12  # every agent recorded every one of its complaints
    responses = [r for agent in told for r in agent["responses"]]
    last: dict[str, tuple[int, str]] = {}
    for complaint, version, owner in (c for agent in told for c in agent["changes"]):
        if complaint not in last or last[complaint][0] < version:
            last[complaint] = (version, owner)
    engine = central.engine()
    try:
        with engine.connect() as connection:
            stored = Counter(
                str(i)
                for i in connection.scalars(
                    select(Message.id).where(Message.id.in_([uuid.UUID(r) for r in responses]))
                )
            )
            owners = {
                str(i): str(o)
                for i, o in connection.execute(select(Complaint.id, Complaint.owner_id)).all()
            }
            customers = _count(
                engine,
                text(
                    "SELECT count(DISTINCT customer_id) FROM contact_point "
                    "WHERE value = 'everyone@example.org'"
                ),
            )
    finally:
        engine.dispose()
    assert all(stored[r] == 1 for r in responses)  # every answer an agent was told, once
    assert {c: owners[c] for c in last} == {c: o for c, (_v, o) in last.items()}
    assert customers == 1  # recorded for at once by four agents: still one customer


# --- the audit trail ------------------------------------------------------------------------


@pytest.fixture
def with_branch(central: Installation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Paris shop made a branch with the command line, its clerk's work synced twice."""
    shop = tmp_path / "paris"
    monkeypatch.setenv("COMPLAINTDESK_DATA_DIR", str(shop))
    code, _out, err = complaintdesk("branch", "init", "--central", central.url, "--site", "PAR")
    assert code == 0, err
    backend = open_backend(Settings(sqlite_url(shop / "complaintdesk.db"), shop))
    branch = w.Replica("PAR", backend, w.actors(backend))
    for n in range(3):
        w.record_complaint(branch, "clerk-par", f"At the counter {n}", f"shop{n}@example.org")
    backend.close()
    code, out, err = complaintdesk("login", "--user", "clerk-par", "--print-token", "--json",
                                   stdin=AGENT_PASSWORD)  # fmt: skip
    assert code == 0, err
    monkeypatch.setenv("COMPLAINTDESK_TOKEN", json.loads(out)["token"])
    assert complaintdesk("sync", "--json")[0] == 0
    return shop


def _as_ada(central: Installation, monkeypatch: pytest.MonkeyPatch) -> None:
    """The administrator signs the command line in on that database (a token for a script)."""
    code, out, err = complaintdesk(
        "--database", central.url, "login", "--user", "ada", "--print-token", "--json",
        stdin=ADMIN_PASSWORD,
    )  # fmt: skip
    assert code == 0, err
    monkeypatch.setenv("COMPLAINTDESK_TOKEN", json.loads(out)["token"])


def _verify(central: Installation, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    _as_ada(central, monkeypatch)
    code, out, err = complaintdesk("--database", central.url, "audit", "verify", "--json")
    assert code == 0, err
    summary: dict[str, Any] = json.loads(out)
    return summary


def _clone(central: Installation, name: str) -> Installation:
    """A copy of the central database as it is now, to tamper with."""
    admin = create_engine(central.admin_url, isolation_level="AUTOCOMMIT")
    source = make_url(central.url).database
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {source}"))
    admin.dispose()
    url = make_url(central.url).set(database=name).render_as_string(hide_password=False)
    return Installation(url, central.data_dir, central.admin_url)


def _drop(copy: Installation) -> None:
    admin = create_engine(copy.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(
            text(f"DROP DATABASE IF EXISTS {make_url(copy.url).database} WITH (FORCE)")
        )
    admin.dispose()


def _rehash(connection: Any, chain: str, key: bytes, start: int) -> None:
    """Recompute the hashes of ``chain`` from event ``start`` on, as a forger would."""
    previous = connection.scalar(
        select(AuditEvent.hash).where(AuditEvent.chain == chain, AuditEvent.seq == start - 1)
    )
    table = AuditEvent.__table__
    rows = connection.execute(
        select(AuditEvent)
        .where(AuditEvent.chain == chain, AuditEvent.seq >= start)
        .order_by(AuditEvent.seq)
    ).all()
    for row in rows:
        event = AuditEvent(**{c.key: getattr(row, c.key) for c in table.columns})  # type: ignore[attr-defined]
        event.prev_hash = previous
        digest = audit.event_hash(previous, audit_fields(event), key)
        connection.execute(
            update(AuditEvent)
            .where(AuditEvent.id == event.id)
            .values(prev_hash=previous, hash=digest)
        )
        previous = digest


def test_every_tampering_of_the_audit_trail_shows(
    central: Installation, with_branch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An erasure at central, then a verification that finds all well (and checkpoints).
    backend = open_backend(Settings(central.url, central.data_dir))
    replica = w.Replica("central", backend, w.actors(backend))
    gone = w.record_complaint(replica, "ada", "Please forget me", "forget@example.org", site="HQ")
    customer = w.customer_of(replica, gone)
    backend.close()
    _as_ada(central, monkeypatch)
    erase = ("privacy", "erase", str(customer), "--reason", "Art. 17")
    code, _out, err = complaintdesk("--database", central.url, *erase)
    assert code == 0, err
    intact = _verify(central, monkeypatch)
    assert (intact["ok"], intact["problems"], intact["unkeyed_events"]) == (True, [], 0)
    assert intact["anchors"] > 0
    assert intact["checkpoint"]
    branch_chains = [c for c in intact["chains"] if c.startswith("PAR.")]
    assert branch_chains, "the branch's chain reached the central server"

    cases = {
        "the last events cut": _cut_the_end,
        "a whole branch chain deleted": _delete_the_branch_chain,
        "a redacted event edited again": _edit_a_redacted_event,
        "an edit re-hashed with the key": _rehash_with_the_key,
    }
    for number, (name, tamper) in enumerate(cases.items()):
        copy = _clone(central, f"{make_url(central.url).database}_t{number}")
        try:
            engine = copy.engine()
            expected = tamper(engine)
            engine.dispose()
            found = _verify(copy, monkeypatch)
        finally:
            _drop(copy)
        chain, kinds = expected
        assert not found["ok"], name
        assert any(
            f"chain {chain}" in problem and any(kind in problem for kind in kinds)
            for problem in found["problems"]
        ), (name, found["problems"])


Found = tuple[str, tuple[str, ...]]
"""The chain tampered with, and what verify may say of it."""


def _cut_the_end(engine: Engine) -> Found:
    """The last two events of the shop's chain, as the central server holds it."""
    with engine.begin() as connection:
        chain, last = connection.execute(
            select(AuditEvent.chain, func.max(AuditEvent.seq))
            .where(AuditEvent.chain.like("PAR.%"))
            .group_by(AuditEvent.chain)
        ).one()
        cut = (AuditEvent.chain == chain) & (AuditEvent.seq >= last - 1)
        connection.execute(delete(AuditEvent).where(cut))
    return chain, (f"ends at event {last - 2}", "its last events were deleted")


def _delete_the_branch_chain(engine: Engine) -> Found:
    with engine.begin() as connection:
        chain = connection.scalar(select(AuditChain.name).where(AuditChain.name.like("PAR.%")))
        connection.execute(delete(AuditEvent).where(AuditEvent.chain == chain))
        connection.execute(delete(AuditChain).where(AuditChain.name == chain))
    return str(chain), ("is gone",)


def _edit_a_redacted_event(engine: Engine) -> Found:
    with engine.begin() as connection:
        erasure = connection.scalar(
            select(AuditEvent.after).where(AuditEvent.action == "customer_erased")
        )
        chain, seqs = next(iter(erasure["redacted_events"].items()))
        where = (AuditEvent.chain == chain) & (AuditEvent.seq == seqs[0])
        after = connection.scalar(select(AuditEvent.after).where(where)) or {}
        connection.execute(update(AuditEvent).where(where).values(after={**after, "x": "y"}))
    return chain, (f"event {seqs[0]} was changed after an erasure redacted it",)


def _rehash_with_the_key(engine: Engine) -> Found:
    """Someone holding the key edits the erasure's own event and re-hashes what follows."""
    with engine.begin() as connection:
        erasure = connection.execute(
            select(AuditEvent.id, AuditEvent.chain, AuditEvent.seq, AuditEvent.after).where(
                AuditEvent.action == "customer_erased"
            )
        ).one()
        connection.execute(
            update(AuditEvent)
            .where(AuditEvent.id == erasure.id)
            .values(after={**erasure.after, "reason": "Nobody asked"})
        )
        _rehash(connection, erasure.chain, parse_key(TEST_AUDIT_KEY), erasure.seq)
    return erasure.chain, ("was rewritten",)


# --- an upgrade while clients work ----------------------------------------------------------


def test_the_central_server_is_upgraded_while_a_client_works(
    central: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = central.engine()
    schema.downgrade(engine, "-1")  # the installation runs the previous version
    previous = schema.status(engine).current
    engine.dispose()
    client = open_backend(Settings(central.url, central.data_dir), upgrade=False)
    ctx = ServiceContext(client.uow, w.actors(client)["agent2"])
    complaint = _open_complaints_in(client)
    waiting_said = threading.Event()
    try:
        with client.uow(write=True) as uow:  # the client is in the middle of saving a note
            uow.audit("note_added", "complaint", complaint, user_id=None, login="agent2")
            uow.flush()
            with ThreadPoolExecutor(1) as pool:
                upgrade = pool.submit(_upgrade_saying_it_waits, central.url, waiting_said)
                assert waiting_said.wait(timeout=90), "the upgrade never said it waited"
                uow.commit()
                code, out, err = upgrade.result(timeout=180)
        assert code == 0, err
        assert f"To: {schema.HEAD}" in out.splitlines()
        assert "Traceback" not in err
        moved = change_watch.schema_moved(ctx, needed=previous or "")
        assert moved is not None  # the client knows at its next look (within 30 s)
        with pytest.raises(SchemaChanged, match="nothing more can be saved"):
            messages.add_note(ctx, complaint, "Saved after the upgrade?")
        with client.uow() as uow:
            kept = uow.scalars(select(AuditEvent.id).where(AuditEvent.action == "note_added"))
        assert len(kept) == 1  # the work under way when the upgrade came was kept
    finally:
        client.close()


def _open_complaints_in(backend: Any) -> uuid.UUID:
    replica = w.Replica("central", backend, w.actors(backend))
    return w.record_complaint(replica, "agent2", "Before the upgrade", "up@example.org")


def _upgrade_saying_it_waits(url: str, said: threading.Event) -> tuple[int, str, str]:
    """`complaintdesk db upgrade` in a process of its own, watching its stderr for the wait."""
    process = subprocess.Popen(
        [sys.executable, "-m", "complaintdesk", "--database", url, "db", "upgrade"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process_err: list[str] = []

    def watch() -> None:
        assert process.stderr is not None
        for chunk in iter(lambda: process.stderr.read(1), ""):  # type: ignore[union-attr]
            process_err.append(chunk)
            if "Waiting for the work in progress" in "".join(process_err):
                said.set()

    reader = threading.Thread(target=watch)
    reader.start()
    out = process.stdout.read() if process.stdout else ""
    process.wait(timeout=180)
    reader.join(timeout=10)
    return process.returncode, out, "".join(process_err)

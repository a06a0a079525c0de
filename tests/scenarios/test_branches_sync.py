"""Branch replicas and the central PostgreSQL server: init, push, pull, conflicts, faults."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from complaintdesk.domain.errors import ConcurrentEditError
from complaintdesk.domain.hlc import HybridTimestamp
from complaintdesk.services.admin import audit_trail
from complaintdesk.services.complaints import ownership
from complaintdesk.services.outbound import mailboxes
from complaintdesk.services.replicas import sync_conflicts
from complaintdesk.storage.models import Complaint, Customer
from complaintdesk.storage.secrets import Secrets
from complaintdesk.sync.errors import CentralUnreachable, SchemaMismatch
from complaintdesk.sync.rounds import Options
from tests.support import sync_world as w

pytestmark = pytest.mark.postgres


@pytest.fixture
def central(migrated_postgres_url: str, data_dir: Path) -> Iterator[w.Replica]:
    replica = w.open_central(migrated_postgres_url, data_dir, ["PAR", "LYO"])
    yield replica
    replica.engine.dispose()


@pytest.fixture
def branches(
    central: w.Replica, migrated_postgres_url: str, tmp_path: Path
) -> Iterator[dict[str, w.Replica]]:
    made = {
        site: w.make_branch(migrated_postgres_url, tmp_path / site, site) for site in ("PAR", "LYO")
    }
    yield made
    for replica in made.values():
        replica.engine.dispose()


def sync(replica: w.Replica) -> dict[str, int]:
    assert replica.branch is not None
    result = replica.branch.run_round()
    return {
        "pushed": result.pushed,
        "pulled": result.pulled,
        "conflicts": result.conflicts,
        "pending": result.pending,
    }


def test_offline_work_reaches_the_central_server_and_not_the_other_site(
    central: w.Replica, branches: dict[str, w.Replica]
) -> None:
    paris, lyon = branches["PAR"], branches["LYO"]
    complaint = w.record_complaint(paris, "clerk-par", "Card swallowed", "ana@example.org")
    w.note(paris, "clerk-par", complaint, "Called the bank.")
    assert paris.branch is not None
    assert paris.branch.facts().pending > 0

    first = sync(paris)
    assert first["pushed"] > 0
    assert first["pending"] == 0
    sync(lyon)

    assert w.differences(central.engine, paris.engine) == {}
    assert w.differences(central.engine, lyon.engine) == {}
    with paris.backend.uow() as uow:
        found = uow.get(Complaint, complaint)
        assert found is not None
        assert found.reference.startswith("PAR-")
    with lyon.backend.uow() as uow:
        assert uow.get(Complaint, complaint) is None  # Paris's customer stays in Paris
    trail = audit_trail.verify_audit_trail(w.admin(central.backend))
    assert {"HQ", "PAR"} <= {name.split(".")[0] for name in trail.chains}
    assert trail.ok, trail.problems
    assert trail.anchors > 0  # the central server anchored Paris's chains as they arrived
    trail = audit_trail.verify_audit_trail(w.admin(paris.backend))
    assert {name.split(".")[0] for name in trail.chains} == {"PAR"}  # its own chains, whole
    assert trail.ok, trail.problems
    assert audit_trail.verify_audit_trail(w.admin(lyon.backend)).chains == {}  # nothing done


def test_two_agents_on_central_and_an_offline_branch_edit_one_complaint(
    central: w.Replica, branches: dict[str, w.Replica]
) -> None:
    paris = branches["PAR"]
    complaint = w.record_complaint(paris, "clerk-par", "Wrong fee", "bo@example.org")
    w.start(paris, "clerk-par", complaint)
    sync(paris)
    stale = w.version(central, complaint)

    # Offline at the branch: the shop's supervisor takes the case over, the clerk resolves.
    w.transfer(paris, "lead-par", complaint, "lead-par")
    w.resolve(paris, "lead-par", complaint)
    # Meanwhile at HQ: the supervisor hands it to an agent; the customer phones in; a second
    # agent working from the screen loaded before is refused, as online edits always are.
    w.transfer(central, "boss", complaint, "hq")
    w.inbound(central, "hq", complaint, "I am still waiting for my refund!")
    with pytest.raises(ConcurrentEditError):
        ownership.take(central.ctx("boss"), complaint, stale)

    result = sync(paris)
    assert result["conflicts"] == 2
    sync(paris)
    assert w.differences(central.engine, paris.engine) == {}
    # The later stamp wins everywhere: HQ chose its owner last; nobody else set the status.
    assert w.owner_of(central, complaint) == w.owner_of(paris, complaint) == "hq"
    assert w.status_of(paris, complaint) == "resolved"

    queue = sync_conflicts.open_conflicts(central.ctx("boss"))
    kinds = {c.kind: c for c in queue}
    assert set(kinds) == {"owner", "resolution_crossed_message"}
    assert kinds["owner"].kept["owner_id"] == "hq"
    assert kinds["owner"].other["owner_id"] == "lead-par"
    assert "still waiting" in kinds["resolution_crossed_message"].other["message_id"]
    # The branch's supervisor sees the same queue, and keeps the other owner.
    shown = sync_conflicts.open_conflicts(paris.ctx("lead-par"))
    assert {c.id for c in shown} == {c.id for c in queue}
    sync_conflicts.settle(paris.ctx("lead-par"), kinds["owner"].id, keep_other=True)
    sync_conflicts.settle(
        paris.ctx("lead-par"), kinds["resolution_crossed_message"].id, keep_other=True
    )
    sync(paris)
    assert w.owner_of(central, complaint) == "lead-par"
    assert w.status_of(central, complaint) == "in_progress"
    assert sync_conflicts.open_conflicts(central.ctx("boss")) == ()
    assert w.differences(central.engine, paris.engine) == {}


def test_one_customer_edited_in_two_places_is_raised_once_and_settled_the_same_everywhere(
    central: w.Replica, branches: dict[str, w.Replica]
) -> None:
    paris, lyon = branches["PAR"], branches["LYO"]
    complaint = w.record_complaint(paris, "clerk-par", "Lost parcel", "cy@example.org")
    sync(paris)
    # The same customer also complains about the Lyon shop: Lyon's part now holds them.
    w.record_complaint(central, "hq", "Rude staff", "cy@example.org", site="LYO")
    sync(lyon)
    customer = w.customer_of(paris, complaint)
    w.rename_customer(paris, "clerk-par", customer, "Cyril Dupont")
    w.rename_customer(lyon, "clerk-lyo", customer, "Cyrille Dupond")
    assert sync(paris)["conflicts"] == 0
    assert sync(lyon)["conflicts"] == 1
    sync(paris)
    names = set()
    for replica in (central, paris, lyon):
        with replica.backend.uow() as uow:
            found = uow.get(Customer, customer)
            assert found is not None
            names.add(found.display_name)
    assert names == {"Cyrille Dupond"}  # Lyon wrote last
    (raised,) = sync_conflicts.open_conflicts(central.ctx("boss"))
    assert raised.kind == "customer"
    assert raised.other == {"display_name": "Cyril Dupont"}


KILL = """
import os, sys
from pathlib import Path
from complaintdesk.storage.database import create_database_engine, sqlite_url
from complaintdesk.sync.branch import Branch
from complaintdesk.sync.rounds import Options

folder, step = Path(sys.argv[1]), sys.argv[2]

def fault(name):
    if name == step:
        os._exit(137)  # no rollback, no cleanup: as if the process were killed

engine = create_database_engine(sqlite_url(folder / "complaintdesk.db"))
Branch(engine, folder).run_round(Options(fault=fault))
"""


def count(replica: w.Replica, table: str) -> int:
    with replica.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


@pytest.mark.parametrize("step", ["push:central-applied", "push:central-committed", "pull:applied"])
def test_a_round_killed_at_any_step_resumes_without_loss_or_duplicate(
    central: w.Replica, branches: dict[str, w.Replica], tmp_path: Path, step: str
) -> None:
    paris = branches["PAR"]
    for n in range(3):  # something for Paris to pull: HQ records for the shop
        complaint = w.record_complaint(central, "hq", f"HQ {n}", f"l{n}@example.org", "PAR")
        w.note(central, "hq", complaint, "seen")
    for n in range(3):
        complaint = w.record_complaint(paris, "clerk-par", f"Paris {n}", f"p{n}@example.org")
        w.note(paris, "clerk-par", complaint, "seen")
    waiting = paris.branch.facts().pending if paris.branch else 0
    paris.engine.dispose()  # the killed process is the one holding the file

    killed = subprocess.run(
        [sys.executable, "-c", KILL, str(tmp_path / "PAR"), step], capture_output=True, text=True
    )
    assert killed.returncode == 137, killed.stderr
    if step == "push:central-applied":
        assert count(central, "message") == 3 + 3  # HQ's only: the batch was rolled back
    after = sync(paris)
    assert after["pending"] == 0
    assert after["pushed"] in (0, waiting)
    assert count(central, "complaint") == count(paris, "complaint") == 6
    assert count(central, "message") == count(paris, "message") == 12
    assert w.differences(central.engine, paris.engine) == {}
    entries = count(central, "change_log")
    assert sync(paris)["pushed"] == 0
    assert count(central, "change_log") == entries


def test_a_dropped_connection_is_one_clear_error_and_the_next_round_resumes(
    central: w.Replica,
    branches: dict[str, w.Replica],
    postgres_admin_url: str,
    migrated_postgres_url: str,
) -> None:
    paris = branches["PAR"]
    w.record_complaint(paris, "clerk-par", "Cash machine", "dd@example.org")
    name = make_url(migrated_postgres_url).database
    admin = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")

    def drop(step: str) -> None:
        if step == "push:central-applied":
            with admin.connect() as connection:
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": name},
                )

    assert paris.branch is not None
    with pytest.raises(CentralUnreachable, match="central server"):
        paris.branch.run_round(Options(fault=drop))
    admin.dispose()
    facts = paris.branch.facts()
    assert facts.reachable is False
    assert facts.pending > 0
    assert facts.error
    assert sync(paris)["pending"] == 0
    central.engine.dispose()  # its pooled connections were terminated too
    assert w.differences(central.engine, paris.engine) == {}


def test_a_central_server_at_another_schema_version_is_refused_and_work_goes_on(
    central: w.Replica, branches: dict[str, w.Replica]
) -> None:
    paris = branches["PAR"]
    with central.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    w.record_complaint(paris, "clerk-par", "Still open for business", "ee@example.org")
    assert paris.branch is not None
    with pytest.raises(SchemaMismatch, match="same ComplaintDesk version"):
        paris.branch.run_round()
    assert paris.branch.facts().pending > 0
    assert count(central, "complaint") == 0


def test_a_change_made_after_seeing_another_wins_even_if_a_clock_ran_hours_ahead(
    central: w.Replica, branches: dict[str, w.Replica]
) -> None:
    paris = branches["PAR"]
    complaint = w.record_complaint(paris, "clerk-par", "Clock skew", "kk@example.org")
    sync(paris)
    # The shop's clock runs three hours ahead: its change carries a stamp from the future.
    ahead = int((datetime.now(UTC) + timedelta(hours=3)).timestamp() * 1000)
    with paris.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE replica_state SET hlc_last = ?", (int(HybridTimestamp(ahead)),)
        )
    w.transfer(paris, "lead-par", complaint, "lead-par")
    sync(paris)
    # HQ sees it, then changes its mind: HQ's change comes later in the story, and wins.
    w.transfer(central, "boss", complaint, "hq")
    sync(paris)
    assert w.owner_of(central, complaint) == w.owner_of(paris, complaint) == "hq"
    assert sync_conflicts.open_conflicts(central.ctx("boss")) == ()  # seen first: no conflict


def test_a_mailbox_set_up_at_hq_stays_at_hq(
    central: w.Replica, branches: dict[str, w.Replica], tmp_path: Path
) -> None:
    secrets = Secrets(tmp_path / "hq-secrets", use_keyring=False)
    spec = mailboxes.MailboxSpec("support", "imap.example.org", 993, "support")
    mailboxes.add_mailbox(w.admin(central.backend), spec, "imap password", secrets)
    paris = branches["PAR"]
    sync(paris)
    assert count(paris, "mailbox") == 0  # a branch never polls HQ's mailbox
    assert w.differences(central.engine, paris.engine) == {}

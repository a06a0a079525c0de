"""``complaintdesk branch init`` and ``complaintdesk sync`` from the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url

from complaintdesk import cli
from complaintdesk.app import Settings, open_backend
from complaintdesk.domain.vocabulary import Role
from complaintdesk.storage.database import sqlite_url
from tests.support import sync_world as w

pytestmark = pytest.mark.postgres
SECRET = "s3cret-pw-7"


@pytest.fixture
def central(migrated_postgres_url: str, tmp_path: Path) -> Iterator[w.Replica]:
    replica = w.open_central(migrated_postgres_url, tmp_path / "central", ["PAR"])
    yield replica
    replica.engine.dispose()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object], str]:
    code = cli.run(list(argv))
    out, err = capsys.readouterr()
    as_json = code == 0 and "--json" in argv
    return code, (json.loads(out) if as_json else {}), err


def test_branch_init_then_sync_print_what_they_did(
    central: w.Replica,
    migrated_postgres_url: str,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cli_sign_in: Any,
) -> None:
    w.record_complaint(central, "hq", "Opened at HQ for the shop", "ff@example.org", site="PAR")
    # The test server trusts local connections, so any password opens it: enough to check
    # where the password goes. It comes from the environment, never the command line.
    monkeypatch.setenv("COMPLAINTDESK_DATABASE_PASSWORD", SECRET)
    central_url = migrated_postgres_url
    cli_sign_in(central_url)  # an administrator of the central server
    code, made, err = run(
        capsys, "branch", "init", "--central", central_url, "--site", "par", "--json"
    )
    assert code == 0, err
    assert made["site"] == "PAR"
    assert made["refreshed"] is False
    assert made["complaints"] == 1
    assert SECRET not in json.dumps(made) + err
    stored = b"".join(p.read_bytes() for p in data_dir.glob("complaintdesk.db*"))
    assert SECRET.encode() not in stored
    assert b"central-par" in stored  # a reference to the keyring or the secrets folder

    # Run again: nothing is copied twice, the cursor stays.
    code, again, err = run(
        capsys, "branch", "init", "--central", central_url, "--site", "PAR", "--json"
    )
    assert code == 0, err
    assert again["refreshed"] is True
    assert again["rows"] == 0
    assert again["cursor"] == made["cursor"]

    backend = open_backend(Settings(sqlite_url(data_dir / "complaintdesk.db"), data_dir))
    branch = w.Replica("PAR", backend, w.actors(backend))
    w.record_complaint(branch, "clerk-par", "Recorded at the shop", "gg@example.org")
    w.record_complaint(central, "hq", "Recorded at HQ later", "hh@example.org", site="PAR")
    backend.engine.dispose()
    cli_sign_in(role=Role.BRANCH_CLERK, site="PAR")  # whoever works at the shop may sync

    code, first, err = run(capsys, "sync", "--json")
    assert code == 0, err
    assert set(first) == {"pushed", "pulled", "conflicts", "pending"}
    assert first["pushed"]
    assert first["pulled"]
    assert first["pending"] == 0
    code, second, err = run(capsys, "sync", "--json")
    assert (code, second) == (0, {"pushed": 0, "pulled": 0, "conflicts": 0, "pending": 0})
    assert w.differences(central.engine, backend.engine) == {}


def test_sync_without_network_is_one_line_and_exit_1(
    central: w.Replica,
    migrated_postgres_url: str,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    cli_sign_in(migrated_postgres_url)
    code, _, err = run(
        capsys, "branch", "init", "--central", migrated_postgres_url, "--site", "PAR"
    )
    assert code == 0, err
    # The branch now points at a port where nothing listens.
    gone = make_url(migrated_postgres_url).set(host="127.0.0.1", port=9, query={})
    backend = open_backend(Settings(sqlite_url(data_dir / "complaintdesk.db"), data_dir))
    with backend.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE replica_state SET central_url = ?", (gone.render_as_string(False),)
        )
    branch = w.Replica("PAR", backend, w.actors(backend))
    w.record_complaint(branch, "clerk-par", "Recorded offline", "ii@example.org")
    backend.engine.dispose()
    cli_sign_in(role=Role.BRANCH_CLERK, site="PAR")

    code, _, err = run(capsys, "sync", "--json")
    assert code == 1
    assert err.count("\n") == 1
    assert "central server does not answer" in err
    code, _, err = run(capsys, "sync")
    assert code == 1


def test_branch_init_is_an_administrator_s_act_on_the_central_server(
    central: w.Replica,
    migrated_postgres_url: str,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    cli_sign_in(migrated_postgres_url, role=Role.SUPERVISOR)
    argv = ("branch", "init", "--central", migrated_postgres_url, "--site", "PAR")

    code, _, err = run(capsys, *argv)

    assert code == 1
    assert "Your role (supervisor) does not allow this" in err
    assert "branch init" in run(capsys, "sync")[2]  # nothing was made a branch


def test_sync_on_a_database_that_is_not_a_branch_says_what_to_do(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "sync", "--json")
    assert code == 1
    assert "branch init" in err


def test_the_central_server_lists_its_workstations_sets_their_clock_tolerance_and_retires_one(
    central: w.Replica,
    migrated_postgres_url: str,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    url = migrated_postgres_url
    cli_sign_in(url)  # an administrator of the central server
    code, _, err = run(capsys, "branch", "init", "--central", url, "--site", "PAR")
    assert code == 0, err
    code, _, err = run(capsys, "--database", url, "branch", "clock-tolerance", "10", "--json")
    assert code == 0, err
    cli_sign_in(role=Role.BRANCH_CLERK, site="PAR")  # the shop's clerk syncs
    code, _, err = run(capsys, "sync", "--json")
    assert code == 0, err
    backend = open_backend(Settings(sqlite_url(data_dir / "complaintdesk.db"), data_dir))
    with backend.engine.connect() as connection:
        tolerance = connection.exec_driver_sql("SELECT max_clock_offset_ms FROM replica_state")
        assert tolerance.scalar() == 10 * 60_000  # copied from the central server at the round
    backend.engine.dispose()

    cli_sign_in(url)  # the administrator again, at the central server
    cli.run(["--database", url, "branch", "list", "--json"])
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["code"] == "PAR"
    assert listed["site"] == "PAR"
    assert listed["last_sync_at"]
    assert abs(listed["clock_ahead_seconds"]) < 60
    assert listed["retired"] is False

    code, retired, err = run(capsys, "--database", url, "branch", "retire", "par", "--json")
    assert code == 0, err
    assert retired["retired"] is True
    code, _, err = run(capsys, "--database", url, "branch", "retire", "NOPE", "--json")
    assert code == 1
    assert "No branch workstation has the code" in err

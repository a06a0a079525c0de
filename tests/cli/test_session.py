"""The command line signs in: ``login`` and ``logout``, commands refused without a sign-in or
without the permission, and the audit trail naming the person, never an unnamed `cli`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from complaintdesk import cli
from complaintdesk.app import Settings, open_backend
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import users
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.database import sqlite_url
from complaintdesk.storage.models import AuditEvent, SignInToken, User
from tests.conftest import CLI_PASSWORD, command_line_actor

PASSWORD = "correct horse"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Any:
    """Run one command in this process: ``(exit status, stdout, stderr)``."""
    # No keyring here, whatever keyring classes other test modules declared: tokens are kept
    # in the user-only file, as on a machine without one.
    monkeypatch.setattr("complaintdesk.storage.secrets.keyring_available", lambda: False)

    def command(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = cli.run(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return command


@pytest.fixture
def people(sqlite_database: Path, data_dir: Path) -> Settings:
    """The embedded database with an administrator ``ada`` and an agent ``bill``."""
    settings = Settings(sqlite_url(sqlite_database), data_dir)
    backend = open_backend(settings)
    admin = ServiceContext(backend.uow, command_line_actor())
    users.add_user(admin, "ada", PASSWORD, role=Role.ADMIN, site_code="HQ")
    users.add_user(admin, "bill", PASSWORD, role=Role.AGENT, site_code="HQ")
    backend.close()
    return settings


def _audited(settings: Settings, action: str) -> list[str | None]:
    backend = open_backend(settings)
    try:
        with backend.uow() as uow:
            return list(uow.scalars(select(AuditEvent.login).where(AuditEvent.action == action)))
    finally:
        backend.close()


def test_after_login_a_command_acts_and_is_audited_under_the_person_s_name(
    run: Any, people: Settings
) -> None:
    code, out, _err = run("login", "--user", "ada", "--json", stdin=PASSWORD + "\n")
    signed = json.loads(out)

    added = run("user", "add", "carol", "--role", "agent", "--site", "HQ", stdin="carol's pass\n")

    assert code == 0
    assert (signed["login"], signed["role"], signed["kept_in"]) == ("ada", "admin", "file")
    assert PASSWORD not in out
    assert added[0] == 0, added[2]
    assert _audited(people, "user_added") == ["cli", "cli", "ada"]  # the fixture's, then ada


def test_without_signing_in_commands_that_change_or_read_data_are_refused(
    run: Any, people: Settings
) -> None:
    for argv in (
        ("user", "add", "carol", "--role", "admin", "--site", "HQ"),
        ("search", "Martin"),
        ("privacy", "erase", "someone", "--reason", "asked"),
        ("audit", "verify"),
    ):
        code, out, err = run(*argv, stdin="carol's pass\n")
        assert (code, out) == (1, ""), argv
        assert "This command needs you to sign in: run `complaintdesk login`" in err, argv
    assert _audited(people, "user_added") == ["cli", "cli"]  # only the fixture's two


def test_a_role_without_the_permission_is_refused_as_in_the_window(
    run: Any, people: Settings
) -> None:
    run("login", "--user", "bill", stdin=PASSWORD + "\n")

    for argv in (
        ("user", "add", "carol", "--role", "admin", "--site", "HQ"),
        ("privacy", "erase", "someone", "--reason", "asked"),
        ("audit", "verify"),
        ("demo", "seed", "--complaints", "1"),
    ):
        code, _out, err = run(*argv, stdin="carol's pass\n")
        assert code == 1, argv
        assert "Your role (agent) does not allow this" in err, argv


def test_a_wrong_password_at_login_keeps_nothing_and_counts_as_a_failure(
    run: Any, people: Settings, data_dir: Path
) -> None:
    code, _out, err = run("login", "--user", "ada", stdin="not it\n")

    assert code == 1
    assert "Unknown login or wrong password." in err
    assert not (data_dir / "secrets").exists() or not list((data_dir / "secrets").iterdir())
    assert _audited(people, "sign_in_failed") == ["ada"]


def test_a_printed_token_serves_a_script_until_logout_ends_it(
    run: Any, people: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _code, out, _err = run("login", "--user", "ada", "--print-token", "--json", stdin=PASSWORD)
    monkeypatch.setenv("COMPLAINTDESK_TOKEN", json.loads(out)["token"])

    assert run("audit", "verify", "--json")[0] == 0
    assert json.loads(run("logout", "--json")[1]) == {
        "database": people.description,
        "signed_out": True,
    }
    code, _out, err = run("audit", "verify")
    assert code == 1
    assert "expired or was ended" in err


def test_a_token_stops_working_once_the_account_is_disabled(run: Any, people: Settings) -> None:
    run("login", "--user", "ada", stdin=PASSWORD + "\n")
    backend = open_backend(people)
    with backend.uow(write=True) as uow:
        uow.scalars(select(User).where(User.login == "ada"))[0].active = False
        uow.commit()
    backend.close()

    code, _out, err = run("audit", "verify")

    assert code == 1
    assert "disabled" in err


def test_the_database_keeps_only_a_hash_of_the_token(run: Any, people: Settings) -> None:
    _code, out, _err = run("login", "--user", "ada", "--print-token", "--json", stdin=PASSWORD)
    token = json.loads(out)["token"]
    backend = open_backend(people)
    with backend.uow() as uow:
        stored = uow.scalars(select(SignInToken.token_hash))
    backend.close()

    assert token not in stored
    assert len(stored) == 1


def test_commands_that_read_and_change_nothing_need_no_sign_in(run: Any, people: Settings) -> None:
    deadline = run("deadline", "--preset", "uk-fca", "--received", "2026-03-02T10:00Z", "--json")
    current = run("db", "current", "--json")

    assert deadline[0] == 0, deadline[2]
    assert current[0] == 0, current[2]


def test_the_first_administrator_is_added_without_signing_in_then_nobody_else_is(
    run: Any, sqlite_database: Path, data_dir: Path
) -> None:
    settings = Settings(sqlite_url(sqlite_database), data_dir)

    first = run("user", "add", "ada", "--role", "admin", "--site", "HQ", stdin=PASSWORD + "\n")
    second = run("user", "add", "eve", "--role", "admin", "--site", "HQ", stdin=PASSWORD + "\n")

    assert first[0] == 0, first[2]
    assert second[0] == 1
    assert "sign in" in second[2]
    assert _audited(settings, "user_added") == ["first-run"]


def test_a_first_user_who_is_not_an_administrator_is_refused(
    run: Any, sqlite_database: Path
) -> None:
    code, _out, err = run("user", "add", "bill", "--role", "agent", "--site", "HQ", stdin=PASSWORD)

    assert code == 1
    assert "add its first administrator (--role admin)" in err


def test_a_password_given_in_a_database_url_is_refused_and_never_echoed(
    run: Any, data_dir: Path
) -> None:
    for argv in (
        ("db", "current", "--database", "postgresql://ada:s3cret-pw@127.0.0.1:1/x"),
        ("branch", "init", "--central", "postgresql://ada:s3cret-pw@127.0.0.1:1/x", "--site", "P"),
    ):
        code, out, err = run(*argv)
        assert code == 1, argv
        assert "Put no password in a database URL" in err
        assert "s3cret-pw" not in out + err


def test_a_subprocess_signed_in_by_the_fixture_runs_as_that_person(
    people: Settings, cli_sign_in: Any, data_dir: Path
) -> None:
    login = cli_sign_in(role=Role.ADMIN)
    done = subprocess.run(
        [sys.executable, "-m", "complaintdesk", "audit", "verify", "--json"],
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ),
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ok"]
    assert _audited(people, "audit_checkpoint") == [login]
    assert CLI_PASSWORD not in done.stdout

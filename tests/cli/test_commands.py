"""The command line administrators and scripts use: JSON summaries, and one plain line on
stderr (never a traceback) when something is wrong, with nothing changed."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from complaintdesk import __version__, cli
from complaintdesk.app import Settings, open_backend
from complaintdesk.services.admin import auth
from complaintdesk.storage import schema
from complaintdesk.storage.database import create_database_engine, sqlite_url

PASSWORD = "correct horse"
SECRET = "s3cret-Pa55word"
HEAD = ScriptDirectory(str(schema.script_location())).get_current_head()
ADD_ALICE = ("user", "add", "alice", "--role", "agent", "--site", "HQ", "--json")


class Outcome:
    """What a person sees after one command: exit status, stdout, stderr."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> dict[str, Any]:
        assert self.code == 0, self.err
        summary = json.loads(self.out)
        assert isinstance(summary, dict)
        return summary

    def error(self) -> str:
        """Return the error line after checking it is the only thing on stderr."""
        # 1: refused while running; 2: refused by the parser, before anything runs
        assert self.code in (1, 2), f"exit status {self.code}; stderr: {self.err!r}"
        assert "Traceback" not in self.err
        lines = self.err.splitlines()
        assert len(lines) == 1, f"expected one line on stderr, got: {self.err!r}"
        assert lines[0].startswith("complaintdesk: error: ")
        assert self.out == ""
        return lines[0]


@pytest.fixture
def complaintdesk(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> Any:
    """Run the command line in this process, with this test's data folder.

    ``stdin`` is what the command reads (a password for ``user add``).
    """

    def run(*argv: str, stdin: str = "") -> Outcome:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = cli.run(list(argv))
        out, err = capsys.readouterr()
        return Outcome(code, out, err)

    return run


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _sign_in(url: str, folder: Path, login: str) -> str:
    backend = open_backend(Settings(url, folder), upgrade=False)
    try:
        return auth.sign_in(backend.uow, login, PASSWORD).login
    finally:
        backend.engine.dispose()


def _stamp(url: str, revision: str) -> None:
    engine = create_database_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


# --- version -----------------------------------------------------------------------------


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.run(["--version"])

    assert exited.value.code == 0
    assert (
        capsys.readouterr().out.strip() == f"ComplaintDesk {__version__} (database schema {HEAD})"
    )


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "complaintdesk"],
        [str(Path(sys.executable).with_name("complaintdesk"))],
    ],
    ids=["python -m complaintdesk", "installed script"],
)
def test_the_installed_command_prints_its_version(command: list[str]) -> None:
    done = subprocess.run([*command, "--version"], capture_output=True, text=True, check=False)

    assert (done.returncode, done.stdout.strip()) == (
        0,
        f"ComplaintDesk {__version__} (database schema {HEAD})",
    )


def test_the_installed_command_fails_in_one_line(tmp_path: Path) -> None:
    environment = {**os.environ, "COMPLAINTDESK_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "complaintdesk", "db", "current", "--database", "mysql://x/y"],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )

    assert Outcome(done.returncode, done.stdout, done.stderr).error()


# --- db upgrade / current / backup ---------------------------------------------------------


def test_db_upgrade_then_current_report_the_schema_as_json(
    complaintdesk: Any, empty_database_url: str
) -> None:
    upgraded = complaintdesk("db", "upgrade", "--json", "--database", empty_database_url).json()
    current = complaintdesk("db", "current", "--json", "--database", empty_database_url).json()

    assert (upgraded["from"], upgraded["to"], upgraded["backup"]) == (None, HEAD, None)
    assert (current["current"], current["head"], current["up_to_date"]) == (HEAD, HEAD, True)
    assert "PASSWORD" not in upgraded["database"].upper()


def test_db_upgrade_uses_the_data_folder_by_default(complaintdesk: Any, data_dir: Path) -> None:
    summary = complaintdesk("db", "upgrade", "--json").json()

    assert (data_dir / "complaintdesk.db").is_file()
    assert str(data_dir / "complaintdesk.db") in summary["database"]


def test_db_upgrade_of_an_up_to_date_database_changes_nothing(
    complaintdesk: Any, sqlite_database: Path
) -> None:
    before = sqlite_database.read_bytes()

    again = complaintdesk("db", "upgrade", "--json").json()

    assert (again["from"], again["to"], again["backup"]) == (HEAD, HEAD, None)
    assert sqlite_database.read_bytes() == before


def test_db_upgrade_without_json_prints_readable_lines(complaintdesk: Any, data_dir: Path) -> None:
    printed = complaintdesk("db", "upgrade")

    assert printed.code == 0
    assert printed.out.splitlines()[1:] == ["From: —", f"To: {HEAD}", "Backup: —"]


def test_db_current_without_a_database_creates_none(complaintdesk: Any, data_dir: Path) -> None:
    line = complaintdesk("db", "current").error()

    assert "There is no database at" in line
    assert not data_dir.exists() or _files(data_dir) == {}


def test_db_backup_makes_a_copy_that_opens_with_the_same_users(
    complaintdesk: Any, sqlite_database: Path, tmp_path: Path, cli_sign_in: Any
) -> None:
    cli_sign_in()
    complaintdesk(*ADD_ALICE, stdin=PASSWORD + "\n").json()
    target = tmp_path / "saved" / "copy.db"

    summary = complaintdesk("db", "backup", str(target), "--json").json()

    assert summary["backup"] == str(target)
    assert _sign_in(sqlite_url(target), tmp_path / "other", "alice") == "alice"
    engine = create_database_engine(sqlite_url(target), create_file=False)
    assert schema.status(engine).up_to_date
    engine.dispose()


def test_db_backup_will_not_overwrite_the_database_itself(
    complaintdesk: Any, data_dir: Path, sqlite_database: Path
) -> None:
    before = _files(data_dir)

    line = complaintdesk("db", "backup", str(sqlite_database)).error()

    assert "cannot replace the database it copies" in line
    assert _files(data_dir) == before


def test_db_backup_to_a_path_that_cannot_exist_fails_in_one_line(
    complaintdesk: Any, sqlite_database: Path
) -> None:
    line = complaintdesk("db", "backup", str(sqlite_database / "copy.db")).error()

    assert "Cannot write the backup" in line


@pytest.fixture
def pg_client_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put pg_dump and pg_restore of the test server's own version first on PATH."""
    if os.environ.get("COMPLAINTDESK_TEST_DATABASE_URL"):
        return  # another server: its client tools are expected on PATH
    import pgserver

    tools = Path(pgserver.__file__).parent / "pginstall" / "bin"
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.postgres
def test_db_backup_of_postgresql_restores_with_the_same_users(
    complaintdesk: Any,
    migrated_postgres_url: str,
    fresh_postgres_url: str,
    pg_client_tools: None,
    data_dir: Path,
    tmp_path: Path,
    cli_sign_in: Any,
) -> None:
    cli_sign_in(migrated_postgres_url)
    complaintdesk(*ADD_ALICE, "--database", migrated_postgres_url, stdin=PASSWORD + "\n").json()
    dump = tmp_path / "central.dump"

    summary = complaintdesk("db", "backup", str(dump), "--database", migrated_postgres_url)
    restored = subprocess.run(
        ["pg_restore", "--no-owner", f"--dbname={fresh_postgres_url}", str(dump)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert summary.code == 0, summary.err
    assert restored.returncode == 0, restored.stderr
    assert _sign_in(fresh_postgres_url, data_dir, "alice") == "alice"


@pytest.mark.postgres
def test_db_backup_of_postgresql_without_pg_dump_says_what_to_install(
    complaintdesk: Any,
    migrated_postgres_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))

    line = complaintdesk(
        "db", "backup", str(tmp_path / "x.dump"), "--database", migrated_postgres_url
    )

    assert "pg_dump is not installed" in line.error()
    assert not (tmp_path / "x.dump").exists()


FAKE_PG_DUMP = """#!/bin/sh
printf '%s\\n' "$@" > "$(dirname "$0")/argv"
printf '%s' "$PGPASSWORD" > "$(dirname "$0")/pgpassword"
for arg in "$@"; do
  case "$arg" in --file=*) echo "half a dump" > "${arg#--file=}" ;; esac
done
echo "pg_dump: error: connection to server failed" >&2
echo "pg_dump: detail: the server closed the connection" >&2
exit 1
"""


@pytest.fixture
def failing_pg_dump(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A pg_dump that records how it was called, writes half a file, then fails."""
    tools = tmp_path / "tools"
    tools.mkdir()
    script = tools / "pg_dump"
    script.write_text(FAKE_PG_DUMP)
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    return tools


@pytest.mark.postgres
def test_a_failed_postgresql_backup_keeps_the_earlier_one_and_says_why(
    complaintdesk: Any, migrated_postgres_url: str, failing_pg_dump: Path, tmp_path: Path
) -> None:
    earlier = tmp_path / "nightly.dump"
    earlier.write_text("yesterday's dump")

    line = complaintdesk("db", "backup", str(earlier), "--database", migrated_postgres_url)

    assert line.error().endswith(
        "pg_dump failed: error: connection to server failed; "
        "detail: the server closed the connection."
    )
    assert earlier.read_text() == "yesterday's dump"
    assert [p.name for p in tmp_path.glob("*dump*")] == ["nightly.dump"]


@pytest.mark.postgres
def test_pg_dump_gets_the_password_from_the_environment_not_the_command_line(
    complaintdesk: Any,
    migrated_postgres_url: str,
    failing_pg_dump: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMPLAINTDESK_DATABASE_PASSWORD", SECRET)
    url = migrated_postgres_url  # the test server takes any password on its socket

    line = complaintdesk("db", "backup", str(tmp_path / "x.dump"), "--database", url).error()

    assert SECRET not in (failing_pg_dump / "argv").read_text()
    assert (failing_pg_dump / "pgpassword").read_text() == SECRET
    assert SECRET not in line


# --- user add ------------------------------------------------------------------------------


def test_user_add_reads_the_password_from_stdin_and_the_user_signs_in(
    complaintdesk: Any, database_url: str, data_dir: Path, cli_sign_in: Any
) -> None:
    cli_sign_in(database_url)
    added = complaintdesk(*ADD_ALICE, "--database", database_url, stdin=PASSWORD + "\n")

    summary = added.json()
    assert (summary["login"], summary["role"], summary["site"]) == ("alice", "agent", "HQ")
    assert _sign_in(database_url, data_dir, "alice") == "alice"
    assert PASSWORD not in added.out


def test_user_add_keeps_spaces_inside_the_password(
    complaintdesk: Any, sqlite_database: Path, cli_sign_in: Any
) -> None:
    cli_sign_in()
    complaintdesk(*ADD_ALICE, stdin="  spaced out pass  \r\n").json()

    backend = open_backend(Settings(sqlite_url(sqlite_database), sqlite_database.parent))
    try:
        assert auth.sign_in(backend.uow, "alice", "  spaced out pass  ").login == "alice"
    finally:
        backend.engine.dispose()


@pytest.mark.parametrize(
    ("argv", "stdin", "expected"),
    [
        (ADD_ALICE, "", "No password given on standard input"),
        (ADD_ALICE, "short\n", "at least 8 characters"),
        (("user", "add", "alice", "--role", "agent", "--site", "ZZ"), PASSWORD, "'ZZ'"),
        (("user", "add", "al ice", "--role", "agent", "--site", "HQ"), PASSWORD, "without spaces"),
    ],
    ids=["no password", "short password", "unknown site", "bad login"],
)
def test_user_add_refusals_are_one_line(
    complaintdesk: Any,
    data_dir: Path,
    cli_sign_in: Any,
    argv: tuple[str, ...],
    stdin: str,
    expected: str,
) -> None:
    cli_sign_in()

    assert expected in complaintdesk(*argv, stdin=stdin).error()


def test_a_duplicate_login_is_refused_in_one_line(
    complaintdesk: Any, database_url: str, data_dir: Path, cli_sign_in: Any
) -> None:
    cli_sign_in(database_url)
    complaintdesk(*ADD_ALICE, "--database", database_url, stdin=PASSWORD + "\n").json()

    again = complaintdesk(*ADD_ALICE, "--database", database_url, stdin="other password\n")

    assert "'alice' is already taken" in again.error()
    assert _sign_in(database_url, data_dir, "alice") == "alice"


# --- bad input: each gives one line and changes nothing ------------------------------------

COMMANDS = {
    "db upgrade": (("db", "upgrade"), ""),
    "db current": (("db", "current"), ""),
    "db backup": (("db", "backup", "copy.db"), ""),
    "user add": (ADD_ALICE, PASSWORD + "\n"),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"mysql://root:{SECRET}@db.example/complaints", "Unsupported database 'mysql'"),
        ("complaints.db", "Not a database URL"),
        ("postgresql://u@127.0.0.1:1/x", "Cannot reach the database server"),
        (f"postgresql://u:{SECRET}@127.0.0.1:1/x", "Put no password in a database URL"),
    ],
    ids=["unknown scheme", "not a url", "unreachable postgresql", "a password in the url"],
)
def test_a_database_url_that_cannot_be_used_is_one_line_without_the_password(
    complaintdesk: Any,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    command: str,
    url: str,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    argv, stdin = COMMANDS[command]

    line = complaintdesk(*argv, "--database", url, stdin=stdin).error()

    assert expected in line
    assert SECRET not in line
    assert not data_dir.exists()


def test_an_unreachable_server_is_named_so_the_person_can_check_it(
    complaintdesk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPLAINTDESK_DATABASE_PASSWORD", SECRET)

    line = complaintdesk("db", "current", "--database", "postgresql://u@127.0.0.1:1/x").error()

    assert "PostgreSQL u@127.0.0.1:1/x" in line
    assert SECRET not in line


def test_the_environment_variable_picks_the_database(
    complaintdesk: Any, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setenv("COMPLAINTDESK_DATABASE_URL", f"postgresql://u:{SECRET}@127.0.0.1:1/x")

    line = complaintdesk("db", "current").error()

    assert "127.0.0.1:1" in line
    assert SECRET not in line


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    "content",
    [
        random.Random(7).randbytes(8192),
        b"SQLite format 3\x00" + random.Random(7).randbytes(8192),
        b"name,amount\nJeanne,12\n",
    ],
    ids=["random bytes", "damaged sqlite", "csv"],
)
def test_a_file_that_is_not_a_database_is_refused_and_left_as_it_was(
    complaintdesk: Any,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    content: bytes,
) -> None:
    data_dir.mkdir()
    (data_dir / "complaintdesk.db").write_bytes(content)
    monkeypatch.chdir(data_dir)
    argv, stdin = COMMANDS[command]

    line = complaintdesk(*argv, stdin=stdin).error()

    assert "not a" in line
    assert "ComplaintDesk database" in line or "SQLite" in line
    assert _files(data_dir) == {"complaintdesk.db": content}


@pytest.mark.parametrize("command", ["db upgrade", "user add"])
def test_a_read_only_data_folder_is_refused_and_stays_empty(
    complaintdesk: Any, data_dir: Path, make_read_only: Any, command: str
) -> None:
    data_dir.mkdir()
    make_read_only(data_dir)
    argv, stdin = COMMANDS[command]

    line = complaintdesk(*argv, stdin=stdin).error()

    assert "read-only" in line
    assert str(data_dir) in line
    assert list(data_dir.iterdir()) == []


@pytest.mark.parametrize("command", ["db upgrade", "user add"])
def test_a_data_folder_that_is_a_file_is_refused_and_left_as_it_was(
    complaintdesk: Any, data_dir: Path, command: str
) -> None:
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    data_dir.write_text("notes")
    argv, stdin = COMMANDS[command]

    line = complaintdesk(*argv, stdin=stdin).error()

    assert f"Cannot create the data folder {data_dir}" in line
    assert data_dir.read_text() == "notes"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_database_in_a_folder_made_read_only_is_refused_and_unchanged(
    complaintdesk: Any,
    data_dir: Path,
    sqlite_database: Path,
    make_read_only: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    command: str,
) -> None:
    before = _files(data_dir)
    make_read_only(data_dir)
    monkeypatch.chdir(tmp_path)
    argv, stdin = COMMANDS[command]

    line = complaintdesk(*argv, stdin=stdin).error()

    assert "read-only" in line
    assert _files(data_dir) == before


@pytest.mark.parametrize("command", ["db upgrade", "db backup", "user add"])
def test_a_database_from_a_newer_app_is_refused_and_left_as_it_was(
    complaintdesk: Any,
    database_url: str,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    command: str,
) -> None:
    _stamp(database_url, "ffff9999")
    before = _files(data_dir)
    monkeypatch.chdir(tmp_path)
    argv, stdin = COMMANDS[command]

    line = complaintdesk(*argv, "--database", database_url, stdin=stdin).error()

    assert "newer than this ComplaintDesk" in line
    assert "nothing was changed" in line
    assert _files(data_dir) == before
    assert not (tmp_path / "copy.db").exists()
    current = complaintdesk("db", "current", "--json", "--database", database_url).json()
    assert (current["current"], current["known"]) == ("ffff9999", False)


def test_audit_verify_finds_an_edited_event(
    complaintdesk: Any, data_dir: Path, cli_sign_in: Any
) -> None:
    cli_sign_in()
    complaintdesk(*ADD_ALICE, stdin=f"{SECRET}\n").json()
    intact = complaintdesk("audit", "verify", "--json").json()
    engine = create_database_engine(sqlite_url(data_dir / "complaintdesk.db"))
    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_event SET login = 'mallory' WHERE seq = 2"))
    engine.dispose()

    tampered = complaintdesk("audit", "verify", "--json").json()

    assert (intact["ok"], intact["first_broken"], intact["problems"]) == (True, None, [])
    assert intact["events"] >= 2
    assert (tampered["ok"], tampered["first_broken"]) == (False, 2)
    assert tampered["problems"][0].endswith("event 2 was changed after it was written")

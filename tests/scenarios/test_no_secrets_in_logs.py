"""No secret is ever written to a log or a message: sign-in passwords, mailbox passwords,
database URLs with a password. Everything is logged at DEBUG (SQL statements and their
parameters included) while real servers are used, and every record and every line printed
is searched for the secrets."""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.domain.errors import SignInFailed
from complaintdesk.services.admin import auth
from tests.support.mail_servers import IMAP_PASSWORD, IMAP_USER, ImapServer

USER_PASSWORD = "Us3r-Pa55word-1234"
WRONG_PASSWORD = "Wr0ng-Pa55word-5678"
DB_PASSWORD = "Db-Pa55word-9012"


def _run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = "") -> str:
    sys.stdin = io.StringIO(stdin)
    try:
        cli.run(["-v", *argv])
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return out + err


def _leaks(caplog: pytest.LogCaptureFixture, printed: str, *secrets: str) -> list[str]:
    logged = [f"{r.name}: {r.getMessage()} {r.exc_text or ''}" for r in caplog.records]
    text = "\n".join([*logged, printed])
    return [secret for secret in secrets if secret in text]


@pytest.fixture
def everything_logged(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)
    yield caplog
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)


def test_signing_in_logs_no_password(
    backend: Backend,
    everything_logged: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    cli_sign_in(backend.settings.database_url)
    url = backend.settings.database_url
    printed = _run(
        capsys, "--database", url, "user", "add", "alice", "--role", "agent", "--site", "HQ",
        stdin=USER_PASSWORD + "\n",
    )  # fmt: skip
    auth.sign_in(backend.uow, "alice", USER_PASSWORD)
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(SignInFailed):
            auth.sign_in(backend.uow, "alice", WRONG_PASSWORD)

    assert len(everything_logged.records) > 10, "the SQL was logged"
    assert _leaks(everything_logged, printed, USER_PASSWORD, WRONG_PASSWORD) == []


def test_adding_and_polling_mailboxes_logs_no_password(
    backend: Backend,
    imap_server: ImapServer,
    everything_logged: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    cli_sign_in(backend.settings.database_url)
    url = backend.settings.database_url
    folder = imap_server.new_folder()
    printed = ""
    for name, password in (("good", IMAP_PASSWORD), ("bad", WRONG_PASSWORD)):
        printed += _run(
            capsys, "--database", url, "mailbox", "add", name, "--host", imap_server.host,
            "--port", str(imap_server.port), "--user", IMAP_USER, "--tls", "none",
            "--folder", folder, stdin=password + "\n",
        )  # fmt: skip
    printed += _run(capsys, "--database", url, "ingest", "imap", "--once")

    assert "refused the user name or password" in printed + everything_logged.text
    assert _leaks(everything_logged, printed, IMAP_PASSWORD, WRONG_PASSWORD) == []


def test_database_urls_with_a_password_are_never_shown(
    postgres_admin_url: str,
    everything_logged: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reachable = make_url(postgres_admin_url).set(password=DB_PASSWORD)
    unreachable = make_url("postgresql://bob@127.0.0.1:9/complaints").set(password=DB_PASSWORD)
    printed = ""
    for url in (reachable, unreachable):  # in the command line: refused, never shown
        printed += _run(capsys, "--database", url.render_as_string(False), "db", "current")
    monkeypatch.setenv("COMPLAINTDESK_DATABASE_PASSWORD", DB_PASSWORD)
    for url in (reachable, unreachable):  # given where it belongs: used, never shown
        bare = url.set(password=None).render_as_string(False)
        printed += _run(capsys, "--database", bare, "db", "current")
    for url in (reachable, unreachable):  # a whole URL in the environment: the same
        monkeypatch.setenv("COMPLAINTDESK_DATABASE_URL", url.render_as_string(False))
        printed += _run(capsys, "db", "current")

    assert "Put no password in a database URL" in printed
    assert "Cannot reach the database server" in printed
    assert _leaks(everything_logged, printed, DB_PASSWORD) == []

"""An mbox ingest killed (kill -9) at random points, then run again, ends as one uninterrupted run.

The command line runs in a real subprocess on both databases; each kill lands wherever the
clock says, mid-transaction or between two. Whatever was committed stays, nothing is stored
twice, and what waits in the quarantine is the same.
"""

from __future__ import annotations

import json
import mailbox
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.support.mail_factory import make_email

NOBODY = b"Subject: lost parcel\r\nMessage-ID: <anon-%d@x.example>\r\n\r\nNo sender %d.\r\n"
KILLS = 3


def _messages() -> list[bytes]:
    people = [
        make_email(f"Problem {n}", f"Order {n} went wrong.", sender=f"c{n}@example.com")
        for n in range(36)
    ]
    clash = [
        make_email("Refund", text, sender=who, message_id="<reused@mail.example.com>")
        for who, text in (("ann@example.com", "One"), ("bob@example.com", "Two"))
    ]
    robot = make_email("Out of office", "Back Monday", headers={"Auto-Submitted": "auto-replied"})
    large = make_email(
        "Scanned documents", attachments=(("scan.pdf", "application/pdf", os.urandom(5 << 20)),)
    )
    nobody = [NOBODY % (n, n) for n in range(3)]
    return [*people[:12], *clash, *nobody, large, *people[12:], robot, people[3]]


def _write_mbox(path: Path) -> None:
    box = mailbox.mbox(path)
    for raw in _messages():
        box.add(raw)
    box.flush()
    box.close()


def _command(url: str, path: Path) -> list[str]:
    return [sys.executable, "-m", "complaintdesk", "ingest", "mbox", str(path), "--database", url]


def _run(url: str, path: Path, env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [*_command(url, path), "--json"], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    summary: dict[str, Any] = json.loads(done.stdout)
    return summary


def _state(url: str) -> dict[str, Any]:
    """What a person would find: messages by id, complaints, acknowledgements, quarantine."""
    engine = create_engine(url.replace("sqlite+pysqlite", "sqlite"))
    try:
        with engine.connect() as connection:

            def rows(sql: str) -> list[Any]:
                return sorted(tuple(r) for r in connection.execute(text(sql)))

            return {
                "inbound": rows(
                    "SELECT external_id, sender, automatic, id_clash FROM message "
                    "WHERE direction = 'inbound'"
                ),
                "complaints": rows("SELECT subject, channel FROM complaint"),
                "acknowledgements": rows(
                    "SELECT recipient, delivery_state FROM message WHERE direction = 'outbound'"
                ),
                "quarantine": rows("SELECT fingerprint, problem, state FROM quarantine_item"),
                "attachments": rows("SELECT filename, size FROM attachment"),
            }
    finally:
        engine.dispose()


@pytest.fixture
def reference_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A second embedded database for the uninterrupted run."""
    import shutil

    target = tmp_path / "reference.db"
    shutil.copyfile(sqlite_template, target)
    return f"sqlite+pysqlite:///{target}"


def test_killed_at_random_points_then_rerun_ends_as_one_uninterrupted_run(
    database_url: str,
    reference_url: str,
    data_dir: Path,
    tmp_path: Path,
    cli_sign_in: Callable[..., str],
) -> None:
    path = tmp_path / "inbox.mbox"
    _write_mbox(path)
    cli_sign_in(reference_url)  # each database has its own people: a token for each
    reference_env = {**os.environ, "COMPLAINTDESK_DATA_DIR": str(data_dir)}
    cli_sign_in(database_url)
    env = {**os.environ, "COMPLAINTDESK_DATA_DIR": str(data_dir)}
    started = time.monotonic()
    reference = _run(reference_url, path, reference_env)
    duration = time.monotonic() - started
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    delays = sorted(rng.uniform(0.3, duration) for _ in range(KILLS))

    for delay in delays:
        process = subprocess.Popen(
            _command(database_url, path), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        try:
            process.wait(timeout=delay)  # finished before the kill: a whole run, also fine
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
        assert process.stderr is not None
        assert b"Traceback" not in process.stderr.read()
        process.stderr.close()
    last = _run(database_url, path, env)

    assert _state(database_url) == _state(reference_url), f"kills after {delays} s (seed {seed})"
    assert reference["read"] == last["read"] == len(_messages())
    assert (reference["complaints"], len(reference["quarantined"])) == (39, 3)
    assert last["ingested"] + last["duplicates"] + len(last["quarantined"]) == last["read"]

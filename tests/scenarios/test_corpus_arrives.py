"""The shared corpus of real-world mail arrives on a fresh and on a demo database.

As a newcomer would: ``demo seed`` (or nothing), then ``ingest eml`` of the whole corpus
through the real command line. Nothing a person could answer is refused; what is left waits
in the quarantine with a reason; every complaint opened has its acknowledgement queued
(the demo templates render); a second run adds nothing.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from complaintdesk import cli
from tests.conftest import SHARED_DATA

CORPUS = SHARED_DATA / "emails"
NOBODY_TO_ANSWER = {
    "LICENSE": "not an email message",
    "error_emails/bad_encoded_subject.eml": "no sender address",  # no From, Sender, Reply-To
    "mime_emails/raw_email11.eml": "No usable sender address",  # xxxxx@xxxxx: no domain
}


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.run([*argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def _query(url: str, sql: str) -> list[tuple[Any, ...]]:
    engine = create_engine(url.replace("sqlite+pysqlite", "sqlite"))
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


@pytest.mark.parametrize("start", ["fresh", "demo"])
def test_the_shared_corpus_arrives_and_only_what_nobody_could_answer_waits(
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Callable[..., str],
    start: str,
) -> None:
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file())
    assert len(files) > 100, "the shared email corpus is missing"
    cli_sign_in(database_url)  # the administrator's scheduled job holds a token
    if start == "demo":
        _run(monkeypatch, capsys, "demo", "seed", "--complaints", "20", "--database", database_url)
    before = _query(database_url, "SELECT count(*) FROM complaint")[0][0]

    first = _run(monkeypatch, capsys, "ingest", "eml", str(CORPUS), "--database", database_url)
    second = _run(monkeypatch, capsys, "ingest", "eml", str(CORPUS), "--database", database_url)

    held = {str(Path(q["file"]).relative_to(CORPUS)): q["reason"] for q in first["quarantined"]}
    assert set(held) == set(NOBODY_TO_ANSWER)
    for name, why in NOBODY_TO_ANSWER.items():
        assert why in held[name]
    assert [Path(r["file"]).name for r in first["rejected"]] == ["sample_output_multipart"]
    assert first["read"] == len(files)
    assert first["ingested"] + first["duplicates"] + len(held) + 1 == len(files)
    assert (first["complaints"], first["automatic"], first["clashes"]) == (73, 7, 13)
    assert (second["ingested"], second["quarantined"]) == (0, first["quarantined"])
    opened = _query(database_url, "SELECT count(*) FROM complaint")[0][0] - before
    assert opened == first["complaints"]
    states = dict(
        _query(
            database_url,
            "SELECT delivery_state, count(*) FROM message WHERE direction = 'outbound' "
            "AND automatic = true AND delivery_state IN ('held', 'queued') GROUP BY delivery_state",
        )
    )
    assert states == {"queued": first["complaints"]}, "every acknowledgement written"
    waiting = _run(monkeypatch, capsys, "quarantine", "list", "--database", database_url)
    assert {item["problem"] for item in waiting["items"]} == {"no_sender", "not_a_message"}

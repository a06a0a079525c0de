"""Every command, given hostile arguments through the real entry point: never a traceback.

The parser is walked, so a command added later is covered too: each of its arguments gets
hostile values of its kind (extreme numbers, ``nan``, impossible dates and instants, missing,
unwritable and garbage paths, malformed URLs and ports, ids that are not ids, empty and
control text) while the others stay sensible. A refusal is one line on stderr and a non-zero
exit, and the database is left exactly as it was; a value accepted must not fail either.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from complaintdesk.__main__ import main
from complaintdesk.cli import main as cli_main
from complaintdesk.services.context import ServiceContext
from tests.support.mail_factory import make_email

NEVER_RUN_VALID = {"db encrypt", "smoke-test", "call"}
"""Commands whose sensible form would do something slow or outside the database (a window,
encryption): only the words they refuse are run."""

HOSTILE: dict[str, list[str]] = {
    "count": ["-1", "99999999999999999999999", "nan", "1e400", "abc", ""],
    "number": ["nan", "inf", "-inf", "-1", "1e400", "0", "abc"],
    "port": ["abc", "0", "65536", "-1", "99999999999", "nan"],
    "instant": [
        "9999-12-31T23:59:59+00:00",
        "0001-01-01T00:00:00+00:00",
        "2026-13-45T00:00+00:00",
        "2026-03-02T09:30:00",
        "nan",
        "",
    ],
    "day": ["9999-12-31", "0001-01-01", "2020-13-45", "nan", ""],
    "month": ["99999-01", "2026-13", "0000-01", "nan"],
    "identifier": ["not-an-id", "", "00000000-0000-0000-0000-00000000000g"],
    "text": ["", "   ", "\x00\x01", "x" * 100_000],
    "site_code": ["", "no spaces please", "X" * 50, "../etc"],
    "database_address": [
        "ht!tp://:::",
        "postgresql://u@h:abc/db",
        "mysql://u@h/db",
        "http://",
        "postgresql://u@h:99999999/db",
    ],
    "web_address": ["ht!tp://:::", "ftp://example.com", "https://", "https://h:abc/x", "nan"],
    "input_file": ["{missing}", "{folder}", "{garbage}", "{unreadable}"],
    "output_file": ["{missing_folder}/out.csv", "{folder}", "{unwritable}/out.csv"],
    "output_folder": ["{missing_folder}/deeper/out", "{garbage}", "{unwritable}/out"],
    "Path": ["{missing}", "{folder}", "{garbage}", "{missing_folder}/x.eml"],
    "str": ["", "\x00", "x" * 100_000, "nan", "-1"],
}
VALID: dict[str, str] = {
    "count": "3",
    "number": "5",
    "port": "993",
    "instant": "2026-03-02T09:30:00+01:00",
    "day": "2026-03-02",
    "month": "2026-03",
    "identifier": "00000000-0000-0000-0000-000000000001",
    "text": "Parcel",
    "site_code": "HQ",
    "database_address": "postgresql://nobody@127.0.0.1:1/none",
    "web_address": "https://gateway.example.com",
    "input_file": "{mail}",
    "output_file": "{out}/out.csv",
    "output_folder": "{out}/export",
    "Path": "{mail}",
    "str": "HQ-26-00001",
}


def _kind(action: argparse.Action) -> str:
    name = getattr(action.type, "__name__", None) if action.type is not None else "str"
    if action.type is Path:
        return "Path"
    return name if name in HOSTILE else "str"


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[Any]:
    for action in parser._actions:  # argparse keeps its sub-parsers private
        if isinstance(action, argparse._SubParsersAction):
            for word, child in action.choices.items():
                yield from _leaves(child, (*path, word))
            return
    yield path, parser


def _arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    common = {"help", "database", "demo", "json", "verbose"}
    return [
        a
        for a in parser._actions
        if a.dest not in common and not isinstance(a, argparse._StoreTrueAction)
    ]


def _value(action: argparse.Action, places: dict[str, str]) -> list[str]:
    if action.choices:
        return [str(next(iter(action.choices)))]
    return [VALID[_kind(action)].format(**places)]


def _words(action: argparse.Action, value: str) -> list[str]:
    return [action.option_strings[0], value] if action.option_strings else [value]


def _sensible(parser: argparse.ArgumentParser, places: dict[str, str], but: Any) -> list[str]:
    """Every argument of the command with a sensible value, except ``but``."""
    words: list[str] = []
    for action in _arguments(parser):
        if action is but or (action.option_strings and not action.required):
            continue
        for value in _value(action, places):
            words += _words(action, value)
    return words


def cases() -> Iterator[Any]:
    """(command, argument, hostile value) for every argument of every command."""
    for path, parser in _leaves(cli_main._parser()):
        command = " ".join(path)
        for action in _arguments(parser):
            hostile = HOSTILE[_kind(action)] if not action.choices else ["no-such-choice", ""]
            for value in hostile:
                word = action.option_strings[0] if action.option_strings else action.dest
                label = f"{command} {word}={value[:20]!r}"
                yield pytest.param(path, action.dest, value, id=label)


def _fingerprint(database: Path) -> str:
    connection = sqlite3.connect(database)
    try:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        connection.close()


@pytest.fixture
def places(tmp_path: Path, make_read_only: Any) -> dict[str, str]:
    """Paths the hostile values point at, made for this test."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "out").mkdir()
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(os.urandom(4096) + b"\x00" * 100)
    unreadable = tmp_path / "unreadable.eml"
    unreadable.write_bytes(make_email())
    unreadable.chmod(0)
    mail = tmp_path / "mail.eml"
    mail.write_bytes(make_email())
    locked = tmp_path / "locked"
    locked.mkdir()
    try:
        make_read_only(locked)
        unwritable = str(locked)
    except pytest.skip.Exception:
        unwritable = "/proc/complaintdesk"  # nobody may create files there, root included
    return {
        "missing": str(tmp_path / "missing.eml"),
        "missing_folder": str(tmp_path / "no-such-folder"),
        "folder": str(tmp_path / "folder"),
        "garbage": str(garbage),
        "unreadable": str(unreadable),
        "unwritable": unwritable,
        "mail": str(mail),
        "out": str(tmp_path / "out"),
    }


def _run(argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: Any) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("path", "dest", "value"), list(cases()))
def test_a_hostile_argument_is_one_clear_line_and_changes_nothing(
    path: tuple[str, ...],
    dest: str,
    value: str,
    shared_database: Path,
    places: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    parser = dict(_leaves(cli_main._parser()))[path]
    action = next(a for a in _arguments(parser) if a.dest == dest)
    hostile = value.format(**places)
    command = " ".join(path)
    argv = [*path, *_sensible(parser, places, action), *_words(action, hostile)]
    if command in ("ingest imap", "ingest social-gateway"):
        argv.append("--once")
    if command in NEVER_RUN_VALID and _accepted(parser, argv):
        pytest.skip(f"{command} would run for real with these words")
    before = _fingerprint(shared_database)

    code, _out, err = _run(
        [*argv, "--database", f"sqlite:///{shared_database}"], monkeypatch, capsys
    )

    assert "Traceback" not in err
    if code != 0:
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith("complaintdesk: error: "), err
        assert _fingerprint(shared_database) == before, f"{argv} changed the database"


def _accepted(parser: argparse.ArgumentParser, argv: list[str]) -> bool:
    """Return True if the parser would take ``argv`` (the command would then run)."""
    try:
        cli_main._parser(argv).parse_args(argv)
    except (cli_main.ArgumentMistake, SystemExit):
        return False
    return True


@pytest.fixture(scope="module")
def shared_database(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """One database for every hostile case (each compares it before and after itself)."""
    import shutil

    from complaintdesk.app import Settings, open_backend
    from complaintdesk.channels.email.parsing import parse
    from complaintdesk.services.inbound import mail
    from complaintdesk.storage.database import sqlite_url
    from tests.conftest import command_line_actor

    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "complaintdesk.db"
    shutil.copyfile(sqlite_template, path)
    backend = open_backend(Settings(sqlite_url(path), folder / "data"))
    mail.ingest_email(ServiceContext(backend.uow, command_line_actor()), parse(make_email()))
    backend.close()
    previous = os.environ.get("COMPLAINTDESK_DATA_DIR")
    os.environ["COMPLAINTDESK_DATA_DIR"] = str(folder / "data")
    yield path
    if previous is None:
        os.environ.pop("COMPLAINTDESK_DATA_DIR", None)
    else:
        os.environ["COMPLAINTDESK_DATA_DIR"] = previous


@pytest.fixture
def admin_ctx_sqlite(sqlite_backend: Any) -> ServiceContext:
    """A little data in the database, so that a change would show."""
    from complaintdesk.channels.email.parsing import parse
    from complaintdesk.services.inbound import mail
    from tests.conftest import command_line_actor

    ctx = ServiceContext(sqlite_backend.uow, command_line_actor())
    mail.ingest_email(ctx, parse(make_email()))
    sqlite_backend.engine.dispose()
    return ctx


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["deadline", "--preset", "uk-fca", "--received", "9999-12-31T23:59:59+00:00"], "2200"),
        (["report", "cfpb", "--out", "/no/such/folder/x.csv"], "does not exist"),
        (["retention", "apply", "--years", "999999999999"], "between 1 and 100"),
        (["ingest", "eml", "x.eml", "--max-attachment-mb", "nan"], "is not a number"),
        (["branch", "init", "--central", "ht!tp://:::", "--site", "HQ"], "postgresql://"),
        (["report", "queue", "--queue", "mine", "--out", "{out}/mine.csv"], "needs you to sign in"),
    ],
)
def test_the_mistakes_the_issue_names_are_each_one_line(
    argv: list[str],
    said: str,
    sqlite_database: Path,
    admin_ctx_sqlite: ServiceContext,
    places: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    words = [w.format(**places) for w in argv]
    before = _fingerprint(sqlite_database)

    code, out, err = _run(
        [*words, "--database", f"sqlite:///{sqlite_database}"], monkeypatch, capsys
    )

    assert code != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert said in err
    assert not (Path(places["out"]) / "mine.csv").exists(), "no empty file for nobody's queue"
    assert _fingerprint(sqlite_database) == before


@pytest.mark.parametrize("given", ["environment", "option"])
def test_a_database_url_with_a_port_that_is_not_a_number_is_one_line_without_its_password(
    monkeypatch: pytest.MonkeyPatch, capsys: Any, given: str
) -> None:
    url = "postgresql://u:s3cret@h:abc/db"
    if given == "environment":
        monkeypatch.setenv("COMPLAINTDESK_DATABASE_URL", url)

    code, out, err = _run(
        ["db", "current", *(["--database", url] if given == "option" else [])], monkeypatch, capsys
    )

    assert (code, out) == (1, "")
    assert "s3cret" not in err
    assert err.strip() == (
        "complaintdesk: error: Not a database URL: use postgresql://user@host:5432/name or "
        "sqlite:///FILE."
    )

"""Encryption at rest of the embedded database (SQLCipher through ``sqlcipher3-binary``).

A stolen laptop's file shows nothing readable; the app opens it with the key from the
environment (a passphrase given at start) or the keyring; without the key, every way in says
so in one plain line."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

from complaintdesk import cli
from complaintdesk.app import Settings, open_backend
from complaintdesk.domain.vocabulary import Channel, ContactKind
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.insight import search
from complaintdesk.storage import encryption
from complaintdesk.storage.database import sqlite_url
from tests.conftest import command_line_actor

PASSPHRASE = "a long branch passphrase"


class MemoryKeyring(KeyringBackend):
    """A keyring that works on a headless test machine."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Any:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(encryption.KEY_VARIABLE, raising=False)
    monkeypatch.setattr(encryption, "find_key", _env_only)


def _env_only(path: Path) -> str | None:
    """The key lookup without the machine's real keyring (the tests own the environment)."""
    return os.environ.get(encryption.KEY_VARIABLE)


@pytest.fixture
def database(sqlite_database: Path, data_dir: Path) -> Path:
    """The embedded file with one complaint by Léa Martin in it."""
    backend = open_backend(Settings(sqlite_url(sqlite_database), data_dir))
    intake.record_complaint(
        ServiceContext(backend.uow, command_line_actor()),
        intake.NewComplaint(
            Channel.PHONE,
            "Carte bloquée",
            "Léa Martin ne peut plus payer",
            CustomerInput("Léa Martin", [(ContactKind.PHONE, "06 12 34 56 78")]),
        ),
    )
    backend.engine.dispose()
    return sqlite_database


def _run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = "") -> tuple[int, str, str]:
    sys.stdin = io.StringIO(stdin)
    try:
        code = cli.run(list(argv))
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


def _encrypt(capsys: pytest.CaptureFixture[str], database: Path) -> dict[str, Any]:
    code, out, err = _run(
        capsys,
        "--database",
        sqlite_url(database),
        "db",
        "encrypt",
        "--passphrase-stdin",
        "--json",
        stdin=PASSPHRASE + "\n",
    )
    assert code == 0, err
    summary: dict[str, Any] = json.loads(out)
    return summary


def _one_line_error(code: int, out: str, err: str) -> str:
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1
    return err


def test_an_encrypted_file_shows_nothing_readable(
    database: Path, capsys: pytest.CaptureFixture[str], no_key: None
) -> None:
    assert b"SQLite format 3" in database.read_bytes()[:16]
    assert b"Martin" in database.read_bytes()

    summary = _encrypt(capsys, database)

    content = database.read_bytes()
    assert not content.startswith(b"SQLite format 3")
    assert b"Martin" not in content
    assert "Léa".encode() not in content
    assert summary["key"] == "passphrase"
    assert summary["rows"] > 0
    assert not database.with_name(database.name + "-wal").exists()


def test_without_the_key_every_way_in_says_so_in_one_line(
    database: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], no_key: None
) -> None:
    _encrypt(capsys, database)

    with pytest.raises(encryption.DatabaseKeyRequired, match="is encrypted"):
        open_backend(Settings(sqlite_url(database), data_dir))
    code, out, err = _run(capsys, "--database", sqlite_url(database), "search", "Martin")
    assert "is encrypted" in _one_line_error(code, out, err)
    assert encryption.KEY_VARIABLE in err


def test_a_wrong_passphrase_is_told_apart_from_a_damaged_file(
    database: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_key: None,
) -> None:
    _encrypt(capsys, database)
    monkeypatch.setenv(encryption.KEY_VARIABLE, "not the passphrase at all")

    code, out, err = _run(capsys, "--database", sqlite_url(database), "search", "Martin")

    assert "key given does not open it" in _one_line_error(code, out, err)


def test_with_the_passphrase_the_app_reads_searches_writes_and_backs_up(
    database: Path,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_key: None,
) -> None:
    _encrypt(capsys, database)
    monkeypatch.setenv(encryption.KEY_VARIABLE, PASSPHRASE)

    backend = open_backend(Settings(sqlite_url(database), data_dir))
    ctx = ServiceContext(backend.uow, command_line_actor())
    try:
        assert [r.customer_name for r in search.search(ctx, "martin")] == ["Léa Martin"]
        intake.record_complaint(
            ctx,
            intake.NewComplaint(Channel.SHOP, "Second visit", "", CustomerInput("Jean Dupont")),
        )
        assert [r.customer_name for r in search.search(ctx, "dupont")] == ["Jean Dupont"]
    finally:
        backend.engine.dispose()

    copy = tmp_path / "copy.db"
    code, _, err = _run(capsys, "--database", sqlite_url(database), "db", "backup", str(copy))
    assert code == 0, err
    assert encryption.is_encrypted(copy)
    assert b"Dupont" not in copy.read_bytes()
    restored = open_backend(Settings(sqlite_url(copy), tmp_path))
    try:
        found = search.search(ServiceContext(restored.uow, command_line_actor()), "dupont")
        assert len(found) == 1
    finally:
        restored.engine.dispose()


def test_a_random_key_kept_in_the_keyring_opens_the_file_without_asking(
    database: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:
    monkeypatch.delenv(encryption.KEY_VARIABLE, raising=False)

    code, out, err = _run(capsys, "--database", sqlite_url(database), "db", "encrypt", "--json")

    assert code == 0, err
    assert json.loads(out)["key"] == "keyring"
    (stored,) = memory_keyring.store.values()
    assert stored.startswith("x'")
    assert stored not in out
    assert encryption.is_encrypted(database)
    backend = open_backend(Settings(sqlite_url(database), data_dir))
    try:
        assert search.search(ServiceContext(backend.uow, command_line_actor()), "martin")
    finally:
        backend.engine.dispose()


def test_encrypting_twice_or_a_short_passphrase_is_refused(
    database: Path, capsys: pytest.CaptureFixture[str], no_key: None
) -> None:
    url = sqlite_url(database)
    code, out, err = _run(
        capsys, "--database", url, "db", "encrypt", "--passphrase-stdin", stdin="short\n"
    )
    assert "at least 12 characters" in _one_line_error(code, out, err)
    assert not encryption.is_encrypted(database)

    _encrypt(capsys, database)
    code, out, err = _run(
        capsys, "--database", url, "db", "encrypt", "--passphrase-stdin", stdin=PASSPHRASE
    )
    assert "encrypted already" in _one_line_error(code, out, err)

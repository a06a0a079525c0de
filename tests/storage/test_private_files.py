"""Database files and the data folder are created readable by their owner only (DESIGN.md §9)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from complaintdesk.app import Settings, open_backend
from complaintdesk.storage import schema
from complaintdesk.storage.database import sqlite_url
from complaintdesk.storage.secrets import FileSecrets


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> object:
    """The most permissive umask a user may have: nothing is taken away by default."""
    previous = os.umask(0)
    yield previous
    os.umask(previous)


def test_a_new_data_folder_and_its_database_are_for_their_owner_only(
    tmp_path: Path, loose_umask: object
) -> None:
    folder = tmp_path / "home" / "share" / "ComplaintDesk"
    backend = open_backend(Settings(sqlite_url(folder / "complaintdesk.db"), folder))
    try:
        with backend.engine.begin() as connection:  # a write makes the WAL files exist
            connection.exec_driver_sql("UPDATE replica_state SET last_sync_at = NULL")
        files = sorted(folder.glob("complaintdesk.db*"))
        assert {f.name for f in files} >= {"complaintdesk.db", "complaintdesk.db-wal"}
        for made in (folder, folder.parent, folder.parent.parent):
            assert mode(made) == 0o700, made
        for file in files:
            assert mode(file) == 0o600, file
        copy = schema.backup(backend.engine, folder / "backups" / "copy.db")
        assert mode(copy) == 0o600
        assert mode(copy.parent) == 0o700
        FileSecrets(folder / "secrets").put("central-par", "pw")
        assert mode(folder / "secrets") == 0o700
        assert mode(folder / "secrets" / "central-par.secret") == 0o600
    finally:
        backend.engine.dispose()


def test_an_existing_folder_is_left_as_its_owner_set_it(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    backend = open_backend(Settings(sqlite_url(tmp_path / "complaintdesk.db"), tmp_path))
    backend.engine.dispose()
    assert mode(tmp_path) == 0o755
    assert mode(tmp_path / "complaintdesk.db") == 0o600

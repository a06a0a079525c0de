"""Opening a database as the application does: first-start set-up is idempotent and safe when
many clients start at once on a new central database (real processes, not threads)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from complaintdesk.app import Settings, open_backend
from complaintdesk.storage.database import create_database_engine
from tests.support import parallel


def _count(url: str, query: str) -> int:
    engine = create_database_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(query)).scalar_one())
    finally:
        engine.dispose()


def test_six_clients_starting_at_once_on_a_new_database_all_start_and_set_it_up_once(
    database_url: str, data_dir: Path, tmp_path: Path
) -> None:
    folders = [str(tmp_path / f"workstation-{n}") for n in range(6)]

    started = parallel.at_once(parallel.first_start, [(database_url, f) for f in folders])

    assert started == ["ok"] * 6
    assert _count(database_url, "SELECT count(*) FROM site") == 1
    assert _count(database_url, "SELECT count(*) FROM replica_state") == 1
    assert _count(database_url, "SELECT count(*) FROM audit_key") == 1
    policies = _count(database_url, "SELECT count(*) FROM service_level_policy")
    assert policies == _count(database_url, "SELECT count(DISTINCT code) FROM service_level_policy")
    assert policies > 0


def test_a_second_start_sets_nothing_up_again(database_url: str, data_dir: Path) -> None:
    open_backend(Settings(database_url, data_dir)).close()
    events = _count(database_url, "SELECT count(*) FROM audit_event")

    open_backend(Settings(database_url, data_dir)).close()

    assert _count(database_url, "SELECT count(*) FROM audit_event") == events

"""Schema versions on SQLite and PostgreSQL: built by migrating, equal to the models,
reversible one step, and a database the app does not know is left alone."""

from __future__ import annotations

import sqlite3
import threading
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from complaintdesk.app import Settings, open_backend
from complaintdesk.domain.errors import DatabaseNewerThanApp, DatabaseOutOfDate, NotADatabase
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage import schema
from complaintdesk.storage.database import create_database_engine, sqlite_url
from complaintdesk.storage.models import Base
from complaintdesk.storage.search_index import is_index_object
from tests.conftest import command_line_actor

UNKNOWN_REVISION = "ffff9999"


@pytest.fixture
def engine(empty_database_url: str) -> Iterator[Engine]:
    """An engine on a database without any schema, on each backend."""
    opened = create_database_engine(empty_database_url)
    yield opened
    opened.dispose()


def _revisions(engine: Engine) -> ScriptDirectory:
    return ScriptDirectory.from_config(schema.alembic_config(engine))


def _differences(engine: Engine) -> list[object]:
    """What autogenerate would change, the search index aside (derived data, not models)."""

    def include_name(name: str | None, kind: str, parents: object) -> bool:
        return not (kind == "table" and is_index_object(name))

    with engine.connect() as connection, warnings.catch_warnings():
        # SQLite cannot reflect the queue indexes on the regulatory sort expression (0019):
        # autogenerate then leaves them out on both sides and compares the rest.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        return list(compare_metadata(context, Base.metadata))


def _revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _add_user(url: str, data_dir: Path, login: str) -> None:
    backend = open_backend(Settings(url, data_dir))
    try:
        ctx = ServiceContext(backend.uow, command_line_actor())
        users.add_user(ctx, login, "correct horse", role=Role.AGENT, site_code="HQ")
    finally:
        backend.engine.dispose()


def _logins(url: str) -> set[str]:
    engine = create_database_engine(url, create_file=False)
    try:
        with engine.connect() as connection:
            return set(connection.execute(text("SELECT login FROM app_user")).scalars())
    finally:
        engine.dispose()


def _stamp(url: str, revision: str) -> None:
    engine = create_database_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def test_an_empty_database_upgrades_to_the_newest_revision(engine: Engine) -> None:
    schema.upgrade(engine)

    state = schema.status(engine)
    assert state.up_to_date
    assert state.current == _revisions(engine).get_current_head()
    assert state.current == schema.HEAD, "schema.HEAD must name the newest migration"
    assert schema.current_revision(engine) == state.current


def test_the_migrated_schema_is_exactly_the_models(engine: Engine) -> None:
    schema.upgrade(engine)

    assert _differences(engine) == []


def test_the_roles_exist_after_migrating(engine: Engine) -> None:
    schema.upgrade(engine)

    with engine.connect() as connection:
        roles = set(connection.execute(text("SELECT code FROM role")).scalars())
    assert roles == {role.value for role in Role}


def test_downgrading_one_step_then_upgrading_again_restores_the_schema(engine: Engine) -> None:
    schema.upgrade(engine)
    head = _revisions(engine).get_revision("head")

    schema.downgrade(engine, "-1")
    assert _revision(engine) == head.down_revision

    schema.upgrade(engine)
    assert _revision(engine) == head.revision
    assert _differences(engine) == []


def test_downgrading_every_step_leaves_no_table_behind(engine: Engine) -> None:
    schema.upgrade(engine)

    schema.downgrade(engine, "base")

    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert schema.status(engine).empty


def test_data_survives_a_step_down_and_back_up(database_url: str, data_dir: Path) -> None:
    _add_user(database_url, data_dir, "alice")
    engine = create_database_engine(database_url)
    schema.downgrade(engine, "-1")
    schema.upgrade(engine)
    engine.dispose()

    assert "alice" in _logins(database_url)


def test_a_database_from_a_newer_app_is_refused(database_url: str, data_dir: Path) -> None:
    _add_user(database_url, data_dir, "alice")
    _stamp(database_url, UNKNOWN_REVISION)

    with pytest.raises(DatabaseNewerThanApp, match="newer than this ComplaintDesk"):
        open_backend(Settings(database_url, data_dir))

    engine = create_database_engine(database_url, create_file=False)
    assert _revision(engine) == UNKNOWN_REVISION
    engine.dispose()
    assert _logins(database_url) == {"alice"}


def test_an_embedded_database_from_a_newer_app_keeps_every_byte(data_dir: Path) -> None:
    url = sqlite_url(data_dir / "complaintdesk.db")
    _add_user(url, data_dir, "alice")
    _stamp(url, UNKNOWN_REVISION)
    before = (data_dir / "complaintdesk.db").read_bytes()

    with pytest.raises(DatabaseNewerThanApp):
        open_backend(Settings(url, data_dir))

    assert (data_dir / "complaintdesk.db").read_bytes() == before
    assert not (data_dir / "backups").exists()


def test_another_applications_sqlite_file_is_refused_and_untouched(data_dir: Path) -> None:
    data_dir.mkdir()
    foreign = data_dir / "complaintdesk.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE recipe (name TEXT)")
        connection.execute("INSERT INTO recipe VALUES ('tarte tatin')")
    connection.close()
    before = foreign.read_bytes()

    with pytest.raises(NotADatabase, match="not a ComplaintDesk database"):
        open_backend(Settings(sqlite_url(foreign), data_dir))

    assert foreign.read_bytes() == before


def test_an_embedded_database_behind_the_app_is_backed_up_then_upgraded(data_dir: Path) -> None:
    url = sqlite_url(data_dir / "complaintdesk.db")
    _add_user(url, data_dir, "alice")
    engine = create_database_engine(url)
    head = _revisions(engine).get_revision("head")
    assert head.down_revision, "needs two revisions: a database of the previous release"
    schema.downgrade(engine, str(head.down_revision))
    engine.dispose()

    backend = open_backend(Settings(url, data_dir))
    try:
        assert _revision(backend.engine) == head.revision
        assert auth.sign_in(backend.uow, "alice", "correct horse").login == "alice"
    finally:
        backend.engine.dispose()
    (copy,) = (data_dir / "backups").iterdir()
    copy_engine = create_database_engine(sqlite_url(copy), create_file=False)
    assert _revision(copy_engine) == head.down_revision
    copy_engine.dispose()
    assert _logins(sqlite_url(copy)) == {"alice"}


def test_an_up_to_date_embedded_database_opens_without_a_backup(data_dir: Path) -> None:
    url = sqlite_url(data_dir / "complaintdesk.db")
    _add_user(url, data_dir, "alice")

    open_backend(Settings(url, data_dir)).engine.dispose()

    assert not (data_dir / "backups").exists()


@pytest.mark.postgres
def test_a_shared_database_behind_the_app_waits_for_its_administrator(
    migrated_postgres_url: str, data_dir: Path
) -> None:
    engine = create_database_engine(migrated_postgres_url)
    schema.downgrade(engine, "-1")
    behind = _revision(engine)
    engine.dispose()

    with pytest.raises(DatabaseOutOfDate, match="complaintdesk db upgrade"):
        open_backend(Settings(migrated_postgres_url, data_dir))

    engine = create_database_engine(migrated_postgres_url)
    assert _revision(engine) == behind
    engine.dispose()


@pytest.mark.postgres
def test_a_postgresql_database_holding_other_data_is_refused_and_untouched(
    fresh_postgres_url: str, data_dir: Path
) -> None:
    engine = create_database_engine(fresh_postgres_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE recipe (name text)"))
    tables = set(inspect(engine).get_table_names())

    with pytest.raises(NotADatabase, match="not a ComplaintDesk database"):
        schema.upgrade(engine)

    assert set(inspect(engine).get_table_names()) == tables == {"recipe"}
    engine.dispose()


@pytest.mark.postgres
def test_an_upgrade_of_a_shared_database_waits_for_the_work_in_progress(
    migrated_postgres_url: str, data_dir: Path
) -> None:
    engine = create_database_engine(migrated_postgres_url)
    schema.downgrade(engine, "-1")
    client = open_backend(Settings(migrated_postgres_url, data_dir), upgrade=False)
    upgrade_waits = threading.Event()
    busy: list[int] = []

    def waiting(sessions: int) -> None:
        busy.append(sessions)
        upgrade_waits.set()

    try:
        with client.uow(write=True) as uow:  # a client's change, under way
            uow.audit("note_added", "complaint", None, user_id=None, login="ann")
            uow.flush()
            with ThreadPoolExecutor(1) as pool:
                upgrading = pool.submit(schema.upgrade, engine, waiting=waiting)
                assert upgrade_waits.wait(timeout=60), "the upgrade did not wait"
                uow.commit()  # the client finishes: the upgrade goes on
                upgrading.result(timeout=120)
        assert _revision(engine) == schema.HEAD
        assert busy[0] >= 1
        with engine.connect() as connection:
            notes = connection.execute(
                text("SELECT count(*) FROM audit_event WHERE action = 'note_added'")
            ).scalar_one()
        assert notes == 1  # the client's work was not lost to the upgrade
    finally:
        client.close()
        engine.dispose()

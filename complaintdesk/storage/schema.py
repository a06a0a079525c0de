"""Schema versions through Alembic: check, upgrade (after a backup), back up, downgrade."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, exc, inspect, text
from sqlalchemy.engine import URL

from complaintdesk.domain.errors import (
    DatabaseError,
    DatabaseNewerThanApp,
    DatabaseOutOfDate,
    NotADatabase,
)
from complaintdesk.storage import encryption
from complaintdesk.storage.database import SCHEMA_HEAD, use_write_ahead_log
from complaintdesk.storage.safekeeping.private_files import private_folder

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# Alembic (with Mako) takes a third of a second to import: a start on an up-to-date database
# reads the revision with plain SQL and never loads it.
HEAD = SCHEMA_HEAD
"""The newest migration (tests/storage/test_schema.py checks it is Alembic's head)."""


def script_location() -> Path:
    """Return the migrations folder: packaged in a wheel, or beside the source tree."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "_migrations", package.parent / "migrations"):
        if (candidate / "env.py").exists():
            return candidate
    raise DatabaseError("The migrations of this installation are missing; reinstall ComplaintDesk.")


def alembic_config(engine: Engine) -> Config:
    """Return an Alembic configuration bound to ``engine`` (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location()))
    config.attributes["engine"] = engine
    return config


@dataclass(frozen=True)
class SchemaStatus:
    """Where a database stands against this app's migrations."""

    current: str | None
    head: str
    known: bool
    empty: bool

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def status(engine: Engine) -> SchemaStatus:
    """Read the database's revision without changing anything.

    Raises:
        NotADatabase: it has tables but no ComplaintDesk revision.
    """
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config(engine))
    head = scripts.get_current_head()
    assert head is not None
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names())
    empty = not tables - {"alembic_version"}
    if current is None and not empty:
        raise NotADatabase("This database holds other data: it is not a ComplaintDesk database.")
    known = current is None or _is_known(scripts, current)
    return SchemaStatus(current=current, head=head, known=known, empty=empty)


def _is_known(scripts: ScriptDirectory, revision: str) -> bool:
    try:
        return scripts.get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False


def current_revision(engine: Engine) -> str | None:
    """Return the database's revision read with plain SQL (None: no revision table)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return str(revision) if revision is not None else None


def refuse_unknown(state: SchemaStatus) -> None:
    """Raise if the database was migrated by a newer ComplaintDesk."""
    if not state.known:
        raise DatabaseNewerThanApp(
            f"This database is at schema {state.current}, newer than this ComplaintDesk "
            f"(which knows up to {state.head}). Install the newer version; nothing was changed."
        )


Waiting = Callable[[int], None]
"""Told, while an upgrade waits for the work in progress, how many sessions are busy."""
LOCK_WAIT = timedelta(minutes=10)
"""How long an upgrade of a shared database waits for the work in progress before it gives up."""


def upgrade(engine: Engine, revision: str = "head", waiting: Waiting | None = None) -> None:
    """Migrate the database to ``revision`` (refusing one newer than the app).

    On PostgreSQL, clients may be working: the upgrade first locks every table at once,
    waiting (a few seconds at a time, saying how many sessions are busy) for the transactions
    in progress to end, then migrates in that same transaction. Nobody writes a half-migrated
    schema, and no client's transaction is caught between two steps of it.

    Raises:
        DatabaseError: the work in progress did not end within ``LOCK_WAIT``.
    """
    from alembic import command

    refuse_unknown(status(engine))
    use_write_ahead_log(engine)
    config = alembic_config(engine)
    if engine.dialect.name != "postgresql":
        command.upgrade(config, revision)
        return
    with engine.connect() as connection:
        _lock_every_table(connection, waiting or (lambda _busy: None))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()


def _lock_every_table(connection: Connection, waiting: Waiting) -> None:
    tables = connection.scalars(
        text(
            "SELECT quote_ident(tablename) FROM pg_tables "
            "WHERE schemaname = current_schema() ORDER BY tablename"
        )
    ).all()
    if not tables:
        return  # a new database: nobody can be working in it
    deadline = datetime.now(UTC) + LOCK_WAIT
    while True:
        connection.execute(text("SET LOCAL lock_timeout = '3s'"))
        try:
            connection.execute(text(f"LOCK TABLE {', '.join(tables)} IN ACCESS EXCLUSIVE MODE"))
        except exc.OperationalError as error:
            if getattr(error.orig, "sqlstate", None) not in ("55P03", "40P01"):
                raise
            connection.rollback()
            if datetime.now(UTC) > deadline:
                raise DatabaseError(
                    "The upgrade waited ten minutes for the work in progress to end and gave "
                    "up; nothing was changed. Run it again when fewer people are working."
                ) from None
            waiting(_busy(connection))
            continue
        connection.execute(text("SET LOCAL lock_timeout = 0"))
        return


def _busy(connection: Connection) -> int:
    busy = connection.execute(
        text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state NOT IN ('idle')"
        )
    ).scalar_one()
    connection.rollback()
    return int(busy)


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database down to ``revision`` (for example ``-1``)."""
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def prepare_embedded(engine: Engine, backup_dir: Path) -> Path | None:
    """Bring an embedded database to head at start-up, after a backup copy.

    Returns:
        The backup file made, or None if nothing needed upgrading or the file was new.
    """
    if current_revision(engine) == HEAD:
        use_write_ahead_log(engine)
        return None
    from alembic import command

    state = status(engine)
    refuse_unknown(state)
    use_write_ahead_log(engine)
    if state.up_to_date:
        return None
    backup_path = None
    if not state.empty:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup_path = backup(engine, backup_dir / f"before-{state.head[:12]}-{stamp}.db")
    command.upgrade(alembic_config(engine), "head")
    return backup_path


def require_current(engine: Engine) -> None:
    """Refuse to work on a shared database that is behind or ahead of this app."""
    if current_revision(engine) == HEAD:
        return
    state = status(engine)
    refuse_unknown(state)
    if not state.up_to_date:
        raise DatabaseOutOfDate(
            "This database needs upgrading: an administrator runs `complaintdesk db upgrade`."
        )


def backup(engine: Engine, target: Path) -> Path:
    """Copy the whole database to ``target`` while it stays usable.

    SQLite uses the online backup API; PostgreSQL uses ``pg_dump`` in custom format. The
    copy is written beside ``target`` and renamed at the end, so a failed backup never
    replaces an earlier good one.

    Raises:
        DatabaseError: the copy could not be made (the message says why).
    """
    target = target.expanduser().resolve()
    partial = target.with_name(f".{target.name}.partial")
    try:
        private_folder(target.parent)
        partial.unlink(missing_ok=True)  # left by a backup that was killed
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # owner only
        if engine.dialect.name == "sqlite":
            _sqlite_backup(engine, partial, target)
        else:
            _pg_dump(engine, partial)
        partial.replace(target)
    except OSError as error:
        raise DatabaseError(f"Cannot write the backup {target}: {error.strerror}.") from None
    except sqlite3.Error as error:
        raise DatabaseError(f"Cannot write the backup {target}: {error}.") from None
    finally:
        if partial.exists():  # not unlink(missing_ok): the folder itself may be missing
            partial.unlink()
    return target


def _sqlite_backup(engine: Engine, partial: Path, target: Path) -> None:
    source_path = engine.url.database
    if not source_path or source_path == ":memory:":
        raise DatabaseError("An in-memory database cannot be backed up.")
    if Path(source_path).expanduser().resolve() == target:
        raise DatabaseError("A backup cannot replace the database it copies: choose another file.")
    if encryption.is_sqlcipher(engine):  # the copy stays encrypted, with the same key
        encryption.export_copy(engine, partial)
        return
    with closing(sqlite3.connect(source_path)) as source, closing(sqlite3.connect(partial)) as copy:
        source.backup(copy)


def _pg_dump(engine: Engine, target: Path) -> None:
    executable = shutil.which("pg_dump")
    if executable is None:
        raise DatabaseError("pg_dump is not installed: install the PostgreSQL client tools.")
    url = engine.url
    environment = dict(os.environ)
    if url.password is not None:
        # Through the environment, not the command line that every user can list.
        environment["PGPASSWORD"] = str(url.password)
    # Rebuilt rather than ``url.set(password=None)``, which keeps the password.
    url = URL.create("postgresql", url.username, None, url.host, url.port, url.database, url.query)
    result = subprocess.run(
        [executable, "--format=custom", f"--file={target}", url.render_as_string(False)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    if result.returncode != 0:
        lines = [line.removeprefix("pg_dump: ") for line in result.stderr.splitlines()]
        reason = "; ".join(line.strip() for line in lines if line.strip())
        raise DatabaseError(f"pg_dump failed: {reason or f'exit status {result.returncode}'}.")

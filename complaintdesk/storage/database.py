"""Engines for the embedded SQLite file and the central PostgreSQL server."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, make_url, text
from sqlalchemy.engine import URL

from complaintdesk.domain.errors import (
    DatabaseError,
    DatabaseUnreachable,
    DataFolderNotWritable,
    NotADatabase,
    SchemaChanged,
    ValidationError,
)
from complaintdesk.storage import encryption
from complaintdesk.storage.safekeeping.private_files import private_folder

SQLITE_HEADER = b"SQLite format 3\x00"


def sqlite_url(path: Path) -> str:
    """Return the SQLAlchemy URL of an embedded database file."""
    return f"sqlite+pysqlite:///{path}"


def describe(url: str) -> str:
    """Name the database for a person (status bar, log), never showing a password."""
    try:
        parsed = make_url(url)
    except (exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
        return "<invalid database URL>"
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite {parsed.database or ':memory:'}"
    if parsed.get_backend_name() == "postgresql":
        user = f"{parsed.username}@" if parsed.username else ""
        port = f":{parsed.port}" if parsed.port else ""
        return f"PostgreSQL {user}{parsed.host or 'localhost'}{port}/{parsed.database or ''}"
    return parsed.render_as_string(hide_password=True)


SCHEMA_HEAD = "0020"
"""The schema revision this version needs (``storage/schema.py``'s HEAD, checked by a test)."""


def password_of(url: str) -> str | None:
    """Return the password written in ``url``, or None."""
    try:
        return make_url(url).password
    except exc.ArgumentError:
        return None


def with_password(url: str, password: str) -> str:
    """Return ``url`` with ``password`` set."""
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def wants_password(url: str) -> bool:
    """True if connecting to ``url`` fails because the server asks for a password."""
    try:
        engine = create_engine(normalise_url(url), connect_args={"connect_timeout": 5})
    except (exc.ArgumentError, ValidationError):
        return False
    try:
        with engine.connect():
            return False
    except exc.DBAPIError as error:
        words = str(error.orig).lower()
        return "password" in words and ("authentication" in words or "no password" in words)
    finally:
        engine.dispose()


def normalise_url(url: str) -> URL:
    """Parse ``url`` and pick the driver ComplaintDesk uses for its database.

    Raises:
        ValidationError: the URL is not a SQLite or PostgreSQL URL.
    """
    try:
        parsed = make_url(url)
    except (exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise ValidationError(
            "Not a database URL: use postgresql://user@host:5432/name or sqlite:///FILE."
        ) from None
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+pysqlite")
    raise ValidationError(
        f"Unsupported database {backend!r}: use a sqlite:/// file or a postgresql:// server."
    )


def create_database_engine(url: str, *, create_file: bool = True) -> Engine:
    """Open an engine on ``url`` after checking it can be used, without changing anything.

    Raises:
        ValidationError: the URL is not supported.
        NotADatabase: the file exists but is not an SQLite database.
        DataFolderNotWritable: the file cannot be created or written.
        DatabaseUnreachable: the server does not answer or refuses us.
    """
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(parsed, create_file=create_file)
    else:
        engine = create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    _check_connects(engine)
    return engine


def _sqlite_engine(url: URL, *, create_file: bool) -> Engine:
    database = url.database or ""
    key = None
    if database and database != ":memory:":
        path = Path(database).expanduser()
        key = _key_of_encrypted(path)
        if key is None:
            _check_sqlite_file(path, create_file=create_file)
    if key is None:
        engine = create_engine(url, connect_args={"timeout": 30})
    else:
        engine = create_engine(url, module=encryption.driver(), connect_args={"timeout": 30})
        encryption.install_key(engine, key)
    _install_sqlite_hooks(engine)
    return engine


def _key_of_encrypted(path: Path) -> str | None:
    """Return the key of an encrypted file (None for a plain one).

    Raises:
        DatabaseKeyRequired: the file is encrypted and no key was given.
    """
    if not encryption.is_encrypted(path):
        return None
    key = encryption.find_key(path)
    if key is None:
        raise encryption.DatabaseKeyRequired(
            f"{path} is encrypted (or not an SQLite file): give its passphrase in "
            f"{encryption.KEY_VARIABLE}, or keep its key in the system keyring "
            "(`complaintdesk db encrypt` does)."
        )
    return key


def _check_sqlite_file(path: Path, *, create_file: bool) -> None:
    try:
        if path.exists():
            _check_existing_file(path)
            return
    except OSError as error:
        raise DatabaseError(f"Cannot open the database {path}: {error.strerror}.") from None
    if not create_file:
        raise NotADatabase(f"There is no database at {path}.")
    try:
        private_folder(path.parent)
    except OSError as error:
        raise DataFolderNotWritable(
            f"Cannot create the data folder {path.parent}: {error.strerror}."
        ) from None
    _check_folder_writable(path.parent)
    _create_private_file(path)


def _create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only, before SQLite opens it.

    SQLite gives its write-ahead log and shared-memory files the permissions of the
    database file, so they are private too.
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise DataFolderNotWritable(
            f"Cannot create the database {path}: {error.strerror}."
        ) from None
    os.close(descriptor)


def _check_existing_file(path: Path) -> None:
    if path.is_dir():
        raise NotADatabase(f"{path} is a folder, not a database file.")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise NotADatabase(f"{path} is not a ComplaintDesk database (not an SQLite file).")
    try:
        with path.open("r+b"):
            pass  # opening for writing changes nothing, and proves we may
    except OSError as error:
        raise DataFolderNotWritable(
            f"The database {path} cannot be written ({error.strerror}): it is read-only."
        ) from None
    _check_folder_writable(path.parent)


def _check_folder_writable(folder: Path) -> None:
    """Try to make a file there: SQLite writes its journal beside the database.

    ``os.access`` is not asked: it checks the real user rather than the effective one,
    and on network file systems (root squash, SMB shares) the server decides.
    """
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".complaintdesk-probe-"):
            pass
    except OSError as error:
        raise DataFolderNotWritable(
            f"The data folder {folder} is read-only ({error.strerror}): "
            "choose a folder you may write to."
        ) from None


def _install_sqlite_hooks(engine: Engine) -> None:
    """Foreign keys, and explicit BEGIN so writers can take the lock up front.

    Nothing here writes to the file: the app may be pointed at a file it then refuses.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted or overwritten content is zeroed, not left in free space (erasure).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA cache_size=-65536")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.execute("PRAGMA mmap_size=268435456")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def use_write_ahead_log(engine: Engine) -> None:
    """Put an embedded database this app owns in WAL mode, so readers never block the writer.

    The mode is stored in the file, so this is done once the file is known to be a
    ComplaintDesk database, never on connecting (which would rewrite any SQLite file).
    """
    if engine.dialect.name != "sqlite":
        return
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
    finally:
        connection.close()


def driver_rows(
    engine: Engine, sql: str, parameters: Any, connection: Any | None = None
) -> list[tuple[Any, ...]]:
    """Run SQL text on the database driver itself; return its rows as the driver gives them.

    For the reads a person waits on at every click (queue pages): no execution context, no
    result processing, no row objects. Without ``connection`` (a driver connection in a
    transaction) the one statement runs on a pooled connection of its own: a single
    statement reads one consistent state. Driver errors come wrapped as SQLAlchemy wraps
    them, so they are worded for a person (:func:`translate`) as any other read's.
    """
    dbapi_error = engine.dialect.loaded_dbapi.Error
    try:
        if connection is not None:
            return _fetch(connection, sql, parameters)
        pooled = engine.raw_connection()
        try:
            return _fetch(pooled.dbapi_connection, sql, parameters)
        finally:
            pooled.close()
    except dbapi_error as error:
        raise exc.DBAPIError.instance(sql, parameters, error, dbapi_error) from error


def _fetch(connection: Any, sql: str, parameters: Any) -> list[tuple[Any, ...]]:
    cursor = connection.cursor()
    try:
        cursor.execute(sql, parameters)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def scrub_free_space(engine: Engine) -> None:
    """Rebuild an embedded database so no erased value survives in it or its WAL file.

    ``VACUUM`` writes every live row into fresh pages (free pages and the free space of
    pages go); the checkpoint then copies the log into the file and truncates the log.
    A PostgreSQL database is left to its own ``VACUUM``.
    """
    if engine.dialect.name != "sqlite":
        return
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        connection.close()


def _check_connects(engine: Engine) -> None:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            if engine.dialect.name == "sqlite":
                connection.execute(text("SELECT count(*) FROM sqlite_master"))
    except exc.DatabaseError as error:
        engine.dispose()
        raise translate(error, engine) from None


SCHEMA_STATES = frozenset({"42P01", "42703", "42883"})
"""PostgreSQL's undefined table, column and function: the schema moved under a running client."""
BUSY_STATES = frozenset({"55P03", "57014"})
"""Lock not available, statement cancelled (a lock or statement timeout)."""


def is_database_failure(error: BaseException) -> bool:
    """True for what :func:`translate` explains (not constraint violations, not bugs)."""
    if isinstance(error, exc.OperationalError):
        return True
    state = getattr(getattr(error, "orig", None), "sqlstate", None)
    return isinstance(error, exc.DBAPIError) and state in SCHEMA_STATES


def translate(error: exc.DBAPIError, engine: Engine) -> DatabaseError:
    """Turn a driver error into a message a person can act on."""
    detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    where = describe(engine.url.render_as_string(hide_password=False))
    state = getattr(error.orig, "sqlstate", None)
    if state in SCHEMA_STATES:
        return SchemaChanged(
            f"The database {where} was upgraded while ComplaintDesk was running: save nothing "
            "more here and restart ComplaintDesk (after installing the version the upgrade "
            "needs)."
        )
    if state in BUSY_STATES:
        return DatabaseError(
            f"The database {where} is busy (an upgrade or maintenance holds it); nothing was "
            "saved. Try again in a moment."
        )
    if state is not None and not state.startswith(("08", "57P")):
        return DatabaseError(f"The database {where} refused this: {detail}.")
    if engine.dialect.name == "sqlite":
        if "file is not a database" in detail and encryption.is_sqlcipher(engine):
            return encryption.DatabaseKeyRequired(
                f"{engine.url.database} is encrypted and the key given does not open it "
                f"(check {encryption.KEY_VARIABLE} or the keyring entry)."
            )
        if "file is not a database" in detail or "malformed" in detail:
            return NotADatabase(f"{engine.url.database} is not a usable SQLite database: {detail}.")
        if "readonly" in detail or "unable to open" in detail:
            return DataFolderNotWritable(f"Cannot write the database {where}: {detail}.")
        return DatabaseError(f"The database {where} failed: {detail}.")
    return DatabaseUnreachable(f"Cannot reach the database server {where}: {detail}.")

"""Database maintenance an administrator runs: schema upgrade and status, backup, encryption.

Each function takes the database's URL, opens its own engine and disposes of it before
returning, so that a client which never holds an engine (the command line, through
``app.py``) can run it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exc, make_url

from complaintdesk.domain.errors import ValidationError
from complaintdesk.storage import database, encryption, schema
from complaintdesk.storage.schema import SchemaStatus

MIN_PASSPHRASE = 12


@dataclass(frozen=True)
class SchemaUpgrade:
    """The revisions before and after an upgrade, and the backup taken first (if any)."""

    before: str | None
    after: str | None
    backup: Path | None


@dataclass(frozen=True)
class EncryptedFile:
    """An embedded database file now encrypted, and the backups beside it still readable."""

    path: Path
    tables: int
    rows: int
    unencrypted_backups: tuple[Path, ...]


def upgrade_schema(
    url: str, backup_dir: Path, *, embedded: bool, waiting: schema.Waiting | None = None
) -> SchemaUpgrade:
    """Migrate the database to this version's schema; an embedded one after a backup copy.

    Args:
        waiting: told how many sessions are busy while a shared database's upgrade waits for
            the work in progress to end.

    Raises:
        DatabaseError: the upgrade could not run (said in plain words; nothing was changed).
    """
    engine = database.create_database_engine(url)
    try:
        before = schema.status(engine)
        backup = None
        if embedded:
            backup = schema.prepare_embedded(engine, backup_dir)
        else:
            schema.upgrade(engine, waiting=waiting)
        after = schema.status(engine)
    except exc.DBAPIError as error:  # the whole migration was rolled back with it
        raise database.translate(error, engine) from error
    finally:
        engine.dispose()
    return SchemaUpgrade(before.current, after.current, backup)


def schema_state(url: str) -> SchemaStatus:
    """Return where an existing database stands against this version's migrations."""
    engine = database.create_database_engine(url, create_file=False)
    try:
        return schema.status(engine)
    finally:
        engine.dispose()


def backup_database(url: str, target: Path) -> Path:
    """Copy a whole existing database (not one newer than this version) to ``target``."""
    engine = database.create_database_engine(url, create_file=False)
    try:
        schema.refuse_unknown(schema.status(engine))
        return schema.backup(engine, target)
    finally:
        engine.dispose()


def encrypt_file(
    url: str, backup_dir: Path, read_passphrase: Callable[[], str] | None
) -> EncryptedFile:
    """Encrypt the embedded database file of ``url`` in place.

    Args:
        read_passphrase: asked for the passphrase once the file is found fit for encryption;
            None makes a random key kept in the system keyring.

    Raises:
        ValidationError: no plain database file there, a passphrase too short, no keyring.
    """
    path = Path(make_url(url).database or "").expanduser()
    if not path.is_file():
        raise ValidationError(f"There is no database at {path}.")
    if encryption.is_encrypted(path):
        raise ValidationError(f"{path} is encrypted already.")
    if read_passphrase is not None:
        key = read_passphrase()
        if len(key) < MIN_PASSPHRASE:
            raise ValidationError(f"A passphrase needs at least {MIN_PASSPHRASE} characters.")
    else:
        key = encryption.new_key()
        if not encryption.store_key(path, key):
            raise ValidationError(
                "There is no system keyring here to keep the key: "
                "give a passphrase with --passphrase-stdin."
            )
    counts = encryption.encrypt_file(path, key)
    backups = sorted((p for p in backup_dir.glob("*.db") if p.is_file()), key=str)
    return EncryptedFile(
        path,
        tables=len(counts),
        rows=sum(counts.values()),
        unencrypted_backups=tuple(p for p in backups if not encryption.is_encrypted(p)),
    )

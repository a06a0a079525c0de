"""Encryption at rest of an embedded database with SQLCipher (a branch laptop can be stolen).

An encrypted file is opened through the ``sqlcipher3`` driver (the ``sqlcipher3-binary``
package), with a key found, in this order, in ``COMPLAINTDESK_DATABASE_KEY`` (a passphrase
given at start by the person or a script) or in the operating system's keyring, under the
database file's absolute path. Without a key, opening the file fails with
:class:`DatabaseKeyRequired`, in plain words.

``encrypt_file`` converts a plain file in place: it writes an encrypted copy with
``sqlcipher_export``, checks every table's row count in the copy, then replaces the plain
file (and removes its write-ahead log). Keys never reach the log.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from contextlib import closing
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import Engine, event

from complaintdesk.domain.errors import DatabaseError
from complaintdesk.domain.errors import DatabaseKeyRequired as DatabaseKeyRequired

KEY_VARIABLE = DatabaseKeyRequired.key_variable
KEYRING_SERVICE = "ComplaintDesk database"
SQLITE_HEADER = b"SQLite format 3\x00"


def driver() -> ModuleType:
    """Return SQLCipher's DB-API module.

    Raises:
        DatabaseError: the ``sqlcipher3-binary`` package is not installed.
    """
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise DatabaseError(
            "Encrypted databases need the sqlcipher3-binary package: pip install sqlcipher3-binary."
        ) from None
    module: ModuleType = dbapi2
    return module


def is_encrypted(path: Path) -> bool:
    """Return True if ``path`` is a non-empty file that does not start as SQLite does.

    SQLCipher encrypts the header too, so an encrypted file looks like random bytes; a
    file that is neither is refused later, when the key does not open it.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return bool(header) and header != SQLITE_HEADER


def find_key(path: Path) -> str | None:
    """Return the key of the encrypted database at ``path``: environment, then keyring."""
    given = os.environ.get(KEY_VARIABLE)
    if given:
        return given
    try:
        import keyring

        found = keyring.get_password(KEYRING_SERVICE, str(path.expanduser().resolve()))
    except Exception:  # no keyring, or a broken backend: the person is asked instead
        return None
    return found


def store_key(path: Path, key: str) -> bool:
    """Keep ``key`` in the OS keyring for ``path``; return False if there is no keyring."""
    from complaintdesk.storage.secrets import keyring_available

    if not keyring_available():
        return False
    import keyring

    keyring.set_password(KEYRING_SERVICE, str(path.expanduser().resolve()), key)
    return True


def new_key() -> str:
    """Return a random key (256 bits, as SQLCipher's raw-key hex literal)."""
    return f"x'{secrets.token_hex(32)}'"


def _pragma_value(key: str) -> str:
    """Return ``key`` as the literal of ``PRAGMA key``: a raw key as it is, a passphrase quoted."""
    if key.startswith("x'") and key.endswith("'") and len(key) == 67:
        return f'"{key}"'
    return "'" + key.replace("'", "''") + "'"


def install_key(engine: Engine, key: str) -> None:
    """Give every new connection of ``engine`` the key first (before any other statement)."""

    @event.listens_for(engine, "connect", insert=True)
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA key = {_pragma_value(key)}")
        cursor.close()


def is_sqlcipher(engine: Engine) -> bool:
    """Return True if ``engine`` opens its file through SQLCipher."""
    module = getattr(engine.dialect, "dbapi", None)
    return module is not None and module.__name__.startswith("sqlcipher3")


def export_copy(engine: Engine, target: Path) -> None:
    """Write an encrypted copy of ``engine``'s database at ``target``, with the same key."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        # Without a KEY clause, SQLCipher gives the attached file the main database's key.
        cursor.execute("ATTACH DATABASE ? AS complaintdesk_copy", (str(target),))
        cursor.execute("SELECT sqlcipher_export('complaintdesk_copy')")
        cursor.execute("DETACH DATABASE complaintdesk_copy")
        cursor.close()
    finally:
        connection.close()


def encrypt_file(path: Path, key: str) -> dict[str, int]:
    """Encrypt the plain SQLite file at ``path`` in place; return each table's row count.

    Raises:
        DatabaseError: the file is encrypted already, or the copy does not match.
    """
    if is_encrypted(path):
        raise DatabaseError(f"{path} is encrypted already.")
    module = driver()
    partial = path.with_name(f".{path.name}.encrypting")
    partial.unlink(missing_ok=True)
    with closing(sqlite3.connect(path)) as plain:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = _counts(plain)
    with closing(module.connect(str(path))) as source:
        source.execute(f"ATTACH DATABASE ? AS encrypted KEY {_pragma_value(key)}", (str(partial),))
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute("DETACH DATABASE encrypted")
    with closing(module.connect(str(partial))) as check:
        check.execute(f"PRAGMA key = {_pragma_value(key)}")
        copied = _counts(check)
        check.execute("PRAGMA journal_mode=WAL")
    if copied != counts:
        partial.unlink(missing_ok=True)
        raise DatabaseError("The encrypted copy does not match the database; nothing changed.")
    partial.replace(path)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return counts


def _counts(connection: Any) -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ]
    return {
        name: int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        for name in sorted(names)
    }

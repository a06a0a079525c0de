"""The backup copies kept in the data folder (``backups/``), and opening one to clean it.

The application copies its embedded database there before each upgrade. A copy made before
a customer was erased still holds that customer: the retention policy finds such copies and
applies the erasures to them (or deletes them when they cannot be opened at this version).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.storage import database, schema
from complaintdesk.storage.unit_of_work import UnitOfWorkFactory, unit_of_work_factory

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupFile:
    """One copy in the backups folder."""

    path: Path
    taken_at: datetime
    """When the copy was written (the file's modification time)."""


def list_backups(folder: Path) -> list[BackupFile]:
    """Return the database copies in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    found = [
        BackupFile(p, datetime.fromtimestamp(p.stat().st_mtime, UTC))
        for p in folder.glob("*.db")
        if p.is_file() and not p.name.startswith(".")
    ]
    return sorted(found, key=lambda b: (b.taken_at, str(b.path)))


@contextmanager
def opened(backup: BackupFile) -> Iterator[UnitOfWorkFactory | None]:
    """Open a copy to change it; None when it cannot be (another schema version, a key
    missing, not a database): such a copy can only be deleted."""
    try:
        engine = database.create_database_engine(
            database.sqlite_url(backup.path), create_file=False
        )
    except ComplaintDeskError:
        yield None
        return
    try:
        if schema.current_revision(engine) != schema.HEAD:
            yield None
            return
        yield unit_of_work_factory(engine)
    finally:
        engine.dispose()
    keep_time(backup)


def scrub(backup: BackupFile) -> None:
    """Rewrite a cleaned copy so nothing erased stays in its free pages."""
    engine = database.create_database_engine(database.sqlite_url(backup.path), create_file=False)
    try:
        database.scrub_free_space(engine)
    finally:
        engine.dispose()
    keep_time(backup)


def keep_time(backup: BackupFile) -> None:
    """Keep the copy's date: it says which state of the database the copy holds."""
    stamp = backup.taken_at.timestamp()
    try:
        os.utime(backup.path, (stamp, stamp))
    except OSError as error:  # the copy is clean; only its date moved
        log.warning("could not keep the date of %s: %s", backup.path, error.strerror)

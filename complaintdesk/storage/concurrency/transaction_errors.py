"""What a failed transaction means to the person: someone saved first, or try again.

Two kinds of failure are not errors of the database at all. A *concurrent edit*: someone
else saved the same record first (a version column that no longer matches, or SQLite's
snapshot that moved on). A *transaction conflict*: PostgreSQL broke a deadlock or refused a
serialization, which says nothing about the server being unreachable; it means "do it again",
and :func:`attempts` counts what a retry must not repeat.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import exc
from sqlalchemy.orm.exc import StaleDataError

from complaintdesk.domain.errors import ConcurrentEditError, TransactionConflict

RETRYABLE_STATES = frozenset({"40P01", "40001"})
"""PostgreSQL's deadlock_detected and serialization_failure."""

_commits: ContextVar[int] = ContextVar("complaintdesk_commits", default=0)


def counted_commit() -> None:
    """Note that a unit of work committed in the current call (see :func:`attempt`)."""
    _commits.set(_commits.get() + 1)


@contextmanager
def attempt() -> Iterator[ContextVar[int]]:
    """Count the commits made inside the block (a retry is safe only if there were none)."""
    token = _commits.set(0)
    try:
        yield _commits
    finally:
        _commits.reset(token)


def is_concurrent_edit(error: BaseException) -> bool:
    """Return True if ``error`` means someone else saved first.

    PostgreSQL finds it through the version column (no row matched the version read).
    SQLite in WAL mode finds it earlier: a transaction that began reading before another
    one committed may not write afterwards (``SQLITE_BUSY_SNAPSHOT``), which is the same
    lost update and must not read as "database is locked".
    """
    if isinstance(error, StaleDataError):
        return True
    if not isinstance(error, exc.OperationalError):
        return False
    return getattr(error.orig, "sqlite_errorname", None) == "SQLITE_BUSY_SNAPSHOT"


def is_transient(error: BaseException) -> bool:
    """Return True for a deadlock broken or a serialization refused: the work may be redone."""
    if not isinstance(error, exc.DBAPIError):
        return False
    return getattr(error.orig, "sqlstate", None) in RETRYABLE_STATES


def concurrent_edit(error: BaseException) -> ConcurrentEditError:
    """Return the person's words for a concurrent edit."""
    if isinstance(error, StaleDataError):
        return ConcurrentEditError(
            "Someone else saved this complaint first. Reload it to see their change."
        )
    return ConcurrentEditError(
        "Someone else saved a change at the same moment. Reload and try again."
    )


def transaction_conflict() -> TransactionConflict:
    """Return the person's words for a deadlock or serialization failure."""
    return TransactionConflict(
        "Another change was being saved at the same moment and this one had to give way; "
        "nothing was saved. Try again."
    )

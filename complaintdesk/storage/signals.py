"""PostgreSQL's LISTEN/NOTIFY: a write tells the workstations listening, within milliseconds.

:func:`notify` sends inside the caller's transaction (delivered when it commits, dropped if
it rolls back). A :class:`Listener` holds one connection of its own, in autocommit, outside
the pool: waiting on it never holds a connection a service needs. On SQLite neither exists;
readers poll instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func
from sqlalchemy import select as query
from sqlalchemy.engine import Engine

from complaintdesk.domain.errors import DatabaseUnreachable
from complaintdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

if TYPE_CHECKING:
    import psycopg


@dataclass(frozen=True)
class Heard:
    """One notification: its channel and payload."""

    channel: str
    payload: str


def listens(uow: UnitOfWork) -> bool:
    """Return True when the database can notify (PostgreSQL)."""
    return uow.session.get_bind().dialect.name == "postgresql"


def notify(uow: UnitOfWork, channel: str, payload: str = "") -> None:
    """Tell the listeners of ``channel`` when this transaction commits (nothing on SQLite)."""
    if listens(uow):
        uow.execute(query(func.pg_notify(channel, payload)))


class Listener:
    """A connection of its own that LISTENs on channels and hands over what it hears.

    Args:
        conninfo: the server's address, password included.
        channels: the channels to listen on.
    """

    def __init__(self, conninfo: str, channels: Iterable[str]) -> None:
        import psycopg  # deferred: 0.3 s of start-up that an embedded database never needs
        from psycopg import sql

        try:
            self._connection: psycopg.Connection[Any] = psycopg.connect(
                conninfo, autocommit=True, connect_timeout=5
            )
            for channel in channels:
                self._connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
        except psycopg.OperationalError as error:
            raise DatabaseUnreachable(f"The server cannot be reached to listen: {error}") from error

    def wait(self, timeout: float) -> list[Heard]:
        """Return what was heard within ``timeout`` seconds (empty if nothing came).

        Raises:
            DatabaseUnreachable: the connection to the server was lost.
        """
        import psycopg

        try:
            # Back at the first packet: notifications arriving together come at once.
            found = self._connection.notifies(timeout=timeout, stop_after=1)
            return [Heard(n.channel, n.payload) for n in found]
        except psycopg.OperationalError as error:
            raise DatabaseUnreachable(f"The server stopped answering: {error}") from error

    def close(self) -> None:
        """Stop listening and close the connection."""
        self._connection.close()


def conninfo_of(factory: UnitOfWorkFactory) -> str | None:
    """Return the address a :class:`Listener` connects to, or None on SQLite."""
    with factory() as uow:
        engine = uow.session.get_bind()
    if not isinstance(engine, Engine) or engine.dialect.name != "postgresql":
        return None
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)

"""The central server as a branch reaches it: its URL (password apart), opened safely."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, exc
from sqlalchemy.engine import URL, make_url

from complaintdesk.domain.errors import ComplaintDeskError, DatabaseUnreachable
from complaintdesk.storage import database, schema
from complaintdesk.sync.errors import CentralUnreachable, SchemaMismatch

PROBE_TIMEOUT_S = 2.0
POSTGRES_PORT = 5432


def secret_name(site_code: str) -> str:
    """Name of the central server's password in the keyring or the secrets folder."""
    return f"central-{site_code.lower()}"


def without_password(url: str) -> tuple[str, str | None]:
    """Split a database URL into the URL to store and its password (never stored).

    Raises:
        ValidationError: not a database URL (a port that is not a number…).
    """
    database.normalise_url(url)  # refuses what is not a database URL, in plain words
    parsed = make_url(url)
    bare = URL.create(
        parsed.drivername,
        parsed.username,
        None,
        parsed.host,
        parsed.port,
        parsed.database,
        parsed.query,
    )
    return bare.render_as_string(hide_password=False), parsed.password


@contextmanager
def central_engine(url: str) -> Iterator[Engine]:
    """Open the central server, turning every way it can fail into one clear error."""
    try:
        engine = database.create_database_engine(url, create_file=False)
    except ComplaintDeskError as error:
        raise CentralUnreachable(f"The central server does not answer: {error}") from None
    try:
        yield engine
    except exc.OperationalError as error:  # dropped in the middle of a round
        detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise CentralUnreachable(f"The connection to the central server broke: {detail}") from None
    except DatabaseUnreachable as error:  # the same, seen through a unit of work
        raise CentralUnreachable(f"The connection to the central server broke: {error}") from None
    finally:
        engine.dispose()


def check_schemas(local: Engine, central: Engine) -> None:
    """Refuse to exchange anything with a central server at another schema version."""
    mine = schema.status(local).current
    theirs = schema.status(central).current
    if mine != theirs:
        raise SchemaMismatch(
            f"The central server is at schema {theirs or 'none'} and this workstation at "
            f"{mine or 'none'}: sync is off until both run the same ComplaintDesk version. "
            "Work carries on here and is sent once they match."
        )


def answers(url: str, timeout: float = PROBE_TIMEOUT_S) -> bool:
    """Return True if the central server's host accepts a connection (no sign-in, no query).

    Cheap enough to ask every half minute: one TCP handshake, closed at once.
    """
    parsed = make_url(url)
    given = parsed.query.get("host")
    host = parsed.host or (given if isinstance(given, str) else None) or "localhost"
    port = parsed.port or POSTGRES_PORT
    try:
        if host.startswith("/"):  # a local server listening on a Unix socket
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix:
                unix.settimeout(timeout)
                unix.connect(f"{host}/.s.PGSQL.{port}")
            return True
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False

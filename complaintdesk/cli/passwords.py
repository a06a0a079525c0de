"""Passwords and tokens of the command line: never in argv, found where a person keeps them.

A database server's password comes from ``COMPLAINTDESK_DATABASE_PASSWORD``, the keyring
(kept by ``complaintdesk login``), libpq's own ``PGPASSWORD`` and ``.pgpass``, or a prompt; a
command that needs a new password reads it at a prompt or from one line of stdin.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
from pathlib import Path

from complaintdesk import app
from complaintdesk.app import Settings
from complaintdesk.domain.errors import ValidationError

TOKEN_VARIABLE = "COMPLAINTDESK_TOKEN"
"""A sign-in token for scripts and scheduled jobs (``complaintdesk login --print-token``)."""
PASSWORD_VARIABLE = "COMPLAINTDESK_DATABASE_PASSWORD"
"""The database server's password, for a URL given without it (libpq's PGPASSWORD works too)."""


def token_name(settings: Settings) -> str:
    """Name of this database's command-line sign-in in the keyring or the secrets folder."""
    digest = hashlib.sha256(settings.description.encode("utf-8")).hexdigest()[:16]
    return f"cli-token-{digest}"


def database_password_name(url: str) -> str:
    """Name of a database server's password in the keyring or the secrets folder."""
    digest = hashlib.sha256(app.describe_database(url).encode("utf-8")).hexdigest()[:16]
    return f"database-password-{digest}"


def with_password(url: str, data_dir: Path, *, from_argv: bool = True) -> str:
    """Return ``url`` with its server's password, found outside the command line.

    In this order: ``COMPLAINTDESK_DATABASE_PASSWORD``; the keyring (kept by ``login``);
    libpq's own ``PGPASSWORD`` and ``.pgpass`` (nothing to add); on a terminal, typed now if
    the server asks for one.

    Args:
        from_argv: the URL was typed on the command line (else it came from the environment,
            which may hold its password).

    Raises:
        ValidationError: a URL from the command line holds a password (every user of the
            computer can read a command line).
    """
    app.check_url(url)  # an unusable URL is said first, password or not
    if app.url_password(url):
        if not from_argv:
            return url
        raise ValidationError(
            "Put no password in a database URL on the command line (every user of this "
            f"computer can read it): give it in {PASSWORD_VARIABLE}, or type it when asked."
        )
    if not app.is_server_url(url):
        return url
    given = os.environ.get(PASSWORD_VARIABLE) or app.secrets_in(data_dir).find(
        database_password_name(url)
    )
    if given:
        return app.url_with_password(url, given)
    if sys.stdin.isatty() and app.server_wants_password(url):
        typed = getpass.getpass(f"Password of {app.describe_database(url)}: ")
        return app.url_with_password(url, typed)
    return url


def read_password(what: str = "Password") -> str:
    """Read a password or token: prompted twice on a terminal, else one line of stdin.

    Never from the command line, which every user of the machine can list.
    """
    if sys.stdin.isatty():
        first = getpass.getpass(f"{what}: ")
        if getpass.getpass(f"{what} again: ") != first:
            raise ValidationError("The two passwords differ.")
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise ValidationError("No password given on standard input.")
    return line

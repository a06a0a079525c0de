"""The ``login`` and ``logout`` commands: a sign-in the command line keeps for one database.

``login`` asks for the login and password (on a terminal; a script gives the password as
one line of stdin, never as an argument), then keeps a token in the keyring (or a user-only
file) for this database, with the server's password if it was typed. Every later command on
this database acts as that person until the token expires or ``logout`` ends it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import socket
import sys
from typing import Any

from complaintdesk import app
from complaintdesk.app import Settings
from complaintdesk.cli.common import (
    PASSWORD_VARIABLE,
    TOKEN_VARIABLE,
    Declare,
    database_password_name,
    token_name,
)
from complaintdesk.domain.errors import ComplaintDeskError, ValidationError
from complaintdesk.services.admin import auth, tokens


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``login`` and ``logout`` on the ``complaintdesk`` parser."""
    login = declare(commands, "login", _login, "sign in for the commands that follow")
    login.add_argument("--user", metavar="LOGIN", help="your login (asked if not given)")
    login.add_argument(
        "--days",
        type=int,
        default=tokens.DEFAULT_DAYS,
        metavar="N",
        help=f"how long the sign-in lasts (default {tokens.DEFAULT_DAYS}, at most "
        f"{tokens.MAX_DAYS})",
    )
    login.add_argument(
        "--print-token",
        action="store_true",
        help=f"print the token for a script's {TOKEN_VARIABLE} instead of keeping it here",
    )
    declare(commands, "logout", _logout, "end the command line's sign-in on this database")


def _login(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    name = args.user or _ask("Login: ")
    password = getpass.getpass("Password: ") if sys.stdin.isatty() else _stdin_line()
    backend = app.open_backend(settings)
    try:
        actor = auth.sign_in(backend.uow, name, password)
        label = f"command line, {os.environ.get('USER', '?')} on {socket.gethostname()}"
        token, expires = tokens.issue_token(backend.uow, actor, label, args.days)
    finally:
        backend.close()
    summary: dict[str, Any] = {
        "login": actor.login,
        "name": actor.display_name,
        "role": actor.role.value,
        "database": settings.description,
        "expires": expires.isoformat(timespec="minutes"),
    }
    if args.print_token:
        return {**summary, "token": token}
    store = app.secrets_for(settings)
    kept = store.put(token_name(settings), token)
    typed = app.url_password(settings.database_url)
    if typed and not os.environ.get(PASSWORD_VARIABLE) and app.is_server_url(settings.database_url):
        store.put(database_password_name(settings.database_url), typed)
    return {**summary, "kept_in": kept.split(":", 1)[0]}


def _logout(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    store = app.secrets_for(settings)
    token = os.environ.get(TOKEN_VARIABLE) or store.find(token_name(settings))
    ended = False
    if token:
        try:
            backend = app.open_backend(settings)
        except ComplaintDeskError:  # forgotten here all the same; it expires by itself there
            backend = None
        if backend is not None:
            try:
                ended = tokens.revoke(backend.uow, token)
            finally:
                backend.close()
    store.remove(token_name(settings))
    store.remove(database_password_name(settings.database_url))
    return {"database": settings.description, "signed_out": ended}


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise ValidationError("Give your login with --user (the password comes on stdin).")
    return input(prompt)


def _stdin_line() -> str:
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise ValidationError("No password given on standard input.")
    return line

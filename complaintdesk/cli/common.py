"""What every command shares: its options, how it is declared, the database, sign-in, output.

Every handler opens the database the one way, ``with command_line(settings) as ctx:``, which
signs the person in (see :func:`sign_in`) and acts as them: the services check their role
against the permission table the window uses, and the audit trail names them. Every command
module declares its commands with the ``declare`` function it is handed
(:func:`declare_command`).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from complaintdesk import app
from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.cli.arguments import number
from complaintdesk.cli.passwords import PASSWORD_VARIABLE as PASSWORD_VARIABLE
from complaintdesk.cli.passwords import TOKEN_VARIABLE as TOKEN_VARIABLE
from complaintdesk.cli.passwords import database_password_name as database_password_name
from complaintdesk.cli.passwords import read_password as read_password
from complaintdesk.cli.passwords import token_name as token_name
from complaintdesk.cli.passwords import with_password as with_password
from complaintdesk.domain.errors import SignInFailed
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.admin import auth, tokens, users
from complaintdesk.services.context import Actor, ServiceContext

if TYPE_CHECKING:
    from complaintdesk.services.outbound.outbox import OutboxItem


class ArgumentMistake(Exception):
    """A mistake in the words of a command; ``str()`` is the one line the person reads."""


class CommandParser(argparse.ArgumentParser):
    """The command line's parser: a mistake is one line on stderr (the usage is in --help)."""

    def error(self, message: str) -> NoReturn:
        """Raise the mistake in one line; the command line exits with status 2, as argparse."""
        raise ArgumentMistake(f"{self.prog}: {message} (see {self.prog} --help)")


Summary = dict[str, Any] | list[dict[str, Any]]
"""What a command returns: printed as ``key: value`` lines, or as JSON with ``--json``."""
Handler = Callable[[argparse.Namespace, Settings], Summary]
Declare = Callable[[Any, str, Handler, str], argparse.ArgumentParser]
"""Declares one command: ``declare(sub_commands, word, handler, help_text)``."""


def add_common_options(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    """Add ``--database``, ``--demo``, ``--json`` and ``-v``.

    Args:
        suppress: on a sub-command, so that the option may also stand after its words
            without overriding a value given before them.
    """
    parser.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS if suppress else None,
        help="postgresql://… or sqlite:///FILE (default: COMPLAINTDESK_DATABASE_URL, "
        "else the embedded file in your data folder)",
    )
    for flags, help_text in (
        (["--demo"], "use the separate demo database, seeded on first use"),
        (["--json"], "print a machine-readable summary"),
        (["-v", "--verbose"], "log what happens"),
    ):
        parser.add_argument(
            *flags,
            action="store_true",
            default=argparse.SUPPRESS if suppress else False,
            help=help_text,
        )


def declare_command(
    actions: Any, name: str, handler: Handler, help_text: str
) -> argparse.ArgumentParser:
    """Add the command ``name`` to ``actions`` (sub-commands), run by ``handler``."""
    parser: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
    add_common_options(parser, suppress=True)
    parser.set_defaults(handler=handler)
    return parser


def add_polling_options(parser: argparse.ArgumentParser, option: str, what: str) -> None:
    """Add ``--once``, ``--interval`` and ``option`` (a repeatable name) to a polling command."""
    parser.add_argument("--once", action="store_true", help="poll once and exit")
    parser.add_argument(
        "--interval",
        type=number(1, 86_400),
        default=60.0,
        metavar="SECONDS",
        help="between polls (60)",
    )
    parser.add_argument(
        option,
        action="append",
        default=[],
        metavar="NAME",
        help=f"poll only this {what}; repeat for more (all)",
    )


def command_group(commands: Any, word: str, help_text: str, metavar: str) -> Any:
    """Return the sub-commands of ``word``, made here unless another module made them first.

    Several modules add to one word (``ingest``, ``report``); the first one sets its help.
    """
    existing = commands.choices.get(word)
    if existing is None:
        return commands.add_parser(word, help=help_text).add_subparsers(
            metavar=metavar, required=True
        )
    for action in existing._actions:  # argparse keeps its sub-parser actions private
        if isinstance(action, argparse._SubParsersAction):
            return action
    return existing.add_subparsers(metavar=metavar, required=True)


@contextmanager
def command_line(
    settings: Settings, *, requires: Permission | None = None, first_run: bool = False
) -> Iterator[ServiceContext]:
    """Open the database, sign the person in, and act as them; close it when the block ends.

    Args:
        requires: a permission the command needs beyond what its services check themselves.
        first_run: on a database that has no user yet, act as its first run (only to add the
            first administrator) instead of signing in: nobody could.

    Raises:
        SignInFailed: no sign-in, an expired one, a wrong password, a locked account.
        PermissionDenied: the person's role does not allow ``requires``.
    """
    backend = open_backend(settings)
    try:
        if first_run and not auth.has_users(backend.uow):
            actor = users.first_run_actor()
        else:
            actor = sign_in(backend, settings)
        if requires is not None:
            actor.require(requires)
        yield ServiceContext(backend.uow, actor)
    finally:
        backend.close()


def is_first_run(ctx: ServiceContext) -> bool:
    """True when ``ctx`` acts as a database's first run (see :func:`command_line`)."""
    return ctx.actor.user_id is None and ctx.actor.login == users.FIRST_RUN


def sign_in(backend: Backend, settings: Settings) -> Actor:
    """Return the person running this command.

    In this order: the token in ``COMPLAINTDESK_TOKEN``; the token ``complaintdesk login``
    kept for this database in the keyring (or the user-only secrets file); on a terminal, a
    login and password typed now. Never a password from the command line.

    Raises:
        SignInFailed: none of these signs anyone in.
    """
    token = os.environ.get(TOKEN_VARIABLE) or app.secrets_for(settings).find(token_name(settings))
    if token:
        try:
            return tokens.resume(backend.uow, token)
        except SignInFailed:
            if not sys.stdin.isatty():
                raise
    if not sys.stdin.isatty():
        raise SignInFailed(
            "This command needs you to sign in: run `complaintdesk login` first "
            f"(a script gives the token `login --print-token` printed in {TOKEN_VARIABLE})."
        )
    login = input(f"Login on {settings.description}: ")
    return auth.sign_in(backend.uow, login, getpass.getpass("Password: "))


def print_summary(summary: Summary, *, as_json: bool) -> None:
    """Print what a command returned: one JSON object, or lines a person reads.

    A person reads labels ("Open complaints:"), statuses and channels in words, times in the
    zone the command gave them (a site's) to the minute, "yes" and "no"; JSON keeps the codes
    and ISO instants for scripts.
    """
    if as_json:
        print(json.dumps(summary, default=_json_value, sort_keys=True))
        return
    for line in human_lines(summary):
        print(line)


def human_lines(summary: Summary, indent: str = "") -> list[str]:
    """Return ``summary`` as the lines :func:`print_summary` prints for a person."""
    if isinstance(summary, list):
        return [indent + _one_line(item) for item in summary] or [indent + "(none)"]
    lines: list[str] = []
    for key, value in summary.items():
        title = label(key)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{title}:")
            lines += [f"{indent}  {_one_line(item)}" for item in value]
        elif isinstance(value, dict) and value:
            lines.append(f"{indent}{title}:")
            lines += human_lines(value, indent + "  ")
        else:
            lines.append(f"{indent}{title}: {words(key, value)}")
    return lines


def label(key: str) -> str:
    """Return a summary key as a label: ``open_complaints`` → "Open complaints"."""
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def words(key: str, value: Any) -> str:
    """Return a value as a person reads it (see :func:`print_summary`)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M %Z").strip()
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(words(key, v) for v in value) or "none"
    if isinstance(value, dict):
        return "; ".join(f"{label(k)}: {words(k, v)}" for k, v in value.items()) or "none"
    text = str(value)
    known = _WORDS.get(key) or _WORDS.get(key.removesuffix("s"), {})
    return known.get(text, text)


def _one_line(item: dict[str, Any]) -> str:
    return ", ".join(f"{label(k)}: {words(k, v)}" for k, v in item.items())


def _json_value(value: Any) -> Any:
    if isinstance(value, Zoned):
        return value.at.isoformat()
    return value.isoformat() if isinstance(value, datetime) else str(value)


_WORDS: dict[str, dict[str, str]] = {
    "status": {
        "new": "New",
        "acknowledged": "Acknowledged",
        "in_progress": "In progress",
        "waiting_on_customer": "Waiting on customer",
        "waiting_on_function": "Waiting on function",
        "resolved": "Resolved",
        "closed": "Closed",
        "reopened": "Reopened",
        "withdrawn": "Withdrawn",
    },
    "clock": {
        "on_track": "On track",
        "at_risk": "At risk",
        "breached": "Late",
        "paused": "Paused",
        "met": "Promises kept",
        "stopped": "Stopped",
    },
    "channel": {
        "phone": "Phone",
        "email": "Email",
        "social": "Social",
        "shop": "Shop",
        "letter": "Letter",
        "internal": "Internal",
    },
    "direction": {"inbound": "from the customer", "outbound": "to the customer", "note": "note"},
    "state": {"queued": "waiting to be sent", "sent": "sent", "failed": "failed, will be retried"},
    "role": {
        "agent": "Agent",
        "branch_clerk": "Branch clerk",
        "function_member": "Function member",
        "supervisor": "Supervisor",
        "admin": "Administrator",
    },
}
"""Codes in words, by the summary key holding them (a plural key by its singular)."""


@dataclass(frozen=True)
class Zoned:
    """An instant and the time zone (a site's) a person reads it in; JSON keeps it exact."""

    at: datetime
    zone: str | None

    def __str__(self) -> str:
        try:
            there = self.at.astimezone(ZoneInfo(self.zone)) if self.zone else self.at
        except ZoneInfoNotFoundError:
            there = self.at
        return there.strftime("%Y-%m-%d %H:%M %Z").strip()  # to the minute, zone named


def zoned(instant: datetime | None, zone: str | None) -> Zoned | None:
    """Return ``instant`` to be printed in the IANA ``zone`` (a site's or a calendar's)."""
    return None if instant is None else Zoned(instant, zone)


def show_progress(text: str, *, quiet: bool) -> None:
    """Overwrite the progress line on stderr (unless ``quiet``: ``--json`` prints nothing else)."""
    if not quiet:
        print(f"\r{text}", end="", file=sys.stderr, flush=True)


def end_progress(*, quiet: bool) -> None:
    """End the progress line on stderr, so that the summary starts on a line of its own."""
    if not quiet:
        print(file=sys.stderr)


def sending_summary(sent: int, failed: int, failures: list[Any], waiting: int) -> dict[str, Any]:
    """Return what a ``send`` command did and how many messages still wait."""
    return {"sent": sent, "failed": failed, "waiting": waiting, "failures": failures}


def outbox_rows(items: Iterable[OutboxItem], *, text: str) -> list[dict[str, Any]]:
    """Return an outbox as an ``outbox`` command prints it; ``text`` names the subject's key."""
    return [
        {
            "message": str(i.message_id),
            "reference": i.reference,
            "to": i.recipient,
            text: i.subject,
            "state": i.state,
            "attempts": i.attempts,
            "error": i.error,
        }
        for i in items
    ]

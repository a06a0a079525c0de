"""What every command shares: its options, how it is declared, the database, passwords, output.

Every handler opens the database the one way, ``with command_line(settings) as ctx:``, and
acts on it as :func:`command_line_actor`; every command module declares its commands with the
``declare`` function it is handed (:func:`declare_command`).
"""

from __future__ import annotations

import argparse
import getpass
import json
import math
import re
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar
from urllib.parse import urlsplit

from complaintdesk.app import Settings, open_backend
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.vocabulary import Role
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
def command_line(settings: Settings) -> Iterator[ServiceContext]:
    """Open the database and act on it as the command line; close it when the block ends."""
    backend = open_backend(settings)
    try:
        yield ServiceContext(backend.uow, command_line_actor())
    finally:
        backend.close()


def command_line_actor() -> Actor:
    """The administrator the command line acts as (whoever may run it on this database)."""
    return Actor(
        user_id=None,
        login="cli",
        display_name="Command line",
        role=Role.ADMIN,
        site_id=uuid.UUID(int=0),
        site_code="HQ",
        team_queue=None,
        function_ids=frozenset(),
    )


def read_password() -> str:
    """Read a password or token: prompted twice on a terminal, else one line of stdin.

    Never from the command line, which every user of the machine can list.
    """
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != first:
            raise ValidationError("The two passwords differ.")
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise ValidationError("No password given on standard input.")
    return line


def print_summary(summary: Summary, *, as_json: bool) -> None:
    """Print what a command returned: one JSON object, or ``key: value`` lines."""
    if as_json:
        print(json.dumps(summary, default=str, sort_keys=True))
        return
    if isinstance(summary, list):
        for item in summary:
            print(", ".join(f"{k}: {v}" for k, v in item.items()))
        return
    for key, value in summary.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            print(f"{key}:")
            for item in value:
                print("  " + ", ".join(f"{k}: {v}" for k, v in item.items()))
        else:
            print(f"{key}: {value}")


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


# --- argument types: each turns a mistake into argparse's one-line error ---------------

DateT = TypeVar("DateT", date, datetime)
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
"""Years an instant or a day given on the command line may fall in."""
MB = 1024 * 1024
_SITE_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,9}")


def site_code(text: str) -> str:
    """A site's short code (``HQ``, ``PAR01``), in any case."""
    if not _SITE_CODE.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a site code like HQ or PAR01")
    return text.strip().upper()


def count(low: int, high: int) -> Callable[[str], int]:
    """Return an argument type for a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low:,} and {high:,}")
        return value

    parse.__name__ = "count"
    return parse


port = count(1, 65_535)
"""A TCP port number."""


def number(low: float, high: float, *, above: bool = False) -> Callable[[str], float]:
    """Return an argument type for a finite number in [low, high] (]low, high] if ``above``)."""

    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"{text!r} is not a number")
        if value < low or value > high or (above and value == low):
            lowest = f"more than {low:g}" if above else f"at least {low:g}"
            raise argparse.ArgumentTypeError(f"{text} must be {lowest} and at most {high:g}")
        return value

    parse.__name__ = "number"
    return parse


def identifier(text: str) -> uuid.UUID:
    """An id as the command line printed it (a UUID)."""
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id like {uuid.UUID(int=0)}") from None


def text(limit: int) -> Callable[[str], str]:
    """Return an argument type for text that is not blank and holds at most ``limit`` characters."""

    def parse(value: str) -> str:
        cleaned = " ".join(value.split())
        if not cleaned:
            raise argparse.ArgumentTypeError("it is empty")
        if len(cleaned) > limit or any(ord(c) < 32 for c in value if c not in "\t\n\r"):
            raise argparse.ArgumentTypeError(f"it must be at most {limit} plain characters")
        return cleaned

    parse.__name__ = "text"
    return parse


def day(value: str) -> date:
    """A day written ``YYYY-MM-DD``, between 1900 and 2200."""
    return _dated(value, date.fromisoformat, "a date like 2026-06-30")


def month(value: str) -> str:
    """A month written ``YYYY-MM``, between 1900 and 2200."""
    found = _dated(value, lambda v: date.fromisoformat(f"{v}-01"), "a month like 2026-11")
    return f"{found.year:04d}-{found.month:02d}"


def instant(value: str) -> datetime:
    """An ISO 8601 instant with its time zone (``2026-03-02T09:30:00+01:00``), 1900-2200."""
    found = _dated(
        value,
        lambda v: datetime.fromisoformat(v.replace("Z", "+00:00")),
        "an instant like 2026-03-02T09:30:00+01:00",
    )
    if found.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{value!r} needs its time zone, e.g. +01:00 or Z")
    return found


def _dated(value: str, read: Callable[[str], DateT], like: str) -> DateT:
    try:
        found = read(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not {like}") from None
    if EARLIEST_YEAR <= found.year <= LATEST_YEAR:
        return found
    raise argparse.ArgumentTypeError(f"{value!r} is not between {EARLIEST_YEAR} and {LATEST_YEAR}")


def input_file(value: str) -> Path:
    """A file that exists and can be read."""
    path = Path(value).expanduser()
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"there is no file at {path}")
    try:
        path.open("rb").close()
    except OSError as error:
        raise argparse.ArgumentTypeError(f"{path} cannot be read ({error.strerror})") from None
    return path


def output_file(value: str) -> Path:
    """A file to write, in a folder that exists and may be written to."""
    path = Path(value).expanduser()
    if not str(value).strip():
        raise argparse.ArgumentTypeError("the file name is empty")
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{path} is a folder: name the file to write")
    _writable_folder(path.parent if str(path.parent) else Path("."))
    return path


def output_folder(value: str) -> Path:
    """A folder to write files in: it exists, or can be made in a folder that exists."""
    path = Path(value).expanduser()
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{path} is a file, not a folder")
    _writable_folder(path if path.exists() else path.parent)
    return path


def _writable_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"the folder {folder} does not exist")
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".complaintdesk-probe-"):
            pass
    except OSError as error:
        raise argparse.ArgumentTypeError(
            f"the folder {folder} cannot be written to ({error.strerror or error})"
        ) from None


def web_address(value: str) -> str:
    """An ``https://`` address (``http://`` only to this machine), with a numeric port."""
    return _address(value, ("https", "http"), "an address like https://gateway.example.com")


def database_address(value: str) -> str:
    """A ``postgresql://`` or ``sqlite:///`` database URL with a numeric port, if any."""
    if value.strip().startswith("sqlite"):
        return value.strip()
    schemes = ("postgresql", "postgresql+psycopg", "postgres")
    return _address(  # no host: a socket (postgresql://user@/db?host=/run/postgresql)
        value, schemes, "a URL like postgresql://user@host:5432/complaints", needs_host=False
    )


def _address(value: str, schemes: tuple[str, ...], example: str, *, needs_host: bool = True) -> str:
    cleaned = value.strip()
    shown = _PASSWORD_IN_URL.sub(r"\1***@", cleaned)  # a password is never printed
    try:
        parts = urlsplit(cleaned)
        parts.port  # noqa: B018 - reading it checks it is a number in range
    except ValueError:
        raise argparse.ArgumentTypeError(f"{shown!r} is not {example}") from None
    hostless = needs_host and not parts.hostname
    if parts.scheme.lower() not in schemes or hostless or any(c.isspace() for c in value):
        raise argparse.ArgumentTypeError(f"{shown!r} is not {example}")
    return cleaned


_PASSWORD_IN_URL = re.compile(r"(//[^/@:]*:)[^@/]*@")

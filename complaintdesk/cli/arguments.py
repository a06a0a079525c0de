"""The command line's argument types: each turns a mistake into argparse's one-line error.

A command declares ``type=count(1, 100)``, ``type=instant``, ``type=input_file``…: a value
that cannot be right (an instant in year 9999, a folder that does not exist, ``nan``, a URL
with a port that is not a number) is refused by the parser in one line, before anything is
opened or written.
"""

from __future__ import annotations

import argparse
import math
import re
import tempfile
import uuid
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

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

"""Messages from files: ``.eml`` files (or folders of them) and mbox mailboxes."""

from __future__ import annotations

import mailbox
from collections.abc import Iterator, Sequence
from pathlib import Path

from complaintdesk.channels.email.intake import Source

MAX_MESSAGE_BYTES = 100 * 1024 * 1024
"""A larger file is not one email (and would not fit a message with its attachments)."""


def eml_sources(paths: Sequence[Path]) -> Iterator[Source]:
    """Yield every file named, or found under a folder named, with its bytes or a reason."""
    for path in paths:
        if path.is_dir():
            try:
                children = sorted(p for p in path.rglob("*") if p.is_file())
            except OSError as error:
                yield str(path), f"folder cannot be read ({error.strerror or error})"
                continue
            if not children:
                yield str(path), "empty folder: no file in it"
            for child in children:
                yield _read(child)
        else:
            yield _read(path)


def _read(path: Path) -> Source:
    label = str(path)
    try:
        if not path.exists():
            return label, "no such file"
        if not path.is_file():
            return label, "not a regular file"
        if path.stat().st_size > MAX_MESSAGE_BYTES:
            return label, f"larger than {MAX_MESSAGE_BYTES // (1024 * 1024)} MB: not one email"
        return label, path.read_bytes()
    except OSError as error:
        return label, f"cannot be read ({error.strerror or error})"


def mbox_sources(path: Path) -> Iterator[Source]:
    """Yield each message of an mbox file as ``FILE#N``, or the reason the file is unusable."""
    label = str(path)
    problem = _read_problem(path)
    if problem is not None:
        yield label, problem
        return
    try:
        box = mailbox.mbox(path, create=False)
        keys = list(box.iterkeys())
    except (OSError, mailbox.Error) as error:
        yield label, f"cannot be read as an mbox ({error})"
        return
    if not keys:
        yield label, "not an mbox file: no 'From ' line separates messages in it"
        return
    try:
        for number, key in enumerate(keys, start=1):
            yield _mbox_message(box, key, f"{label}#{number}")
    finally:
        box.close()


def _read_problem(path: Path) -> str | None:
    try:
        if not path.exists():
            return "no such file"
        if not path.is_file():
            return "not a regular file"
        with path.open("rb"):
            return None
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"


def _mbox_message(box: mailbox.mbox, key: str, label: str) -> Source:
    try:
        return label, box.get_bytes(key)
    except (OSError, KeyError, mailbox.Error) as error:
        return label, f"cannot be read ({error})"

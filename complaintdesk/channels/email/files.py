"""Messages from files: ``.eml`` files (or folders of them) and mbox mailboxes.

Nothing is read here: each message is handed over with its size and a way to open it, so
a large one streams from disk instead of being held. An mbox is split by scanning it once
for its ``From `` lines (as Python's :mod:`mailbox` does), keeping only their offsets.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import IO

from complaintdesk.channels.email.intake import RawMessage, Source
from complaintdesk.channels.email.spool import Readable

LINE_LIMIT = 64 * 1024


def eml_sources(paths: Sequence[Path]) -> Iterator[Source]:
    """Yield every file named, or found under a folder named, or the reason it holds nothing."""
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
                yield _file(child)
        else:
            yield _file(path)


def _file(path: Path) -> Source:
    label = str(path)
    try:
        if not path.exists():
            return label, "no such file"
        if not path.is_file():
            return label, "not a regular file"
        size = path.stat().st_size
        with path.open("rb"):
            pass  # readable: what is not goes in the summary, not the quarantine
    except OSError as error:
        return label, f"cannot be read ({error.strerror or error})"
    if size == 0:
        return label, "empty file: no message in it"
    return RawMessage(label, "eml", size, partial(_opened, path), {"file": label})


def mbox_sources(path: Path) -> Iterator[Source]:
    """Yield each message of an mbox file as ``FILE#N``, or the reason the file is unusable."""
    label = str(path)
    problem = _read_problem(path)
    if problem is not None:
        yield label, problem
        return
    try:
        spans = mbox_spans(path)
    except OSError as error:
        yield label, f"cannot be read as an mbox ({error.strerror or error})"
        return
    if not spans:
        yield label, "not an mbox file: no 'From ' line separates messages in it"
        return
    for number, (start, stop) in enumerate(spans, start=1):
        source = {"file": label, "message": number, "offset": start}
        opener = partial(_slice, path, start, stop)
        yield RawMessage(f"{label}#{number}", "mbox", stop - start, opener, source)


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


def mbox_spans(path: Path) -> list[tuple[int, int]]:
    """Return (start, stop) of each message's bytes, its ``From `` line left out.

    A line starting with ``From `` starts a message; the blank line before it belongs to
    no message. Lines are read at most :data:`LINE_LIMIT` bytes at a time.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    at_line_start, previous_blank = True, False
    with path.open("rb") as handle:
        while True:
            position = handle.tell()
            line = handle.readline(LINE_LIMIT)
            if not line:
                break
            if at_line_start and line.startswith(b"From "):
                if start is not None:
                    spans.append(
                        (start, position - (_ending(handle, position) if previous_blank else 0))
                    )
                start = position + len(line) if line.endswith(b"\n") else _skip_line(handle)
            at_line_start = line.endswith(b"\n")
            previous_blank = line in (b"\n", b"\r\n")
        if start is not None:
            end = handle.tell()
            spans.append((start, end - (_ending(handle, end) if previous_blank else 0)))
    return [(a, b) for a, b in spans if b > a]


def _ending(handle: IO[bytes], position: int) -> int:
    """Return the length of the blank line just before ``position`` (1 or 2 bytes)."""
    here = handle.tell()
    handle.seek(max(0, position - 2))
    before = handle.read(2)
    handle.seek(here)
    return 2 if before == b"\r\n" else 1


def _skip_line(handle: IO[bytes]) -> int:
    """Read past the rest of an over-long ``From `` line; return where the message starts."""
    while (line := handle.readline(LINE_LIMIT)) and not line.endswith(b"\n"):
        pass
    return handle.tell()


@contextmanager
def _opened(path: Path) -> Iterator[Readable]:
    with path.open("rb") as handle:
        yield handle


@contextmanager
def _slice(path: Path, start: int, stop: int) -> Iterator[Readable]:
    with path.open("rb") as handle:
        handle.seek(start)
        yield _Slice(handle, stop - start)


class _Slice:
    """The bytes of one message inside an mbox file: a bounded view of the open file."""

    def __init__(self, handle: IO[bytes], length: int) -> None:
        self._handle = handle
        self._left = length

    def read(self, size: int = -1, /) -> bytes:
        wanted = self._left if size < 0 else min(size, self._left)
        data = self._handle.read(wanted)
        self._left -= len(data)
        return data

    def readline(self, size: int = -1, /) -> bytes:
        wanted = self._left if size < 0 else min(size, self._left)
        data = self._handle.readline(wanted)
        self._left -= len(data)
        return data

"""Reading a large message without holding it: big part bodies go to temporary files.

Python's email parser keeps a whole message in memory several times over (the bytes, their
text, the lines, each decoded part): a 95 MB message took gigabytes. A message larger than
:data:`IN_MEMORY_LIMIT` is therefore read line by line (never more than :data:`LINE_LIMIT`
bytes at once): the MIME structure is followed, each leaf part's body larger than
:data:`PART_LIMIT` is decoded (base64, quoted-printable) into a temporary file as it streams
by, text transcoded to UTF-8, and the parser then reads a *skeleton* of the message, the same
headers with a marker header in place of each spooled body. What the parser does with the
headers stays the same for every message, large or small.
"""

from __future__ import annotations

import hashlib
import tempfile
import uuid
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser
from typing import IO, Protocol

from complaintdesk.channels.email.decoders import text_decoder, transfer_decoder

IN_MEMORY_LIMIT = 4 * 1024 * 1024
"""A message up to this size is read at once; a larger one streams."""
PART_LIMIT = 256 * 1024
"""A part body larger than this is spooled to a temporary file."""
SKELETON_LIMIT = 8 * 1024 * 1024
"""Once the skeleton holds this much, every further part body is spooled, however small."""
LINE_LIMIT = 64 * 1024
"""The most read at once: a longer line (a base64 body without line breaks) comes in pieces."""
HEADER_LIMIT = 1024 * 1024
"""A header block larger than this is cut: what follows is read as the body."""
SPOOL_IN_MEMORY = 1024 * 1024
"""A spooled body stays in memory up to this size, then moves to a temporary file."""
_HEADERS = BytesHeaderParser(policy=policy.compat32)


class Readable(Protocol):
    """What a message is read from: a file, a slice of an mbox, a spool of an IMAP fetch."""

    def read(self, size: int = -1, /) -> bytes:
        """Return up to ``size`` bytes (all that is left when negative)."""
        ...

    def readline(self, size: int = -1, /) -> bytes:
        """Return one line, or its first ``size`` bytes."""
        ...


class SpooledBody:
    """A part's decoded body, kept in a temporary file; text is transcoded to UTF-8.

    Args:
        encoding: the part's Content-Transfer-Encoding (lower case).
        charset: for a text part, the charset it declares (None: bytes kept as they are).
    """

    def __init__(self, encoding: str, charset: str | None) -> None:
        # Closed by close(), once the message it belongs to is stored.
        self.file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
        self.size = 0
        self._hash = hashlib.sha256()
        self.sha256 = ""
        self._decode = transfer_decoder(encoding)
        self._text = text_decoder(charset) if charset is not None else None
        self._cr = ""
        """A carriage return at the end of a piece, waiting to see if a line feed follows."""
        self.is_text = charset is not None

    def feed(self, encoded: bytes) -> None:
        """Decode and keep one more piece of the body as it came."""
        self._keep(self._decode.feed(encoded))

    def finish(self) -> None:
        """Decode what is left; the body is complete."""
        self._keep(self._decode.finish())
        if self._text is not None:
            rest = self._cr + self._text.decode(b"", final=True)
            self._keep(rest.encode("utf-8"), transcoded=True)
        self.sha256 = self._hash.hexdigest()

    def _keep(self, data: bytes, *, transcoded: bool = False) -> None:
        if self._text is not None and not transcoded:
            text = self._cr + self._text.decode(data)
            self._cr = "\r" if text.endswith("\r") else ""
            data = text[: len(text) - len(self._cr)].replace("\r\n", "\n").encode("utf-8")
        if data:
            self.file.write(data)
            self._hash.update(data)
            self.size += len(data)

    def head(self, count: int) -> bytes:
        """Return the first ``count`` bytes of the body."""
        self.file.seek(0)
        return self.file.read(count)

    def read(self) -> bytes:
        """Return the whole body (only called to store a file within the size limit)."""
        self.file.seek(0)
        return self.file.read()

    def close(self) -> None:
        """Remove the temporary file."""
        self.file.close()


class SpooledAttachment:
    """A file of a large message, read from its spool only when it is stored."""

    def __init__(self, filename: str, content_type: str, body: SpooledBody) -> None:
        self.filename = filename
        self.content_type = content_type
        self._body = body

    @property
    def data(self) -> bytes:
        """The file's bytes (read from the spool now)."""
        return self._body.read()

    @property
    def size(self) -> int:
        """How many bytes the file holds."""
        return self._body.size

    @property
    def sha256(self) -> str:
        """The hash the file is stored under."""
        return self._body.sha256


@dataclass
class Skeleton:
    """A message as the parser reads it, with its large bodies spooled apart.

    ``marker`` is the name of the header that replaces a spooled body (unique to this
    reading, so a message cannot forge it); its value is the key in ``bodies``.
    """

    data: bytes
    marker: str
    bodies: dict[str, SpooledBody] = field(default_factory=dict)
    size: int = 0
    digest: str = ""
    head: bytes = b""
    """The first bytes of the message (what a quarantine keeps of a large one)."""

    def body_of(self, part: Message) -> SpooledBody | None:
        """Return the spooled body a skeleton part stands for, or None."""
        key = part.get(self.marker)
        return self.bodies.get(str(key).strip()) if key is not None else None

    def close(self) -> None:
        """Remove every temporary file."""
        for body in self.bodies.values():
            body.close()


def skeleton_of(stream: Readable, *, keep_head: int = 0) -> Skeleton:
    """Read a message from ``stream`` once, spooling its large bodies.

    Args:
        keep_head: how many of the first bytes to keep in ``Skeleton.head``.
    """
    marker = f"X-ComplaintDesk-Spooled-{uuid.uuid4().hex}"
    reader = _Lines(stream, keep_head)
    writer = _Writer(marker)
    try:
        _entity(reader, writer, [])
        while (rest := reader.next()) is not None:  # after the end of the last part
            writer.write_bounded(rest)
    except BaseException:
        writer.close()
        raise
    return Skeleton(
        bytes(writer.out),
        marker,
        writer.bodies,
        reader.size,
        reader.hash.hexdigest(),
        bytes(reader.head),
    )


class _Lines:
    """The stream's lines, one at a time (long ones in pieces), hashed as they pass."""

    def __init__(self, stream: Readable, keep_head: int) -> None:
        self._stream = stream
        self._pending: bytes | None = None
        self.hash = hashlib.sha256()
        self.size = 0
        self.head = bytearray()
        self._keep = keep_head

    def next(self) -> bytes | None:
        if self._pending is not None:
            line, self._pending = self._pending, None
            return line
        line = self._stream.readline(LINE_LIMIT)
        if not line:
            return None
        self.hash.update(line)
        self.size += len(line)
        if len(self.head) < self._keep:
            self.head += line[: self._keep - len(self.head)]
        return line

    def push(self, line: bytes) -> None:
        self._pending = line


class _Writer:
    """The skeleton being written, and the bodies spooled so far."""

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.out = bytearray()
        self.bodies: dict[str, SpooledBody] = {}

    @property
    def crowded(self) -> bool:
        return len(self.out) > SKELETON_LIMIT

    def write(self, data: bytes) -> None:
        self.out += data

    def write_bounded(self, data: bytes) -> None:
        """Write preamble or epilogue text, which nobody reads, only while room is left."""
        if not self.crowded:
            self.out += data

    def spool(self, encoding: str, charset: str | None) -> tuple[str, SpooledBody]:
        key = str(len(self.bodies) + 1)
        body = SpooledBody(encoding, charset)
        self.bodies[key] = body
        return key, body

    def close(self) -> None:
        for body in self.bodies.values():
            body.close()


def _entity(lines: _Lines, out: _Writer, bounds: list[bytes]) -> bytes | None:
    """Copy one entity; return the boundary line that ended it (None: the stream ended)."""
    header, end = _header_block(lines, bounds)
    info = _HEADERS.parsebytes(header)
    boundary = _boundary(info)
    if end is not None:  # a boundary inside the headers: an entity without a body
        out.write(header)
        return end
    if boundary is not None:
        out.write(header)
        return _multipart(lines, out, bounds, b"--" + boundary)
    return _leaf(lines, out, bounds, header, info)


def _header_block(lines: _Lines, bounds: list[bytes]) -> tuple[bytes, bytes | None]:
    block = bytearray()
    while (line := lines.next()) is not None:
        if bounds and _match(line, bounds) is not None:
            return bytes(block), line
        block += line
        if line in (b"\r\n", b"\n") or len(block) > HEADER_LIMIT:
            break
    return bytes(block), None


def _boundary(info: Message) -> bytes | None:
    try:
        if info.get_content_maintype() != "multipart":
            return None
        boundary = info.get_boundary()
    except Exception:  # a Content-Type the parser cannot read: a leaf, as the parser sees it
        return None
    if not boundary:
        return None
    return boundary.encode("utf-8", "surrogateescape")


def _match(line: bytes, bounds: list[bytes]) -> tuple[bytes, bool] | None:
    """Return (boundary, closing) if ``line`` is a delimiter of one of ``bounds``."""
    if not line.startswith(b"--"):
        return None
    stripped = line.rstrip(b" \t\r\n")
    for bound in reversed(bounds):
        if stripped == bound:
            return bound, False
        if stripped == bound + b"--":
            return bound, True
    return None


def _multipart(lines: _Lines, out: _Writer, bounds: list[bytes], own: bytes) -> bytes | None:
    inner = [*bounds, own]
    while (line := lines.next()) is not None:  # the preamble
        found = _match(line, inner)
        if found is None:
            out.write_bounded(line)
            continue
        if found[0] != own:
            return line
        out.write(line)
        if found[1]:
            return _epilogue(lines, out, bounds)
        break
    else:
        return None
    while True:
        end = _entity(lines, out, inner)
        if end is None:
            return None
        found = _match(end, inner)
        assert found is not None
        if found[0] != own:
            return end
        out.write(end)
        if found[1]:
            return _epilogue(lines, out, bounds)


def _epilogue(lines: _Lines, out: _Writer, bounds: list[bytes]) -> bytes | None:
    while (line := lines.next()) is not None:
        if bounds and _match(line, bounds) is not None:
            return line
        out.write_bounded(line)
    return None


def _leaf(
    lines: _Lines, out: _Writer, bounds: list[bytes], header: bytes, info: Message
) -> bytes | None:
    body = bytearray()
    spooled: tuple[str, SpooledBody] | None = None
    end = None
    limit = 0 if out.crowded else PART_LIMIT
    held = b""  # the line end before a boundary belongs to the boundary, not to the body
    while (line := lines.next()) is not None:
        if bounds and _match(line, bounds) is not None:
            end = line
            break
        if spooled is None:
            body += line
            if len(body) <= limit:
                continue
            spooled = out.spool(_encoding(info), _charset(info))
            line = bytes(body)
            body = bytearray()
        content = line.rstrip(b"\r\n")
        spooled[1].feed(held + content)
        held = line[len(content) :]
    if spooled is None:
        out.write(header + body)
        return end
    if end is None:
        spooled[1].feed(held)
    spooled[1].finish()
    separator = b"\r\n" if header.endswith(b"\r\n") else b"\n"
    fields = header.rstrip(b"\r\n") + separator if header.strip() else b""
    out.write(fields + f"{out.marker}: {spooled[0]}".encode() + separator + separator)
    return end


def _encoding(info: Message) -> str:
    value = info.get("Content-Transfer-Encoding")
    return str(value).strip().lower() if value is not None else "7bit"


def _charset(info: Message) -> str | None:
    """Return the charset a text part is transcoded from (None: not text, kept as bytes)."""
    try:
        if info.get_content_maintype() != "text":
            return None
        return info.get_content_charset() or "us-ascii"
    except Exception:  # unreadable parameters: read it as UTF-8 text
        return "utf-8"

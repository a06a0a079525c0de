"""Header fields as they really arrive: encoded words, raw 8-bit bytes, broken header blocks.

Every function here reads defensively and never raises: an unknown or wrong charset falls
back to UTF-8 then Windows-1252, malformed encoded words are kept as they are.
"""

from __future__ import annotations

import codecs
import re
from email.header import decode_header
from email.message import Message

MAX_ID_LENGTH = 500
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ANGLE_ID = re.compile(r"<([^<>\s]+)>")
_COMMENT = re.compile(r"\([^()]*\)")
_OBSOLETE_SPACES = re.compile(r"(?<=[^\s<])\s+(?=[^\s>])|(?<=<)\s+|\s+(?=>)")
_OBSOLETE_COLON = re.compile(rb"^([!-9;-~]+)[ \t]+:", re.MULTILINE)
_FIELD = re.compile(rb"^[!-9;-~]+[ \t]*:")
_WANTED_FIELD = re.compile(
    rb"^(from|sender|reply-to|to|cc|subject|date|message-id|in-reply-to|references|"
    rb"mime-version|content-type)[ \t]*:",
    re.IGNORECASE,
)
_UTF8_MISLABELLED = frozenset(
    {"us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1", "iso-8859-15", "windows-1252"}
)


def header(message: Message, name: str) -> str | None:
    """Return a header's decoded value in one line, or None; never raises.

    The raw value is decoded here (RFC 2047 words, undeclared 8-bit bytes as UTF-8 or
    Windows-1252) rather than by the policy's header registry: that is as correct for
    what we read and several times faster, which the 10,000-message target needs.
    """
    raw = raw_header(message, name)
    if raw is None:
        return None
    text = decode_words(unsurrogate(raw))
    return " ".join(CONTROL.sub(" ", text).split())


def raw_header(message: Message, name: str) -> str | None:
    """Return a header's value as it came (first occurrence), or None."""
    wanted = name.lower()
    for key, value in message.raw_items():
        if key.lower() == wanted:
            return str(value)
    return None


def decode_words(value: str) -> str:
    """Decode RFC 2047 encoded words by hand, each in its own charset or a fallback."""
    try:
        pieces = decode_header(value)
    except Exception:  # malformed encoded words: keep the text as it is
        return value
    return "".join(
        decode_bytes(piece, charset) if isinstance(piece, bytes) else piece
        for piece, charset in pieces
    )


def unsurrogate(text: str) -> str:
    """Turn undecoded 8-bit bytes (kept as surrogates by the parser) into text."""
    if not any("\udc80" <= char <= "\udcff" for char in text):
        return text
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return decode_bytes(data, None)


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode with the declared charset, else UTF-8, else Windows-1252 (never fails).

    Text declared Latin-1 or ASCII that is valid UTF-8 is read as UTF-8: mailers often
    declare the former and send the latter, and real Latin-1 is almost never valid UTF-8.
    """
    if charset and charset.lower().replace("_", "-") in _UTF8_MISLABELLED and not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    for candidate in (charset, "utf-8"):
        if not candidate:
            continue
        try:
            codecs.lookup(candidate)
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    return data.decode("cp1252", errors="replace")


def message_ids(value: str | None) -> list[str]:
    """Return the ``<id>`` values of an In-Reply-To or References header, in order."""
    if not value:
        return []
    found = [f"<{m}>" for m in _ANGLE_ID.findall(value)]
    if not found and "<" in value:  # obsolete syntax: comments and spaces inside the id
        found = [
            f"<{m}>" for m in _ANGLE_ID.findall(_OBSOLETE_SPACES.sub("", _COMMENT.sub("", value)))
        ]
    if not found and " " not in value.strip():
        found = [f"<{value.strip().strip('<>')}>"]
    return [i for i in found if len(i) <= MAX_ID_LENGTH]


def tidy_obsolete_headers(raw: bytes) -> bytes:
    """Remove the spaces obsolete syntax allows before a header's colon (RFC 5322 4.5)."""
    head, separator, body = raw.replace(b"\r\n", b"\n").partition(b"\n\n")
    return _OBSOLETE_COLON.sub(rb"\1:", head) + separator + body


def repaired_header_block(raw: bytes) -> bytes | None:
    """Return ``raw`` with stray lines inside its header block kept aside, or None.

    A line that is neither a field nor a continuation ends the header block for the
    parser, and every field after it (often From and Subject) would be read as body. When
    such fields do follow, the stray line becomes an ``X-Broken-Header`` field instead.
    """
    head, separator, body = _split_head(raw)
    lines = head.splitlines(keepends=True)
    stray = [i for i, line in enumerate(lines) if not _is_field_line(line, i)]
    if not stray or not any(_WANTED_FIELD.match(line) for line in lines[stray[0] + 1 :]):
        return None
    for index in stray:
        lines[index] = b"X-Broken-Header: " + lines[index]
    return b"".join(lines) + separator + body


def _split_head(raw: bytes) -> tuple[bytes, bytes, bytes]:
    crlf, lf = raw.find(b"\r\n\r\n"), raw.find(b"\n\n")
    if crlf >= 0 and (lf < 0 or crlf < lf):
        return raw[: crlf + 2], b"\r\n", raw[crlf + 4 :]
    if lf >= 0:
        return raw[: lf + 1], b"\n", raw[lf + 2 :]
    return raw, b"", b""


def _is_field_line(line: bytes, index: int) -> bool:
    if line[:1] in (b" ", b"\t") and index > 0:
        return True
    return bool(_FIELD.match(line)) or (index == 0 and line.startswith(b"From "))

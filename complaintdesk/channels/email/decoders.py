"""Decoding a part's body piece by piece: transfer encodings, then charsets.

A large part streams through these without ever being whole in memory: base64 is decoded in
groups of four characters, quoted-printable line by line (an escape split between two pieces
is kept for the next), and text is decoded incrementally in its declared charset.
"""

from __future__ import annotations

import binascii
import codecs
import re

_BASE64_NOISE = re.compile(rb"[^A-Za-z0-9+/=]")
_UTF8_MISLABELLED = frozenset(
    {"us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1", "iso-8859-15", "windows-1252"}
)


class TransferDecoder:
    """Decodes a Content-Transfer-Encoding piece by piece (this one: 7bit, 8bit, binary)."""

    def feed(self, data: bytes) -> bytes:
        """Return the decoded bytes of the next piece (some may wait for the next one)."""
        return data

    def finish(self) -> bytes:
        """Return what was waiting: the body ended."""
        return b""


class _Base64(TransferDecoder):
    def __init__(self) -> None:
        self._rest = b""

    def feed(self, data: bytes) -> bytes:
        clean = self._rest + _BASE64_NOISE.sub(b"", data)
        whole = len(clean) - len(clean) % 4
        self._rest = clean[whole:]
        return _unbase64(clean[:whole])

    def finish(self) -> bytes:
        rest, self._rest = self._rest, b""
        return _unbase64(rest + b"=" * (-len(rest) % 4)) if rest.strip(b"=") else b""


def _unbase64(data: bytes) -> bytes:
    try:
        return binascii.a2b_base64(data)
    except binascii.Error:  # padding in the middle: decode what can be, as the parser does
        return b"".join(_unbase64_loose(data[i : i + 4]) for i in range(0, len(data), 4))


def _unbase64_loose(quad: bytes) -> bytes:
    try:
        return binascii.a2b_base64(quad)
    except binascii.Error:
        return b""


class _QuotedPrintable(TransferDecoder):
    def __init__(self) -> None:
        self._rest = b""

    def feed(self, data: bytes) -> bytes:
        data = self._rest + data
        cut = data.rfind(b"=", max(0, len(data) - 2))
        if cut >= 0 and not data.endswith((b"\n", b"\r")):
            data, self._rest = data[:cut], data[cut:]  # an escape split across two pieces
        else:
            self._rest = b""
        return binascii.a2b_qp(data)

    def finish(self) -> bytes:
        rest, self._rest = self._rest, b""
        return binascii.a2b_qp(rest)


def transfer_decoder(encoding: str) -> TransferDecoder:
    """Return the decoder of a Content-Transfer-Encoding (unknown ones keep the bytes)."""
    if encoding == "base64":
        return _Base64()
    if encoding == "quoted-printable":
        return _QuotedPrintable()
    return TransferDecoder()


class Utf8OrWindows:
    """Text declared ASCII or Latin-1 is read as UTF-8 while it is UTF-8 (mailers mislabel)."""

    def __init__(self, declared: str) -> None:
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._fallback = codecs.getincrementaldecoder(declared)(errors="replace")
        self._failed = False

    def decode(self, data: bytes, final: bool = False) -> str:
        """Return the text of the next piece."""
        if not self._failed:
            try:
                return str(self._utf8.decode(data, final))
            except UnicodeDecodeError:
                self._failed = True
        return str(self._fallback.decode(data, final))


def text_decoder(charset: str) -> Utf8OrWindows | codecs.IncrementalDecoder:
    """Return an incremental decoder for ``charset`` (unknown ones: UTF-8), never failing."""
    name = charset.lower().replace("_", "-")
    try:
        codecs.lookup(name)
    except LookupError:
        name = "utf-8"
    if name in _UTF8_MISLABELLED:
        return Utf8OrWindows("cp1252" if name in ("us-ascii", "ascii") else name)
    return codecs.getincrementaldecoder(name)(errors="replace")

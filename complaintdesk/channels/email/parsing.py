"""Reading one email as it really arrives: any charset, broken headers, odd MIME trees, any size.

Parsing never trusts the message: every header and part is read defensively (see
:mod:`.headers`), a damaged sender is salvaged (:mod:`.senders`), and what cannot be read at
all is reported as :class:`UnreadableMessage` with a reason a person can act on.

Size is bounded: a message over :data:`~.spool.IN_MEMORY_LIMIT` streams through
:func:`parsed` with its large bodies in temporary files, and a text longer than
:data:`TEXT_SHOWN` characters is shown by its beginning while the whole text is kept once,
as a file of the message (``message.txt``, ``message.html``).
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email import errors, policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from complaintdesk.channels.email.automatic import automatic_reason
from complaintdesk.channels.email.headers import (
    decode_bytes,
    decode_words,
    header,
    message_ids,
    repaired_header_block,
    tidy_obsolete_headers,
    unsurrogate,
)
from complaintdesk.channels.email.html_text import html_to_text
from complaintdesk.channels.email.senders import sender_of
from complaintdesk.channels.email.spool import (
    IN_MEMORY_LIMIT,
    Readable,
    Skeleton,
    SpooledAttachment,
    SpooledBody,
    skeleton_of,
)
from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.complaints.attachments import IncomingFile
from complaintdesk.services.inbound.email_message import InboundEmail, IncomingAttachment

__all__ = ["UnreadableMessage", "decode_bytes", "message_ids", "parse", "parsed"]

SYNTHETIC_DOMAIN = "complaintdesk.invalid"
TEXT_SHOWN = 32_000
"""Characters of one text part shown on the message; a longer text is kept whole as a file."""
CUT_MARK = "\n[…]"
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")
_WHOLE_NAMES = {"text/plain": "message.txt", "text/html": "message.html"}


class UnreadableMessage(ComplaintDeskError):
    """The bytes are not an email message that can be stored (empty, junk, no headers)."""


def parse(raw: bytes, *, received_at: datetime | None = None) -> InboundEmail:
    """Return what a complaint handler needs from one raw RFC 5322 message held in memory.

    Args:
        raw: the message as stored on disk or fetched from IMAP.
        received_at: when our server received it (IMAP INTERNALDATE); else the Date header.

    Raises:
        UnreadableMessage: empty input, or no header at all (binary junk, a text file).
    """
    if not raw.strip():
        raise UnreadableMessage("empty file: no message in it")
    return _read(raw, received_at, hashlib.sha256(raw).hexdigest(), None)


@contextmanager
def parsed(
    stream: Readable, size: int, *, received_at: datetime | None = None
) -> Iterator[InboundEmail]:
    """Read a message from ``stream``, streaming one larger than the in-memory limit.

    The files of a streamed message are read from temporary files when they are stored,
    so the message must be stored inside the ``with`` block.

    Raises:
        UnreadableMessage: as :func:`parse`.
    """
    if size <= IN_MEMORY_LIMIT:
        yield parse(stream.read(), received_at=received_at)
        return
    skeleton = skeleton_of(stream)
    try:
        if not skeleton.data.strip():
            raise UnreadableMessage("empty file: no message in it")
        yield _read(skeleton.data, received_at, skeleton.digest, skeleton)
    finally:
        skeleton.close()


def _read(
    raw: bytes, received_at: datetime | None, digest: str, skeleton: Skeleton | None
) -> InboundEmail:
    message = _message(raw)
    sender = sender_of(message)
    texts, attachments = _contents(message, skeleton)
    body_text, body_original, wholes = _body(texts)
    content_type = _content_type(message)
    return InboundEmail(
        message_id=_message_id(header(message, "Message-ID"), digest),
        subject=header(message, "Subject") or "",
        sender=sender.address,
        sender_name=sender.name,
        recipients=header(message, "To"),
        received_at=received_at or _date(header(message, "Date")),
        body_text=body_text,
        body_original=body_original,
        in_reply_to=next(iter(message_ids(header(message, "In-Reply-To"))), None),
        references=tuple(message_ids(header(message, "References"))),
        attachments=(*wholes, *attachments),
        automatic=automatic_reason(
            lambda name: header(message, name),
            content_type,
            sender.address,
            _report_type(message),
        ),
        language=header(message, "Content-Language"),
        unusable_sender=sender.said,
        sent_at=_date(header(message, "Date")),
    )


def _message(raw: bytes) -> Message:
    """Parse ``raw``, repairing what real mail breaks in its header block.

    Raises:
        UnreadableMessage: no header at all.
    """
    parser = BytesParser(policy=policy.default)
    message = parser.parsebytes(raw)
    if not message.keys():
        # Obsolete syntax (RFC 5322 section 4.5) allows spaces before a header's colon.
        raw = tidy_obsolete_headers(raw)
        message = parser.parsebytes(raw)
    if any(isinstance(d, errors.MissingHeaderBodySeparatorDefect) for d in message.defects):
        repaired = repaired_header_block(raw)
        if repaired is not None:
            message = parser.parsebytes(repaired)
    if not message.keys():
        raise UnreadableMessage("not an email message: no header found")
    return message


def _message_id(value: str | None, digest: str) -> str:
    """Return the Message-ID, or a stable synthetic one made from the message's bytes."""
    found = message_ids(value)
    if found:
        return found[0]
    return f"<{digest}@{SYNTHETIC_DOMAIN}>"


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        instant = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    try:
        return instant.astimezone(UTC)
    except (OverflowError, ValueError):  # a year at the edge of what datetime holds
        return None


def _content_type(message: Message) -> str:
    try:
        return message.get_content_type()
    except Exception:  # a Content-Type header the policy cannot parse reads as plain text
        return "text/plain"


def _report_type(message: Message) -> str | None:
    try:
        value = message.get_param("report-type")
    except Exception:  # malformed parameters: no report type
        return None
    return value if isinstance(value, str) else None


def _leaves(part: Message) -> Iterator[Message]:
    """Yield the leaf parts; an attached message (message/*) is one leaf, not descended."""
    payload = part.get_payload()
    if _content_type(part).startswith("multipart/") and isinstance(payload, list):
        for child in payload:
            if isinstance(child, Message):
                yield from _leaves(child)
    else:
        yield part


@dataclass(frozen=True)
class _Text:
    """One text part: its text (the beginning of a long one) and, when cut, the whole."""

    kind: str
    text: str
    whole: IncomingFile | None = None


def _contents(
    message: Message, skeleton: Skeleton | None
) -> tuple[list[_Text], list[IncomingFile]]:
    """Split the message into body texts and attachments."""
    texts: list[_Text] = []
    attachments: list[IncomingFile] = []
    for part in _leaves(message):
        kind = _content_type(part)
        name = _filename(part)
        inline = _disposition(part) != "attachment" and name is None
        spooled = skeleton.body_of(part) if skeleton is not None else None
        if kind in ("text/plain", "text/html") and inline:
            texts.append(_text_part(part, kind, spooled))
            continue
        filename = name or _default_name(kind, len(attachments) + 1)
        if spooled is not None:
            attachments.append(SpooledAttachment(filename, kind[:120], spooled))
        else:
            attachments.append(IncomingAttachment(filename, kind[:120], _data(part)))
    return texts, attachments


def _text_part(part: Message, kind: str, spooled: SpooledBody | None) -> _Text:
    if spooled is not None:  # transcoded to UTF-8 while spooled
        head = spooled.head(TEXT_SHOWN * 4).decode("utf-8", "ignore").replace("\r\n", "\n")
        if len(head) <= TEXT_SHOWN and spooled.size <= TEXT_SHOWN * 4:
            return _Text(kind, head)
        return _Text(kind, head[:TEXT_SHOWN], SpooledAttachment(_WHOLE_NAMES[kind], kind, spooled))
    text = _text(part)
    if len(text) <= TEXT_SHOWN:
        return _Text(kind, text)
    whole = IncomingAttachment(_WHOLE_NAMES[kind], kind, text.encode("utf-8", "replace"))
    return _Text(kind, text[:TEXT_SHOWN], whole)


def _body(texts: list[_Text]) -> tuple[str, str | None, list[IncomingFile]]:
    """Return (readable text, original HTML if kept, the whole texts cut for showing).

    Plain parts are preferred over HTML. A cut text ends with ``[…]``; its whole is a file.
    """
    plain = [t for t in texts if t.kind == "text/plain" and t.text.strip()]
    html = [t for t in texts if t.kind == "text/html" and t.text.strip()]
    wholes = [t.whole for t in texts if t.whole is not None]
    markup = "\n".join(t.text for t in html) if html else None
    original = markup if markup is not None and not any(t.whole for t in html) else None
    if plain:
        body = "\n\n".join(p.text.strip() for p in plain)
    elif markup is not None:
        body = html_to_text(markup)
    else:
        body = ""
    if wholes:
        body = body.rstrip() + CUT_MARK
    return body, original, wholes


def _disposition(part: Message) -> str | None:
    try:
        return part.get_content_disposition()
    except Exception:  # an unreadable disposition is no disposition
        return None


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:  # broken RFC 2231 parameters: look for a plain name= below
        name = None
    if name is None:
        try:
            value = part.get_param("name")
            name = value if isinstance(value, str) else None
        except Exception:  # nothing usable
            return None
    if not name:
        return None
    cleaned = _UNSAFE_NAME.sub("_", decode_words(unsurrogate(name))).strip(" ._")
    return cleaned[:200] or None


def _default_name(kind: str, number: int) -> str:
    if kind.startswith("message/"):
        extension = ".eml" if kind == "message/rfc822" else ".txt"
    else:
        extension = mimetypes.guess_extension(kind) or ".bin"
    return f"attachment-{number}{extension}"


def _text(part: Message) -> str:
    data = _data(part)
    try:
        charset = part.get_content_charset()
    except Exception:  # malformed charset parameter
        charset = None
    return decode_bytes(data, charset).replace("\r\n", "\n")


def _data(part: Message) -> bytes:
    """Return a part's decoded bytes (an attached message: its full source)."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return b"".join(_source(child) for child in payload if isinstance(child, Message))
    try:
        data = part.get_payload(decode=True)
    except Exception:  # an unknown transfer encoding: keep the bytes as they came
        data = None
    if isinstance(data, bytes):
        return data
    return _encoded(str(payload))


def _source(message: Message | EmailMessage) -> bytes:
    try:
        return message.as_bytes(policy=policy.compat32)
    except Exception:  # some malformed headers cannot be written back exactly
        return _encoded(str(message))


def _encoded(text: str) -> bytes:
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")

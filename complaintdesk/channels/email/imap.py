"""Reading IMAP folders with :mod:`imaplib`: new UIDs only, nothing marked as read."""

from __future__ import annotations

import imaplib
import io
import logging
import re
import ssl
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.outbound.mailboxes import MailboxSettings

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 30.0
_UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
_INTERNALDATE = re.compile(rb'INTERNALDATE "[^"]+"')
CHUNK = 4 * 1024 * 1024
"""Bytes fetched per round trip: a message up to this size comes in one."""


class MailboxUnavailable(ComplaintDeskError):
    """The mail server cannot be reached, refused the password, or lacks a folder."""


@contextmanager
def connect(
    settings: MailboxSettings, password: str, *, timeout: float = TIMEOUT_SECONDS
) -> Iterator[imaplib.IMAP4]:
    """Open a signed-in IMAP connection (implicit TLS, STARTTLS or plain, as configured).

    Raises:
        MailboxUnavailable: server unreachable, TLS refused, or sign-in refused.
    """
    where = f"{settings.host}:{settings.port}"
    try:
        if settings.tls == "ssl":
            context = ssl.create_default_context()
            client: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                settings.host, settings.port, ssl_context=context, timeout=timeout
            )
        else:
            client = imaplib.IMAP4(settings.host, settings.port, timeout=timeout)
            if settings.tls == "starttls":
                client.starttls(ssl_context=ssl.create_default_context())
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailboxUnavailable(f"Cannot reach the mail server {where} ({error}).") from error
    try:
        client.login(settings.username, password)
    except (OSError, imaplib.IMAP4.error) as error:
        _close(client)
        raise MailboxUnavailable(
            f"The mail server {where} refused the user name or password of mailbox {settings.name}."
        ) from error
    try:
        yield client
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailboxUnavailable(f"The connection to {where} broke off ({error}).") from error
    finally:
        _close(client, logout=True)


def _close(client: imaplib.IMAP4, *, logout: bool = False) -> None:
    try:
        if logout:
            client.logout()
        else:
            client.shutdown()
    except (OSError, imaplib.IMAP4.error) as error:  # the connection is gone either way
        log.debug("closing the IMAP connection: %s", error)


def quoted(folder: str) -> str:
    """Return a folder name as an IMAP quoted string (names may hold spaces)."""
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def open_folder(client: imaplib.IMAP4, folder: str) -> int:
    """Select ``folder`` read-only and return its UIDVALIDITY.

    Raises:
        MailboxUnavailable: the folder does not exist or cannot be opened.
    """
    status, data = client.select(quoted(folder), readonly=True)
    if status != "OK":
        detail = data[0].decode(errors="replace") if data and data[0] else status
        raise MailboxUnavailable(f"Folder {folder!r} cannot be opened ({detail}).")
    _, values = client.response("UIDVALIDITY")
    if values and values[0]:
        return int(values[0])
    status, data = client.status(quoted(folder), "(UIDVALIDITY)")
    found = _UIDVALIDITY.search(data[0] or b"") if status == "OK" and data else None
    if found is None:
        raise MailboxUnavailable(f"Folder {folder!r} gives no UIDVALIDITY.")
    return int(found.group(1))


def uids_after(client: imaplib.IMAP4, last_uid: int) -> list[int]:
    """Return the UIDs above ``last_uid`` in the selected folder, in order."""
    status, data = client.uid("SEARCH", "UID", f"{last_uid + 1}:*")
    if status != "OK":
        raise MailboxUnavailable(f"The server refused to list new messages ({status}).")
    # "N:*" always matches the highest UID, even when it is below N: filter again.
    return sorted(u for u in (int(x) for x in (data[0] or b"").split()) if u > last_uid)


@dataclass
class Fetched:
    """One message fetched from a folder: its bytes (in memory, or spooled when large).

    ``size`` is the size the server announced; ``complete`` is False when only the head of
    a message larger than the limit was fetched.
    """

    data: IO[bytes]
    size: int
    received_at: datetime | None
    complete: bool = True

    def close(self) -> None:
        """Drop the bytes (a temporary file for a large message)."""
        self.data.close()


def fetch(client: imaplib.IMAP4, uid: int, limit: int) -> Fetched | None:
    """Return one message's bytes and its server receipt time (None: gone meanwhile).

    ``BODY.PEEK[]`` leaves the message unread for the people who also use the mailbox.
    A message up to :data:`CHUNK` bytes comes in one round trip; a larger one comes in
    pieces into a temporary file, and one over ``limit`` only its first piece (kept by the
    quarantine, refused by its size).
    """
    first = _piece(client, uid, 0, f"(RFC822.SIZE INTERNALDATE BODY.PEEK[]<0.{CHUNK}>)")
    if first is None:
        return None
    head, meta = first
    size = _announced_size(meta, len(head))
    received = _internal_date(meta)
    if size <= len(head):
        return Fetched(io.BytesIO(head), len(head), received)
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=CHUNK)  # noqa: SIM115
    spool.write(head)
    complete = size <= limit
    offset = len(head)
    while complete and offset < size:
        piece = _piece(client, uid, offset, f"(BODY.PEEK[]<{offset}.{CHUNK}>)")
        if piece is None or not piece[0]:
            break  # the server sent less than it announced: store what came
        spool.write(piece[0])
        offset += len(piece[0])
    spool.seek(0)
    return Fetched(spool, size if not complete else offset, received, complete)


def _piece(client: imaplib.IMAP4, uid: int, offset: int, items: str) -> tuple[bytes, bytes] | None:
    status, data = client.uid("FETCH", str(uid), items)
    if status != "OK":
        raise MailboxUnavailable(f"The server refused to send message {uid} ({status}).")
    meta = b" ".join(
        part[0] if isinstance(part, tuple) else part for part in data if part is not None
    )
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            return bytes(item[1]), bytes(meta)
    return None


def _announced_size(meta: bytes, fetched: int) -> int:
    found = _SIZE.search(meta)
    if found is None:
        return fetched if fetched < CHUNK else fetched + 1  # unknown: ask for more pieces
    return max(int(found.group(1)), fetched)


def _internal_date(response: bytes) -> datetime | None:
    found = _INTERNALDATE.search(response)
    if found is None:
        return None
    parts = imaplib.Internaldate2tuple(found.group(0))
    if parts is None:
        return None
    return datetime.fromtimestamp(time.mktime(parts), UTC)

"""What the email channel hands to intake: one message as read, its files, how to take it in."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from complaintdesk.domain.errors import ValidationError
from complaintdesk.services.complaints.attachments import IncomingFile

DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024
MAX_ATTACHMENT_LIMIT = 32 * 1024 * 1024
"""The highest attachment limit that may be set. A file is held in memory to be stored, and
the database driver and SQLite's page cache hold it again: 32 MB keeps one input under
300 MB of memory (mail servers rarely pass more than 25 MB anyway)."""
DEFAULT_MESSAGE_LIMIT = 200 * 1024 * 1024
"""A larger message is not read at all: its head goes to the quarantine, refused by size."""
MAX_MESSAGE_LIMIT = 2 * 1024 * 1024 * 1024
"""The highest message limit that may be set (a message streams: the limit is about disk)."""
CLASH_MARK = "#"


@dataclass(frozen=True)
class IncomingAttachment:
    """A file that came with an email, as decoded from its MIME part."""

    filename: str
    content_type: str
    data: bytes

    @property
    def size(self) -> int:
        """How many bytes the file holds."""
        return len(self.data)

    @cached_property
    def sha256(self) -> str:
        """The hash the file is stored under."""
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class InboundEmail:
    """What the email channel read from one message."""

    message_id: str
    """``<…>``; a synthetic one (hash of the bytes) when the message had none."""
    subject: str
    sender: str | None
    sender_name: str | None
    recipients: str | None
    received_at: datetime | None
    body_text: str
    body_original: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    attachments: tuple[IncomingFile, ...]
    automatic: str | None
    """Why a machine wrote it (auto-reply, bounce, list), or None."""
    language: str | None
    unusable_sender: str | None = None
    """What the From, Sender and Reply-To said when none of them held a usable address."""
    sent_at: datetime | None = None
    """The Date header: when the customer says they sent it (intake keeps it if believable)."""


@dataclass(frozen=True)
class IngestOptions:
    """How messages are taken in."""

    max_attachment_bytes: int = DEFAULT_ATTACHMENT_LIMIT
    site_code: str | None = None
    """Site whose reference sequence new complaints take (None: the caller's site)."""
    own_addresses: frozenset[str] = frozenset()
    """Our mailboxes' addresses: mail from them is a loop, recorded as automatic."""
    max_message_bytes: int = DEFAULT_MESSAGE_LIMIT


DEFAULT_OPTIONS = IngestOptions()


class NoUsableSender(ValidationError):
    """Nobody could answer the message: no address in From, Sender or Reply-To is one."""

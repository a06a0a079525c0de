"""Files attached to messages: stored once per content, refused past a size limit."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from typing import Protocol

from sqlalchemy import select

from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import Actor
from complaintdesk.storage.models import Attachment, AttachmentContent
from complaintdesk.storage.unit_of_work import UnitOfWork


class IncomingFile(Protocol):
    """A file as a channel received it."""

    @property
    def filename(self) -> str: ...

    @property
    def content_type(self) -> str: ...

    @property
    def data(self) -> bytes:
        """The file's bytes (a large one may be read from a temporary file now)."""
        ...

    @property
    def size(self) -> int:
        """How many bytes the file holds, known without reading them."""
        ...

    @property
    def sha256(self) -> str:
        """The hash of the bytes, the name they are stored under."""
        ...


def store(
    uow: UnitOfWork,
    actor: Actor,
    message_id: uuid.UUID,
    complaint_id: uuid.UUID | None,
    files: Sequence[IncomingFile],
    limit: int,
) -> int:
    """Attach ``files`` to a message; return how many were refused for their size.

    A refused file is still listed on the message, with its name, size and the reason, so
    the agent knows to ask for it another way; nothing is dropped silently.
    """
    refused = 0
    for given in files:
        size = given.size
        attachment = Attachment(
            message_id=message_id,
            filename=given.filename[:300] or "attachment",
            content_type=given.content_type[:120] or "application/octet-stream",
            size=size,
        )
        if size > limit:
            attachment.refused_reason = (
                f"Refused: {_megabytes(size)} is larger than the {_megabytes(limit)} limit "
                "for attachments."
            )
            refused += 1
            record(uow, actor, attachment, "attachment_refused", complaint_id)
            continue
        attachment.sha256 = _content_of(uow, given)
        record(uow, actor, attachment, "attachment_stored", complaint_id)
    return refused


def store_content(uow: UnitOfWork, data: bytes) -> str:
    """Store the bytes unless the same content is already there; return their hash.

    The content row is immutable and named by its hash, so it is added without an audit
    entry of its own (the bytes would swell the audit trail); the audited attachment row
    carries the hash.
    """
    digest = hashlib.sha256(data).hexdigest()
    if not _stored(uow, digest):
        _add(uow, digest, data)
    return digest


def _content_of(uow: UnitOfWork, given: IncomingFile) -> str:
    """Store a file's bytes once, reading them (maybe from a spool) only when not stored yet."""
    digest = given.sha256
    if not _stored(uow, digest):
        _add(uow, digest, given.data)
    return digest


def _stored(uow: UnitOfWork, digest: str) -> bool:
    found = uow.scalars(select(AttachmentContent.id).where(AttachmentContent.sha256 == digest))
    return bool(found)


def _add(uow: UnitOfWork, digest: str, data: bytes) -> None:
    uow.add(AttachmentContent(sha256=digest, data=data))
    uow.flush()  # the same file twice in one message must find the first copy


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"

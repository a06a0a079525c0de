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
    def data(self) -> bytes: ...


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
        size = len(given.data)
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
        attachment.sha256 = _content(uow, given.data)
        record(uow, actor, attachment, "attachment_stored", complaint_id)
    return refused


def _content(uow: UnitOfWork, data: bytes) -> str:
    """Store the bytes unless the same content is already there; return their hash.

    The content row is immutable and named by its hash, so it is added without an audit
    entry of its own (the bytes would swell the audit trail); the audited attachment row
    carries the hash.
    """
    digest = hashlib.sha256(data).hexdigest()
    found = uow.scalars(select(AttachmentContent.id).where(AttachmentContent.sha256 == digest))
    if not found:
        uow.add(AttachmentContent(sha256=digest, data=data))
        uow.flush()  # the same file twice in one message must find the first copy
    return digest


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"

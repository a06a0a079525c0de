"""Taking raw messages in, one at a time, with every one of them accounted for."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from complaintdesk.channels.email.parsing import parse
from complaintdesk.channels.summary import IntakeSummary
from complaintdesk.domain.errors import (
    ComplaintDeskError,
    DatabaseError,
    PermissionDenied,
    TransactionConflict,
)
from complaintdesk.services.context import ServiceContext, retrying
from complaintdesk.services.inbound import mail
from complaintdesk.services.inbound.mail import (
    DEFAULT_OPTIONS,
    Handling,
    IngestOptions,
    IngestOutcome,
    ReadOnce,
)
from complaintdesk.services.outbound import mailboxes
from complaintdesk.services.outbound.mailboxes import FolderPosition

log = logging.getLogger(__name__)

Source = tuple[str, bytes | str]
"""(label, raw message) or (label, why the input could not even be read)."""


@dataclass
class IngestSummary(IntakeSummary):
    """Every input accounted for: ``read == ingested + duplicates + len(rejected)``.

    Among the messages ``ingested``, ``automatic`` were machines' messages; each of the
    ``complaints`` opened has an acknowledgement queued. ``errors`` are mailboxes that could
    not be read at all (server down, password refused).
    """

    automatic: int = 0

    def count(self, outcome: IngestOutcome) -> None:
        """Add one stored (or already stored) message."""
        super().count(outcome)
        self.automatic += outcome.handling is Handling.AUTOMATIC


Progress = Callable[[IngestSummary], None]


def ingest_sources(
    ctx: ServiceContext,
    sources: Iterable[Source],
    options: IngestOptions = DEFAULT_OPTIONS,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest every source (files, mbox messages), each in its own transaction."""
    summary = IngestSummary()
    read_once = ReadOnce()
    for label, content in sources:
        if isinstance(content, str):
            summary.read += 1
            summary.rejected.append({"file": label, "reason": content})
        else:
            ingest_raw(ctx, content, label, summary, options, read_once=read_once)
        if progress is not None:
            progress(summary)
    return summary


def ingest_raw(
    ctx: ServiceContext,
    raw: bytes,
    label: str,
    summary: IngestSummary,
    options: IngestOptions,
    *,
    received_at: datetime | None = None,
    position: FolderPosition | None = None,
    read_once: ReadOnce | None = None,
) -> IngestOutcome | None:
    """Parse and store one message; a message that cannot be stored is reported, not raised.

    Raises:
        DatabaseError: the database cannot be used (every other message would fail too).
        PermissionDenied: the caller may not take complaints in.
    """
    summary.read += 1
    try:
        email = parse(raw, received_at=received_at)
        outcome = retrying(lambda: mail.ingest_email(ctx, email, options, position, read_once))
    except (DatabaseError, PermissionDenied, TransactionConflict):
        raise
    except ComplaintDeskError as error:
        _reject(ctx, summary, label, str(error), position)
        return None
    except Exception as error:  # one hostile message must not stop the others: logged in full
        log.exception("message %s could not be stored", label)
        _reject(ctx, summary, label, f"could not be read ({type(error).__name__})", position)
        return None
    summary.count(outcome)
    return outcome


def _reject(
    ctx: ServiceContext,
    summary: IngestSummary,
    label: str,
    reason: str,
    position: FolderPosition | None,
) -> None:
    summary.rejected.append({"file": label, "reason": reason})
    if position is not None:
        log.warning("message %s was not stored: %s", label, reason)
        mailboxes.skip(ctx, position)

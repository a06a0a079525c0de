"""Taking raw messages in, one at a time (alone or in a batch), every one accounted for.

Each message is stored, or quarantined with its bytes and the reason: nothing a customer
sent is refused (DESIGN.md principle 7). Only input that holds no bytes at all (a missing
file, an empty folder) is reported as rejected. A mailbox message's folder position moves
on in the same transaction as what became of it, and never when the database failed.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from complaintdesk.channels.email.parsing import UnreadableMessage, parsed
from complaintdesk.channels.email.spool import Readable
from complaintdesk.channels.summary import IntakeSummary
from complaintdesk.domain.errors import (
    ComplaintDeskError,
    ConcurrentEditError,
    DatabaseError,
    PermissionDenied,
    TransactionConflict,
)
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.context import ServiceContext, retrying
from complaintdesk.services.inbound import mail, quarantine
from complaintdesk.services.inbound.batches import StoreBatch
from complaintdesk.services.inbound.email_message import (
    InboundEmail,
    IngestOptions,
    NoUsableSender,
)
from complaintdesk.services.inbound.quarantine import Problem, Suspect
from complaintdesk.services.inbound.storing import Handling, IngestOutcome, ReadOnce
from complaintdesk.services.outbound import mailboxes
from complaintdesk.services.outbound.mailboxes import FolderPosition

log = logging.getLogger(__name__)
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class RawMessage:
    """One message as its source hands it over, read only when it is taken in.

    ``open`` may be called more than once (the quarantine reads the bytes again).
    """

    label: str
    source_kind: str
    """``eml``, ``mbox`` or ``imap``."""
    size: int
    open: Callable[[], AbstractContextManager[Readable]]
    source: dict[str, Any] = field(default_factory=dict)
    received_at: datetime | None = None
    position: FolderPosition | None = None

    @classmethod
    def of_bytes(cls, label: str, raw: bytes, source_kind: str = "eml") -> RawMessage:
        """Return a message already held in memory (a test, a dropped file)."""
        return cls(label, source_kind, len(raw), partial(_memory, raw), {"file": label})


@contextmanager
def _memory(raw: bytes) -> Iterator[Readable]:
    yield io.BytesIO(raw)


Source = RawMessage | tuple[str, str]
"""A message, or (label, why the input holds no message at all)."""


@dataclass
class IngestSummary(IntakeSummary):
    """Every input accounted for: ``read == ingested + duplicates + quarantined + rejected``.

    Among the messages ``ingested``, ``automatic`` were machines' messages and ``clashes``
    reused the Message-ID of a different message (kept both, flagged); each of the
    ``complaints`` opened has an acknowledgement queued (or held with its reason).
    ``errors`` are mailboxes that could not be read at all (server down, password refused).
    """

    automatic: int = 0
    clashes: int = 0

    def count(self, outcome: IngestOutcome) -> None:
        """Add one stored (or already stored) message."""
        super().count(outcome)
        self.automatic += outcome.handling is Handling.AUTOMATIC
        self.clashes += outcome.id_clash and outcome.handling is not Handling.DUPLICATE


Progress = Callable[[IngestSummary], None]


def ingest_message(
    ctx: ServiceContext,
    incoming: RawMessage,
    summary: IngestSummary,
    options: IngestOptions,
    *,
    read_once: ReadOnce | None = None,
    batch: StoreBatch | None = None,
) -> IngestOutcome | None:
    """Read and store one message; one that cannot become a complaint is quarantined.

    Args:
        batch: store it (or quarantine it) in this batch's transaction, not in its own.

    Raises:
        DatabaseError: the database cannot be used (every other message would fail too);
            nothing moved on, so the message is read again next time.
        PermissionDenied: the caller may not take complaints in.
        TransactionConflict, ConcurrentEditError: (in a batch only) the batch was lost to
            another writer; none of its messages is stored.
    """
    summary.read += 1
    if incoming.size > options.max_message_bytes:
        reason = f"{_mb(incoming.size)} is larger than the {_mb(options.max_message_bytes)} limit"
        _hold(
            ctx, summary, incoming, Problem.TOO_LARGE, f"Refused: {reason} for one message.", batch
        )
        return None
    read: InboundEmail | None = None
    try:
        with (
            incoming.open() as stream,
            parsed(stream, incoming.size, received_at=incoming.received_at) as email,
        ):
            read = email
            outcome = _store(ctx, email, options, incoming.position, read_once, batch)
    except (DatabaseError, PermissionDenied, TransactionConflict):
        raise
    except OSError as error:  # the file went away or cannot be read: no bytes to keep
        summary.rejected.append({"file": incoming.label, "reason": f"cannot be read ({error})"})
        return None
    except UnreadableMessage as error:
        _hold(ctx, summary, incoming, Problem.NOT_A_MESSAGE, str(error), batch)
        return None
    except NoUsableSender as error:
        _hold(ctx, summary, incoming, Problem.NO_SENDER, str(error), batch, read)
        return None
    except ComplaintDeskError as error:
        if batch is not None and isinstance(error, ConcurrentEditError):
            raise  # the batch was lost to another writer, not this message
        _hold(ctx, summary, incoming, Problem.REFUSED, str(error), batch, read)
        return None
    except Exception as error:  # one hostile message must not stop the others: logged in full
        log.exception("message %s could not be stored", incoming.label)
        reason = f"could not be stored ({type(error).__name__}); the log has the details"
        _hold(ctx, summary, incoming, Problem.FAILED, reason, batch, read)
        return None
    summary.count(outcome)
    return outcome


def _store(
    ctx: ServiceContext,
    email: InboundEmail,
    options: IngestOptions,
    position: FolderPosition | None,
    read_once: ReadOnce | None,
    batch: StoreBatch | None,
) -> IngestOutcome:
    if batch is not None:  # a conflict loses the batch: the caller stores it again
        return mail.ingest_email(ctx, email, options, position, batch=batch)
    return retrying(lambda: mail.ingest_email(ctx, email, options, position, read_once))


def _hold(
    ctx: ServiceContext,
    summary: IngestSummary,
    incoming: RawMessage,
    problem: Problem,
    reason: str,
    batch: StoreBatch | None,
    email: InboundEmail | None = None,
) -> None:
    """Quarantine the message (with its folder position: it is dealt with)."""
    raw, digest, size = _kept_bytes(incoming)
    suspect = Suspect(
        channel=Channel.EMAIL.value,
        source_kind=incoming.source_kind,
        source_label=incoming.label,
        problem=problem,
        reason=reason,
        raw=raw,
        source=incoming.source,
        size=size,
        digest=digest,
        external_id=email.message_id if email else None,
        sender=(email.sender or email.unusable_sender) if email else None,
        subject=email.subject if email else None,
    )
    advance = partial(mailboxes.advance, position=incoming.position) if incoming.position else None
    if batch is not None:
        held = batch.hold(suspect, also=advance)
    else:
        held = quarantine.hold(ctx, suspect, also=advance)
    if incoming.position is not None:
        log.warning("message %s quarantined: %s", incoming.label, reason)
    summary.quarantined.append(
        {"file": incoming.label, "reason": reason, "quarantine": str(held.item_id)}
    )


def _kept_bytes(incoming: RawMessage) -> tuple[bytes, str, int]:
    """Return (the bytes a quarantine keeps, the hash of every byte, how many there are)."""
    digest = hashlib.sha256()
    kept = bytearray()
    size = 0
    with incoming.open() as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if len(kept) < quarantine.RAW_LIMIT:
                kept += chunk[: quarantine.RAW_LIMIT - len(kept)]
    return bytes(kept), digest.hexdigest(), max(size, incoming.size)


def _mb(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"

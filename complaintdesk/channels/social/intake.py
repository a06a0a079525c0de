"""Taking social items in, one transaction each, with every item accounted for.

An item that cannot be stored (a malformed payload, a post refused) goes to the quarantine
with what it was read from, in the same transaction as the gateway cursor that moves past it.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from complaintdesk.channels.social.items import Item, envelope
from complaintdesk.channels.summary import IntakeSummary
from complaintdesk.domain.errors import (
    ComplaintDeskError,
    DatabaseError,
    PermissionDenied,
    TransactionConflict,
)
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.context import ServiceContext, retrying
from complaintdesk.services.inbound import quarantine, social
from complaintdesk.services.inbound.quarantine import Problem, Suspect
from complaintdesk.services.inbound.social import InboundPost, SocialOptions
from complaintdesk.services.inbound.storing import ReadOnce
from complaintdesk.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


@dataclass
class SocialSummary(IntakeSummary):
    """Every item accounted for: ``read == ingested + duplicates + skipped + quarantined +
    rejected``.

    ``skipped`` are items that are not a customer's words (our own replies, read receipts,
    retweets); ``errors`` are gateways that could not be read (down, token refused, a batch
    cut short).
    """

    skipped: int = 0


Progress = Callable[[SocialSummary], None]
Also = Callable[[UnitOfWork], None]


def ingest_items(
    ctx: ServiceContext,
    items: Iterable[Item],
    options: SocialOptions = social.DEFAULT_OPTIONS,
    summary: SocialSummary | None = None,
    *,
    last: Also | None = None,
    progress: Progress | None = None,
    source: dict[str, Any] | None = None,
) -> SocialSummary:
    """Store every post of ``items``, each in its own transaction.

    Args:
        last: written in the same transaction as the last item (a gateway's cursor), or
            alone after it when the last item stores nothing.
        source: where the items came from (a gateway and its cursor), kept with those
            quarantined; items read from a file name their file.

    Raises:
        DatabaseError: the database cannot be used (every other item would fail too).
        PermissionDenied: the caller may not take complaints in.
    """
    summary = summary if summary is not None else SocialSummary()
    read_once = ReadOnce()
    listed = list(items)
    for number, item in enumerate(listed, start=1):
        also = last if number == len(listed) else None
        written = _one(ctx, item, options, summary, read_once, also, source)
        if also is not None and not written:
            _alone(ctx, also)
        if progress is not None:
            progress(summary)
    if not listed and last is not None:
        _alone(ctx, last)
    return summary


def _one(
    ctx: ServiceContext,
    item: Item,
    options: SocialOptions,
    summary: SocialSummary,
    read_once: ReadOnce,
    also: Also | None,
    source: dict[str, Any] | None,
) -> bool:
    """Store or quarantine one item; return True if ``also`` was written with it."""
    summary.read += 1
    if item.post is None:
        if item.skipped is not None:
            summary.skipped += 1
            return False
        reason = item.rejected or "unreadable"
        if item.raw is None:  # nothing was read: nothing to keep
            summary.rejected.append({"item": item.label, "reason": reason})
            return False
        _hold(ctx, summary, item, item.raw, Problem.MALFORMED, reason, also, source)
        return True
    try:
        post = item.post
        outcome = retrying(
            lambda: social.ingest_post(ctx, post, options, read_once=read_once, also=also)
        )
    except (DatabaseError, PermissionDenied, TransactionConflict):
        raise
    except social.NotACustomerPost:
        summary.skipped += 1  # ours, answering nothing we know: not a customer's words
        return False
    except ComplaintDeskError as error:
        problem, reason = Problem.REFUSED, str(error)
    except Exception as error:  # one hostile item must not stop the others: logged in full
        log.exception("social item %s could not be stored", item.label)
        problem = Problem.FAILED
        reason = f"could not be stored ({type(error).__name__}); the log has the details"
    else:
        summary.count(outcome)
        return True
    _hold(ctx, summary, item, post_envelope(item.post), problem, reason, also, source)
    return True


def post_envelope(post: InboundPost) -> bytes:
    """Return what the quarantine keeps of a post that was read but could not be stored."""
    return envelope("post", dataclasses.asdict(post))


def _hold(
    ctx: ServiceContext,
    summary: SocialSummary,
    item: Item,
    raw: bytes,
    problem: Problem,
    reason: str,
    also: Also | None,
    source: dict[str, Any] | None,
) -> None:
    where = dict(source or {"file": item.label.split("#", 1)[0]})
    where["item"] = item.label
    post = item.post
    suspect = Suspect(
        channel=Channel.SOCIAL.value,
        source_kind="social_gateway" if source and "gateway" in source else "social_file",
        source_label=item.label,
        problem=problem,
        reason=reason,
        raw=raw,
        source=where,
        external_id=post.external_id if post else None,
        sender=post.contact if post else None,
        subject=post.text[:200] if post else None,
    )
    held = quarantine.hold(ctx, suspect, also=also)
    summary.quarantined.append(
        {"item": item.label, "reason": reason, "quarantine": str(held.item_id)}
    )


def _alone(ctx: ServiceContext, write: Also) -> None:
    with ctx.uow(write=True) as uow:
        write(uow)
        uow.commit()

"""Taking social items in, one transaction each, with every item accounted for."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from complaintdesk.channels.social.items import Item
from complaintdesk.channels.summary import IntakeSummary
from complaintdesk.domain.errors import (
    ComplaintDeskError,
    DatabaseError,
    PermissionDenied,
    TransactionConflict,
)
from complaintdesk.services.context import ServiceContext, retrying
from complaintdesk.services.inbound import social
from complaintdesk.services.inbound.mail import ReadOnce
from complaintdesk.services.inbound.social import SocialOptions
from complaintdesk.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


@dataclass
class SocialSummary(IntakeSummary):
    """Every item accounted for: ``read == ingested + duplicates + skipped + len(rejected)``.

    ``skipped`` are items that are not a customer's words (our own replies, read receipts,
    retweets); ``errors`` are gateways that could not be read (down, token refused, a batch
    cut short).
    """

    skipped: int = 0


Progress = Callable[[SocialSummary], None]


def ingest_items(
    ctx: ServiceContext,
    items: Iterable[Item],
    options: SocialOptions = social.DEFAULT_OPTIONS,
    summary: SocialSummary | None = None,
    *,
    last: Callable[[UnitOfWork], None] | None = None,
    progress: Progress | None = None,
) -> SocialSummary:
    """Store every post of ``items``, each in its own transaction.

    Args:
        last: written in the same transaction as the last item (a gateway's cursor), or
            alone after it when the last item stores nothing.

    Raises:
        DatabaseError: the database cannot be used (every other item would fail too).
        PermissionDenied: the caller may not take complaints in.
    """
    summary = summary if summary is not None else SocialSummary()
    read_once = ReadOnce()
    listed = list(items)
    for number, item in enumerate(listed, start=1):
        also = last if number == len(listed) else None
        stored = _one(ctx, item, options, summary, read_once, also)
        if also is not None and not stored:
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
    also: Callable[[UnitOfWork], None] | None,
) -> bool:
    summary.read += 1
    if item.post is None:
        if item.skipped is not None:
            summary.skipped += 1
        else:
            summary.rejected.append({"item": item.label, "reason": item.rejected or "unreadable"})
        return False
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
        summary.rejected.append({"item": item.label, "reason": str(error)})
        return False
    except Exception as error:  # one hostile item must not stop the others: logged in full
        log.exception("social item %s could not be stored", item.label)
        reason = f"could not be stored ({type(error).__name__})"
        summary.rejected.append({"item": item.label, "reason": reason})
        return False
    summary.count(outcome)
    return True


def _alone(ctx: ServiceContext, write: Callable[[UnitOfWork], None]) -> None:
    with ctx.uow(write=True) as uow:
        write(uow)
        uow.commit()

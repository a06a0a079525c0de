"""One case per grievance: when two complaints may be merged, what the kept one becomes.

The same grievance told on two channels (a call today, an email tomorrow about the same
refund) is one complaint: the other is merged into it. Two grievances of one customer are
linked instead. Pure rules; the service fetches, calls them, stores.
"""

from __future__ import annotations

import math
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.similarity import terms
from complaintdesk.domain.vocabulary import OPEN_STATUSES, Channel, Status

RESEMBLANCE = 0.3
"""Cosine of the words of two complaints from which intake proposes to merge them."""
MIN_SHARED_TERMS = 2


@dataclass(frozen=True)
class CaseFacts:
    """What the merge rules read of one complaint."""

    id: uuid.UUID
    reference: str
    customer_id: uuid.UUID
    customer_name: str
    status: Status
    owner_id: uuid.UUID | None
    priority: int
    received_at: datetime
    acknowledged_at: datetime | None
    first_response_at: datetime | None
    sent_at: datetime | None = None
    """When the customer sent it, when known (ACPR deadlines count from it)."""


def check_merge(kept: CaseFacts, merged: CaseFacts) -> None:
    """Refuse a merge that would lose or hide something, naming what to do instead.

    Raises:
        ValidationError: the same complaint twice, one already merged, two customers, a
            withdrawn complaint kept, or an open grievance merged into a finished one.
    """
    if kept.id == merged.id:
        raise ValidationError("A complaint cannot be merged into itself.")
    for case in (kept, merged):
        if case.status is Status.MERGED:
            raise ValidationError(
                f"{case.reference} was already merged into another complaint: use that one."
            )
    if kept.customer_id != merged.customer_id:
        raise ValidationError(
            f"{merged.reference} belongs to {merged.customer_name} and {kept.reference} to "
            f"{kept.customer_name}: if they are one person, merge the customers first "
            "(customer card), then the complaints."
        )
    if kept.status is Status.WITHDRAWN:
        raise ValidationError(f"{kept.reference} was withdrawn: keep the other complaint.")
    if merged.status in OPEN_STATUSES and kept.status not in OPEN_STATUSES:
        raise ValidationError(
            f"{kept.reference} is finished and {merged.reference} still open: keep the open "
            f"one (merge {kept.reference} into {merged.reference})."
        )


def merged_fields(kept: CaseFacts, merged: CaseFacts) -> dict[str, Any]:
    """Return the kept complaint's fields that change: what the other one brings.

    Deadlines count from the earliest receipt; an acknowledgement or an answer the customer
    already had counts; the more urgent priority wins; an unowned kept complaint takes the
    other's owner (one owner answers to the customer).
    """
    changes: dict[str, Any] = {}
    if merged.received_at < kept.received_at:
        changes["received_at"] = merged.received_at
    sent = merged.sent_at
    if sent is not None and sent < (kept.sent_at or kept.received_at):
        changes["sent_at"] = sent  # deadlines counted from the sending count from the first
    for field in ("acknowledged_at", "first_response_at"):
        mine, theirs = getattr(kept, field), getattr(merged, field)
        if theirs is not None and (mine is None or theirs < mine):
            changes[field] = theirs
    if merged.priority < kept.priority:
        changes["priority"] = merged.priority
    if kept.owner_id is None and merged.owner_id is not None:
        changes["owner_id"] = merged.owner_id
    return changes


def check_link(first: CaseFacts, second: CaseFacts) -> None:
    """Refuse linking a complaint to itself or across customers.

    Raises:
        ValidationError: the same complaint, or two customers.
    """
    if first.id == second.id:
        raise ValidationError("A complaint cannot be linked to itself.")
    if first.customer_id != second.customer_id:
        raise ValidationError(
            f"{first.reference} and {second.reference} belong to two customers: merge the "
            "customers first if they are one person."
        )


def resemblance(text: str, other: str) -> float:
    """Return the cosine (0-1) of the meaningful words of two complaints' texts."""
    a, b = Counter(terms(text)), Counter(terms(other))
    shared = set(a) & set(b)
    if len(shared) < MIN_SHARED_TERMS:
        return 0.0
    dot = sum(a[t] * b[t] for t in shared)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def resembling(text: str, others: Sequence[tuple[Any, str]]) -> list[tuple[Any, float]]:
    """Return ``(key, cosine)`` of the ``others`` that resemble ``text``, closest first."""
    scored = [(key, resemblance(text, body)) for key, body in others]
    return sorted(
        ((key, score) for key, score in scored if score >= RESEMBLANCE), key=lambda s: -s[1]
    )


REPLY_ORDER = (Channel.EMAIL, Channel.SOCIAL, Channel.PHONE, Channel.LETTER)
"""Channels an answer can go back on, in the order tried when nothing else decides."""


def reply_channel(
    preferred: Channel | None, used_last: Channel | None, reachable: frozenset[Channel]
) -> tuple[Channel, str] | None:
    """Return the channel an answer goes back on and why (``preferred``, ``last``, ``only``).

    The customer's preference wins when they can be reached on it; else the channel they
    used last; else the first one they can be reached on. None: no way back at all.
    """
    if preferred is not None and preferred in reachable:
        return preferred, "preferred"
    if used_last is not None and used_last in reachable:
        return used_last, "last"
    return next(((c, "only") for c in REPLY_ORDER if c in reachable), None)

"""Recurring clusters: similar complaints across channels and sites, proposed as problems.

Complaints received in a time window and not yet attached to a problem are blocked by
category and product, then grouped by the TF-IDF cosine of subject + description
(:mod:`complaintdesk.domain.similarity`). A supervisor turns a candidate into a problem in
one action (:func:`complaintdesk.services.insight.problems.create` with its complaints).
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.similarity import similar_groups
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import Category, Complaint, Site

MAX_COMPLAINTS = 50_000
"""The most recent complaints of a window that are compared (a month is far fewer)."""
TEXT_CHARS = 2000
"""The start of a description is enough to tell what it is about."""
DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class ClusterComplaint:
    """One complaint of a candidate cluster."""

    id: uuid.UUID
    reference: str
    subject: str
    channel: str
    site_code: str
    received_at: datetime
    status: str


@dataclass(frozen=True)
class Cluster:
    """A candidate problem: similar complaints of one category and product.

    Attributes:
        key: stable while the same complaints make it up (for the screen's selection).
        theme: the words that weigh most in it, strongest first.
        subject: the subject most of its complaints share (or the first one's).
        cohesion: mean similarity of its complaints to its centre (0-1).
    """

    key: str
    category: str | None
    product: str | None
    theme: tuple[str, ...]
    subject: str
    cohesion: float
    channels: tuple[str, ...]
    sites: tuple[str, ...]
    first_at: datetime
    last_at: datetime
    complaints: tuple[ClusterComplaint, ...]

    @property
    def size(self) -> int:
        """How many complaints it groups."""
        return len(self.complaints)

    def title(self) -> str:
        """A problem title a supervisor can keep or edit."""
        return f"{self.subject} ({', '.join(self.theme[:3])})"[:300]


def detect(
    ctx: ServiceContext,
    start: datetime,
    end: datetime,
    *,
    min_size: int = 3,
    threshold: float = DEFAULT_THRESHOLD,
) -> tuple[Cluster, ...]:
    """Return the candidate clusters among complaints received in [start, end), largest first.

    Raises:
        ValidationError: an empty window, a size below 2 or a threshold outside (0, 1].
    """
    ctx.actor.require(Permission.REASSIGN)
    if end <= start:
        raise ValidationError("The end of the window must come after its start.")
    if min_size < 2 or not 0 < threshold <= 1:
        raise ValidationError("A cluster has at least 2 complaints; the threshold is 0-1.")
    with ctx.uow() as uow:
        rows = uow.rows(
            select(
                Complaint.id,
                Complaint.reference,
                Complaint.subject,
                Complaint.description,
                Complaint.channel,
                Site.code,
                Complaint.received_at,
                Complaint.status,
                Category.name,
                Complaint.product,
            )
            .join(Site, Site.id == Complaint.site_id)
            .outerjoin(Category, Category.id == Complaint.category_id)
            .where(
                Complaint.received_at >= start,
                Complaint.received_at < end,
                Complaint.problem_id.is_(None),
            )
            .order_by(Complaint.received_at.desc())
            .limit(MAX_COMPLAINTS)
        )
    texts = [((r[8], r[9]), f"{r[2]}\n{(r[3] or '')[:TEXT_CHARS]}") for r in rows]
    groups = similar_groups(texts, threshold=threshold, min_size=min_size)
    return tuple(_cluster(group.members, group.theme, group.cohesion, rows) for group in groups)


def _cluster(
    members: tuple[int, ...], theme: tuple[str, ...], cohesion: float, rows: list[Any]
) -> Cluster:
    picked = [rows[i] for i in members]
    complaints = tuple(
        sorted(
            (ClusterComplaint(r[0], r[1], r[2], r[4], r[5], r[6], r[7]) for r in picked),
            key=lambda c: c.received_at,
        )
    )
    subjects = Counter(c.subject for c in complaints)
    first = picked[0]
    key = hashlib.sha1("".join(sorted(str(c.id) for c in complaints)).encode()).hexdigest()
    return Cluster(
        key=key[:16],
        category=first[8],
        product=first[9],
        theme=theme,
        subject=subjects.most_common(1)[0][0],
        cohesion=cohesion,
        channels=tuple(sorted({c.channel for c in complaints})),
        sites=tuple(sorted({c.site_code for c in complaints})),
        first_at=complaints[0].received_at,
        last_at=complaints[-1].received_at,
        complaints=complaints,
    )

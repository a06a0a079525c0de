"""Customer satisfaction after closure: a score (1-10) and a recommendation score (0-10).

Recorded by the agent on the phone or at the counter, or read from the customer's answer to
a satisfaction survey (:mod:`complaintdesk.services.insight.surveys`): only a reply to a
survey is read as a score (DESIGN.md principle 6 and ISO 10002 continual improvement).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, select

from complaintdesk.domain.errors import PermissionDenied, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.surveys import Scores
from complaintdesk.domain.vocabulary import Channel, Status
from complaintdesk.services.complaints import notifications
from complaintdesk.services.complaints.access import complaint_for_change, record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.storage.models import Complaint, Function, User
from complaintdesk.storage.unit_of_work import UnitOfWork

SCORED_STATUSES = frozenset({Status.RESOLVED.value, Status.CLOSED.value})
LOW_SCORE = 4
"""A score at or below this is told to the owner at once."""


@dataclass(frozen=True)
class ScoreLine:
    """Satisfaction of one function, channel or agent.

    Attributes:
        responses: complaints scored.
        satisfaction: mean satisfaction (1-10), None without responses.
        net_promoter: % promoters (9-10) minus % detractors (0-6), None without any
            recommendation score.
    """

    label: str
    responses: int
    satisfaction: float | None
    recommendations: int
    net_promoter: int | None


@dataclass(frozen=True)
class SatisfactionFigures:
    """Satisfaction in a window, three ways."""

    by_function: tuple[ScoreLine, ...]
    by_channel: tuple[ScoreLine, ...]
    by_agent: tuple[ScoreLine, ...]


def check(scores: Scores) -> None:
    """Refuse scores outside their scales."""
    if not 1 <= scores.satisfaction <= 10:
        raise ValidationError("Satisfaction is a score from 1 to 10.")
    if scores.recommendation is not None and not 0 <= scores.recommendation <= 10:
        raise ValidationError("The recommendation score is from 0 to 10.")


def record_scores(
    ctx: ServiceContext,
    complaint_id: uuid.UUID,
    scores: Scores,
    channel: Channel,
    expected_version: int | None = None,
) -> None:
    """Record what the customer said on ``channel`` (phone, counter, letter…) after closure.

    Raises:
        ValidationError: the complaint is not resolved or closed, or a score is off scale.
    """
    check(scores)
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, expected_version)
        set_scores(uow, ctx.actor, complaint, scores, channel)
        uow.commit()


def awaits_scores(complaint: Complaint) -> bool:
    """Return True if a customer's scores may be recorded on ``complaint`` now."""
    return complaint.status in SCORED_STATUSES


def figures(ctx: ServiceContext, start: datetime, end: datetime) -> SatisfactionFigures:
    """Return satisfaction by function, channel and agent, for scores given in [start, end).

    Supervisors see everything; a function member sees their own functions.
    """
    scope = _scope(ctx.actor)
    with ctx.uow() as uow:
        window = [Complaint.satisfaction_at >= start, Complaint.satisfaction_at < end, scope]
        return SatisfactionFigures(
            _lines(uow, Function.name, Complaint.responsible_function_id == Function.id, window),
            _lines(uow, Complaint.channel, None, window),
            _lines(uow, User.display_name, Complaint.owner_id == User.id, window),
        )


def score_lines(uow: UnitOfWork, label: Any, on: Any, where: list[Any]) -> tuple[ScoreLine, ...]:
    """Return score lines grouped by ``label`` (a column of a table joined ``on``)."""
    return _lines(uow, label, on, where)


def _lines(uow: UnitOfWork, label: Any, on: Any, where: list[Any]) -> tuple[ScoreLine, ...]:
    rec = Complaint.recommendation
    query = select(
        label,
        func.count(Complaint.satisfaction),
        func.avg(Complaint.satisfaction),
        func.count(rec),
        func.sum(case((rec >= 9, 1), else_=0)),
        func.sum(case((rec <= 6, 1), else_=0)),
    ).select_from(Complaint)
    if on is not None:
        query = query.join(label.class_, on)
    query = query.where(Complaint.satisfaction.is_not(None), *where).group_by(label)
    lines = []
    for name, count, mean, recs, promoters, detractors in uow.execute(query).all():
        nps = round(100 * ((promoters or 0) - (detractors or 0)) / recs) if recs else None
        mean_value = round(float(mean), 1) if mean is not None else None
        lines.append(ScoreLine(str(name), int(count), mean_value, int(recs), nps))
    return tuple(sorted(lines, key=lambda line: (-line.responses, line.label)))


def _scope(actor: Actor) -> ColumnElement[bool]:
    if actor.can(Permission.REASSIGN):
        return Complaint.id.is_not(None)
    if actor.can(Permission.VIEW_CONTRIBUTIONS) and actor.function_ids:
        return Complaint.responsible_function_id.in_(sorted(actor.function_ids))
    raise PermissionDenied("Satisfaction figures are for supervisors and function members.")


def set_scores(
    uow: UnitOfWork, actor: Actor, complaint: Complaint, scores: Scores, channel: Channel
) -> None:
    """Record the customer's scores on ``complaint`` (inside the caller's unit of work).

    Raises:
        ValidationError: a score off its scale, or a complaint not yet resolved.
    """
    check(scores)
    if not awaits_scores(complaint):
        raise ValidationError(
            f"{complaint.reference} is {complaint.status.replace('_', ' ')}: satisfaction is "
            "asked once it is resolved or closed."
        )
    complaint.satisfaction = scores.satisfaction
    complaint.recommendation = scores.recommendation
    complaint.satisfaction_channel = channel.value
    complaint.satisfaction_at = datetime.now(UTC)
    record(uow, actor, complaint, "satisfaction_recorded", complaint.id)
    if scores.satisfaction <= LOW_SCORE:
        text = (
            f"{complaint.reference}: the customer gave satisfaction "
            f"{scores.satisfaction}/10 — worth a call."
        )
        notifications.notify(uow, complaint.owner_id, "satisfaction_low", text, complaint.id)

"""Satisfaction surveys: asked by a message of their own, read only from a reply to it.

Some time after a complaint is resolved (:data:`DELAY`), the customer gets a short email
asking how satisfied they are, with a reference of its own (``[SAT-7K2Q9D]`` in the
subject) and a Message-ID of its own. A reply is read for a score only when it answers a
survey (the reference in its subject, or the survey's Message-ID in its threading headers)
and its first line is a score; anything else on a resolved complaint is what it always
was, a new message that reopens it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import exists, select

from complaintdesk.domain import surveys as rules
from complaintdesk.domain.vocabulary import Channel, Direction, Status
from complaintdesk.services.complaints.access import record
from complaintdesk.services.complaints.merging import forward
from complaintdesk.services.complaints.messages import InboundMessage
from complaintdesk.services.context import Actor
from complaintdesk.services.insight import satisfaction
from complaintdesk.services.outbound import outbox, template_kinds, template_values, templates
from complaintdesk.storage.models import Complaint, Customer, Message, SatisfactionSurvey
from complaintdesk.storage.unit_of_work import UnitOfWork

DELAY = timedelta(hours=24)
"""How long after the resolution the survey leaves (the customer has read the answer)."""
WINDOW = timedelta(days=14)
"""Complaints resolved longer ago than this are not surveyed any more."""
TEMPLATE = "satisfaction_survey"
"""A kind of the template registry (``template_kinds``); ``survey_reference`` must stay in
the subject, and is put back there if an edited template lost it."""


@dataclass(frozen=True)
class SurveyView:
    """A survey as the complaint's history shows it."""

    token: str
    sent_at: datetime
    answered_at: datetime | None
    satisfaction: int | None
    recommendation: int | None


def due(uow: UnitOfWork, now: datetime, limit: int = 200) -> list[Complaint]:
    """Return resolved complaints whose survey is due: resolved a while ago, never surveyed."""
    surveyed = exists().where(SatisfactionSurvey.complaint_id == Complaint.id)
    found: list[Complaint] = uow.scalars(
        select(Complaint)
        .where(
            Complaint.resolved_at <= now - DELAY,
            Complaint.resolved_at > now - WINDOW,
            Complaint.status == Status.RESOLVED.value,
            Complaint.satisfaction.is_(None),
            ~surveyed,
        )
        .order_by(Complaint.resolved_at)
        .limit(limit)
    )
    return found


def queue_in(
    uow: UnitOfWork, actor: Actor, complaint: Complaint, now: datetime
) -> SatisfactionSurvey | None:
    """Queue the survey of a resolved complaint by email (None: no address to ask at)."""
    customer = uow.get(Customer, complaint.customer_id)
    assert customer is not None
    token = rules.new_token()
    values = {
        "reference": complaint.reference,
        "customer_name": customer.display_name,
        "subject": complaint.subject,
        "survey_reference": token,
        "resolved": complaint.resolved_at.date().isoformat() if complaint.resolved_at else "",
    }
    kind = template_kinds.BY_NAME[TEMPLATE]
    language = customer.preferred_language
    rendered = templates.render(uow, kind.name, language, template_values.for_kind(kind, values))
    if token not in rendered.subject:  # an edited template must not lose the reference
        rendered = templates.Rendered(f"{rendered.subject} [{token}]", rendered.body)
    message = outbox.queue_automatic(uow, actor, complaint, rendered, "survey_queued")
    if message is None:
        return None
    survey = SatisfactionSurvey(
        complaint_id=complaint.id,
        token=token,
        message_id=message.id,
        channel=Channel.EMAIL.value,
        sent_at=now,
    )
    record(uow, actor, survey, "survey_recorded", complaint.id)
    return survey


def note_unsendable(uow: UnitOfWork, actor: Actor, complaint: Complaint, now: datetime) -> None:
    """Remember a survey that could not be sent (no address), so it is not tried again."""
    survey = SatisfactionSurvey(
        complaint_id=complaint.id, token=rules.new_token(), channel="none", sent_at=now
    )
    record(uow, actor, survey, "survey_not_sent", complaint.id)


def find(
    uow: UnitOfWork, subject: str | None, threading: Sequence[str]
) -> SatisfactionSurvey | None:
    """Return the survey a reply answers: its reference in the subject, or its Message-ID."""
    tokens = rules.tokens_in(subject or "")
    if tokens:
        found: list[SatisfactionSurvey] = uow.scalars(
            select(SatisfactionSurvey).where(SatisfactionSurvey.token.in_(tokens))
        )
        if found:
            return found[0]
    wanted = [t for t in threading if t]
    if not wanted:
        return None
    answered: list[SatisfactionSurvey] = uow.scalars(
        select(SatisfactionSurvey)
        .join(Message, Message.id == SatisfactionSurvey.message_id)
        .where(Message.channel == Channel.EMAIL.value, Message.external_id.in_(wanted))
    )
    return answered[0] if answered else None


def answer_in(
    uow: UnitOfWork,
    actor: Actor,
    reply: InboundMessage,
    references: Sequence[str],
    now: datetime,
) -> tuple[uuid.UUID, uuid.UUID, str] | None:
    """Record a reply to a survey that gives a score; None when it is no such reply.

    Returns:
        (message id, complaint id, reference) of the scored reply.
    """
    survey = find(uow, reply.subject, [reply.in_reply_to or "", *references])
    scores = rules.reply_scores(reply.body) if survey is not None else None
    if survey is None or scores is None:
        return None
    complaint = forward(uow, uow.get(Complaint, survey.complaint_id))
    if complaint is None or not satisfaction.awaits_scores(complaint):
        return None  # reopened meanwhile: the reply is a message like any other
    message = _reply_message(complaint, reply, now)
    record(uow, actor, message, "satisfaction_reply_recorded", complaint.id)
    satisfaction.set_scores(uow, actor, complaint, scores, reply.channel)
    survey.answered_at = datetime.now(UTC)
    survey.answer_message_id = message.id
    survey.satisfaction, survey.recommendation = scores.satisfaction, scores.recommendation
    record(uow, actor, survey, "survey_answered", complaint.id)
    return message.id, complaint.id, complaint.reference


def _reply_message(complaint: Complaint, reply: InboundMessage, now: datetime) -> Message:
    """The customer's answer, kept on the timeline (the complaint stays resolved)."""
    return Message(
        complaint_id=complaint.id,
        customer_id=complaint.customer_id,
        direction=Direction.INBOUND.value,
        channel=reply.channel.value,
        sender=reply.sender,
        recipient=reply.recipient,
        subject=reply.subject,
        body_text=reply.body.strip(),
        body_original=reply.body_original,
        occurred_at=reply.occurred_at or now,
        recorded_at=now,
        external_id=reply.external_id,
        in_reply_to=reply.in_reply_to,
        content_hash=reply.content_hash,
        id_clash=reply.id_clash,
    )


def surveys_of(uow: UnitOfWork, complaint_id: uuid.UUID) -> tuple[SurveyView, ...]:
    """Return the surveys of a complaint, oldest first."""
    rows: list[SatisfactionSurvey] = uow.scalars(
        select(SatisfactionSurvey)
        .where(SatisfactionSurvey.complaint_id == complaint_id)
        .order_by(SatisfactionSurvey.sent_at)
    )
    return tuple(
        SurveyView(r.token, r.sent_at, r.answered_at, r.satisfaction, r.recommendation)
        for r in rows
    )

"""Reading one complaint; the lifecycle use cases join it here."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from complaintdesk.domain.lifecycle import allowed_next
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.promises import clocks
from complaintdesk.domain.promises.presets import MetBy
from complaintdesk.domain.vocabulary import (
    Channel,
    ClockState,
    LetterKind,
    Priority,
    Status,
    TargetState,
)
from complaintdesk.services.complaints import letters, merging
from complaintdesk.services.complaints.access import visible_complaint
from complaintdesk.services.complaints.routing import latest_routing
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.read_models import (
    CommitmentView,
    ComplaintDetail,
    ContactView,
    EventView,
    MessageView,
    RequestView,
    TargetView,
)
from complaintdesk.storage import lookups, target_queries
from complaintdesk.storage.models import (
    AuditEvent,
    Category,
    Complaint,
    ComplaintTarget,
    ContributionRequest,
    Customer,
    CustomerCommitment,
    Function,
    Message,
    RootCause,
    RoutingDecision,
    ServiceLevelPolicy,
    Site,
    User,
)
from complaintdesk.storage.unit_of_work import UnitOfWork

TIMELINE_LIMIT = 200


def get_detail(ctx: ServiceContext, complaint_id: uuid.UUID) -> ComplaintDetail:
    """Return what the detail pane shows about one complaint.

    Raises:
        NotFound: no such complaint, or the caller may not see it.
    """
    with ctx.uow() as uow:
        asked = visible_complaint(uow, ctx.actor, complaint_id)
        complaint = merging.forward(uow, asked) or asked  # a merged reference forwards
        if complaint.id != asked.id:
            complaint = visible_complaint(uow, ctx.actor, complaint.id)
        customer = uow.get(Customer, complaint.customer_id)
        site = uow.get(Site, complaint.site_id)
        assert customer is not None
        assert site is not None
        contacts = lookups.contacts_of(uow, customer.id)
        messages = uow.scalars(
            select(Message)
            .where(Message.complaint_id == complaint.id)
            .order_by(Message.occurred_at.desc())
            .limit(TIMELINE_LIMIT)
        )
        status = Status(complaint.status)
        detail = ComplaintDetail(
            id=complaint.id,
            reference=complaint.reference,
            subject=complaint.subject,
            description=complaint.description,
            status=status,
            allowed_next=tuple(sorted(allowed_next(status))),
            priority=Priority(complaint.priority),
            channel=Channel(complaint.channel),
            site_code=site.code,
            site_name=site.name,
            customer_id=customer.id,
            customer_name=customer.display_name,
            customer_segment=customer.segment,
            customer_preferred_channel=(
                Channel(customer.preferred_channel) if customer.preferred_channel else None
            ),
            contacts=tuple(ContactView(kind, value) for kind, value in contacts),
            owner_name=_name(uow, User, complaint.owner_id),
            function_name=_name(uow, Function, complaint.responsible_function_id),
            team_queue=complaint.team_queue,
            category_name=_name(uow, Category, complaint.category_id),
            received_at=complaint.received_at,
            acknowledge_due_at=complaint.acknowledge_due_at,
            resolution_due_at=complaint.resolution_due_at,
            regulatory_due_at=complaint.regulatory_due_at,
            next_due_at=complaint.next_due_at,
            clock_state=ClockState(complaint.clock_state),
            outcome=complaint.outcome,
            amount=complaint.amount,
            messages=tuple(_message(m) for m in reversed(messages)),
            version=complaint.version,
            owner_id=complaint.owner_id,
            routing_explanation=_routing_explanation(uow, complaint.id),
            requests=_requests(uow, complaint),
            commitments=_commitments(uow, complaint.id),
            events=_events(uow, complaint.id),
            remedy=complaint.remedy,
            root_cause_name=_name(uow, RootCause, complaint.root_cause_id),
            language=complaint.language,
            currency=complaint.currency,
            routing=latest_routing(uow, complaint.id),
            team_queue_name=lookups.team_queue_name(uow, complaint.team_queue),
            site_timezone=site.timezone,
            opened_as=asked.reference if asked.id != complaint.id else None,
            **_regulatory(uow, complaint),
        )
        if ctx.actor.can(Permission.VIEW_CUSTOMER_CONTACTS):
            return detail
        return redacted(detail)


CONTACT_FIELDS = frozenset({"sender", "recipient", "value", "in_reply_to", "external_id"})
"""Audit details that may hold a customer's address (message and contact-point rows)."""
HIDDEN = "(hidden)"


def redacted(detail: ComplaintDetail) -> ComplaintDetail:
    """Return ``detail`` without the customer's contact details (for function members).

    A function asked to contribute needs the complaint and the exchanges, not how to reach
    the customer: contact points go, senders are replaced, and history details that may
    hold an address are hidden.
    """
    return replace(
        detail,
        contacts=(),
        messages=tuple(replace(m, sender=HIDDEN if m.sender else None) for m in detail.messages),
        events=tuple(
            replace(
                e,
                details={k: (HIDDEN if k in CONTACT_FIELDS else v) for k, v in e.details.items()},
            )
            for e in detail.events
        ),
    )


def _routing_explanation(uow: UnitOfWork, complaint_id: uuid.UUID) -> str | None:
    found: list[str] = uow.scalars(
        select(RoutingDecision.explanation)
        .where(RoutingDecision.complaint_id == complaint_id)
        .order_by(RoutingDecision.decided_at.desc())
        .limit(1)
    )
    return found[0] if found else None


def _requests(uow: UnitOfWork, complaint: Complaint) -> tuple[RequestView, ...]:
    rows = uow.execute(
        select(ContributionRequest, Function.name)
        .join(Function, Function.id == ContributionRequest.function_id)
        .where(ContributionRequest.complaint_id == complaint.id)
        .order_by(ContributionRequest.requested_at)
    ).all()
    return tuple(
        RequestView(
            r.id,
            complaint.id,
            complaint.reference,
            complaint.subject,
            name,
            r.question,
            r.requested_at,
            r.due_at,
            r.state,
            r.answer,
            r.function_id,
        )
        for r, name in rows
    )


def _commitments(uow: UnitOfWork, complaint_id: uuid.UUID) -> tuple[CommitmentView, ...]:
    rows: list[CustomerCommitment] = uow.scalars(
        select(CustomerCommitment)
        .where(CustomerCommitment.complaint_id == complaint_id)
        .order_by(CustomerCommitment.due_at)
    )
    return tuple(
        CommitmentView(
            c.id,
            c.description,
            c.due_at,
            c.state,
            c.reminders_sent,
            c.proposed_at,
            c.overdue_at,
            c.next_reminder_at,
        )
        for c in rows
    )


def _events(uow: UnitOfWork, complaint_id: uuid.UUID) -> tuple[EventView, ...]:
    rows: list[AuditEvent] = uow.scalars(
        select(AuditEvent)
        .where(AuditEvent.complaint_id == complaint_id)
        .order_by(AuditEvent.occurred_at, AuditEvent.seq)
        .limit(TIMELINE_LIMIT)
    )
    names = _event_names(uow, complaint_id, rows)
    return tuple(
        EventView(
            e.occurred_at,
            e.login,
            e.action,
            dict(e.after or {}),
            e.entity,
            e.entity_id,
            _names_of(uow, e, names),
        )
        for e in rows
    )


def _names_of(uow: UnitOfWork, event: AuditEvent, names: dict[str, str]) -> dict[str, str]:
    found = {key: names[ident] for key, ident in _referenced(event).items() if ident in names}
    queue = (event.after or {}).get("team_queue")
    if isinstance(queue, str) and queue:
        found["team_queue"] = lookups.team_queue_name(uow, queue) or queue
    return found


_REFERENCES = {"owner": "owner_id", "function": "function_id", "root_cause": "root_cause_id"}
"""Ids an audit event may carry, and the name under which a screen wants them."""


def _referenced(event: AuditEvent) -> dict[str, str]:
    after = event.after or {}
    found = {key: str(after[field]) for key, field in _REFERENCES.items() if after.get(field)}
    if event.user_id is not None:
        found["who"] = str(event.user_id)  # the person, by the name colleagues know them by
    if event.action == "transfer_reason" and "owner" not in found and after.get("to"):
        found["owner"] = f"login:{after['to']}"  # transfers recorded before the owner's id
    if event.entity == "contribution_request" and "function" not in found:
        # An answer or a cancellation only records the state: its function is the request's.
        found["function"] = f"request:{event.entity_id}"
    return found


def _event_names(
    uow: UnitOfWork, complaint_id: uuid.UUID, rows: list[AuditEvent]
) -> dict[str, str]:
    """Return id (as text) → display name for the people, functions and causes events name."""
    ids = {ident for e in rows for ident in _referenced(e).values()}
    wanted = {uuid.UUID(i) for i in ids if not i.startswith(("request:", "login:"))}
    names: dict[str, str] = {}
    for model in (User, Function, RootCause):
        for row in uow.scalars(select(model).where(model.id.in_(sorted(wanted)))):
            names[str(row.id)] = row.display_name if isinstance(row, User) else row.name
    logins = sorted(i.removeprefix("login:") for i in ids if i.startswith("login:"))
    for login, name in uow.execute(
        select(User.login, User.display_name).where(User.login.in_(logins))
    ):
        names[f"login:{login}"] = name
    requests = uow.execute(
        select(ContributionRequest.id, Function.name)
        .join(Function, Function.id == ContributionRequest.function_id)
        .where(ContributionRequest.complaint_id == complaint_id)
    ).all()
    names.update({f"request:{ident}": name for ident, name in requests})
    return names


def _name(
    uow: UnitOfWork, model: type[User | Function | Category | RootCause], ident: uuid.UUID | None
) -> str | None:
    if ident is None:
        return None
    row = uow.get(model, ident)
    if row is None:
        return None
    return row.display_name if isinstance(row, User) else row.name


def _message(m: Message) -> MessageView:
    return MessageView(
        id=m.id,
        direction=m.direction,
        channel=Channel(m.channel),
        sender=m.sender,
        subject=m.subject,
        body_text=m.body_text,
        occurred_at=m.occurred_at,
        public=m.public,
        id_clash=m.id_clash,
        delivery_state=m.delivery_state,
        letter_kind=m.letter_kind,
    )


def _promise_state(complaint: Complaint, rows: list[ComplaintTarget]) -> ClockState:
    """Where the company's own promises stand, apart from the regulatory deadlines."""
    service = [
        clocks.TargetClock(
            r.kind, r.target, r.policy_id or uuid.UUID(int=0), r.starts_at, r.due_at, r.met_at,
            TargetState(r.state), MetBy.RESPONSE,
        )
        for r in rows
        if r.kind == clocks.SERVICE and r.state != TargetState.DROPPED.value
    ]  # fmt: skip
    return clocks.overall_state(complaint.status, [c for c in service if c.counts])


def _regulatory(uow: UnitOfWork, complaint: Complaint) -> dict[str, Any]:
    """The instants, targets and letters of the regulatory side of the complaint."""
    names = {
        p.id: p.name
        for p in uow.scalars(
            select(ServiceLevelPolicy).where(
                ServiceLevelPolicy.id.in_(
                    [i for i in (complaint.policy_id, complaint.regulatory_policy_id) if i]
                )
            )
        )
    }
    rows = target_queries.targets_of(uow, [complaint.id])
    targets = tuple(
        TargetView(r.kind, r.target, names.get(r.policy_id, ""), r.starts_at, r.due_at,
                   r.met_at, TargetState(r.state))
        for r in rows
        if r.state != TargetState.DROPPED.value
    )  # fmt: skip
    row = letters.regulatory_policy(uow, complaint)
    known = {t.target for t in letters.preset_of(row).targets} if row else set()
    kinds = [LetterKind.FINAL_RESPONSE]
    if clocks.SUMMARY_RESOLUTION in known:
        kinds.append(LetterKind.SUMMARY_RESOLUTION)
    if clocks.EXCEPTIONAL in known:
        kinds.append(LetterKind.HOLDING_REPLY)
    return {
        "promise_state": _promise_state(complaint, rows),
        "sent_at": complaint.sent_at,
        "regulatory_state": ClockState(complaint.regulatory_state),
        "regulatory_next_due_at": complaint.regulatory_next_due_at,
        "regulatory_policy_name": names.get(complaint.regulatory_policy_id),
        "targets": targets,
        "letters": tuple(kinds),
    }

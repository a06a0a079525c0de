"""Promises and deadlines on stored complaints: policies, pauses, checks, escalation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from complaintdesk.app import Backend
from complaintdesk.domain.errors import LetterIncomplete
from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.vocabulary import (
    Channel,
    ClockState,
    ContactKind,
    LetterKind,
    Outcome,
    Priority,
    Role,
    Segment,
)
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import (
    bulk_actions,
    contributions,
    intake,
    lifecycle,
    messages,
    notifications,
)
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints.bulk_actions import BulkTarget
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import calls
from complaintdesk.services.insight import queues
from complaintdesk.services.promises import catalogue, checks, recompute
from complaintdesk.services.read_models import QueueKind, QueueRequest
from complaintdesk.storage.models import Complaint, ServiceLevelPolicy

PARIS = ZoneInfo("Europe/Paris")
PASSWORD = "correct horse"


@pytest.fixture
def agent(backend: Backend, admin_ctx: ServiceContext) -> ServiceContext:
    users.add_user(admin_ctx, "ann", PASSWORD, role=Role.AGENT, site_code="HQ")
    users.add_user(admin_ctx, "sue", PASSWORD, role=Role.SUPERVISOR, site_code="HQ")
    organisation.add_root_cause(admin_ctx, "process", "Process failure", None)
    return ServiceContext(backend.uow, auth.sign_in(backend.uow, "ann", PASSWORD))


def _record(
    ctx: ServiceContext, received: datetime, segment: Segment = Segment.STANDARD
) -> intake.IntakeResult:
    return intake.record_complaint(
        ctx,
        intake.NewComplaint(
            channel=Channel.PHONE,
            subject="Card refused abroad",
            description="",
            customer=CustomerInput("Léa", [(ContactKind.PHONE, "+33612345678")], segment),
            received_at=received,
        ),
    )


def test_generic_promises_and_the_acpr_deadline_are_set_on_a_new_complaint(
    agent: ServiceContext,
) -> None:
    # Friday 11 July 2025, 09:30 in Paris; Monday 14 July is a public holiday.
    received = datetime(2025, 7, 11, 9, 30, tzinfo=PARIS)

    detail = complaints.get_detail(agent, _record(agent, received).complaint_id)

    # iso-10002: acknowledge within 1 business day → Tuesday 15 July (14 July skipped);
    # resolve within 10 business days → 15,16,17,18,21,22,23,24,25,28 July → 28 July.
    assert detail.acknowledge_due_at == datetime(2025, 7, 15, 23, 59, 59, 999999, PARIS)
    assert detail.resolution_due_at == datetime(2025, 7, 28, 23, 59, 59, 999999, PARIS)
    # fr-acpr: answer within 2 months → 11 September, end of day in Paris.
    assert detail.regulatory_due_at == datetime(2025, 9, 11, 23, 59, 59, 999999, PARIS)


def test_premium_customers_are_promised_a_faster_acknowledgement(agent: ServiceContext) -> None:
    # Friday 11 July 2025 09:30 Paris + 4 business hours (09:00-18:00) → 13:30 the same day.
    received = datetime(2025, 7, 11, 9, 30, tzinfo=PARIS)

    detail = complaints.get_detail(agent, _record(agent, received, Segment.PREMIUM).complaint_id)

    assert detail.acknowledge_due_at == datetime(2025, 7, 11, 13, 30, tzinfo=PARIS)


def test_a_reply_by_phone_counts_as_the_response(agent: ServiceContext) -> None:
    received = datetime.now(UTC) - timedelta(hours=1)
    cid = _record(agent, received).complaint_id
    version = complaints.get_detail(agent, cid).version

    messages.record_response(agent, cid, Channel.PHONE, "Called back, card unblocked", version)

    detail = complaints.get_detail(agent, cid)
    assert detail.next_due_at == detail.resolution_due_at  # acknowledgement met


def test_waiting_on_the_customer_moves_promises_but_never_the_regulatory_deadline(
    backend: Backend, agent: ServiceContext, admin_ctx: ServiceContext
) -> None:
    cid = _record(agent, datetime(2025, 7, 11, 9, 30, tzinfo=PARIS)).complaint_id
    before = complaints.get_detail(agent, cid)
    with backend.uow(write=True) as uow:
        uow.execute(update(Complaint).where(Complaint.id == cid).values(paused_seconds=86_400))
        uow.commit()

    recompute.recompute(admin_ctx)

    after = complaints.get_detail(agent, cid)
    assert after.resolution_due_at == before.resolution_due_at + timedelta(days=1)
    assert after.regulatory_due_at == before.regulatory_due_at


def test_recomputing_twice_changes_nothing_the_second_time(
    agent: ServiceContext, admin_ctx: ServiceContext
) -> None:
    _record(agent, datetime.now(UTC) - timedelta(days=3))

    recompute.recompute(admin_ctx)

    assert recompute.recompute(admin_ctx) == 0


def test_a_breached_promise_is_flagged_and_supervisors_are_told(
    backend: Backend, agent: ServiceContext, admin_ctx: ServiceContext
) -> None:
    cid = _record(agent, datetime.now(UTC) - timedelta(days=1)).complaint_id
    _record(agent, datetime.now(UTC) - timedelta(minutes=1))  # on track: stays out of "Late"
    with backend.uow(write=True) as uow:  # as if the clock had not been checked for weeks
        old = datetime.now(UTC) - timedelta(days=90)
        uow.execute(
            update(Complaint)
            .where(Complaint.id == cid)
            .values(received_at=old, clock_state="on_track")
        )
        uow.commit()

    found = checks.check_clocks(admin_ctx)

    supervisor = ServiceContext(backend.uow, auth.sign_in(backend.uow, "sue", PASSWORD))
    # Each target is told of: the company's acknowledgement and resolution, the ACPR's
    # acknowledgement and answer — all four late, for one complaint.
    assert (found.checked, found.newly_breached) == (2, 4)
    assert complaints.get_detail(agent, cid).clock_state is ClockState.BREACHED
    late = queues.page(agent, QueueRequest(QueueKind.BREACHED)).rows
    assert [row.id for row in late] == [cid]
    assert queues.count(agent, QueueKind.BREACHED) == 1
    told = [n.text for n in notifications.unread(supervisor) if n.kind == "breached"]
    assert any("the answer (France — banking and insurance" in text for text in told)
    assert checks.check_clocks(admin_ctx).newly_breached == 0  # told once, not every round


def test_a_final_response_without_the_mediator_is_refused_naming_what_is_missing(
    agent: ServiceContext,
) -> None:
    cid = _record(agent, datetime.now(UTC) - timedelta(hours=2)).complaint_id
    for status in ("acknowledged", "in_progress"):
        from complaintdesk.domain.vocabulary import Status

        lifecycle.change_status(
            agent, cid, Status(status), complaints.get_detail(agent, cid).version
        )
    lifecycle.resolve(
        agent,
        cid,
        Resolution(Outcome.NOT_UPHELD, "Explained the fee", "process"),
        complaints.get_detail(agent, cid).version,
    )
    version = complaints.get_detail(agent, cid).version

    with pytest.raises(LetterIncomplete, match="mediator") as refused:
        messages.record_response(
            agent,
            cid,
            Channel.LETTER,
            "Our decision\nWe maintain our position: the fee was in the contract.",
            version,
            letter=LetterKind.FINAL_RESPONSE,
        )
    assert [key for key, _ in refused.value.missing] == [
        "mediator",
        "mediator_procedure",
        "mediator_time_limit",
    ]
    messages.record_response(
        agent,
        cid,
        Channel.LETTER,
        "Our decision\nWe maintain our position: the fee was in the contract.\n\n"
        "The mediator\nThe banking mediator (médiateur), 75009 Paris.\n\n"
        "How to refer your complaint to the mediator\nWrite to the mediator or refer online "
        "at www.mediateur.example.\n\n"
        "Time limit for referring to the mediator\nWithin one year of your written complaint.",
        version,
        letter=LetterKind.FINAL_RESPONSE,
    )

    detail = complaints.get_detail(agent, cid)
    assert detail.messages[-1].channel is Channel.LETTER
    assert detail.regulatory_state is ClockState.MET


def test_a_function_slower_than_the_customer_promise_warns_the_owner_at_once(
    agent: ServiceContext, admin_ctx: ServiceContext
) -> None:
    organisation.add_function(admin_ctx, "legal", "Legal", answer_within_hours=400)
    cid = _record(agent, datetime.now(UTC) - timedelta(minutes=5)).complaint_id
    for status in ("acknowledged", "in_progress"):
        from complaintdesk.domain.vocabulary import Status

        lifecycle.change_status(
            agent, cid, Status(status), complaints.get_detail(agent, cid).version
        )

    contributions.ask(
        agent, cid, ["legal"], "Is the clause valid?", complaints.get_detail(agent, cid).version
    )

    assert any(n.kind == "contribution_late" for n in notifications.unread(agent))


def test_a_priority_brings_its_promise_whether_set_on_the_call_or_by_a_supervisor(
    backend: Backend, agent: ServiceContext, admin_ctx: ServiceContext
) -> None:
    catalogue.copy_policy(admin_ctx, "iso-10002", "urgent", "Urgent complaints")
    targets = [{"target": "response", "amount": 2, "unit": "business_days"}]
    catalogue.save_targets(admin_ctx, "urgent", targets, "FR", 0.75, True)
    catalogue.set_active(admin_ctx, "urgent", True)
    with backend.uow(write=True) as uow:
        uow.execute(
            update(ServiceLevelPolicy)
            .where(ServiceLevelPolicy.code == "urgent")
            .values(conditions={"priorities": [int(Priority.URGENT)]})
        )
        uow.commit()
    later = _record(agent, datetime.now(UTC))
    on_call = calls.record_from_call(
        agent,
        calls.CallComplaint(
            number="+33612345678", subject="Gas leak", notes="…", priority=Priority.URGENT
        ),
    )
    sue = ServiceContext(backend.uow, auth.sign_in(backend.uow, "sue", PASSWORD))
    version = complaints.get_detail(sue, later.complaint_id).version
    target = BulkTarget(later.complaint_id, later.reference, version, owned=True)

    bulk_actions.set_priority(sue, [target], Priority.URGENT)

    with backend.uow() as uow:
        code = ServiceLevelPolicy.code
        urgent = uow.scalars(select(ServiceLevelPolicy.id).where(code == "urgent"))[0]
        chosen = {
            uow.get(Complaint, on_call.complaint_id).policy_id,  # type: ignore[union-attr]
            uow.get(Complaint, later.complaint_id).policy_id,  # type: ignore[union-attr]
        }
    assert chosen == {urgent}
    detail = complaints.get_detail(sue, later.complaint_id)
    assert detail.resolution_due_at is not None
    assert detail.resolution_due_at - datetime.now(UTC) < timedelta(days=5)

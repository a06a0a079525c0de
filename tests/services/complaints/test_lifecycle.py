"""One owner, many functions: the lifecycle through the services, on both databases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from complaintdesk.app import Backend
from complaintdesk.domain.errors import ConcurrentEditError, PermissionDenied, ValidationError
from complaintdesk.domain.lifecycle import InboundEffect, Resolution
from complaintdesk.domain.vocabulary import Channel, ContactKind, Outcome, Role, Status
from complaintdesk.services.admin import auth, organisation, routing_rules, users
from complaintdesk.services.complaints import (
    commitments,
    contributions,
    intake,
    lifecycle,
    messages,
    notifications,
    ownership,
)
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.storage.models import AuditEvent

PASSWORD = "correct horse"


@dataclass
class Desk:
    backend: Backend
    agent: ServiceContext
    colleague: ServiceContext
    billing: ServiceContext
    supervisor: ServiceContext


def _sign_in(backend: Backend, login: str) -> ServiceContext:
    return ServiceContext(backend.uow, auth.sign_in(backend.uow, login, PASSWORD))


@pytest.fixture
def desk(backend: Backend, admin_ctx: ServiceContext) -> Desk:
    for login, role in [
        ("ann", Role.AGENT),
        ("carl", Role.AGENT),
        ("bea", Role.FUNCTION_MEMBER),
        ("sue", Role.SUPERVISOR),
    ]:
        users.add_user(admin_ctx, login, PASSWORD, role=role, site_code="HQ", team_queue="care")
    organisation.add_function(admin_ctx, "billing", "Billing", answer_within_hours=8)
    organisation.add_member(admin_ctx, "billing", "bea")
    organisation.add_root_cause(admin_ctx, "billing-error", "Billing error", "billing")
    routing_rules.add_rule(
        admin_ctx,
        routing_rules.RuleSpec(
            "Invoices", {"keywords": ["facture", "invoice"]}, "billing", 2, "care", "round_robin"
        ),
    )
    routing_rules.add_rule(
        admin_ctx, routing_rules.RuleSpec("Everything else", {}, team_queue="care", is_default=True)
    )
    return Desk(
        backend,
        _sign_in(backend, "ann"),
        _sign_in(backend, "carl"),
        _sign_in(backend, "bea"),
        _sign_in(backend, "sue"),
    )


def _phone_complaint(ctx: ServiceContext, text: str = "Facturé deux fois") -> intake.IntakeResult:
    return intake.record_complaint(
        ctx,
        intake.NewComplaint(
            channel=Channel.PHONE,
            subject=text,
            description="Ma FACTURE de mars a été prélevée deux fois.",
            customer=CustomerInput("Léa Martin", [(ContactKind.PHONE, "06 12 34 56 78")]),
        ),
    )


def test_phone_complaint_is_owned_by_the_taker_and_routed_by_accent_blind_keywords(
    desk: Desk,
) -> None:
    recorded = _phone_complaint(desk.agent)

    detail = complaints.get_detail(desk.agent, recorded.complaint_id)

    assert recorded.reference.startswith("HQ-")
    assert detail.owner_name == "ann"
    assert detail.function_name == "Billing"
    assert detail.priority == 2
    assert "Invoices" in recorded.routing_explanation
    assert [c.value for c in detail.contacts] == ["+33612345678"]


def test_the_same_phone_number_finds_the_same_customer(desk: Desk) -> None:
    first = _phone_complaint(desk.agent)
    second = intake.record_complaint(
        desk.agent,
        intake.NewComplaint(
            Channel.SHOP,
            "Card blocked",
            "",
            CustomerInput("L. Martin", [(ContactKind.PHONE, "+33 6 12 34 56 78")]),
        ),
    )

    assert second.customer_id == first.customer_id
    assert second.reference != first.reference


def test_email_complaint_goes_round_robin_through_the_team_queue(desk: Desk) -> None:
    owners = [
        intake.record_complaint(
            desk.agent,
            intake.NewComplaint(
                Channel.EMAIL,
                f"Invoice {n} wrong",
                "",
                CustomerInput(f"Customer {n}", [(ContactKind.EMAIL, f"c{n}@example.org")]),
            ),
        ).owner_id
        for n in range(4)
    ]

    assert None not in owners
    assert owners[0] != owners[1]
    assert owners[0] == owners[2] or len(set(owners)) == 3


def test_owner_asks_billing_which_answers_and_the_owner_resolves_and_closes(desk: Desk) -> None:
    cid = _phone_complaint(desk.agent).complaint_id
    ownership.take(desk.agent, cid, complaints.get_detail(desk.agent, cid).version)
    _move(desk.agent, cid, Status.ACKNOWLEDGED)
    _move(desk.agent, cid, Status.IN_PROGRESS)

    contributions.ask(desk.agent, cid, ["billing"], "Was it charged twice?", _version(desk, cid))
    asked = contributions.asked_of_my_functions(desk.billing)
    assert [r.complaint_id for r in asked] == [cid]
    assert complaints.get_detail(desk.agent, cid).status is Status.WAITING_ON_FUNCTION

    contributions.answer(desk.billing, asked[0].id, "Yes, refund issued.")
    assert complaints.get_detail(desk.agent, cid).status is Status.IN_PROGRESS
    assert any("answered" in n.text for n in notifications.unread(desk.agent))

    resolution = Resolution(
        Outcome.UPHELD, "Refund of the duplicate", "billing-error", Decimal("42.50"), "EUR", True
    )
    lifecycle.resolve(desk.agent, cid, resolution, _version(desk, cid))
    _move(desk.agent, cid, Status.CLOSED)

    detail = complaints.get_detail(desk.agent, cid)
    assert detail.status is Status.CLOSED
    assert detail.amount == Decimal("42.50")
    actions = _audit_actions(desk.backend, cid)
    for step in [
        "complaint_recorded",
        "contribution_requested",
        "contribution_answered",
        "status_resolved",
        "status_closed",
    ]:
        assert step in actions, " ".join(actions)


def test_resolution_is_refused_while_a_request_is_open_unless_cancelled_with_a_reason(
    desk: Desk,
) -> None:
    cid = _in_progress(desk)
    contributions.ask(desk.agent, cid, ["billing"], "Check?", _version(desk, cid))
    resolution = Resolution(Outcome.NOT_UPHELD, "Explained the charge", "billing-error")

    with pytest.raises(ValidationError, match="still open"):
        lifecycle.resolve(desk.agent, cid, resolution, _version(desk, cid))
    lifecycle.resolve(
        desk.agent, cid, resolution, _version(desk, cid), cancel_reason="Found it myself"
    )

    assert complaints.get_detail(desk.agent, cid).status is Status.RESOLVED
    assert contributions.for_complaint(desk.agent, cid)[0].state == "cancelled"


def test_resolution_needs_a_root_cause_and_money_needs_an_amount(desk: Desk) -> None:
    cid = _in_progress(desk)

    with pytest.raises(ValidationError, match="amount"):
        lifecycle.resolve(
            desk.agent,
            cid,
            Resolution(Outcome.UPHELD, "Refund", "billing-error", money_involved=True),
            _version(desk, cid),
        )
    with pytest.raises(ValidationError, match="root cause"):
        lifecycle.resolve(
            desk.agent, cid, Resolution(Outcome.UPHELD, "Refund", " "), _version(desk, cid)
        )


def test_illegal_transition_names_the_allowed_ones(desk: Desk) -> None:
    cid = _phone_complaint(desk.agent).complaint_id

    with pytest.raises(ValidationError, match=r"allowed: .*acknowledged"):
        _move(desk.agent, cid, Status.CLOSED)


def test_second_save_of_the_same_version_gets_a_conflict_showing_what_changed(desk: Desk) -> None:
    cid = _phone_complaint(desk.agent).complaint_id
    seen_by_both = _version(desk, cid)
    _move(desk.agent, cid, Status.ACKNOWLEDGED)

    with pytest.raises(ConcurrentEditError) as conflict:
        ownership.transfer(desk.supervisor, cid, _user_id(desk, "carl"), "holiday", seen_by_both)

    assert conflict.value.changes["status"] == ("new", "acknowledged")
    assert complaints.get_detail(desk.agent, cid).owner_name == "ann"


def test_transfer_reaches_the_receiver_and_functions_cannot_own(desk: Desk) -> None:
    cid = _phone_complaint(desk.agent).complaint_id

    ownership.transfer(
        desk.agent, cid, _user_id(desk, "carl"), "He speaks Breton", _version(desk, cid)
    )
    with pytest.raises(ValidationError, match="functions contribute"):
        ownership.transfer(
            desk.colleague, cid, _user_id(desk, "bea"), "billing", _version(desk, cid)
        )

    assert complaints.get_detail(desk.agent, cid).owner_name == "carl"
    assert any("Breton" in n.text for n in notifications.unread(desk.colleague))


def test_function_member_cannot_take_or_see_unrelated_complaints(desk: Desk) -> None:
    cid = _phone_complaint(desk.agent).complaint_id

    with pytest.raises(PermissionDenied):
        ownership.take(desk.billing, cid, _version(desk, cid))


def test_waiting_on_customer_is_entered_and_left_through_commitments(desk: Desk) -> None:
    cid = _in_progress(desk)
    due = datetime.now(UTC) + timedelta(days=7)

    commitment = commitments.add(
        desk.agent, cid, "Send the bank statement", due, _version(desk, cid)
    )
    assert complaints.get_detail(desk.agent, cid).status is Status.WAITING_ON_CUSTOMER
    with pytest.raises(ValidationError):
        _move(desk.agent, cid, Status.IN_PROGRESS)
    commitments.fulfil(desk.agent, commitment)

    assert complaints.get_detail(desk.agent, cid).status is Status.IN_PROGRESS


def test_a_new_customer_message_reopens_a_resolved_complaint(desk: Desk) -> None:
    cid = _in_progress(desk)
    lifecycle.resolve(
        desk.agent,
        cid,
        Resolution(Outcome.NOT_UPHELD, "Explained", "billing-error"),
        _version(desk, cid),
    )

    outcome = messages.record_inbound(
        desk.agent, cid, messages.InboundMessage(Channel.EMAIL, "I still disagree")
    )

    assert outcome.effect is InboundEffect.REOPEN
    assert complaints.get_detail(desk.agent, cid).status is Status.IN_PROGRESS


def _in_progress(desk: Desk) -> object:
    cid = _phone_complaint(desk.agent).complaint_id
    _move(desk.agent, cid, Status.ACKNOWLEDGED)
    _move(desk.agent, cid, Status.IN_PROGRESS)
    return cid


def _version(desk: Desk, cid: object) -> int:
    return complaints.get_detail(desk.supervisor, cid).version  # type: ignore[arg-type]


def _move(ctx: ServiceContext, cid: object, status: Status) -> None:
    lifecycle.change_status(ctx, cid, status, complaints.get_detail(ctx, cid).version)  # type: ignore[arg-type]


def _user_id(desk: Desk, login: str) -> object:
    with desk.backend.uow() as uow:
        from complaintdesk.storage.models import User

        return uow.scalars(select(User.id).where(User.login == login))[0]


def _audit_actions(backend: Backend, cid: object) -> list[str]:
    with backend.uow() as uow:
        return uow.scalars(
            select(AuditEvent.action).where(AuditEvent.complaint_id == cid).order_by(AuditEvent.seq)
        )


def test_only_the_owner_or_a_supervisor_moves_the_complaint_on(desk: Desk) -> None:
    cid = _phone_complaint(desk.agent).complaint_id  # owned by ann, who took the call

    with pytest.raises(PermissionDenied, match="Only the owner"):
        _move(desk.colleague, cid, Status.ACKNOWLEDGED)
    _move(desk.supervisor, cid, Status.ACKNOWLEDGED)

    assert complaints.get_detail(desk.agent, cid).status is Status.ACKNOWLEDGED

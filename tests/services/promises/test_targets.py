"""Every target watched on stored complaints: escalation while paused, at intake, after a
resolution nobody answered; holding replies; recompute writing only what changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update

from complaintdesk.app import Backend
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.vocabulary import (
    Channel,
    ClockState,
    ContactKind,
    LetterKind,
    Outcome,
    Role,
    SiteKind,
    Status,
)
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import commitments, intake, lifecycle, messages
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints.notifications import unread
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.promises import catalogue, checks, recompute, scopes
from complaintdesk.storage.models import Complaint, ComplaintTarget

PARIS = ZoneInfo("Europe/Paris")
PASSWORD = "correct horse"
HOLDING = (
    "Why we need more time\nThe card network has not yet sent its report on the payment.\n\n"
    "When you will receive our final response\nBy {day} at the latest.\n"
)


@pytest.fixture
def people(backend: Backend, admin_ctx: ServiceContext) -> tuple[ServiceContext, ServiceContext]:
    """An agent and a supervisor at HQ (Paris), and a cause to resolve with."""
    users.add_user(admin_ctx, "ann", PASSWORD, role=Role.AGENT, site_code="HQ")
    users.add_user(admin_ctx, "sue", PASSWORD, role=Role.SUPERVISOR, site_code="HQ")
    organisation.add_root_cause(admin_ctx, "process", "Process failure", None)
    ann = ServiceContext(backend.uow, auth.sign_in(backend.uow, "ann", PASSWORD))
    sue = ServiceContext(backend.uow, auth.sign_in(backend.uow, "sue", PASSWORD))
    return ann, sue


def _record(ctx: ServiceContext, **given: object) -> intake.IntakeResult:
    values: dict[str, object] = {
        "channel": Channel.LETTER,
        "subject": "Fee charged twice",
        "description": "My account was charged the monthly fee twice.",
        "customer": CustomerInput("Léa Martin", [(ContactKind.PHONE, "+33612345678")]),
    }
    values.update(given)
    return intake.record_complaint(ctx, intake.NewComplaint(**values))  # type: ignore[arg-type]


def _age(backend: Backend, complaint_id: object, days: int) -> None:
    """Move a complaint's instants back, as if its clock had not been checked for a while."""
    with backend.uow(write=True) as uow:
        complaint = uow.get(Complaint, complaint_id)  # type: ignore[arg-type]
        assert complaint is not None
        shift = timedelta(days=days)
        values = {"received_at": complaint.received_at - shift}
        for name in ("paused_since", "resolved_at", "acknowledged_at"):
            if getattr(complaint, name) is not None:
                values[name] = getattr(complaint, name) - shift
        uow.execute(update(Complaint).where(Complaint.id == complaint_id).values(**values))
        uow.commit()


def test_each_target_has_its_own_row_and_state(
    backend: Backend, people: tuple[ServiceContext, ServiceContext]
) -> None:
    ann, _ = people
    cid = _record(ann).complaint_id

    detail = complaints.get_detail(ann, cid)

    assert sorted((t.kind, t.target, t.state.value) for t in detail.targets) == [
        ("regulatory", "acknowledge", "on_track"),
        ("regulatory", "response", "on_track"),
        ("service", "acknowledge", "on_track"),
        ("service", "response", "on_track"),
    ]
    assert detail.regulatory_state is ClockState.ON_TRACK
    assert detail.regulatory_policy_name.startswith("France — banking")  # type: ignore[union-attr]


def test_a_back_dated_letter_is_escalated_the_moment_it_is_recorded(
    people: tuple[ServiceContext, ServiceContext],
) -> None:
    ann, sue = people
    dated = datetime.now(PARIS) - timedelta(days=70)  # the ACPR's two months are over

    cid = _record(ann, letter_date=dated).complaint_id

    detail = complaints.get_detail(ann, cid)
    assert detail.sent_at is not None
    assert detail.regulatory_state is ClockState.BREACHED
    told = [n.text for n in unread(sue) if n.kind == "breached"]
    assert any("the answer (France — banking" in text and "is late" in text for text in told)


def test_a_letter_dated_after_its_receipt_is_refused_and_nothing_is_recorded(
    backend: Backend, people: tuple[ServiceContext, ServiceContext]
) -> None:
    ann, _ = people
    with pytest.raises(ValidationError, match="after the day it was received"):
        _record(ann, letter_date=datetime.now(UTC) + timedelta(days=2))
    with backend.uow() as uow:
        assert uow.execute(select(func.count()).select_from(Complaint)).scalar_one() == 0


def test_waiting_on_the_customer_pauses_our_promise_but_the_regulator_s_risk_is_told(
    backend: Backend, admin_ctx: ServiceContext, people: tuple[ServiceContext, ServiceContext]
) -> None:
    ann, _ = people
    cid = _record(ann).complaint_id
    for status in (Status.ACKNOWLEDGED, Status.IN_PROGRESS):
        lifecycle.change_status(ann, cid, status, complaints.get_detail(ann, cid).version)
    due = datetime.now(UTC) + timedelta(days=10)
    commitments.add(ann, cid, "A bank statement", due, complaints.get_detail(ann, cid).version)
    _age(backend, cid, 50)  # past 75 % of the ACPR's two months, waiting all along

    found = checks.check_clocks(admin_ctx)
    again = checks.check_clocks(admin_ctx)

    detail = complaints.get_detail(ann, cid)
    states = {(t.kind, t.target): t.state.value for t in detail.targets}
    assert states[("service", "response")] == "paused"
    assert states[("regulatory", "response")] == "at_risk"
    assert detail.clock_state is ClockState.AT_RISK  # a pause never hides regulatory risk
    assert found.newly_at_risk == 1
    assert again.newly_at_risk == 0  # told once
    assert [n.text for n in unread(ann) if n.kind == "at_risk"] == [
        f"{detail.reference}: the answer (France — banking and insurance (ACPR recommendation "
        f"2022-R-01)) is at risk, due {_long(detail.regulatory_due_at)}."
    ]


def _long(instant: datetime | None) -> str:
    from complaintdesk.domain.customers.language import long_date

    assert instant is not None
    return long_date(instant.astimezone(PARIS).date(), "en")


def test_a_complaint_resolved_without_an_answer_stays_watched_and_turns_late(
    backend: Backend, admin_ctx: ServiceContext, people: tuple[ServiceContext, ServiceContext]
) -> None:
    ann, sue = people
    cid = _record(ann).complaint_id
    for status in (Status.ACKNOWLEDGED, Status.IN_PROGRESS):
        lifecycle.change_status(ann, cid, status, complaints.get_detail(ann, cid).version)
    resolution = Resolution(Outcome.NOT_UPHELD, "Fee was due", "process")
    lifecycle.resolve(ann, cid, resolution, complaints.get_detail(ann, cid).version)
    resolved = complaints.get_detail(ann, cid)
    _age(backend, cid, 70)

    found = checks.check_clocks(admin_ctx)

    after = complaints.get_detail(ann, cid)
    assert resolved.regulatory_state is ClockState.ON_TRACK  # resolving is not answering
    assert after.regulatory_state is ClockState.BREACHED
    assert found.newly_breached >= 1
    assert any(n.kind == "breached" for n in unread(sue))


@pytest.fixture
def payments(admin_ctx: ServiceContext) -> None:
    """French payment services: fr-payment for the payments categories."""
    organisation.add_category(admin_ctx, "payments.card", "Card payments")
    scopes.set_scope(admin_ctx, "fr-payment", {"countries": ["FR"], "categories": ["payments.*"]})
    catalogue.set_active(admin_ctx, "fr-payment", True)


def _holding(ann: ServiceContext, cid: object, day: date | None) -> None:
    text = HOLDING.format(day=day.isoformat() if day else "soon")
    version = complaints.get_detail(ann, cid).version  # type: ignore[arg-type]
    messages.record_response(
        ann, cid, Channel.LETTER, text, version,  # type: ignore[arg-type]
        letter=LetterKind.HOLDING_REPLY, promised_by=day,
    )  # fmt: skip


def test_a_holding_reply_moves_the_payment_deadline_to_the_date_it_gives(
    payments: None, people: tuple[ServiceContext, ServiceContext]
) -> None:
    ann, _ = people
    cid = _record(ann, category_code="payments.card").complaint_id
    before = complaints.get_detail(ann, cid)
    promised = (datetime.now(PARIS) + timedelta(days=25)).date()

    _holding(ann, cid, promised)

    after = complaints.get_detail(ann, cid)
    states = {t.target: t.state.value for t in after.targets if t.kind == "regulatory"}
    assert states == {"response": "extended", "final_response_exceptional": "on_track"}
    assert after.regulatory_due_at is not None
    assert before.regulatory_due_at is not None
    assert after.regulatory_due_at.astimezone(PARIS).date() == promised
    assert after.regulatory_due_at > before.regulatory_due_at
    assert after.messages[-1].letter_kind == "holding_reply"


def test_a_holding_reply_needs_a_date_within_35_business_days_and_its_reasons(
    payments: None, people: tuple[ServiceContext, ServiceContext]
) -> None:
    ann, _ = people
    cid = _record(ann, category_code="payments.card").complaint_id

    with pytest.raises(ValidationError, match="by which date"):
        _holding(ann, cid, None)
    with pytest.raises(ValidationError, match="later than"):
        _holding(ann, cid, (datetime.now(PARIS) + timedelta(days=80)).date())
    version = complaints.get_detail(ann, cid).version
    bare = "Why we need more time\n\nWhen you will receive our final response\nBy 1 June.\n"
    with pytest.raises(ValidationError, match="Why we need more time"):
        messages.record_response(
            ann, cid, Channel.LETTER, bare, version, letter=LetterKind.HOLDING_REPLY,
            promised_by=(datetime.now(PARIS) + timedelta(days=20)).date(),
        )  # fmt: skip
    assert complaints.get_detail(ann, cid).messages[-1].letter_kind is None


def test_a_rule_without_an_exceptional_deadline_refuses_a_holding_reply(
    people: tuple[ServiceContext, ServiceContext],
) -> None:
    ann, _ = people
    cid = _record(ann).complaint_id  # the ACPR: two months, no holding reply

    with pytest.raises(ValidationError, match="no exceptional deadline"):
        _holding(ann, cid, (datetime.now(PARIS) + timedelta(days=20)).date())


def test_a_us_complaint_answered_at_once_owes_only_its_final_response(
    admin_ctx: ServiceContext, people: tuple[ServiceContext, ServiceContext]
) -> None:
    ann, _ = people
    organisation.add_site(admin_ctx, "NYC01", "New York", SiteKind.CALL_CENTRE, "America/New_York")
    cid = _record(ann, site_code="NYC01", channel=Channel.PHONE).complaint_id
    version = complaints.get_detail(ann, cid).version

    messages.record_response(ann, cid, Channel.PHONE, "We are looking into it.", version)

    detail = complaints.get_detail(ann, cid)
    states = {t.target: t.state.value for t in detail.targets if t.kind == "regulatory"}
    assert states == {"response": "met", "final_response": "on_track"}
    assert detail.regulatory_state is ClockState.ON_TRACK


def test_recompute_writes_only_what_changes_and_follows_a_new_scope(
    backend: Backend, admin_ctx: ServiceContext, people: tuple[ServiceContext, ServiceContext]
) -> None:
    ann, _ = people
    organisation.add_site(admin_ctx, "LON01", "London", SiteKind.BRANCH, "Europe/London")
    catalogue.set_active(admin_ctx, "uk-fca", False)
    london = _record(ann, site_code="LON01").complaint_id
    _record(ann)  # a Paris complaint: nothing about it changes below
    assert complaints.get_detail(ann, london).regulatory_policy_name is None

    recompute.recompute(admin_ctx)
    assert recompute.recompute(admin_ctx) == 0
    catalogue.set_active(admin_ctx, "uk-fca", True)
    changed = recompute.recompute(admin_ctx)

    detail = complaints.get_detail(ann, london)
    assert changed == 1
    assert detail.regulatory_policy_name == "United Kingdom — FCA DISP 1"
    assert {t.target for t in detail.targets if t.kind == "regulatory"} == {
        "summary_resolution",
        "final_response",
    }
    with backend.uow() as uow:
        rows = uow.execute(select(func.count()).select_from(ComplaintTarget)).scalar_one()
    assert rows == 4 + 4  # London: 2 company + 2 FCA; Paris: 2 company + 2 ACPR

"""Root causes, problems, satisfaction and the voice of the customer, on both databases."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.domain.errors import PermissionDenied, ValidationError
from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.surveys import Scores
from complaintdesk.domain.vocabulary import Channel, ContactKind, Outcome, Role, Status
from complaintdesk.services.admin import auth, organisation, root_causes, routing_rules, users
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints import directory, intake, lifecycle
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import mail
from complaintdesk.services.inbound.email_message import IngestOptions
from complaintdesk.services.inbound.storing import Handling
from complaintdesk.services.insight import clusters, problems, satisfaction, voice_of_customer
from complaintdesk.services.insight.problems import NewProblem, ProblemStatus
from complaintdesk.services.outbound import outbox
from complaintdesk.storage.models import AuditEvent, Complaint, Message

PASSWORD = "correct horse"


@dataclass
class Desk:
    backend: Backend
    admin: ServiceContext
    agent: ServiceContext
    member: ServiceContext
    supervisor: ServiceContext


@pytest.fixture
def desk(backend: Backend, admin_ctx: ServiceContext) -> Desk:
    for login, role in [
        ("ann", Role.AGENT),
        ("bea", Role.FUNCTION_MEMBER),
        ("sue", Role.SUPERVISOR),
    ]:
        users.add_user(admin_ctx, login, PASSWORD, role=role, site_code="HQ", team_queue="care")
    organisation.add_function(admin_ctx, "billing", "Billing")
    organisation.add_function(admin_ctx, "logistics", "Logistics")
    organisation.add_member(admin_ctx, "billing", "bea")
    root_causes.add(admin_ctx, "billing", "Billing", name_fr="Facturation", function_code="billing")
    root_causes.add(
        admin_ctx, "double-charge", "Double charge", function_code="billing", parent_code="billing"
    )
    root_causes.add(admin_ctx, "late-parcel", "Late parcel", function_code="logistics")
    routing_rules.add_rule(
        admin_ctx,
        routing_rules.RuleSpec(
            "Charges", {"keywords": ["charged", "facture"]}, "billing", 2, "care", "round_robin"
        ),
    )
    routing_rules.add_rule(
        admin_ctx, routing_rules.RuleSpec("Everything else", {}, team_queue="care", is_default=True)
    )

    def sign_in(login: str) -> ServiceContext:
        return ServiceContext(backend.uow, auth.sign_in(backend.uow, login, PASSWORD))

    return Desk(backend, admin_ctx, sign_in("ann"), sign_in("bea"), sign_in("sue"))


def _record(
    ctx: ServiceContext,
    subject: str,
    channel: Channel = Channel.PHONE,
    email: str = "lea@example.org",
) -> intake.IntakeResult:
    return intake.record_complaint(
        ctx,
        intake.NewComplaint(
            channel=channel,
            subject=subject,
            description=subject,
            customer=CustomerInput("Léa Martin", [(ContactKind.EMAIL, email)]),
        ),
    )


def _resolve(
    ctx: ServiceContext, complaint_id: object, cause: str, function: str | None = None
) -> None:
    detail = complaints.get_detail(ctx, complaint_id)  # type: ignore[arg-type]
    resolution = Resolution(Outcome.UPHELD, "Refunded", cause, root_cause_function_code=function)
    lifecycle.resolve(ctx, detail.id, resolution, detail.version)


def _complaint(backend: Backend, complaint_id: object) -> Complaint:
    with backend.uow() as uow:
        found = uow.get(Complaint, complaint_id)  # type: ignore[arg-type]
        assert found is not None
        return found


def _actions(backend: Backend, action: str) -> int:
    with backend.uow() as uow:
        return len(uow.scalars(select(AuditEvent.id).where(AuditEvent.action == action)))


# --- root causes ---


def test_an_administrator_renames_moves_and_retires_causes(desk: Desk) -> None:
    root_causes.rename(desk.admin, "late-parcel", "Parcel late", "Colis en retard")
    root_causes.move(desk.admin, "late-parcel", "billing")
    root_causes.set_function(desk.admin, "late-parcel", "billing")
    root_causes.set_active(desk.admin, "double-charge", False)

    by_code = {c.code: c for c in root_causes.list_root_causes(desk.admin)}
    assert (by_code["late-parcel"].name, by_code["late-parcel"].name_fr) == (
        "Parcel late",
        "Colis en retard",
    )
    assert by_code["late-parcel"].parent_code == "billing"
    assert by_code["late-parcel"].function_code == "billing"
    assert not by_code["double-charge"].active
    offered = {c.value for c in directory.root_causes(desk.agent)}
    assert "double-charge" not in offered
    assert "late-parcel" in offered
    assert _actions(desk.backend, "root_cause_retired") == 1


def test_a_cause_cannot_be_placed_under_its_own_descendant(desk: Desk) -> None:
    with pytest.raises(ValidationError, match="under itself"):
        root_causes.move(desk.admin, "billing", "double-charge")


def test_only_administrators_change_the_taxonomy(desk: Desk) -> None:
    with pytest.raises(PermissionDenied):
        root_causes.add(desk.supervisor, "x", "X")


def test_resolution_keeps_the_function_responsible_for_the_cause(desk: Desk) -> None:
    chosen = _record(desk.agent, "Charged twice")
    default = _record(desk.agent, "Charged twice again", email="other@example.org")

    _resolve(desk.agent, chosen.complaint_id, "double-charge", "logistics")
    _resolve(desk.agent, default.complaint_id, "double-charge")

    functions = {f.code: f.id for f in organisation.list_functions(desk.admin)}
    assert (
        _complaint(desk.backend, chosen.complaint_id).root_cause_function_id
        == (functions["logistics"])
    )
    assert (
        _complaint(desk.backend, default.complaint_id).root_cause_function_id
        == (functions["billing"])
    )


def test_a_retired_cause_is_refused_at_resolution(desk: Desk) -> None:
    recorded = _record(desk.agent, "Charged twice")
    root_causes.set_active(desk.admin, "double-charge", False)

    with pytest.raises(ValidationError, match="no longer in use"):
        _resolve(desk.agent, recorded.complaint_id, "double-charge")


# --- problems ---


def test_a_problem_links_complaints_and_keeps_dated_actions(desk: Desk) -> None:
    first = _record(desk.agent, "Charged twice", Channel.PHONE)
    second = _record(desk.agent, "Double debit", Channel.SHOP, "b@example.org")
    problem_id = problems.create(
        desk.supervisor,
        NewProblem("Card payments debited twice", root_cause_code="double-charge"),
        [first.complaint_id],
    )

    assert problems.attach(desk.agent, problem_id, [second.complaint_id, first.complaint_id]) == 1
    problems.set_status(desk.supervisor, problem_id, ProblemStatus.INVESTIGATING)
    problems.add_action(desk.member, problem_id, "Payment gateway retries disabled")

    page = problems.get_problem(desk.supervisor, problem_id)
    assert page.summary.status is ProblemStatus.INVESTIGATING
    assert page.summary.function_name == "Billing"  # the cause's function, by default
    assert page.summary.owner_name == "sue"
    assert {c.reference for c in page.complaints} == {first.reference, second.reference}
    assert [(a.by, a.text) for a in page.actions] == [("bea", "Payment gateway retries disabled")]
    assert page.actions[0].at.tzinfo is not None
    assert _complaint(desk.backend, first.complaint_id).problem_id == problem_id
    assert _actions(desk.backend, "problem_attached") == 2
    assert _actions(desk.backend, "problem_action_added") == 1


def test_closing_a_problem_stamps_it_and_only_stewards_may(desk: Desk) -> None:
    problem_id = problems.create(desk.supervisor, NewProblem("Parcels late in the north"))

    with pytest.raises(PermissionDenied):
        problems.set_status(desk.agent, problem_id, ProblemStatus.CLOSED)
    problems.set_status(desk.supervisor, problem_id, ProblemStatus.CLOSED)

    assert problems.list_problems(desk.supervisor, open_only=True) == ()
    closed = problems.list_problems(desk.supervisor)
    assert [p.status for p in closed] == [ProblemStatus.CLOSED]


def test_a_function_member_sees_only_the_problems_of_their_function(desk: Desk) -> None:
    problems.create(desk.supervisor, NewProblem("Billing run failed", function_code="billing"))
    problems.create(desk.supervisor, NewProblem("Depot strike", function_code="logistics"))

    assert [p.title for p in problems.list_problems(desk.member)] == ["Billing run failed"]
    assert len(problems.list_problems(desk.supervisor)) == 2


def test_a_detached_complaint_leaves_the_problem(desk: Desk) -> None:
    recorded = _record(desk.agent, "Charged twice")
    problem_id = problems.create(desk.agent, NewProblem("Double charges"), [recorded.complaint_id])

    problems.detach(desk.agent, recorded.complaint_id)

    assert problems.get_problem(desk.agent, problem_id).complaints == ()


# --- clusters ---


def test_a_candidate_cluster_becomes_a_problem_in_one_action(desk: Desk) -> None:
    texts = [
        "Parcel never arrived, tracking stuck at depot",
        "My parcel never arrived and tracking is stuck at the depot",
        "Tracking stuck at depot, parcel never arrived",
    ]
    for n, text in enumerate(texts):
        _record(desk.agent, text, [Channel.PHONE, Channel.EMAIL, Channel.SHOP][n], f"{n}@x.org")
    _record(desk.agent, "Rude staff member at the counter", email="z@x.org")
    now = datetime.now(UTC)

    found = clusters.detect(desk.supervisor, now - timedelta(days=1), now + timedelta(minutes=1))

    assert [c.size for c in found] == [3]
    assert set(found[0].channels) == {"phone", "email", "shop"}
    assert {"parcel", "tracking", "depot"} <= set(found[0].theme)
    problem_id = problems.create(
        desk.supervisor, NewProblem(found[0].title()), [c.id for c in found[0].complaints]
    )
    assert problems.get_problem(desk.supervisor, problem_id).summary.complaints == 3
    again = clusters.detect(desk.supervisor, now - timedelta(days=1), now + timedelta(minutes=1))
    assert again == ()  # what is attached to a problem is no longer proposed


def test_agents_are_not_proposed_clusters(desk: Desk) -> None:
    now = datetime.now(UTC)
    with pytest.raises(PermissionDenied):
        clusters.detect(desk.agent, now - timedelta(days=1), now)


# --- satisfaction ---


def test_the_agent_records_satisfaction_given_on_the_phone_after_resolution(desk: Desk) -> None:
    recorded = _record(desk.agent, "Charged twice")
    with pytest.raises(ValidationError, match="resolved or closed"):
        satisfaction.record_scores(desk.agent, recorded.complaint_id, Scores(9, 10), Channel.PHONE)
    _resolve(desk.agent, recorded.complaint_id, "double-charge")

    satisfaction.record_scores(desk.agent, recorded.complaint_id, Scores(9, 10), Channel.PHONE)

    stored = _complaint(desk.backend, recorded.complaint_id)
    assert (stored.satisfaction, stored.recommendation) == (9, 10)
    assert stored.satisfaction_channel == "phone"
    assert stored.satisfaction_at is not None
    with pytest.raises(ValidationError, match="1 to 10"):
        satisfaction.record_scores(desk.agent, recorded.complaint_id, Scores(0), Channel.PHONE)


def test_a_reply_to_the_satisfaction_survey_is_a_score(desk: Desk) -> None:
    from complaintdesk.services.complaints import followups
    from complaintdesk.storage.models import SatisfactionSurvey
    from tests.support.mail_factory import make_email

    recorded = _record(desk.agent, "Charged twice", Channel.EMAIL, "jane@example.com")
    _resolve(desk.agent, recorded.complaint_id, "double-charge")
    version = complaints.get_detail(desk.agent, recorded.complaint_id).version
    answer_id = outbox.queue_email_reply(
        desk.agent, recorded.complaint_id, "We refunded the second debit.", version
    )
    with desk.backend.uow() as uow:
        answer = uow.get(Message, answer_id)
        assert answer is not None
        assert "Reply to this email with a number" not in answer.body_text, "asked apart"
    done = followups.run(desk.admin, datetime.now(UTC) + timedelta(hours=25))
    assert done.surveys == 1
    with desk.backend.uow() as uow:
        [survey] = uow.scalars(select(SatisfactionSurvey))
        asked = uow.get(Message, survey.message_id)
        assert asked is not None
        assert asked.subject is not None
        assert survey.token in asked.subject
        question_id = asked.external_id
    raw = make_email(
        f"Re: {asked.subject}", "3, 2\n\n> How satisfied are you?", in_reply_to=question_id
    )

    outcome = mail.ingest_email(desk.admin, _parse(raw), IngestOptions())

    assert outcome.handling is Handling.THREADED
    stored = _complaint(desk.backend, recorded.complaint_id)
    assert stored.status == Status.RESOLVED.value  # a score does not reopen it
    assert (stored.satisfaction, stored.recommendation, stored.satisfaction_channel) == (
        3,
        2,
        "email",
    )
    timeline = complaints.get_detail(desk.agent, recorded.complaint_id).messages
    assert any(m.body_text.startswith("3, 2") for m in timeline)


def test_a_reply_to_the_answer_that_starts_with_a_number_reopens_and_scores_nothing(
    desk: Desk,
) -> None:
    from tests.support.mail_factory import make_email

    recorded = _record(desk.agent, "Charged twice", Channel.EMAIL, "jane@example.com")
    _resolve(desk.agent, recorded.complaint_id, "double-charge")
    version = complaints.get_detail(desk.agent, recorded.complaint_id).version
    satisfaction.record_scores(desk.agent, recorded.complaint_id, Scores(7), Channel.PHONE)
    raw = make_email(f"Re: [{recorded.reference}] Our answer", "2 months later and still no refund")

    mail.ingest_email(desk.admin, _parse(raw), IngestOptions())

    stored = _complaint(desk.backend, recorded.complaint_id)
    assert stored.status == Status.IN_PROGRESS.value
    assert stored.satisfaction == 7, "the earlier score stands"
    assert version < stored.version


def test_a_reply_without_a_score_still_reopens(desk: Desk) -> None:
    from tests.support.mail_factory import make_email

    recorded = _record(desk.agent, "Charged twice", Channel.EMAIL, "jane@example.com")
    _resolve(desk.agent, recorded.complaint_id, "double-charge")
    raw = make_email(f"Re: [{recorded.reference}] Our answer", "2019 all over again: not refunded")

    mail.ingest_email(desk.admin, _parse(raw), IngestOptions())

    assert _complaint(desk.backend, recorded.complaint_id).status == Status.IN_PROGRESS.value


def _parse(raw: bytes) -> mail.InboundEmail:
    from complaintdesk.channels.email.parsing import parse

    return parse(raw)


def test_satisfaction_is_shown_per_function_channel_and_agent(desk: Desk) -> None:
    scores = [
        (Channel.PHONE, Scores(9, 10)),
        (Channel.SHOP, Scores(5, 4)),
        (Channel.PHONE, Scores(7)),
    ]
    for n, (channel, given) in enumerate(scores):
        recorded = _record(desk.agent, "Charged twice", channel, f"{n}@x.org")
        _resolve(desk.agent, recorded.complaint_id, "double-charge")
        satisfaction.record_scores(desk.agent, recorded.complaint_id, given, Channel.PHONE)
    now = datetime.now(UTC)

    figures = satisfaction.figures(desk.supervisor, now - timedelta(days=1), now + timedelta(1))

    by_channel = {line.label: line for line in figures.by_channel}
    assert by_channel["phone"].responses == 2
    assert by_channel["phone"].satisfaction == 8.0
    assert by_channel["shop"].satisfaction == 5.0
    (agent,) = figures.by_agent
    assert (agent.label, agent.responses, agent.net_promoter) == ("ann", 3, 0)  # 1 of 2 each way


# --- voice of the customer ---


def test_the_voice_of_the_customer_gathers_a_function_s_month(desk: Desk) -> None:
    recorded = _record(desk.agent, "Facture payée deux fois")
    complaint = _complaint(desk.backend, recorded.complaint_id)
    _resolve(desk.agent, recorded.complaint_id, "double-charge")
    satisfaction.record_scores(desk.agent, recorded.complaint_id, Scores(8, 9), Channel.PHONE)
    problems.create(desk.supervisor, NewProblem("Billing run failed", function_code="billing"))
    month = datetime.now(UTC).strftime("%Y-%m")

    voice = voice_of_customer.monthly(desk.member, "billing", month)

    assert voice.causes[0].label == "Double charge"
    assert voice.causes[0].count == 1
    assert voice.satisfaction is not None
    assert voice.satisfaction.satisfaction == 8.0
    assert [p.title for p in voice.open_problems] == ["Billing run failed"]
    assert complaint.responsible_function_id is not None  # routed to billing by its words
    assert voice.complaints == 1
    assert [(line.label, line.count) for line in voice.by_channel] == [("phone", 1)]
    assert voice.resolved == 1
    with pytest.raises(PermissionDenied):
        voice_of_customer.monthly(desk.member, "logistics", month)
    with pytest.raises(ValidationError, match="not a month"):
        voice_of_customer.monthly(desk.supervisor, "billing", "2026-13")


# --- command line ---


def test_the_report_commands_list_clusters_and_write_the_voice_pdf(
    desk: Desk,
    database_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    cli_sign_in(database_url)
    for n, channel in enumerate([Channel.PHONE, Channel.EMAIL, Channel.SHOP]):
        _record(desk.agent, "Charged twice for one purchase on my card", channel, f"{n}@x.org")
    _record(desk.agent, "Rude staff member at the counter", email="z@x.org")
    today = datetime.now(UTC).date()
    window = ["--from", (today - timedelta(days=1)).isoformat(), "--to", today.isoformat()]

    assert cli.run(["report", "problems", "--database", database_url, *window, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["count"] == 1
    assert listed["clusters"][0]["size"] == 3
    assert listed["clusters"][0]["channels"] == ["email", "phone", "shop"]

    target = tmp_path / "voice.pdf"
    month = today.strftime("%Y-%m")
    argv = ["report", "voice", "--function", "billing", "--month", month, "--out", str(target)]
    assert cli.run([*argv, "--database", database_url, "--json"]) == 0
    voice = json.loads(capsys.readouterr().out)
    assert voice["complaints"] == 3  # the three "charged" complaints were routed to billing
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "Voice of the customer — Billing" in text
    assert "Complaints received: 3" in text

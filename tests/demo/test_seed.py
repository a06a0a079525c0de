"""The demo seeder on both databases: what a person opening the demo would notice."""

from __future__ import annotations

import re
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.demo import seed as demo
from complaintdesk.domain.customers.contacts import normalise
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.reference import parse_reference
from complaintdesk.domain.vocabulary import OPEN_STATUSES, Channel, ContactKind, Role
from complaintdesk.services.admin import auth
from complaintdesk.services.admin.audit_trail import verify_audit_trail
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.insight import queues
from complaintdesk.services.promises import policies
from complaintdesk.services.read_models import QueueKind, QueueRequest
from complaintdesk.storage import bulk
from complaintdesk.storage.database import sqlite_url
from complaintdesk.storage.models import (
    AuditEvent,
    Category,
    Complaint,
    ContactPoint,
    ContributionRequest,
    Customer,
    Message,
    Site,
    SiteSequence,
)
from tests.conftest import command_line_actor

N = 600
NOW = datetime(2026, 3, 15, 10, 30, tzinfo=UTC)
REFERENCE = re.compile(r"^(HQ|CC|PAR01|LYO01|BOR01|LON01)-\d{2}-\d{5}$")
OPEN = {status.value for status in OPEN_STATUSES}


@pytest.fixture
def seeded(backend: Backend) -> Backend:
    """A database holding the demo data of seed 1 (600 complaints: a month of open work)."""
    summary = demo.seed(backend.uow, complaints=N, seed=1, now=NOW)
    assert summary.complaints == N
    return backend


def _complaints(backend: Backend) -> list[Complaint]:
    with backend.uow() as uow:
        return uow.scalars(select(Complaint).order_by(Complaint.received_at, Complaint.id))


def _sign_in(backend: Backend, login: str) -> ServiceContext:
    account = next(user for user in demo.DEMO_USERS if user.login == login)
    return ServiceContext(backend.uow, auth.sign_in(backend.uow, login, account.password))


def test_seeding_writes_the_complaints_asked_for_with_references_of_the_right_shape(
    seeded: Backend,
) -> None:
    complaints = _complaints(seeded)

    references = [c.reference for c in complaints]
    assert len(complaints) == N
    assert len(set(references)) == N
    assert all(REFERENCE.match(r) for r in references), references[:5]
    for complaint in complaints:
        parsed = parse_reference(complaint.reference)
        assert parsed is not None
        assert parsed[1] == complaint.received_at.year % 100
    assert {c.channel for c in complaints} >= {"phone", "email", "social", "shop"}
    assert {r.split("-")[0] for r in references} >= {"HQ", "CC", "PAR01", "LON01"}
    assert {c.language for c in complaints} == {"en", "fr"}


CLOCKS = {
    "open": {"on_track", "at_risk", "breached", "paused"},
    "finished": {"met", "breached"},
    "withdrawn": {"stopped"},
}


def _clock_kind(status: str) -> str:
    if status in OPEN:
        return "open"
    return "withdrawn" if status == "withdrawn" else "finished"


def test_complaints_are_consistent_with_their_status(seeded: Backend) -> None:
    complaints = _complaints(seeded)

    statuses = Counter(c.status for c in complaints)
    clocks = Counter(c.clock_state for c in complaints)
    assert statuses["closed"] > N / 2, "most complaints of three years are closed"
    assert len(set(statuses) & OPEN) >= 4, statuses
    assert clocks["met"] > clocks["breached"] > 0, "most promises are kept, not all"
    for c in complaints:
        assert c.is_open == (c.status in OPEN), c.reference
        assert c.status == "new" or c.owner_id is not None, c.reference
        assert c.clock_state in CLOCKS[_clock_kind(c.status)], (c.reference, c.clock_state)
        assert c.received_at <= NOW
        assert c.policy_id is not None
        assert c.regulatory_policy_id is not None
        if c.status in ("resolved", "closed"):
            assert c.outcome in ("upheld", "partly_upheld", "not_upheld")
            assert c.root_cause_id is not None
            assert c.resolved_at is not None
            assert c.received_at < c.resolved_at <= NOW


def _promise_fields(complaint: Complaint) -> tuple[object, ...]:
    return (
        complaint.reference,
        complaint.policy_id,
        complaint.regulatory_policy_id,
        complaint.acknowledge_due_at,
        complaint.response_due_at,
        complaint.resolution_due_at,
        complaint.regulatory_due_at,
        complaint.next_due_at,
        complaint.clock_state,
        complaint.regulatory_state,
        complaint.regulatory_next_due_at,
    )


def test_promises_are_what_the_promise_engine_computes(seeded: Backend) -> None:
    """Recomputing the seeded complaints (as ``sla recompute`` would) changes nothing."""
    with seeded.uow() as uow:
        rows = uow.execute(
            select(Complaint, Category.code, Customer.segment, Site.code)
            .join(Category, Category.id == Complaint.category_id)
            .join(Customer, Customer.id == Complaint.customer_id)
            .join(Site, Site.id == Complaint.site_id)
        ).all()
        stored = [_promise_fields(row[0]) for row in rows]
        changed_targets = []
        for complaint, _category, segment, _site in rows:
            policies.assign_policies(uow, complaint, policies.stored_facts(uow, complaint))
            changed_targets += policies.refresh(uow, complaint, NOW, segment)
        recomputed = [_promise_fields(row[0]) for row in rows]

    assert len(rows) == N
    assert recomputed == stored
    assert changed_targets == []  # every target row too


def test_each_complaint_has_a_timeline_starting_with_the_customer_on_its_channel(
    seeded: Backend,
) -> None:
    with seeded.uow() as uow:
        messages = uow.scalars(select(Message).order_by(Message.occurred_at, Message.id))
        complaints = {c.id: c for c in uow.scalars(select(Complaint))}

    by_complaint: dict[object, list[Message]] = {}
    for message in messages:
        by_complaint.setdefault(message.complaint_id, []).append(message)
    assert 4.0 <= len(messages) / N <= 6.0
    assert set(by_complaint) == set(complaints)
    for complaint_id, timeline in by_complaint.items():
        complaint = complaints[complaint_id]
        first = timeline[0]
        assert (first.direction, first.channel) == ("inbound", complaint.channel)
        assert first.occurred_at == complaint.received_at
        assert all(complaint.received_at <= m.occurred_at <= NOW for m in timeline)
        assert all(m.author_id is not None for m in timeline if m.direction == "outbound")
    emails = [m for m in messages if m.channel == "email"]
    assert emails
    assert all(m.external_id and m.external_id.startswith("<") for m in emails)


def test_french_customers_read_french(seeded: Backend) -> None:
    french = [c for c in _complaints(seeded) if c.language == "fr"]

    assert 0.25 < len(french) / N < 0.55
    accented = re.compile(r"[éèàçêôû]")
    assert sum(bool(accented.search(c.subject + c.description)) for c in french) > len(french) / 2


def test_contact_points_are_stored_normalised(seeded: Backend) -> None:
    with seeded.uow() as uow:
        points = uow.scalars(select(ContactPoint))

    kinds = Counter(p.kind for p in points)
    assert set(kinds) == {"email", "phone", "social", "postal"}
    for point in points:
        region = "GB" if point.value.startswith("+44") else "FR"
        assert normalise(ContactKind(point.kind), point.value, region).value == point.value


def test_demo_users_sign_in_with_the_readme_passwords(seeded: Backend) -> None:
    for account in demo.DEMO_USERS:
        actor = auth.sign_in(seeded.uow, account.login, account.password)

        assert actor.role is Role(account.role)
        assert actor.site_code == account.site_code
        assert bool(actor.function_ids) == (account.function is not None)


def test_queues_show_the_seeded_complaints_to_each_role(seeded: Backend) -> None:
    complaints = _complaints(seeded)
    agent = _sign_in(seeded, "agent")
    clerk = _sign_in(seeded, "clerk")
    billing = _sign_in(seeded, "billing")

    mine = queues.page(agent, QueueRequest(QueueKind.MINE)).rows
    at_branch = queues.page(clerk, QueueRequest(QueueKind.ALL_OPEN)).rows
    asked = queues.page(billing, QueueRequest(QueueKind.ASKED)).rows

    assert queues.count(agent, QueueKind.ALL_OPEN) == sum(c.is_open for c in complaints)
    assert mine
    assert {row.owner_name for row in mine} == {"Alex Martin"}
    assert at_branch
    assert {row.site_code for row in at_branch} == {"PAR01"}
    assert len(asked) == queues.count(billing, QueueKind.ASKED) == _asked_of(seeded, "billing")
    assert asked, "the billing demo account has contributions to give"
    assert queues.count(agent, QueueKind.RESOLVED) > 0


def _asked_of(backend: Backend, function: str) -> int:
    with backend.engine.connect() as connection:
        return int(
            connection.execute(
                text(
                    "SELECT count(DISTINCT c.id) FROM complaint c"
                    " JOIN contribution_request r ON r.complaint_id = c.id"
                    " JOIN function f ON f.id = r.function_id"
                    " WHERE c.is_open AND r.state = 'open' AND f.code = :code"
                ),
                {"code": function},
            ).scalar_one()
        )


def test_keyset_pages_walk_the_whole_queue_once(seeded: Backend) -> None:
    """Bulk-written instants and ids sort exactly like ORM-written ones."""
    agent = _sign_in(seeded, "supervisor")
    request = QueueRequest(QueueKind.RESOLVED)
    seen: list[str] = []
    cursor = None
    while True:
        page = queues.page(agent, request, cursor, limit=7)
        seen += [row.reference for row in page.rows]
        if page.cursor is None:
            break
        cursor = page.cursor

    assert len(seen) == len(set(seen)) == queues.count(agent, QueueKind.RESOLVED)


def test_seeding_again_continues_every_site_sequence(seeded: Backend) -> None:
    again = demo.seed(seeded.uow, complaints=100, seed=1, now=NOW)
    complaints = _complaints(seeded)

    assert again.complaints == 100
    assert again.users == 0, "the demo accounts and staff are reused"
    assert len({c.reference for c in complaints}) == N + 100
    highest: dict[tuple[str, int], int] = {}
    for complaint in complaints:
        parsed = parse_reference(complaint.reference)
        assert parsed is not None
        site, yy, number = parsed
        highest[(site, yy)] = max(highest.get((site, yy), 0), number)
    with seeded.uow() as uow:
        rows = uow.execute(
            select(Site.code, SiteSequence.year, SiteSequence.last_number).join(
                Site, Site.id == SiteSequence.site_id
            )
        ).all()
    assert {(code, year % 100): last for code, year, last in rows} == highest


def test_a_live_complaint_takes_the_next_reference_after_the_demo(seeded: Backend) -> None:
    agent = _sign_in(seeded, "agent")
    with seeded.uow() as uow:
        last = uow.execute(
            select(func.max(SiteSequence.last_number))
            .join(Site, Site.id == SiteSequence.site_id)
            .where(Site.code == "HQ", SiteSequence.year == NOW.year)
        ).scalar_one()

    result = intake.record_complaint(
        agent,
        intake.NewComplaint(
            channel=Channel.PHONE,
            subject="Card swallowed by the cash machine",
            description="The machine kept my card.",
            customer=CustomerInput("Ada Lovelace", [(ContactKind.PHONE, "+33612345678")]),
            received_at=NOW,
        ),
    )

    assert result.reference == f"HQ-{NOW.year % 100:02d}-{last + 1:05d}"


def test_the_audit_trail_holds_one_event_per_run_and_still_verifies(seeded: Backend) -> None:
    demo.seed(seeded.uow, complaints=10, seed=2, now=NOW)
    with seeded.uow() as uow:
        events = uow.scalars(select(AuditEvent).order_by(AuditEvent.chain, AuditEvent.seq))

    trail = verify_audit_trail(ServiceContext(seeded.uow, command_line_actor()))
    runs = [e for e in events if e.action == "demo_seeded"]
    assert trail.ok, trail.problems
    assert trail.unkeyed == 0
    assert [r.after["complaints"] for r in runs if r.after] == [N, 10]


def test_is_seeded_once_demo_data_is_there(backend: Backend) -> None:
    assert not demo.is_seeded(backend.uow)

    nothing = demo.seed(backend.uow, complaints=0, seed=1, now=NOW)
    assert (nothing.complaints, nothing.messages) == (0, 0)
    assert not demo.is_seeded(backend.uow), "accounts alone are not demo data"

    demo.seed(backend.uow, complaints=5, seed=1, now=NOW)
    assert demo.is_seeded(backend.uow)


def test_contributions_and_commitments_belong_to_open_work(seeded: Backend) -> None:
    with seeded.uow() as uow:
        open_requests = uow.execute(
            select(Complaint.status)
            .join(ContributionRequest, ContributionRequest.complaint_id == Complaint.id)
            .where(ContributionRequest.state == "open")
        ).scalars()
        statuses = set(open_requests)

    assert statuses
    assert statuses <= OPEN
    assert "resolved" not in statuses, "no complaint is resolved over an open request"


def _seed_copy(folder: Path, seed: int, batch_size: int = 1000) -> list[tuple[str, str, str]]:
    backend = open_backend(Settings(sqlite_url(folder / f"seed-{seed}.db"), folder))
    try:
        demo.seed(backend.uow, complaints=120, seed=seed, now=NOW, batch_size=batch_size)
        with backend.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT reference, subject, status FROM complaint ORDER BY reference")
            )
            return [tuple(row) for row in rows]
    finally:
        backend.engine.dispose()


def test_the_same_seed_tells_the_same_stories(tmp_path: Path) -> None:
    first = _seed_copy(tmp_path / "a", seed=7)
    again = _seed_copy(tmp_path / "b", seed=7)
    other = _seed_copy(tmp_path / "c", seed=8)

    assert first == again
    assert first != other


def test_a_worker_process_makes_big_runs_the_same_way(tmp_path: Path) -> None:
    """Past a few batches the rows are made in a second process while this one writes."""
    first = _seed_copy(tmp_path / "a", seed=7, batch_size=30)
    again = _seed_copy(tmp_path / "b", seed=7, batch_size=30)

    assert len(first) == 120
    assert len({reference for reference, _, _ in first}) == 120
    assert first == again


def test_progress_is_reported_after_every_batch(sqlite_backend: Backend) -> None:
    reports: list[tuple[int, int]] = []

    demo.seed(
        sqlite_backend.uow,
        complaints=45,
        seed=1,
        now=NOW,
        batch_size=10,
        progress=lambda done, total: reports.append((done, total)),
    )

    assert reports == [(10, 45), (20, 45), (30, 45), (40, 45), (45, 45)]


def test_bulk_rows_are_stored_exactly_as_the_orm_stores_them(sqlite_backend: Backend) -> None:
    """On SQLite the bulk loader writes ids and instants as text the ORM must read back."""
    when = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)  # no microseconds: the tricky case
    with sqlite_backend.uow(write=True) as uow:
        customer = Customer(display_name="Orm Written", created_at=when, updated_at=when)
        uow.add(customer)
        uow.commit()
    with sqlite_backend.engine.connect() as connection:
        stored = connection.execute(
            text("SELECT id, created_at FROM customer WHERE display_name = 'Orm Written'")
        ).one()

    assert tuple(stored) == (bulk.id_text(customer.id), bulk.instant_text(bulk.micros(when)))
    ids = bulk.id_texts()
    made = [next(ids) for _ in range(3)]
    assert all(uuid.UUID(i).version == 7 and uuid.UUID(i).hex == i for i in made)


def test_a_negative_number_of_complaints_is_refused(backend: Backend) -> None:
    with pytest.raises(ValidationError):
        demo.seed(backend.uow, complaints=-1)


def test_the_demo_tells_a_believable_story(seeded: Backend) -> None:
    """Most open complaints on track, a few at risk, a handful late; staff at work in opening
    hours; every complaint with its routing reason, worded from data."""
    from zoneinfo import ZoneInfo

    from complaintdesk.domain.routing import Reason
    from complaintdesk.storage.models import RoutingDecision

    with seeded.uow() as uow:
        rows = uow.execute(
            select(Complaint, Site.code, Site.timezone).join(Site, Site.id == Complaint.site_id)
        ).all()
        decisions = {d.complaint_id: d for d in uow.scalars(select(RoutingDecision))}
    opened = [c for c, *_ in rows if c.is_open]
    clocks = Counter(c.clock_state for c in opened)
    running = len(opened) - clocks["paused"]

    assert clocks["on_track"] >= 0.6 * running, clocks
    assert clocks["breached"] <= 0.15 * running, clocks
    assert clocks["at_risk"] + clocks["breached"] > 0, "the late signal has something to show"
    assert all((NOW - c.received_at).days <= 60 for c in opened), "nothing open since long ago"
    for complaint, _code, zone in rows:
        for step in (complaint.acknowledged_at, complaint.resolved_at):
            if step is not None and (NOW - step).days >= 2:  # a recent one: maybe late work
                local = step.astimezone(ZoneInfo(zone))
                assert 8 <= local.hour < 20, (complaint.reference, local)
    assert set(decisions) == {c.id for c, *_ in rows}, "every complaint has its routing reason"
    reasons = [Reason.from_mapping(d.reason or {}) for d in decisions.values()]
    assert all(r.kind in ("rule", "default") for r in reasons)
    assert sum(bool(r.matched) for r in reasons) > 0.8 * len(reasons)  # a rule, and why

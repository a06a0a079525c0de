"""The supervisor cockpit's services on SQLite and PostgreSQL: filters, every sort with keyset
paging, saved views, bulk actions, workload, and the change-log watch."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from complaintdesk.app import Backend
from complaintdesk.domain.errors import PermissionDenied, ValidationError
from complaintdesk.domain.vocabulary import Channel, ClockState, Priority, Role, Status
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import bulk_actions
from complaintdesk.services.complaints.bulk_actions import BulkTarget
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.insight import queues, views, workload
from complaintdesk.services.read_models import (
    ComplaintRow,
    QueueFilters,
    QueueKind,
    QueueRequest,
    SortKey,
)
from complaintdesk.services.replicas import change_watch
from complaintdesk.storage.models import AuditEvent, Complaint, Customer, User
from tests.ui.factories import add_complaints

PASSWORD = "correct horse"


@dataclass(frozen=True)
class Team:
    sue: Actor
    ann: Actor
    carl: Actor
    billing: uuid.UUID


@pytest.fixture
def team(backend: Backend, admin_ctx: ServiceContext) -> Team:
    """A supervisor (Sue), two agents (Ann, Carl) and a billing function."""
    for login, name, role in (
        ("sue", "Sue Super", Role.SUPERVISOR),
        ("ann", "Ann Archer", Role.AGENT),
        ("carl", "Carl Cooper", Role.AGENT),
    ):
        users.add_user(admin_ctx, login, PASSWORD, role=role, site_code="HQ", display_name=name)
    billing = organisation.add_function(admin_ctx, "billing", "Billing")
    sue, ann, carl = (auth.sign_in(backend.uow, n, PASSWORD) for n in ("sue", "ann", "carl"))
    return Team(sue, ann, carl, billing)


def ctx_of(backend: Backend, actor: Actor) -> ServiceContext:
    return ServiceContext(backend.uow, actor)


def all_rows(ctx: ServiceContext, request: QueueRequest, page_size: int) -> list[ComplaintRow]:
    """Read a whole queue page by page, as the table does when scrolled to the end."""
    rows: list[ComplaintRow] = []
    cursor = None
    while True:
        page = queues.page(ctx, request, cursor, page_size)
        rows.extend(page.rows)
        if page.cursor is None:
            return rows
        cursor = page.cursor


def spread(backend: Backend, team: Team, ids: list[uuid.UUID]) -> None:
    """Give the complaints owners, a function and segments so that every filter has work."""
    with backend.uow(write=True) as uow:
        for number, cid in enumerate(ids):
            owner = (team.ann.user_id, team.carl.user_id, None)[number % 3]
            function = team.billing if number % 2 == 0 else None
            uow.execute(
                update(Complaint)
                .where(Complaint.id == cid)
                .values(owner_id=owner, responsible_function_id=function)
            )
            customer = uow.execute(
                select(Complaint.customer_id).where(Complaint.id == cid)
            ).scalar_one()
            segment = "vulnerable" if number % 4 == 0 else "standard"
            uow.execute(update(Customer).where(Customer.id == customer).values(segment=segment))
        uow.commit()


def test_filters_combine_with_and_on_top_of_the_queue(backend: Backend, team: Team) -> None:
    ids = add_complaints(backend.uow, 24, messages=0)
    spread(backend, team, ids)
    ctx = ctx_of(backend, team.sue)
    everything = all_rows(ctx, QueueRequest(QueueKind.ALL_OPEN), 100)
    filters = QueueFilters(
        owner_ids=frozenset({team.ann.user_id}),  # type: ignore[arg-type]
        channels=frozenset({Channel.EMAIL, Channel.PHONE}),
        function_ids=frozenset({team.billing}),
    )

    shown = all_rows(ctx, QueueRequest(QueueKind.ALL_OPEN, filters=filters), 2)

    expected = [
        r
        for n, r in enumerate(sorted(everything, key=lambda r: r.reference))
        if n % 3 == 0 and n % 2 == 0 and r.channel in (Channel.EMAIL, Channel.PHONE)
    ]
    assert {r.reference for r in shown} == {r.reference for r in expected}
    assert shown
    assert all(r.owner_name == "Ann Archer" for r in shown)
    assert queues.count(ctx, QueueKind.ALL_OPEN, filters) == len(shown)


def test_segment_priority_clock_and_age_filters(backend: Backend, team: Team) -> None:
    ids = add_complaints(backend.uow, 16, messages=0)
    spread(backend, team, ids)
    ctx = ctx_of(backend, team.sue)
    vulnerable = QueueFilters(segments=frozenset({"vulnerable"}))
    urgent_late = QueueFilters(
        priorities=frozenset({Priority.URGENT}), clock_states=frozenset({ClockState.BREACHED})
    )
    # add_complaints receives complaint n at 2025-03-03 09:00 + n hours: all are old.
    old = QueueFilters(older_than_days=30)
    after = QueueFilters(received_after=datetime(2025, 3, 3, 18, 0, tzinfo=UTC))

    assert queues.count(ctx, QueueKind.ALL_OPEN, vulnerable) == 4
    rows = all_rows(ctx, QueueRequest(QueueKind.ALL_OPEN, filters=urgent_late), 50)
    assert rows
    assert all(r.priority is Priority.URGENT and r.clock_state is ClockState.BREACHED for r in rows)
    assert queues.count(ctx, QueueKind.ALL_OPEN, old) == 16
    assert queues.count(ctx, QueueKind.ALL_OPEN, after) == 16 - 8


@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_pages_without_gaps_or_repeats(
    backend: Backend, team: Team, descending: bool
) -> None:
    ids = add_complaints(backend.uow, 17, messages=0)
    spread(backend, team, ids)  # a third unowned: the owner sort meets empty names
    ctx = ctx_of(backend, team.sue)
    filters = QueueFilters(statuses=frozenset({Status.NEW}))
    for sort in SortKey:
        request = QueueRequest(QueueKind.ALL_OPEN, sort, descending, filters)
        whole = queues.page(ctx, request, None, 1000).rows

        paged = all_rows(ctx, request, 4)

        assert [r.id for r in paged] == [r.id for r in whole], sort
        assert len(paged) == 17


def test_priority_sort_puts_urgent_first_and_owner_sort_groups_owners(
    backend: Backend, team: Team
) -> None:
    ids = add_complaints(backend.uow, 9, messages=0)
    spread(backend, team, ids)
    ctx = ctx_of(backend, team.sue)

    by_priority = all_rows(ctx, QueueRequest(QueueKind.ALL_OPEN, SortKey.PRIORITY), 2)
    by_owner = all_rows(ctx, QueueRequest(QueueKind.ALL_OPEN, SortKey.OWNER, True), 2)

    assert [r.priority for r in by_priority] == sorted(r.priority for r in by_priority)
    assert [r.owner_name for r in by_owner] == ["Carl Cooper"] * 3 + ["Ann Archer"] * 3 + [None] * 3


def test_customer_and_owner_sorts_follow_renames_and_reassignments(
    backend: Backend, team: Team
) -> None:
    ids = add_complaints(backend.uow, 6, messages=0)
    spread(backend, team, ids)  # Ann, Carl, nobody, Ann, Carl, nobody
    with backend.uow(write=True) as uow:
        customer = uow.execute(select(Complaint.customer_id).where(Complaint.id == ids[2]))
        renamed = customer.scalar_one()
        uow.execute(update(Customer).where(Customer.id == renamed).values(display_name="Aaron A"))
        uow.execute(update(User).where(User.id == team.carl.user_id).values(display_name="Zed Z"))
        uow.execute(update(Complaint).where(Complaint.id == ids[3]).values(owner_id=None))
        moved = update(Complaint).where(Complaint.id == ids[4]).values(customer_id=renamed)
        uow.execute(moved)  # as a customer merge moves complaints
        uow.commit()
    ctx = ctx_of(backend, team.sue)

    by_customer = all_rows(ctx, QueueRequest(QueueKind.ALL_OPEN, SortKey.CUSTOMER), 2)
    by_owner = all_rows(ctx, QueueRequest(QueueKind.ALL_OPEN, SortKey.OWNER), 2)

    assert {r.complaint_id for r in by_customer[:2]} == {ids[2], ids[4]}
    assert {r.customer_name for r in by_customer[:2]} == {"Aaron A"}
    names = [r.customer_name for r in by_customer]
    assert names == sorted(names)
    assert [r.owner_name for r in by_owner] == [None] * 3 + ["Ann Archer"] + ["Zed Z"] * 2


def test_saved_views_personal_shared_renamed_deleted(backend: Backend, team: Team) -> None:
    add_complaints(backend.uow, 6, messages=0)
    sue, ann = ctx_of(backend, team.sue), ctx_of(backend, team.ann)
    late = QueueRequest(
        QueueKind.ALL_OPEN,
        SortKey.RECEIVED,
        True,
        QueueFilters(clock_states=frozenset({ClockState.BREACHED}), older_than_days=7),
    )
    shared_id = views.save_view(sue, "Late ones", late, shared=True)
    views.save_view(ann, "Mine by date", QueueRequest(QueueKind.MINE, SortKey.RECEIVED))

    seen_by_ann = views.list_views(ann)

    assert [(v.name, v.mine, v.shared) for v in seen_by_ann] == [
        ("Mine by date", True, False),
        ("Late ones", False, True),
    ]
    assert seen_by_ann[1].request == late  # filters and order come back as saved
    assert views.count_view(ann, seen_by_ann[1]) == 1  # complaint 2 of 1..6 is breached
    assert [v.name for v in views.list_views(sue)] == ["Late ones"]
    with pytest.raises(PermissionDenied):
        views.save_view(ann, "For everyone", late, shared=True)
    with pytest.raises(PermissionDenied):
        views.delete_view(ann, shared_id)
    with pytest.raises(ValidationError):
        views.save_view(sue, " late  ones ".replace("l", "L", 1), late)
    views.rename_view(sue, shared_id, "Breached, a week old")
    assert [v.name for v in views.list_views(ann)][1] == "Breached, a week old"
    views.delete_view(sue, shared_id)
    assert [v.name for v in views.list_views(ann)] == ["Mine by date"]


def test_bulk_reassign_moves_two_and_reports_the_one_changed_meanwhile(
    backend: Backend, team: Team
) -> None:
    ids = add_complaints(backend.uow, 3, messages=0, owner_id=team.ann.user_id)
    sue = ctx_of(backend, team.sue)
    rows = all_rows(sue, QueueRequest(QueueKind.ALL_OPEN, SortKey.REFERENCE), 10)
    targets = [BulkTarget(r.complaint_id, r.reference, r.version) for r in rows]
    with backend.uow(write=True) as uow:  # someone saves the second one meanwhile
        uow.execute(update(Complaint).where(Complaint.id == ids[1]).values(version=5))
        uow.commit()
    steps: list[tuple[int, int]] = []

    result = bulk_actions.reassign(
        sue, targets, team.carl.user_id, "Ann is away", progress=lambda d, t: steps.append((d, t))
    )  # type: ignore[arg-type]

    assert result.done == ("HQ-25-00001", "HQ-25-00003")
    assert [f.reference for f in result.failed] == ["HQ-25-00002"]
    assert "changed by someone else" in result.failed[0].reason
    assert steps == [(1, 3), (2, 3), (3, 3)]
    carl = all_rows(ctx_of(backend, team.carl), QueueRequest(QueueKind.MINE), 10)
    assert sorted(r.reference for r in carl) == ["HQ-25-00001", "HQ-25-00003"]
    with backend.uow() as uow:
        audited = uow.scalars(
            select(AuditEvent.complaint_id).where(AuditEvent.action == "owner_transferred")
        )
    assert sorted(audited) == sorted([ids[0], ids[2]])


def test_bulk_status_and_priority_refuse_illegal_moves_by_reference(
    backend: Backend, team: Team
) -> None:
    add_complaints(backend.uow, 2, messages=0, owner_id=team.ann.user_id)
    add_complaints(backend.uow, 1, messages=0, owner_id=team.ann.user_id, status="closed")
    sue = ctx_of(backend, team.sue)
    rows = queues.page(sue, QueueRequest(QueueKind.ALL_OPEN, SortKey.REFERENCE), None, 10).rows
    with backend.uow() as uow:
        closed = uow.execute(
            select(Complaint.id, Complaint.version).where(Complaint.status == "closed")
        ).one()
    targets = [BulkTarget(r.complaint_id, r.reference, r.version) for r in rows]
    targets.append(BulkTarget(closed[0], "HQ-25-00003", closed[1]))

    moved = bulk_actions.change_status(sue, targets, Status.ACKNOWLEDGED)
    fresh = queues.page(sue, QueueRequest(QueueKind.ALL_OPEN, SortKey.REFERENCE), None, 10).rows
    stale = targets[1]  # the version shown before the status change
    urgent = bulk_actions.set_priority(
        sue,
        [BulkTarget(fresh[0].complaint_id, fresh[0].reference, fresh[0].version), stale],
        Priority.URGENT,
    )

    assert moved.done == ("HQ-25-00001", "HQ-25-00002")
    assert [f.reference for f in moved.failed] == ["HQ-25-00003"]
    assert "cannot go from closed" in moved.failed[0].reason
    assert urgent.done == ("HQ-25-00001",)
    assert [f.reference for f in urgent.failed] == ["HQ-25-00002"]
    with pytest.raises(PermissionDenied):
        bulk_actions.set_priority(ctx_of(backend, team.ann), targets[:1], Priority.LOW)


def test_bulk_cancel_stops_before_the_next_complaint(backend: Backend, team: Team) -> None:
    add_complaints(backend.uow, 3, messages=0)
    sue = ctx_of(backend, team.sue)
    rows = all_rows(sue, QueueRequest(QueueKind.ALL_OPEN, SortKey.REFERENCE), 10)
    targets = [BulkTarget(r.complaint_id, r.reference, r.version, owned=False) for r in rows]
    done: list[int] = []

    result = bulk_actions.reassign(
        sue,
        targets,
        team.ann.user_id,  # type: ignore[arg-type]
        "cover",
        progress=lambda d, _t: done.append(d),
        cancelled=lambda: len(done) >= 1,
    )

    assert result.done == ("HQ-25-00001",)
    assert result.skipped == 2


def test_workload_counts_per_agent_and_function_and_leads_to_the_queue(
    backend: Backend, team: Team
) -> None:
    ids = add_complaints(backend.uow, 12, messages=0)
    spread(backend, team, ids)
    sue = ctx_of(backend, team.sue)

    load = workload.workload(sue)

    ann = next(line for line in load.agents if line.name == "Ann Archer")
    billing = next(line for line in load.functions if line.name == "Billing")
    assert (ann.open, billing.open) == (4, 6)
    ann_late = queues.count(
        sue, QueueKind.ALL_OPEN, workload.queue_of(ann, ClockState.BREACHED).filters
    )
    assert ann_late == ann.breached
    request = workload.queue_of(billing, ClockState.AT_RISK)
    assert queues.count(sue, request.queue, request.filters) == billing.at_risk
    unassigned = next(line for line in load.agents if line.id is None)
    assert unassigned.open == 4
    assert workload.queue_of(unassigned).queue is QueueKind.UNASSIGNED
    with pytest.raises(PermissionDenied):
        workload.workload(ctx_of(backend, team.ann))


def test_the_change_stamp_moves_when_another_workstation_writes(
    backend: Backend, team: Team
) -> None:
    ids = add_complaints(backend.uow, 1, messages=0)
    sue = ctx_of(backend, team.sue)
    before = change_watch.latest_change(sue)
    rows = queues.page(sue, QueueRequest(QueueKind.ALL_OPEN), None, 5).rows

    elsewhere = ServiceContext(backend.uow, team.ann)  # another unit of work, another person
    views.save_view(elsewhere, "Mine", QueueRequest(QueueKind.MINE))
    moved = change_watch.latest_change(sue)

    assert moved > before
    assert change_watch.latest_change(sue) == moved  # nothing new: the same answer
    assert rows[0].complaint_id == ids[0]

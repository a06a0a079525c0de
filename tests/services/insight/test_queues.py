"""Queue windows on both databases: every queue, sort and direction pages without a gap or a
repeat, and a queue line holds what the table shows, typed, with its id as stored text."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from complaintdesk.app import Backend
from complaintdesk.demo import seed as demo
from complaintdesk.domain.vocabulary import Channel, ClockState, Priority, Status
from complaintdesk.services.admin import auth
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import queues
from complaintdesk.services.read_models import (
    ComplaintRow,
    QueueKind,
    QueueRequest,
    SortKey,
    row_id,
)
from complaintdesk.storage.models import Complaint

NOW = datetime(2026, 3, 15, 10, 30, tzinfo=UTC)


@pytest.fixture
def seeded(backend: Backend) -> Backend:
    """The demo data a newcomer gets (seed 2, 300 complaints: the clerk's branch has open ones)."""
    demo.seed(backend.uow, complaints=300, seed=2, now=NOW)
    return backend


def _signed_in(backend: Backend, login: str) -> ServiceContext:
    return ServiceContext(backend.uow, auth.sign_in(backend.uow, login, f"demo-{login}"))


def _paged(ctx: ServiceContext, request: QueueRequest, size: int) -> list[ComplaintRow]:
    rows: list[ComplaintRow] = []
    cursor = None
    while True:
        page = queues.page(ctx, request, cursor, size)
        rows.extend(page.rows)
        if page.cursor is None:
            return rows
        cursor = page.cursor


@pytest.mark.parametrize("login", ["supervisor", "clerk"])
def test_every_queue_sort_and_direction_pages_without_gaps_or_repeats(
    seeded: Backend, login: str
) -> None:
    ctx = _signed_in(seeded, login)
    seen = 0
    for queue in queues.visible_queues(ctx.actor):
        for sort in SortKey:
            for descending in (False, True):
                request = QueueRequest(queue, sort, descending)
                whole = queues.page(ctx, request, None, 1_000).rows

                paged = _paged(ctx, request, 7)

                assert [r.id for r in paged] == [r.id for r in whole], (queue, sort, descending)
                assert len(whole) == queues.count(ctx, queue), (queue, sort)
                seen += len(whole)
    assert seen > 0


def test_a_queue_line_is_typed_and_holds_its_id_as_text(seeded: Backend) -> None:
    ctx = _signed_in(seeded, "supervisor")
    line = queues.page(ctx, QueueRequest(QueueKind.ALL_OPEN), None, 1).rows[0]
    with seeded.uow() as uow:
        stored = uow.execute(select(Complaint).where(Complaint.reference == line.reference))
        complaint = stored.scalar_one()

    assert line.id == complaint.id.hex == row_id(complaint.id)
    assert line.complaint_id == complaint.id
    assert isinstance(line.complaint_id, uuid.UUID)
    assert isinstance(line.channel, Channel)
    assert isinstance(line.status, Status)
    assert isinstance(line.priority, Priority)
    assert isinstance(line.clock_state, ClockState)
    assert line.received_at == complaint.received_at
    assert line.received_at.tzinfo is not None
    assert line.next_due_at == complaint.next_due_at
    assert line.version == complaint.version

"""The search index follows every ORM write at commit, whichever code made it, and on
PostgreSQL two transactions writing to one complaint's story never lose each other's words."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.insight import search
from complaintdesk.storage import search_index
from complaintdesk.storage.models import ContactPoint, Message
from tests.conftest import command_line_actor


def _complaint(ctx: ServiceContext) -> intake.IntakeResult:
    new = intake.NewComplaint(Channel.PHONE, "Sujet", "rien", CustomerInput("Ada Lovelace"))
    return intake.record_complaint(ctx, new)


def _message(complaint_id: uuid.UUID, body: str) -> Message:
    now = datetime.now(UTC)
    return Message(
        complaint_id=complaint_id,
        direction="inbound",
        channel="email",
        body_text=body,
        occurred_at=now,
        recorded_at=now,
    )


def _found(ctx: ServiceContext, typed: str) -> list[str]:
    return [row.reference for row in search.search(ctx, typed)]


def test_rows_written_without_recording_them_are_indexed_at_commit(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    recorded = _complaint(admin_ctx)
    with backend.uow(write=True) as uow:
        uow.add(_message(recorded.complaint_id, "un hippopotame"))
        uow.add(
            ContactPoint(customer_id=recorded.customer_id, kind="email", value="ada@engine.example")
        )
        uow.commit()

    assert _found(admin_ctx, "hippopotame") == [recorded.reference]
    assert _found(admin_ctx, "engine") == [recorded.reference]


def test_nothing_is_indexed_until_commit(backend: Backend, admin_ctx: ServiceContext) -> None:
    recorded = _complaint(admin_ctx)
    with backend.uow(write=True) as uow:
        uow.add(_message(recorded.complaint_id, "un ornithorynque"))
        uow.flush()

    assert _found(admin_ctx, "ornithorynque") == []


def _wait_for_a_blocked_writer(engine: Engine, failures: list[BaseException]) -> None:
    with engine.connect() as probe:
        for _ in range(100):
            assert not failures, failures
            waiting = probe.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            ).scalar_one()
            if waiting:
                return
            time.sleep(0.05)
    raise AssertionError("the second writer never waited for the first")


@pytest.fixture
def postgres_backend(migrated_postgres_url: str, data_dir: Path) -> Iterator[Backend]:
    """An open backend on PostgreSQL only (SQLite has one writer at a time)."""
    opened = open_backend(Settings(migrated_postgres_url, data_dir))
    yield opened
    opened.engine.dispose()


@pytest.mark.postgres
def test_concurrent_messages_on_one_complaint_both_reach_its_document(
    postgres_backend: Backend,
) -> None:
    backend = postgres_backend
    admin_ctx = ServiceContext(backend.uow, command_line_actor())
    recorded = _complaint(admin_ctx)
    first = backend.engine.connect()
    first.begin()
    with Session(bind=first) as session:  # joins the connection's transaction
        session.add(_message(recorded.complaint_id, "girafe"))
        session.flush()
    search_index.refresh(first, [recorded.complaint_id])

    failures: list[BaseException] = []

    def second_writer() -> None:
        try:
            with backend.engine.begin() as second, Session(bind=second) as session:
                session.add(_message(recorded.complaint_id, "zebre"))
                session.flush()
                search_index.refresh(second, [recorded.complaint_id])
        except BaseException as error:  # reported by the test thread below
            failures.append(error)

    thread = threading.Thread(target=second_writer)
    thread.start()
    _wait_for_a_blocked_writer(backend.engine, failures)
    first.commit()
    first.close()
    thread.join(timeout=10)

    assert not failures, failures
    assert _found(admin_ctx, "girafe") == [recorded.reference]
    assert _found(admin_ctx, "zebre") == [recorded.reference]

    assert _found(admin_ctx, "girafe zebre") == [recorded.reference]

"""One transaction per use case: the row, its audit event and its change-log entry go
together or not at all, and a lost update is refused on both databases."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from complaintdesk.app import Backend
from complaintdesk.domain.errors import ConcurrentEditError
from complaintdesk.domain.hlc import HybridTimestamp
from complaintdesk.storage.models import (
    AuditEvent,
    ChangeLogEntry,
    Complaint,
    Customer,
    ReplicaState,
    Site,
)
from complaintdesk.storage.unit_of_work import unit_of_work_factory
from tests.conftest import JOURNAL_TABLES, count_rows


class Boom(Exception):
    """A failure in the middle of a use case."""


def _complaint(backend: Backend) -> uuid.UUID:
    """Insert a customer and a complaint at HQ the way a service would, and return its id."""
    now = datetime.now(UTC)
    with backend.uow(write=True) as uow:
        site = uow.scalars(select(Site).where(Site.code == "HQ"))[0]
        customer = Customer(display_name="Jeanne Martin")
        uow.add(customer)
        uow.flush()
        complaint = Complaint(
            reference="HQ-26-00001",
            customer_id=customer.id,
            channel="email",
            site_id=site.id,
            subject="Invoice charged twice",
            received_at=now,
            next_due_at=now,
        )
        uow.add(complaint)
        uow.commit()
        return complaint.id


def _saved(backend: Backend, complaint_id: uuid.UUID) -> tuple[str, int, int]:
    """Return the subject, priority and version stored for a complaint."""
    with backend.uow() as uow:
        complaint = uow.get(Complaint, complaint_id)
        assert complaint is not None
        return complaint.subject, complaint.priority, complaint.version


def _site(code: str) -> Site:
    return Site(code=code, name=f"Branch {code}", kind="branch")


def test_a_recorded_row_its_audit_event_and_change_log_entry_commit_together(
    backend: Backend,
) -> None:
    before = count_rows(backend, "site", *JOURNAL_TABLES)

    with backend.uow(write=True) as uow:
        site = _site("LYON")
        uow.record(site, "site_added", user_id=None, login="cli")
        uow.commit()

    after = count_rows(backend, "site", *JOURNAL_TABLES)
    assert {table: after[table] - before[table] for table in after} == {
        "site": 1,
        "audit_event": 1,
        "change_log": 1,
    }
    with backend.uow() as uow:
        (entry,) = uow.scalars(select(ChangeLogEntry).where(ChangeLogEntry.entity_id == site.id))
        (event,) = uow.scalars(select(AuditEvent).where(AuditEvent.entity_id == site.id))
        assert (entry.entity, entry.operation, entry.fields["code"]) == ("site", "insert", "LYON")
        assert (event.action, event.login, event.after) == ("site_added", "cli", entry.fields)


def test_a_use_case_that_fails_after_recording_leaves_nothing_behind(backend: Backend) -> None:
    before = count_rows(backend, "site", *JOURNAL_TABLES)

    def add_site_then_fail() -> None:
        with backend.uow(write=True) as uow:
            uow.record(_site("LYON"), "site_added", user_id=None, login="cli")
            raise Boom

    with pytest.raises(Boom):
        add_site_then_fail()

    assert count_rows(backend, "site", *JOURNAL_TABLES) == before


def test_a_use_case_that_never_commits_leaves_nothing_behind(backend: Backend) -> None:
    before = count_rows(backend, "site", *JOURNAL_TABLES)

    with backend.uow(write=True) as uow:
        uow.record(_site("LYON"), "site_added", user_id=None, login="cli")

    assert count_rows(backend, "site", *JOURNAL_TABLES) == before


def test_a_change_is_audited_with_before_and_after_and_logged_with_the_new_values(
    backend: Backend,
) -> None:
    complaint_id = _complaint(backend)

    with backend.uow(write=True) as uow:
        complaint = uow.get(Complaint, complaint_id)
        assert complaint is not None
        complaint.subject = "Invoice charged three times"
        uow.record(complaint, "subject_changed", user_id=None, login="cli")
        uow.commit()

    with backend.uow() as uow:
        (event,) = uow.scalars(select(AuditEvent).where(AuditEvent.action == "subject_changed"))
        (entry,) = uow.scalars(select(ChangeLogEntry).where(ChangeLogEntry.operation == "update"))
        assert event.before is not None
        assert event.after is not None
        assert event.before["subject"] == "Invoice charged twice"
        assert event.after["subject"] == entry.fields["subject"] == "Invoice charged three times"
        assert entry.entity_id == complaint_id


def test_change_log_stamps_rise_and_carry_the_site(backend: Backend) -> None:
    for code in ("LYON", "NANTES", "LILLE"):
        with backend.uow(write=True) as uow:
            uow.record(_site(code), "site_added", user_id=None, login="cli")
            uow.commit()

    with backend.uow() as uow:
        entries = uow.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.recorded_at))
        stamps = [HybridTimestamp.of(entry.hlc) for entry in entries]
        sites = {entry.site_code for entry in entries}
        replica = uow.scalars(select(ReplicaState))[0]
        replica_clock, replica_site = replica.hlc_last, replica.site_code
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)
    assert sites == {replica_site}
    if backend.engine.dialect.name == "sqlite":
        assert replica_clock == int(stamps[-1])  # one writer at a time: the row is the clock
    else:
        assert replica_clock == 0  # writers share no row on the central server


def test_a_new_process_stamps_after_everything_the_change_log_holds(backend: Backend) -> None:
    with backend.uow(write=True) as uow:
        uow.record(_site("LYON"), "site_added", user_id=None, login="cli")
        uow.commit()
    later = unit_of_work_factory(backend.engine)  # another workstation, or after a restart

    with later(write=True) as uow:
        uow.record(_site("NANTES"), "site_added", user_id=None, login="cli")
        uow.commit()

    with backend.uow() as uow:
        entries = uow.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.recorded_at))
    first, second = (HybridTimestamp.of(e.hlc) for e in entries[-2:])
    assert second > first


def test_the_second_of_two_overlapping_saves_is_refused(backend: Backend) -> None:
    complaint_id = _complaint(backend)

    with backend.uow() as first, backend.uow() as second:
        mine = first.get(Complaint, complaint_id)
        theirs = second.get(Complaint, complaint_id)
        assert mine is not None
        assert theirs is not None
        mine.subject = "Charged twice in March"
        first.commit()
        theirs.priority = 1

        with pytest.raises(ConcurrentEditError, match="Someone else saved"):
            second.commit()

    assert _saved(backend, complaint_id) == ("Charged twice in March", 3, 2)


def test_a_save_after_reloading_goes_through(backend: Backend) -> None:
    complaint_id = _complaint(backend)
    for priority in (2, 1):
        with backend.uow() as uow:
            complaint = uow.get(Complaint, complaint_id)
            assert complaint is not None
            complaint.priority = priority
            uow.commit()

    assert _saved(backend, complaint_id) == ("Invoice charged twice", 1, 3)

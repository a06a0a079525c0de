"""Recomputing after an administrator changes a promise: the queue sorted by due date follows,
only what changed is written, and the central server says so for its branches."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from complaintdesk.app import Backend
from complaintdesk.domain.vocabulary import Channel, ContactKind, Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.insight import queues
from complaintdesk.services.promises import catalogue, recompute, scopes
from complaintdesk.services.read_models import QueueKind, QueueRequest
from complaintdesk.storage.models import ChangeLogEntry, Complaint
from complaintdesk.storage.unit_of_work import UnitOfWork

PASSWORD = "correct horse"


@pytest.fixture
def supervisor(backend: Backend, admin_ctx: ServiceContext) -> ServiceContext:
    users.add_user(admin_ctx, "sue", PASSWORD, role=Role.SUPERVISOR, site_code="HQ")
    return ServiceContext(backend.uow, auth.sign_in(backend.uow, "sue", PASSWORD))


def _record(ctx: ServiceContext, channel: Channel, received: datetime, phone: str) -> uuid.UUID:
    new = intake.NewComplaint(
        channel=channel,
        subject=f"By {channel.value}",
        description="",
        customer=CustomerInput(f"Customer {phone}", [(ContactKind.PHONE, phone)]),
        received_at=received,
    )
    return intake.record_complaint(ctx, new).complaint_id


def _by_due(ctx: ServiceContext) -> list[str]:
    page = queues.page(ctx, QueueRequest(QueueKind.ALL_OPEN))
    return [row.reference for row in page.rows]


def _lengthen(admin: ServiceContext, code: str, by: int) -> None:
    policy = next(p for p in catalogue.list_policies(admin) if p.code == code)
    longer = [{**t, "amount": int(t["amount"]) + by} for t in policy.targets["targets"]]
    catalogue.save_targets(
        admin, code, longer, policy.calendar_code, policy.warning_ratio, policy.pauses_on_customer
    )


def _versions(uow: UnitOfWork) -> dict[uuid.UUID, int]:
    rows = uow.execute(select(Complaint.id, Complaint.version))
    return dict(tuple(row) for row in rows)


def _policy_of(admin: ServiceContext, complaint_id: uuid.UUID) -> str:
    targets = complaints.get_detail(admin, complaint_id).targets
    return next(t.policy_name for t in targets if t.kind == "service")


def test_the_queue_by_due_date_follows_a_longer_promise_once_recomputed(
    admin_ctx: ServiceContext, supervisor: ServiceContext
) -> None:
    catalogue.copy_policy(admin_ctx, "iso-10002", "phone-promise", "Phone promise")
    scopes.set_scope(admin_ctx, "phone-promise", {"channels": ["phone"]})
    catalogue.set_active(admin_ctx, "phone-promise", True)
    now = datetime.now(UTC)
    emailed = _record(supervisor, Channel.EMAIL, now - timedelta(hours=2), "+33611111111")
    phoned = _record(supervisor, Channel.PHONE, now - timedelta(minutes=5), "+33622222222")
    refs = {cid: complaints.get_detail(supervisor, cid).reference for cid in (emailed, phoned)}
    assert _policy_of(admin_ctx, emailed) != _policy_of(admin_ctx, phoned)
    assert _by_due(supervisor) == [refs[emailed], refs[phoned]]

    _lengthen(admin_ctx, "iso-10002", by=2)  # the email's promise, not the phone's
    assert _by_due(supervisor) == [refs[emailed], refs[phoned]]  # not recomputed yet
    assert recompute.recompute(admin_ctx) == 1

    assert _by_due(supervisor) == [refs[phoned], refs[emailed]]
    assert recompute.recompute(admin_ctx) == 0


def test_a_recompute_writes_the_changed_complaints_and_one_entry_per_policy(
    backend: Backend, admin_ctx: ServiceContext, supervisor: ServiceContext
) -> None:
    now = datetime.now(UTC)
    ids = [
        _record(supervisor, Channel.EMAIL, now - timedelta(hours=h), f"+3361{h:07}") for h in (1, 2)
    ]
    with backend.uow() as uow:
        versions = _versions(uow)
        logged = len(uow.scalars(select(ChangeLogEntry.id)))
    _lengthen(admin_ctx, "iso-10002", by=1)

    assert recompute.recompute(admin_ctx) == len(ids)

    with backend.uow() as uow:
        assert _versions(uow) == versions
        entries = uow.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.hlc))
        stamped = recompute.last_recomputed(uow)
    new = entries[logged:]
    policy_edit = [e for e in new if "targets" in e.fields]
    stamps = [e for e in new if set(e.fields) == {"recomputed_at"}]
    assert len(policy_edit) == 1  # the administrator's change
    assert stamps
    assert {e.entity for e in stamps} == {"service_level_policy"}
    assert len(new) == len(policy_edit) + len(stamps)  # no entry per complaint or target
    assert stamped is not None
    assert stamped >= now

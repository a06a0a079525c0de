"""The quarantine on both databases: held once with its bytes, decided by a person, audited.

What intake could not turn into a complaint (no sender anybody could answer, bytes that are
not a mail, a broken CSV row) waits here; a supervisor retries it once the cause is fixed,
attaches it to a customer or a complaint by hand, or discards it with a reason.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from complaintdesk.app import Backend
from complaintdesk.channels import quarantine as channel
from complaintdesk.channels.email import eml_sources, ingest_sources
from complaintdesk.domain.errors import NotFound, PermissionDenied, ValidationError
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.complaints import detail
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import quarantine
from complaintdesk.services.inbound.quarantined import ReleaseTarget
from complaintdesk.storage.models import AuditEvent, Complaint, Message, QuarantineItem
from tests.support.mail_factory import make_email

NO_SENDER = (
    b"Subject: Refund please\r\nMessage-ID: <anon-1@mail.example.com>\r\n"
    b"Date: Mon, 2 Mar 2026 09:00:00 +0100\r\n\r\nMy order 778 never came. Jane\r\n"
)


def _count(backend: Backend, model: Any, *where: Any) -> int:
    with backend.uow() as uow:
        found: int = uow.execute(select(func.count()).select_from(model).where(*where)).scalar()
        return found


def _ingest(ctx: ServiceContext, folder: Path, **files: bytes) -> Any:
    folder.mkdir(exist_ok=True)
    for name, raw in files.items():
        (folder / f"{name}.eml").write_bytes(raw)
    return ingest_sources(ctx, eml_sources([folder / f"{name}.eml" for name in files]))


def _person(ctx: ServiceContext, login: str, role: Role) -> ServiceContext:
    users.add_user(ctx, login, "correct horse", role=role, site_code="HQ")
    return ServiceContext(ctx.uow, auth.sign_in(ctx.uow, login, "correct horse"))


def test_a_message_nobody_could_answer_is_held_once_with_its_bytes_and_where_it_came_from(
    backend: Backend, admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    first = _ingest(admin_ctx, tmp_path, anonymous=NO_SENDER)
    again = _ingest(admin_ctx, tmp_path, anonymous=NO_SENDER)

    [held] = first.quarantined
    assert again.quarantined == first.quarantined, "the same item, seen again"
    assert _count(backend, Message) == 0
    [item] = quarantine.list_items(admin_ctx)
    assert (item.channel, item.source_kind, item.problem) == ("email", "eml", "no_sender")
    assert (item.subject, item.external_id) == ("Refund please", "<anon-1@mail.example.com>")
    assert item.source == {"file": str(tmp_path / "anonymous.eml")}
    assert (item.times_seen, item.state, item.size) == (2, "waiting", len(NO_SENDER))
    assert quarantine.raw_of(admin_ctx, item.id) == NO_SENDER, "every byte kept"
    assert quarantine.count_waiting(admin_ctx) == 1
    assert held["quarantine"] == str(item.id)


def test_only_supervisors_and_administrators_see_the_quarantine(
    admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    _ingest(admin_ctx, tmp_path, anonymous=NO_SENDER)
    agent = _person(admin_ctx, "ann", Role.AGENT)
    supervisor = _person(admin_ctx, "sue", Role.SUPERVISOR)

    with pytest.raises(PermissionDenied):
        quarantine.list_items(agent)
    with pytest.raises(PermissionDenied):
        quarantine.count_waiting(agent)
    assert len(quarantine.list_items(supervisor)) == 1


def test_a_supervisor_attaches_an_item_to_a_customer_and_a_complaint_opens_for_them(
    backend: Backend, admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    known = _ingest(admin_ctx, tmp_path, known=make_email(sender="Jane <jane@example.com>"))
    _ingest(admin_ctx, tmp_path, anonymous=NO_SENDER)
    supervisor = _person(admin_ctx, "sue", Role.SUPERVISOR)
    customer_id = _customer_of(backend, known)
    [item] = quarantine.list_items(supervisor)

    released = channel.release_item(supervisor, item.id, ReleaseTarget(customer_id=customer_id))
    twice = pytest.raises(ValidationError, match="already")
    with twice:
        channel.release_item(supervisor, item.id, ReleaseTarget(customer_id=customer_id))

    assert (released.state, released.decided_by) == ("released", "sue")
    assert released.reference is not None
    opened = detail.get_detail(supervisor, released.complaint_id)  # type: ignore[arg-type]
    assert opened.customer_id == customer_id
    assert opened.subject == "Refund please"
    assert "never came" in opened.description
    assert quarantine.list_items(supervisor) == ()
    assert _audited(backend, "quarantine_released") == 1


def _customer_of(backend: Backend, summary: Any) -> Any:
    with backend.uow() as uow:
        [complaint] = uow.scalars(select(Complaint))
        return complaint.customer_id


def _audited(backend: Backend, action: str) -> int:
    return _count(backend, AuditEvent, AuditEvent.action == action)


def test_an_item_attached_to_a_complaint_is_a_customer_message_on_its_timeline(
    backend: Backend, admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    _ingest(admin_ctx, tmp_path, known=make_email())
    _ingest(admin_ctx, tmp_path, anonymous=NO_SENDER)
    with backend.uow() as uow:
        [reference] = uow.scalars(select(Complaint.reference))
    [item] = quarantine.list_items(admin_ctx)

    released = channel.release_item(
        admin_ctx, item.id, ReleaseTarget(complaint_reference=reference.lower())
    )

    assert released.reference == reference
    assert _count(backend, Complaint) == 1
    assert _count(backend, Message, Message.direction == "inbound") == 2
    with backend.uow() as uow:
        message = uow.get(Message, released.message_id)
        assert message is not None
        assert message.external_id == "<anon-1@mail.example.com>"


def test_a_discard_needs_a_reason_and_is_audited(
    backend: Backend, admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    _ingest(admin_ctx, tmp_path, anonymous=NO_SENDER)
    [item] = quarantine.list_items(admin_ctx)

    with pytest.raises(ValidationError, match="why"):
        quarantine.discard(admin_ctx, item.id, "  ")
    discarded = quarantine.discard(admin_ctx, item.id, "spam from a bot")

    assert (discarded.state, discarded.decision_note) == ("discarded", "spam from a bot")
    assert quarantine.list_items(admin_ctx) == ()
    assert [i.state for i in quarantine.list_items(admin_ctx, states=quarantine.STATES)] == [
        "discarded"
    ]
    assert _audited(backend, "quarantine_discarded") == 1
    with pytest.raises(NotFound):
        quarantine.show(admin_ctx, uuid.uuid4())


def test_a_retry_that_still_fails_keeps_the_item_waiting_with_the_reason(
    admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    _ingest(admin_ctx, tmp_path, anonymous=NO_SENDER)
    [item] = quarantine.list_items(admin_ctx)

    result = channel.retry(admin_ctx, item.id)

    assert not result.stored
    assert result.item.state == "waiting"
    assert (result.item.attempts, result.item.problem) == (1, "no_sender")
    assert "no sender address" in (result.reason or "")


def test_a_retry_stores_an_item_once_its_cause_is_fixed_and_again_changes_nothing(
    backend: Backend, admin_ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from complaintdesk.services.inbound import mail

    real = mail.find_thread

    def breaks(*args: Any) -> Any:
        raise RuntimeError("a bug while threading")

    monkeypatch.setattr(mail, "find_thread", breaks)
    summary = _ingest(admin_ctx, tmp_path, faulty=make_email("Parcel lost"))
    monkeypatch.setattr(mail, "find_thread", real)
    [item] = quarantine.list_items(admin_ctx)

    stored = channel.retry(admin_ctx, item.id)
    again = channel.retry(admin_ctx, item.id)

    assert "RuntimeError" in summary.quarantined[0]["reason"]
    assert item.problem == "failed"
    assert stored.stored
    assert again.stored
    assert (stored.item.state, again.item.attempts) == ("stored", 1)
    assert stored.item.reference is not None
    assert _count(backend, Complaint) == 1
    assert _count(backend, Message, Message.direction == "inbound") == 1
    rerun = _ingest(admin_ctx, tmp_path, faulty=make_email("Parcel lost"))
    assert _count(backend, QuarantineItem) == 1
    assert rerun.quarantined == []


def test_the_quarantine_keeps_the_head_of_an_item_too_large_to_keep_whole(
    admin_ctx: ServiceContext,
) -> None:
    raw = b"x" * (quarantine.RAW_LIMIT + 10)
    suspect = quarantine.Suspect(
        "email", "eml", "big.eml", quarantine.Problem.TOO_LARGE, "too large", raw
    )

    held = quarantine.hold(admin_ctx, suspect)
    result = channel.retry(admin_ctx, held.item_id)

    item = quarantine.show(admin_ctx, held.item_id)
    assert (item.size, item.truncated) == (len(raw), True)
    assert len(quarantine.raw_of(admin_ctx, held.item_id)) == quarantine.RAW_LIMIT
    assert not result.stored
    assert "Only the first 10 MB were kept" in (result.reason or "")


def test_erasing_the_customer_an_item_was_attached_to_erases_what_the_item_kept(
    backend: Backend, admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    from complaintdesk.services.privacy import subject_rights

    known = _ingest(admin_ctx, tmp_path, known=make_email(sender="Jane <jane@example.com>"))
    _ingest(admin_ctx, tmp_path, anonymous=NO_SENDER)
    customer_id = _customer_of(backend, known)
    [item] = quarantine.list_items(admin_ctx)
    channel.release_item(admin_ctx, item.id, ReleaseTarget(customer_id=customer_id))

    subject_rights.erase_customer(admin_ctx, customer_id, "asked by the customer")

    erased = quarantine.show(admin_ctx, item.id)
    assert (erased.sender, erased.subject) == (None, None)
    assert quarantine.raw_of(admin_ctx, item.id) == b""


def test_a_message_over_the_size_limit_is_refused_unread_its_head_kept_with_the_reason(
    backend: Backend, admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    from complaintdesk.services.inbound.email_message import IngestOptions

    raw = make_email(attachments=(("scan.pdf", "application/pdf", b"%PDF" * 5000),))
    (tmp_path / "big.eml").write_bytes(raw)

    summary = ingest_sources(
        admin_ctx, eml_sources([tmp_path / "big.eml"]), IngestOptions(max_message_bytes=4096)
    )

    [held] = summary.quarantined
    assert "larger than the 4 KB limit for one message" in held["reason"]
    [item] = quarantine.list_items(admin_ctx)
    assert (item.problem, item.size, item.truncated) == ("too_large", len(raw), False)
    assert _count(backend, Message) == 0

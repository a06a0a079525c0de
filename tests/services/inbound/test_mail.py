"""Email in, on both databases: threading, robots, attachments, files, crashes, the corpus."""

from __future__ import annotations

import io
import json
import mailbox
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.channels.email import eml_sources, ingest_sources, mbox_sources
from complaintdesk.channels.email.parsing import parse
from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.vocabulary import Outcome, Role, Status
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints import lifecycle, ownership
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import batches, mail
from complaintdesk.services.inbound.email_message import IngestOptions, NoUsableSender
from complaintdesk.services.inbound.storing import Handling, IngestOutcome
from complaintdesk.services.outbound import outbox
from complaintdesk.storage.models import Attachment, AttachmentContent, Complaint, Message
from tests.conftest import SHARED_DATA
from tests.support.mail_factory import make_email, out_of_office

CORPUS = SHARED_DATA / "emails"


def _ingest(ctx: ServiceContext, raw: bytes, **options: Any) -> IngestOutcome:
    return mail.ingest_email(ctx, parse(raw), IngestOptions(**options))


def _count(backend: Backend, model: Any, *where: Any) -> int:
    with backend.uow() as uow:
        found: int = uow.execute(select(func.count()).select_from(model).where(*where)).scalar()
        return found


def _message(backend: Backend, message_id: Any) -> Message:
    with backend.uow() as uow:
        found = uow.get(Message, message_id)
        assert found is not None
        return found


def _complaint(backend: Backend, complaint_id: Any) -> Complaint:
    with backend.uow() as uow:
        found = uow.get(Complaint, complaint_id)
        assert found is not None
        return found


def test_a_new_email_opens_a_complaint_for_the_sender_and_queues_an_acknowledgement(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    raw = make_email(
        html="<p>Hello,<br>I was <b>charged twice</b>.</p><ul><li>order 1234</li></ul>"
    )

    outcome = _ingest(admin_ctx, raw)

    assert outcome.handling is Handling.OPENED
    assert outcome.reference is not None
    assert outcome.reference.startswith("HQ-")
    detail = complaints.get_detail(admin_ctx, outcome.complaint_id)  # type: ignore[arg-type]
    assert detail.subject == "Double charge on my card"
    assert [c.value for c in detail.contacts] == ["jane@example.com"]
    first = _message(backend, outcome.message_id)
    assert first.sender == "jane@example.com"
    assert first.body_original is not None
    assert "<b>charged twice</b>" in first.body_original
    queued = outbox.list_outbox(admin_ctx)
    assert [(q.reference, q.recipient, q.state) for q in queued] == [
        (outcome.reference, "jane@example.com", "queued")
    ]
    acknowledgement = _message(backend, outcome.acknowledgement_id)
    assert acknowledgement.in_reply_to == first.external_id
    assert outcome.reference in (acknowledgement.subject or "")


def test_the_same_sender_is_the_same_customer_whatever_the_case_of_the_address(
    admin_ctx: ServiceContext,
) -> None:
    first = _ingest(admin_ctx, make_email(sender="Jane <Jane@Example.COM>"))
    second = _ingest(admin_ctx, make_email("Another problem", sender="jane@example.com"))

    one = complaints.get_detail(admin_ctx, first.complaint_id)  # type: ignore[arg-type]
    two = complaints.get_detail(admin_ctx, second.complaint_id)  # type: ignore[arg-type]
    assert one.customer_id == two.customer_id
    assert one.reference != two.reference


def test_a_reply_with_the_reference_in_the_subject_threads_to_its_complaint(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    opened = _ingest(admin_ctx, make_email())

    reply = _ingest(
        admin_ctx,
        make_email(f"RE: [{opened.reference.lower()}] still nothing", "Any news?"),  # type: ignore[union-attr]
    )

    assert reply.handling is Handling.THREADED
    assert reply.complaint_id == opened.complaint_id
    assert _count(backend, Complaint) == 1
    assert _count(backend, Message, Message.delivery_state == "queued") == 1  # no second ack


def test_a_reply_to_our_acknowledgement_threads_by_its_headers(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    opened = _ingest(admin_ctx, make_email())
    ours = _message(backend, opened.acknowledgement_id).external_id

    reply = _ingest(
        admin_ctx, make_email("Re: your message", "Thanks.", in_reply_to=ours, references=ours)
    )

    assert reply.handling is Handling.THREADED
    assert reply.complaint_id == opened.complaint_id


def test_an_auto_reply_is_recorded_on_its_complaint_and_never_answered(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    opened = _ingest(admin_ctx, make_email())
    ours = _message(backend, opened.acknowledgement_id).external_id
    assert ours is not None

    robot = _ingest(admin_ctx, out_of_office(ours, "We have received your complaint"))
    bounce = _ingest(
        admin_ctx,
        make_email(
            "Mail delivery failed",
            "Could not deliver.",
            sender="MAILER-DAEMON@mail.example.com",
            headers={"Precedence": "bulk"},
        ),
    )

    assert robot.handling is Handling.AUTOMATIC
    assert robot.complaint_id == opened.complaint_id
    assert bounce.handling is Handling.AUTOMATIC
    assert bounce.complaint_id is None
    assert _message(backend, robot.message_id).automatic
    assert _count(backend, Complaint) == 1
    assert _count(backend, Message, Message.direction == "outbound") == 1  # only the first ack
    assert _complaint(backend, opened.complaint_id).status == Status.NEW.value


def test_an_oversized_attachment_is_refused_with_its_reason_and_the_message_kept(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    small, large = b"%PDF-1.4 small", b"x" * 5000
    raw = make_email(
        attachments=(
            ("invoice.pdf", "application/pdf", small),
            ("photo.jpg", "image/jpeg", large),
            ("copy.pdf", "application/pdf", small),
        )
    )

    outcome = _ingest(admin_ctx, raw, max_attachment_bytes=1024)

    with backend.uow() as uow:
        rows = uow.scalars(select(Attachment).where(Attachment.message_id == outcome.message_id))
        by_name = {a.filename: a for a in rows}
    assert set(by_name) == {"invoice.pdf", "photo.jpg", "copy.pdf"}
    assert by_name["photo.jpg"].sha256 is None
    assert by_name["photo.jpg"].size == 5000
    assert "larger than" in (by_name["photo.jpg"].refused_reason or "")
    assert by_name["invoice.pdf"].sha256 == by_name["copy.pdf"].sha256
    assert by_name["invoice.pdf"].refused_reason is None
    assert _count(backend, AttachmentContent) == 1  # the same bytes are stored once
    assert outcome.handling is Handling.OPENED


def test_the_default_limit_refuses_an_attachment_over_ten_megabytes(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    raw = make_email(attachments=(("scan.tif", "image/tiff", b"\0" * (10 * 1024 * 1024 + 1)),))

    outcome = _ingest(admin_ctx, raw)

    refused = _count(
        backend,
        Attachment,
        Attachment.message_id == outcome.message_id,
        Attachment.refused_reason.is_not(None),
    )
    assert refused == 1
    assert _count(backend, AttachmentContent) == 0


def _settle(ctx: ServiceContext, complaint_id: Any, target: Status) -> None:
    users.add_user(ctx, "ann", "correct horse", role=Role.AGENT, site_code="HQ")
    agent = ServiceContext(ctx.uow, auth.sign_in(ctx.uow, "ann", "correct horse"))
    organisation.add_root_cause(ctx, "billing-error", "Billing error", None)
    ownership.take(agent, complaint_id, complaints.get_detail(agent, complaint_id).version)
    version = complaints.get_detail(agent, complaint_id).version
    resolution = Resolution(Outcome.UPHELD, "Refunded", "billing-error")
    lifecycle.resolve(agent, complaint_id, resolution, version)
    if target is Status.CLOSED:
        version = complaints.get_detail(agent, complaint_id).version
        lifecycle.change_status(agent, complaint_id, Status.CLOSED, version)


def test_a_reply_on_a_resolved_complaint_reopens_it(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    opened = _ingest(admin_ctx, make_email())
    _settle(admin_ctx, opened.complaint_id, Status.RESOLVED)

    reply = _ingest(admin_ctx, make_email(f"Re: [{opened.reference}] not refunded"))

    assert reply.handling is Handling.THREADED
    assert _complaint(backend, opened.complaint_id).status == Status.IN_PROGRESS.value


def test_a_reply_long_after_closing_opens_a_new_linked_complaint(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    opened = _ingest(admin_ctx, make_email())
    _settle(admin_ctx, opened.complaint_id, Status.CLOSED)
    with backend.engine.begin() as connection:
        connection.execute(
            text("UPDATE complaint SET closed_at = :long_ago WHERE id = :id"),
            {"long_ago": "2020-01-01 00:00:00", "id": _id_param(backend, opened.complaint_id)},
        )

    reply = _ingest(admin_ctx, make_email(f"Re: [{opened.reference}] it happened again"))

    assert reply.handling is Handling.OPENED
    assert reply.complaint_id != opened.complaint_id
    assert _complaint(backend, reply.complaint_id).linked_complaint_id == opened.complaint_id
    assert _complaint(backend, opened.complaint_id).status == Status.CLOSED.value


def _id_param(backend: Backend, value: Any) -> Any:
    return value.hex if backend.engine.dialect.name == "sqlite" else value


def test_a_message_without_sender_is_refused_by_the_service_and_nothing_is_stored(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    raw = b"Subject: who am I\r\nMessage-ID: <anon@x>\r\n\r\nNo sender here.\r\n"

    with pytest.raises(NoUsableSender, match="no sender"):
        _ingest(admin_ctx, raw)

    assert _count(backend, Message) == 0


def _write_mbox(path: Path, messages: list[bytes]) -> None:
    box = mailbox.mbox(path)
    for raw in messages:
        box.add(raw)
    box.flush()
    box.close()


def test_an_ingestion_killed_in_the_middle_loses_nothing_and_duplicates_nothing_on_rerun(
    backend: Backend, admin_ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages = [make_email(f"Problem number {n}", sender=f"c{n}@example.com") for n in range(8)]
    path = tmp_path / "inbox.mbox"
    _write_mbox(path, messages)
    real = outbox.queue_acknowledgement
    calls = {"n": 0}

    def dies_at_the_fifth(*args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 5:  # mid-transaction of the 5th message: as if the process died
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(outbox, "queue_acknowledgement", dies_at_the_fifth)
    monkeypatch.setattr(batches, "BATCH_ITEMS", 3)  # committed by three: 1-3, then 4-6 open
    with pytest.raises(KeyboardInterrupt):
        ingest_sources(admin_ctx, mbox_sources(path))
    assert _count(backend, Complaint) == 3  # the batch the 5th was in is rolled back whole
    monkeypatch.setattr(outbox, "queue_acknowledgement", real)

    rerun = ingest_sources(admin_ctx, mbox_sources(path))

    assert (rerun.read, rerun.ingested, rerun.duplicates) == (8, 5, 3)
    assert _count(backend, Complaint) == 8
    assert _count(backend, Message, Message.direction == "inbound") == 8
    assert _count(backend, Message, Message.direction == "outbound") == 8


def test_bad_inputs_are_each_accounted_for_and_crash_nothing(
    admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    (tmp_path / "empty.eml").write_bytes(b"")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "ok.eml").write_bytes(make_email())
    (tmp_path / "empty-folder").mkdir()
    unreadable = tmp_path / "secret.eml"
    unreadable.write_bytes(make_email())
    unreadable.chmod(0o000)
    paths = [tmp_path / n for n in ("empty.eml", "junk.bin", "folder", "empty-folder")]
    paths += [unreadable, tmp_path / "missing.eml"]

    summary = ingest_sources(admin_ctx, eml_sources(paths))

    reasons = {Path(r["file"]).name: r["reason"] for r in summary.rejected}
    held = {Path(r["file"]).name: r["reason"] for r in summary.quarantined}
    assert summary.read == 6
    assert summary.ingested + summary.duplicates + len(summary.rejected) + len(held) == 6
    assert "empty" in reasons["empty.eml"]
    assert held == {"junk.bin": "not an email message: no header found"}, "kept, with its bytes"
    assert "empty folder" in reasons["empty-folder"]
    assert "no such file" in reasons["missing.eml"]
    assert summary.ingested == 1 + ("secret.eml" not in reasons)  # root reads it anyway


def test_an_mbox_that_is_not_one_is_rejected(admin_ctx: ServiceContext, tmp_path: Path) -> None:
    not_mbox = tmp_path / "letter.eml"
    not_mbox.write_bytes(make_email())

    summary = ingest_sources(admin_ctx, mbox_sources(not_mbox))

    assert summary.read == 1
    assert "not an mbox" in summary.rejected[0]["reason"]


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.run(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_every_message_of_the_shared_corpus_is_accounted_for_and_a_rerun_adds_nothing(
    backend: Backend,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    cli_sign_in(backend.settings.database_url)
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file())
    assert len(files) > 100, "the shared email corpus is missing"
    url = backend.settings.database_url
    argv = ["ingest", "eml", *map(str, files), "--database", url, "--json"]

    first = _run(monkeypatch, capsys, *argv)
    second = _run(monkeypatch, capsys, *argv)

    held = first["quarantined"]
    assert first["read"] == len(files)
    assert first["read"] == (
        first["ingested"] + first["duplicates"] + len(first["rejected"]) + len(held)
    )
    assert {r["file"] for r in first["rejected"] + held} <= set(map(str, files))
    assert [r["reason"] for r in first["rejected"]] == ["empty file: no message in it"]
    assert not [r for r in held if "failed" in r["reason"] or "could not" in r["reason"]]
    assert first["complaints"] > 50
    assert first["automatic"] >= 5  # the delivery reports and auto-generated warnings
    assert second["ingested"] == 0
    assert second["duplicates"] == first["ingested"] + first["duplicates"]
    assert second["rejected"] == first["rejected"]
    assert second["quarantined"] == held, "the same items, seen again"


def test_a_message_id_reused_by_a_different_message_keeps_both_and_flags_the_second(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    def email(sender: str, text: str) -> bytes:
        return make_email("Refund", text, sender=sender, message_id="<same@mail.example.com>")

    first = _ingest(admin_ctx, email("ann@example.com", "Order 1 never came."))
    other = _ingest(admin_ctx, email("bob@example.com", "Order 2 was broken."))
    again = _ingest(admin_ctx, email("bob@example.com", "Order 2 was broken."))
    copy = _ingest(admin_ctx, email("ann@example.com", "Order 1 never came."))

    assert [o.handling for o in (first, other, again, copy)] == [
        Handling.OPENED,
        Handling.OPENED,
        Handling.DUPLICATE,
        Handling.DUPLICATE,
    ]
    assert (first.id_clash, other.id_clash) == (False, True)
    assert again.message_id == other.message_id
    assert copy.message_id == first.message_id
    kept = _message(backend, other.message_id)
    assert kept.id_clash
    assert (kept.external_id or "").startswith("<same@mail.example.com>#")
    assert _count(backend, Message, Message.direction == "inbound") == 2
    answer = _message(backend, other.acknowledgement_id)
    assert answer.in_reply_to == "<same@mail.example.com>", "answers the customer's own id"

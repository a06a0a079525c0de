"""Mail taken in by batches, on both databases: one bad message fails alone, nothing twice.

A file of mail is stored a few hundred messages per transaction, each message in a savepoint
of its own. Here batches are three messages long, and the fourth message (the middle of the
second batch) goes wrong in each way a message can: it is quarantined with its reason, every
other message is stored once with its acknowledgement, the audit trail still verifies, and a
second run stores nothing more.
"""

from __future__ import annotations

import mailbox
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from complaintdesk.app import Backend
from complaintdesk.channels.email import ingest_sources, mbox_sources
from complaintdesk.domain.errors import TransactionConflict
from complaintdesk.services.admin.audit_trail import verify_audit_trail
from complaintdesk.services.complaints import notifications
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import batches, quarantine
from complaintdesk.services.inbound.email_message import IngestOptions
from complaintdesk.services.outbound import outbox
from complaintdesk.storage.models import AuditEvent, Complaint, Message
from tests.support.intake_world import BROKEN_TEMPLATE, administrator, set_template
from tests.support.mail_factory import make_email

COUNT, BAD = 7, 4
"""Seven messages; the fourth is the one that goes wrong."""


def _messages(bad: bytes | None = None) -> list[bytes]:
    found = [
        make_email(f"Problem {n}", f"Order {n} went wrong.", sender=f"c{n}@example.com")
        for n in range(1, COUNT + 1)
    ]
    if bad is not None:
        found[BAD - 1] = bad
    return found


def _mbox(tmp_path: Path, messages: list[bytes]) -> Path:
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(path)
    for raw in messages:
        box.add(raw)
    box.flush()
    box.close()
    return path


def _count(backend: Backend, model: Any, *where: Any) -> int:
    with backend.uow() as uow:
        found: int = uow.execute(select(func.count()).select_from(model).where(*where)).scalar()
        return found


def _subjects(backend: Backend) -> list[str]:
    with backend.uow() as uow:
        return sorted(uow.scalars(select(Complaint.subject)))


@pytest.fixture(autouse=True)
def _batches_of_three(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batches, "BATCH_ITEMS", 3)


NOT_A_MESSAGE = b"\x00\x01\x02 this is not mail at all \xff\xfe"
NO_SENDER = b"Subject: lost parcel\r\nMessage-ID: <anon@x.example>\r\n\r\nNo sender here.\r\n"
LARGE = make_email("Scans", "See the scans. " * 40_000, sender="c4@example.com")


@pytest.mark.parametrize(
    ("bad", "problem", "limit"),
    [
        (NOT_A_MESSAGE, "not_a_message", None),
        (NO_SENDER, "no_sender", None),
        (LARGE, "too_large", len(LARGE) - 1),
    ],
    ids=["malformed", "no-sender", "oversized"],
)
def test_a_bad_message_in_a_batch_is_quarantined_alone_and_the_others_stored_once(
    backend: Backend,
    admin_ctx: ServiceContext,
    tmp_path: Path,
    bad: bytes,
    problem: str,
    limit: int | None,
) -> None:
    path = _mbox(tmp_path, _messages(bad))
    options = IngestOptions(max_message_bytes=limit) if limit else IngestOptions()

    first = ingest_sources(admin_ctx, mbox_sources(path), options)
    again = ingest_sources(admin_ctx, mbox_sources(path), options)

    expected = sorted(f"Problem {n}" for n in range(1, COUNT + 1) if n != BAD)
    assert _subjects(backend) == expected
    assert (first.read, first.ingested, len(first.quarantined)) == (COUNT, COUNT - 1, 1)
    assert first.quarantined[0]["file"].endswith(f"#{BAD}")
    [held] = quarantine.list_items(admin_ctx)
    assert (held.problem, held.times_seen) == (problem, 2), "held once, seen again"
    assert (again.ingested, again.duplicates, len(again.quarantined)) == (0, COUNT - 1, 1)
    assert len(outbox.list_outbox(admin_ctx)) == COUNT - 1, "one acknowledgement each"
    assert verify_audit_trail(admin_ctx, checkpoint=False).ok


def test_a_message_that_fails_after_writing_leaves_nothing_of_it_and_the_batch_goes_on(
    backend: Backend,
    admin_ctx: ServiceContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _mbox(tmp_path, _messages())
    real = outbox.queue_acknowledgement

    def breaks_on_the_fourth(uow: Any, actor: Any, complaint: Complaint, *rest: Any) -> Any:
        if complaint.subject == f"Problem {BAD}":  # its customer and complaint are written
            raise RuntimeError("a bug in the middle of a message")
        return real(uow, actor, complaint, *rest)

    monkeypatch.setattr(outbox, "queue_acknowledgement", breaks_on_the_fourth)
    summary = ingest_sources(admin_ctx, mbox_sources(path))

    assert f"Problem {BAD}" not in _subjects(backend)
    assert len(_subjects(backend)) == COUNT - 1
    assert [q["file"].endswith(f"#{BAD}") for q in summary.quarantined] == [True]
    assert "could not be stored" in summary.quarantined[0]["reason"]
    assert _count(backend, Message, Message.sender == f"c{BAD}@example.com") == 0
    with backend.uow() as uow:
        actions = uow.scalars(select(AuditEvent.action).where(AuditEvent.complaint_id.is_not(None)))
    assert actions.count("complaint_recorded") == COUNT - 1, "no audit of what was undone"
    assert verify_audit_trail(admin_ctx, checkpoint=False).ok


def test_a_broken_template_holds_every_acknowledgement_of_the_batch_and_tells_once(
    backend: Backend, admin_ctx: ServiceContext, tmp_path: Path
) -> None:
    admin = administrator(admin_ctx)
    set_template(backend, BROKEN_TEMPLATE)

    summary = ingest_sources(admin_ctx, mbox_sources(_mbox(tmp_path, _messages())))

    assert (summary.ingested, summary.quarantined) == (COUNT, [])
    assert [h.state for h in outbox.list_outbox(admin_ctx)] == ["held"] * COUNT
    assert [n.kind for n in notifications.unread(admin)] == ["acknowledgement_held"]


def test_a_batch_lost_to_another_writer_is_stored_again_one_message_at_a_time(
    backend: Backend,
    admin_ctx: ServiceContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = batches.StoreBatch.commit
    lost = {"n": 0}

    def loses_the_first(self: batches.StoreBatch) -> None:
        if lost["n"] == 0 and self.pending:
            lost["n"] += 1
            self.abandon()
            raise TransactionConflict("Another change came in between.")
        real(self)

    monkeypatch.setattr(batches.StoreBatch, "commit", loses_the_first)
    summary = ingest_sources(admin_ctx, mbox_sources(_mbox(tmp_path, _messages())))

    assert lost["n"] == 1
    assert (summary.read, summary.ingested, summary.complaints) == (COUNT, COUNT, COUNT)
    assert _count(backend, Complaint) == COUNT
    assert _count(backend, Message, Message.direction == "outbound") == COUNT
    assert verify_audit_trail(admin_ctx, checkpoint=False).ok

"""The customer as co-producer, with real mail servers on loopback, on both databases.

Léa's email opens a complaint; Ann asks her for her March bank statement within three days.
Before the due date ``complaintdesk followups`` queues the reminder, the real SMTP
server receives it (in French, threaded on her email); her answer with the statement
attached comes back through the real IMAP server and is proposed to Ann as fulfilling the
commitment; Ann confirms. A second commitment is left to pass its due date: the pause it
caused ends, the promise clock runs again, and Ann is told.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.channels.email import poll_mailboxes, send_outbox
from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.vocabulary import Outcome, Role, Status
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import commitments, detail, lifecycle, ownership
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.outbound import mailboxes
from complaintdesk.services.outbound.mailboxes import MailboxSpec
from complaintdesk.storage.models import Complaint, CustomerCommitment, Notification
from complaintdesk.storage.secrets import Secrets
from tests.support.mail_factory import make_email
from tests.support.mail_servers import IMAP_PASSWORD, IMAP_USER, ImapServer, SmtpServer

OUR_ADDRESS = "reclamations@example.org"
LEA = "Léa Martin <lea.martin@exemple.fr>"
PASSWORD = "correct horse"


def _configure(ctx: ServiceContext, backend: Backend, imap: ImapServer, smtp: SmtpServer) -> str:
    folder = imap.new_folder()
    spec = MailboxSpec(
        name="reclamations",
        host=imap.host,
        port=imap.port,
        username=IMAP_USER,
        tls="none",
        folders=[folder],
        smtp_host=smtp.host,
        smtp_port=smtp.port,
        smtp_tls="none",
        from_address=OUR_ADDRESS,
    )
    mailboxes.add_mailbox(
        ctx, spec, IMAP_PASSWORD, Secrets(backend.settings.data_dir, use_keyring=False)
    )
    return folder


def _followups(database_url: str, at: datetime, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert cli.run(["followups", "--at", at.isoformat(), "--database", database_url, "--json"]) == 0
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


def _version(ctx: ServiceContext, complaint_id: Any) -> int:
    return detail.get_detail(ctx, complaint_id).version


def _notified(ctx: ServiceContext) -> list[str]:
    with ctx.uow() as uow:
        return uow.scalars(
            select(Notification.kind).where(Notification.user_id == ctx.actor.user_id)
        )


def test_a_commitment_reminds_itself_by_email_and_a_reply_with_its_document_proposes_it_fulfilled(
    backend: Backend,
    database_url: str,
    admin_ctx: ServiceContext,
    imap_server: ImapServer,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
    cli_sign_in: Any,
) -> None:
    data_dir = backend.settings.data_dir
    cli_sign_in(database_url)  # the schedule's command line runs as an administrator
    folder = _configure(admin_ctx, backend, imap_server, smtp_server)
    users.add_user(admin_ctx, "ann", PASSWORD, role=Role.AGENT, site_code="HQ")
    ann = ServiceContext(backend.uow, auth.sign_in(backend.uow, "ann", PASSWORD))
    organisation.add_root_cause(admin_ctx, "process", "Process failure", None)
    first = make_email(
        "Prélèvement en double",
        "Bonjour, mon abonnement a été prélevé deux fois en mars. Merci de me rembourser.",
        sender=LEA,
    )
    imap_server.append(folder, first)
    poll_mailboxes(admin_ctx, data_dir)
    send_outbox(admin_ctx, data_dir)  # the acknowledgement
    with backend.uow() as uow:
        [complaint] = uow.scalars(select(Complaint))
    ownership.take(ann, complaint.id, _version(ann, complaint.id))
    lifecycle.change_status(ann, complaint.id, Status.IN_PROGRESS, _version(ann, complaint.id))
    due = datetime.now(UTC) + timedelta(days=3)
    statement = commitments.add(
        ann, complaint.id, "Envoyer le relevé bancaire de mars", due, _version(ann, complaint.id)
    )

    # Before the due date (half-way for a three-day delay), the reminder leaves on her channel.
    [asked] = detail.get_detail(ann, complaint.id).commitments
    assert asked.next_reminder_at is not None
    before = asked.next_reminder_at + timedelta(minutes=1)
    assert before < due - timedelta(days=1)
    assert _followups(database_url, before, monkeypatch)["reminders"] == 1
    sent = send_outbox(admin_ctx, data_dir)

    assert (sent.sent, sent.failed) == (1, 0)
    reminder = smtp_server.received[-1]
    assert reminder["Subject"] == (
        f"[{complaint.reference}] Rappel : nous attendons un élément de votre part"
    )
    assert reminder["To"] == "lea.martin@exemple.fr"
    assert reminder["Content-Language"] == "fr"
    assert reminder["In-Reply-To"] == first_id(first)
    assert "Envoyer le relevé bancaire de mars" in reminder.get_content()
    shown = detail.get_detail(ann, complaint.id)
    assert [c.reminders_sent for c in shown.commitments] == [1]
    assert any(m.subject == reminder["Subject"] for m in shown.messages), "in the timeline"

    # Her answer, with the statement attached, comes back through the IMAP server.
    answer = make_email(
        f"Re: {reminder['Subject']}",
        "Voici le relevé demandé.",
        sender=LEA,
        in_reply_to=reminder["Message-ID"],
        attachments=(("releve-mars.pdf", "application/pdf", b"%PDF-1.4 releve"),),
    )
    imap_server.append(folder, answer)
    poll_mailboxes(admin_ctx, data_dir)

    [proposed] = detail.get_detail(ann, complaint.id).commitments
    assert proposed.proposed_at is not None
    assert proposed.state == "open", "proposed to the owner, never settled on its own"
    assert "commitment_delivered" in _notified(ann)
    commitments.fulfil(ann, statement)
    assert detail.get_detail(ann, complaint.id).status is Status.IN_PROGRESS

    # A second commitment passes its due date: its pause ends and Ann is told.
    soon = datetime.now(UTC) + timedelta(minutes=30)
    commitments.add(ann, complaint.id, "Confirmer l'IBAN", soon, _version(ann, complaint.id))
    assert detail.get_detail(ann, complaint.id).status is Status.WAITING_ON_CUSTOMER

    late = _followups(database_url, soon + timedelta(hours=1), monkeypatch)

    assert (late["overdue"], late["pauses_ended"]) == (1, 1)
    shown = detail.get_detail(ann, complaint.id)
    assert shown.status is Status.IN_PROGRESS
    assert "commitment_overdue" in _notified(ann)
    with backend.uow() as uow:
        stored = uow.get(Complaint, complaint.id)
        assert stored is not None
        assert stored.paused_since is None
        overdue = uow.scalars(
            select(CustomerCommitment).where(CustomerCommitment.overdue_at.is_not(None))
        )
        assert [c.description for c in overdue] == ["Confirmer l'IBAN"]
    resolution = Resolution(Outcome.UPHELD, "Remboursé.", "process")
    lifecycle.resolve(ann, complaint.id, resolution, _version(ann, complaint.id))


def first_id(raw: bytes) -> str:
    from email import message_from_bytes, policy

    value = message_from_bytes(raw, policy=policy.default)["Message-ID"]
    return str(value)

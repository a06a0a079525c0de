"""The email channel against real servers on loopback: pymap (IMAP) and aiosmtpd (SMTP)."""

from __future__ import annotations

import io
import json
import sys
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.channels.email import poll_mailboxes, send_outbox
from complaintdesk.channels.email.intake import IngestSummary
from complaintdesk.domain.customers.language import long_date
from complaintdesk.services.complaints import detail
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import batches
from complaintdesk.services.outbound import mailboxes, outbox
from complaintdesk.services.outbound.mailboxes import MailboxSettings, MailboxSpec
from complaintdesk.storage.models import Complaint, Mailbox, Message
from complaintdesk.storage.secrets import Secrets
from tests.support.mail_factory import make_email, out_of_office
from tests.support.mail_servers import IMAP_PASSWORD, IMAP_USER, ImapServer, SmtpServer

OUR_ADDRESS = "complaints@example.org"
FRENCH = (
    "Facture prélevée deux fois",
    "Bonjour, ma facture de mars a été prélevée deux fois. Merci de me rembourser. Cordialement",
)


@pytest.fixture
def folder(imap_server: ImapServer) -> str:
    """A folder of this test's own on the IMAP server."""
    return imap_server.new_folder()


def _configure(
    ctx: ServiceContext,
    backend: Backend,
    imap: ImapServer,
    folder: str,
    smtp: SmtpServer | None = None,
) -> MailboxSettings:
    spec = MailboxSpec(
        name="complaints",
        host=imap.host,
        port=imap.port,
        username=IMAP_USER,
        tls="none",
        folders=[folder],
        smtp_host=smtp.host if smtp else None,
        smtp_port=smtp.port if smtp else None,
        smtp_tls="none",
        from_address=OUR_ADDRESS,
    )
    secrets = Secrets(backend.settings.data_dir, use_keyring=False)
    return mailboxes.add_mailbox(ctx, spec, IMAP_PASSWORD, secrets)


def _poll(ctx: ServiceContext, backend: Backend) -> IngestSummary:
    return poll_mailboxes(ctx, backend.settings.data_dir)


def _count(backend: Backend, model: Any, *where: Any) -> int:
    with backend.uow() as uow:
        found: int = uow.execute(select(func.count()).select_from(model).where(*where)).scalar()
        return found


def _only_complaint(backend: Backend) -> Complaint:
    with backend.uow() as uow:
        found: list[Complaint] = uow.scalars(select(Complaint))
        assert len(found) == 1
        return found[0]


def test_polling_fetches_new_mail_once_and_leaves_it_unread(
    backend: Backend, admin_ctx: ServiceContext, imap_server: ImapServer, folder: str
) -> None:
    _configure(admin_ctx, backend, imap_server, folder)
    imap_server.append(folder, *(make_email(f"Problem {n}") for n in range(3)))

    first = _poll(admin_ctx, backend)
    again = _poll(admin_ctx, backend)
    imap_server.append(folder, make_email("One more problem"))
    third = _poll(admin_ctx, backend)

    assert (first.read, first.complaints, first.errors) == (3, 3, [])
    assert (again.read, again.ingested) == (0, 0)
    assert (third.read, third.complaints) == (1, 1)
    assert _count(backend, Complaint) == 4
    client = imap_server.client()
    try:
        client.select(folder, readonly=True)
        _, flags = client.fetch("1:*", "(FLAGS)")
    finally:
        client.logout()
    assert not [f for f in flags if b"\\Seen" in f]


def test_a_renumbered_folder_is_read_again_without_storing_anything_twice(
    backend: Backend, admin_ctx: ServiceContext, imap_server: ImapServer, folder: str
) -> None:
    _configure(admin_ctx, backend, imap_server, folder)
    kept = [make_email("First"), make_email("Second")]
    imap_server.append(folder, *kept)
    _poll(admin_ctx, backend)
    before = imap_server.uidvalidity(folder)

    imap_server.delete(folder)
    imap_server.create(folder)
    imap_server.append(folder, *kept, make_email("Third"))
    after = _poll(admin_ctx, backend)

    assert imap_server.uidvalidity(folder) != before
    assert (after.read, after.duplicates, after.complaints) == (3, 2, 1)
    assert _count(backend, Complaint) == 3


def test_a_poll_killed_in_the_middle_loses_and_duplicates_nothing_when_rerun(
    backend: Backend,
    admin_ctx: ServiceContext,
    imap_server: ImapServer,
    folder: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _configure(admin_ctx, backend, imap_server, folder)
    imap_server.append(folder, *(make_email(f"Problem {n}") for n in range(5)))
    real = outbox.queue_acknowledgement
    calls = {"n": 0}

    def dies_at_the_third(*args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # as if the process were killed mid-transaction
        return real(*args)

    monkeypatch.setattr(outbox, "queue_acknowledgement", dies_at_the_third)
    monkeypatch.setattr(batches, "BATCH_ITEMS", 2)  # 1-2 committed, the 3rd's batch lost
    with pytest.raises(KeyboardInterrupt):
        _poll(admin_ctx, backend)
    monkeypatch.setattr(outbox, "queue_acknowledgement", real)
    assert _count(backend, Complaint) == 2

    rerun = _poll(admin_ctx, backend)

    assert (rerun.read, rerun.complaints, rerun.duplicates) == (3, 3, 0)
    assert _count(backend, Complaint) == 5
    assert _count(backend, Message, Message.direction == "inbound") == 5


def _cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_configures_a_mailbox_and_polls_it_without_storing_the_password(
    backend: Backend,
    imap_server: ImapServer,
    folder: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    cli_sign_in(backend.settings.database_url)
    url = backend.settings.database_url
    imap_server.append(folder, make_email(), make_email("Second"))
    add = ["mailbox", "add", "support", "--host", imap_server.host, "--port"]
    add += [str(imap_server.port), "--user", IMAP_USER, "--tls", "none", "--folder", folder]
    add += ["--from", OUR_ADDRESS, "--database", url, "--json"]

    code, out, err = _cli(monkeypatch, capsys, *add, stdin=IMAP_PASSWORD + "\n")
    assert code == 0, err
    added = json.loads(out)
    poll = ["ingest", "imap", "--once", "--database", url, "--json"]
    first = json.loads(_cli(monkeypatch, capsys, *poll)[1])
    second = json.loads(_cli(monkeypatch, capsys, *poll)[1])

    assert added["folders"] == [folder]
    assert added["password_ref"].startswith(("file:", "keyring:"))
    assert (first["read"], first["complaints"], second["read"]) == (2, 2, 0)
    with backend.engine.connect() as connection:
        dumped = " ".join(
            str(row)
            for table in ("mailbox", "audit_event", "change_log")
            for row in connection.execute(text(f"SELECT * FROM {table}"))
        )
    assert IMAP_PASSWORD not in dumped
    secret = backend.settings.data_dir / "secrets"
    if added["password_ref"].startswith("file:"):
        assert {p.stat().st_mode & 0o777 for p in secret.iterdir()} == {0o600}
        assert secret.stat().st_mode & 0o777 == 0o700


def test_a_refused_password_is_one_plain_line_and_nothing_changes(
    backend: Backend,
    admin_ctx: ServiceContext,
    imap_server: ImapServer,
    folder: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    cli_sign_in(backend.settings.database_url)
    spec = MailboxSpec("bad", imap_server.host, imap_server.port, IMAP_USER, "none", [folder])
    mailboxes.add_mailbox(admin_ctx, spec, "wrong", Secrets(backend.settings.data_dir))
    imap_server.append(folder, make_email())
    poll = ["ingest", "imap", "--once", "--database", backend.settings.database_url, "--json"]

    code, out, err = _cli(monkeypatch, capsys, *poll)

    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "refused the user name or password" in err
    assert _count(backend, Complaint) == 0


def test_the_acknowledgement_goes_out_in_french_with_the_reference_and_the_promised_dates(
    backend: Backend,
    admin_ctx: ServiceContext,
    imap_server: ImapServer,
    folder: str,
    smtp_server: SmtpServer,
) -> None:
    _configure(admin_ctx, backend, imap_server, folder, smtp_server)
    inbound = make_email(*FRENCH, sender="Léa Martin <lea@example.fr>")
    imap_server.append(folder, inbound)
    _poll(admin_ctx, backend)

    sent = send_outbox(admin_ctx, backend.settings.data_dir)

    assert (sent.sent, sent.failed) == (1, 0)
    complaint = _only_complaint(backend)
    [email] = smtp_server.received
    body = email.get_content()
    zone = ZoneInfo("Europe/Paris")
    assert complaint.regulatory_due_at is not None
    assert complaint.resolution_due_at is not None
    assert email["Subject"] == f"[{complaint.reference}] Nous avons bien reçu votre réclamation"
    assert email["To"] == "lea@example.fr"
    assert email["From"] == OUR_ADDRESS
    assert email["Content-Language"] == "fr"
    assert email["Auto-Submitted"] == "auto-replied"
    assert email["In-Reply-To"] == _header(inbound, "Message-ID")
    assert "Bonjour Léa Martin" in body
    assert complaint.reference in body
    for due in (complaint.resolution_due_at, complaint.regulatory_due_at):
        assert long_date(due.astimezone(zone).date(), "fr") in body
    assert complaint.acknowledged_at is not None
    assert outbox.list_outbox(admin_ctx) == ()


def _header(raw: bytes, name: str) -> str:
    from email import message_from_bytes, policy

    value = message_from_bytes(raw, policy=policy.default)[name]
    return str(value)


def test_a_send_that_fails_stays_in_the_outbox_and_a_later_run_sends_it(
    backend: Backend,
    admin_ctx: ServiceContext,
    imap_server: ImapServer,
    folder: str,
    smtp_port_down: SmtpServer,
) -> None:
    _configure(admin_ctx, backend, imap_server, folder, smtp_port_down)
    imap_server.append(folder, make_email())
    _poll(admin_ctx, backend)

    failed = send_outbox(admin_ctx, backend.settings.data_dir)
    waiting = outbox.list_outbox(admin_ctx)
    smtp_port_down.start()
    retried = send_outbox(admin_ctx, backend.settings.data_dir)

    assert (failed.sent, failed.failed) == (0, 1)
    assert "Cannot reach the mail server" in (failed.failures[0]["error"] or "")
    assert [(w.state, w.attempts) for w in waiting] == [("failed", 1)]
    assert waiting[0].error is not None
    assert (retried.sent, retried.failed) == (1, 0)
    assert len(smtp_port_down.received) == 1
    assert outbox.list_outbox(admin_ctx) == ()
    [done] = outbox.list_outbox(admin_ctx, include_sent=True)
    assert (done.state, done.attempts, done.error) == ("sent", 2, None)


def test_a_reply_from_the_workspace_carries_threading_headers_and_the_answer_threads_back(
    backend: Backend,
    admin_ctx: ServiceContext,
    imap_server: ImapServer,
    folder: str,
    smtp_server: SmtpServer,
) -> None:
    _configure(admin_ctx, backend, imap_server, folder, smtp_server)
    first = make_email("Parcel never arrived", "My parcel 778 never arrived.")
    imap_server.append(folder, first)
    _poll(admin_ctx, backend)
    complaint = _only_complaint(backend)
    version = detail.get_detail(admin_ctx, complaint.id).version

    outbox.queue_email_reply(admin_ctx, complaint.id, "We are sending a new parcel.", version)
    send_outbox(admin_ctx, backend.settings.data_dir)
    reply = next(m for m in smtp_server.received if "new parcel" in m.get_content())
    customer_id = _header(first, "Message-ID")
    answer = make_email("Re: thanks", "Received, thank you.", in_reply_to=str(reply["Message-ID"]))
    imap_server.append(folder, answer)
    back = _poll(admin_ctx, backend)

    assert reply["Subject"] == f"Re: [{complaint.reference}] Parcel never arrived"
    assert reply["In-Reply-To"] == customer_id
    assert str(reply["References"]).split()[-1] == customer_id
    assert "Auto-Submitted" not in reply
    assert (back.threaded, back.complaints) == (1, 0)
    assert _count(backend, Complaint) == 1
    assert _only_complaint(backend).first_response_at is not None


def test_an_auto_reply_is_stored_but_never_answered(
    backend: Backend,
    admin_ctx: ServiceContext,
    imap_server: ImapServer,
    folder: str,
    smtp_server: SmtpServer,
) -> None:
    _configure(admin_ctx, backend, imap_server, folder, smtp_server)
    imap_server.append(folder, make_email())
    _poll(admin_ctx, backend)
    send_outbox(admin_ctx, backend.settings.data_dir)
    acknowledgement = smtp_server.received[0]

    imap_server.append(
        folder,
        out_of_office(str(acknowledgement["Message-ID"]), str(acknowledgement["Subject"])),
        make_email("Fwd: newsletter", "Our news", headers={"List-Id": "<news.example.com>"}),
        make_email("Loop", "Our own message", sender=OUR_ADDRESS),
    )
    summary = _poll(admin_ctx, backend)
    again = send_outbox(admin_ctx, backend.settings.data_dir)

    assert (summary.automatic, summary.complaints, summary.threaded) == (3, 0, 0)
    assert again.sent == 0
    assert len(smtp_server.received) == 1
    assert (
        _count(backend, Message, Message.automatic.is_(True), Message.direction == "inbound") == 3
    )


def test_no_mailbox_able_to_send_is_a_failure_the_agent_sees(
    backend: Backend, admin_ctx: ServiceContext, imap_server: ImapServer, folder: str
) -> None:
    _configure(admin_ctx, backend, imap_server, folder)
    imap_server.append(folder, make_email())
    _poll(admin_ctx, backend)

    result = send_outbox(admin_ctx, backend.settings.data_dir)

    assert result.failed == 1
    [waiting] = outbox.list_outbox(admin_ctx)
    assert "No mailbox can send email" in (waiting.error or "")
    assert _count(backend, Mailbox) == 1

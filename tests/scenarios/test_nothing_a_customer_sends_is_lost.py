"""Nothing a customer sends is lost: real mailboxes (pymap, aiosmtpd), both databases.

An administrator's broken template, a connection that drops, a database that fails: every
message of the folder arrives exactly once, what cannot become a complaint waits in the
quarantine, and acknowledgements wait in the outbox until the template is fixed.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from complaintdesk.app import Backend
from complaintdesk.channels import quarantine as channel
from complaintdesk.channels.email import imap, poll_mailboxes, send_outbox
from complaintdesk.domain.errors import DatabaseError
from complaintdesk.services.complaints import notifications
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import mail, quarantine
from complaintdesk.services.inbound.quarantined import ReleaseTarget
from complaintdesk.services.outbound import mailboxes, outbox
from complaintdesk.services.outbound.mailboxes import MailboxSpec
from complaintdesk.storage.models import Complaint, MailboxFolderState, Message
from complaintdesk.storage.secrets import Secrets
from tests.support.intake_world import (
    BROKEN_TEMPLATE,
    FIXED_TEMPLATE,
    administrator,
    set_template,
)
from tests.support.mail_factory import make_email
from tests.support.mail_servers import IMAP_PASSWORD, IMAP_USER, ImapServer, SmtpServer

OURS = "complaints@example.org"
NO_SENDER = b"Subject: my parcel\r\nMessage-ID: <nobody@mail.example.com>\r\n\r\nIt never came.\r\n"


@pytest.fixture
def folder(imap_server: ImapServer) -> str:
    """A folder of this test's own on the IMAP server."""
    return imap_server.new_folder()


def _configure(
    ctx: ServiceContext, backend: Backend, server: ImapServer, folder: str, smtp: SmtpServer | None
) -> None:
    spec = MailboxSpec(
        name="complaints",
        host=server.host,
        port=server.port,
        username=IMAP_USER,
        tls="none",
        folders=[folder],
        smtp_host=smtp.host if smtp else None,
        smtp_port=smtp.port if smtp else None,
        smtp_tls="none",
        from_address=OURS,
    )
    secrets = Secrets(backend.settings.data_dir, use_keyring=False)
    mailboxes.add_mailbox(ctx, spec, IMAP_PASSWORD, secrets)


def _count(backend: Backend, model: Any, *where: Any) -> int:
    with backend.uow() as uow:
        found: int = uow.execute(select(func.count()).select_from(model).where(*where)).scalar()
        return found


def _uids(server: ImapServer, folder: str) -> list[int]:
    client = server.client()
    try:
        client.select(folder, readonly=True)
        _, data = client.uid("SEARCH", "ALL")
    finally:
        client.logout()
    return sorted(int(uid) for uid in data[0].split())


def _customers(n: int) -> list[bytes]:
    return [make_email(f"Problem {i}", sender=f"Customer {i} <c{i}@example.com>") for i in range(n)]


def test_a_broken_template_then_fixed_every_message_arrives_once_and_is_acknowledged_once(
    backend: Backend,
    admin_ctx: ServiceContext,
    imap_server: ImapServer,
    folder: str,
    smtp_server: SmtpServer,
) -> None:
    admin = administrator(admin_ctx)
    _configure(admin_ctx, backend, imap_server, folder, smtp_server)
    set_template(backend, BROKEN_TEMPLATE)
    imap_server.append(folder, *_customers(3), NO_SENDER)

    polled = poll_mailboxes(admin_ctx, backend.settings.data_dir)
    held = send_outbox(admin_ctx, backend.settings.data_dir)
    again = poll_mailboxes(admin_ctx, backend.settings.data_dir)
    set_template(backend, FIXED_TEMPLATE)
    fixed = send_outbox(admin_ctx, backend.settings.data_dir)
    after = poll_mailboxes(admin_ctx, backend.settings.data_dir)
    resent = send_outbox(admin_ctx, backend.settings.data_dir)

    assert (polled.read, polled.complaints, len(polled.quarantined)) == (4, 3, 1)
    assert (held.sent, held.held) == (0, 3)
    assert [n.kind for n in notifications.unread(admin)] == ["acknowledgement_held"]
    assert again.read == 0, "the folder position moved past every message, stored or held"
    assert (fixed.written, fixed.sent, fixed.held) == (3, 3, 0)
    assert (after.read, resent.sent) == (0, 0)
    assert sorted(str(m["To"]) for m in smtp_server.received) == [
        f"c{i}@example.com" for i in range(3)
    ]
    assert _count(backend, Message, Message.direction == "inbound") == 3
    assert _count(backend, Complaint, Complaint.acknowledged_at.is_not(None)) == 3
    assert outbox.list_outbox(admin_ctx) == ()
    [item] = quarantine.list_items(admin_ctx)
    assert item.source["folder"] == folder
    assert item.source["uid"] == _uids(imap_server, folder)[3]
    assert not channel.retry(admin_ctx, item.id).stored, "still nobody to answer"
    with backend.uow() as uow:
        customer = uow.scalars(select(Complaint.customer_id).limit(1))[0]
    released = channel.release_item(admin_ctx, item.id, ReleaseTarget(customer_id=customer))
    assert released.state == "released"
    assert _count(backend, Complaint) == 4


def test_a_connection_dropped_mid_poll_fetches_the_rest_again_and_stores_each_once(
    backend: Backend,
    admin_ctx: ServiceContext,
    imap_server: ImapServer,
    folder: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _configure(admin_ctx, backend, imap_server, folder, None)
    imap_server.append(folder, *_customers(5))
    real = imap.fetch
    calls = {"n": 0}

    def drops_at_the_third(*args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("connection reset by peer")
        return real(*args)

    monkeypatch.setattr(imap, "fetch", drops_at_the_third)
    cut = poll_mailboxes(admin_ctx, backend.settings.data_dir)
    monkeypatch.setattr(imap, "fetch", real)
    resumed = poll_mailboxes(admin_ctx, backend.settings.data_dir)

    assert (cut.complaints, len(cut.errors)) == (2, 1)
    assert "broke off" in cut.errors[0]["reason"]
    assert (resumed.read, resumed.complaints, resumed.duplicates) == (3, 3, 0)
    assert _count(backend, Message, Message.direction == "inbound") == 5


@pytest.mark.parametrize("where", ["storing", "quarantining"])
def test_a_database_failing_mid_poll_moves_nothing_past_the_message_it_failed_on(
    backend: Backend,
    admin_ctx: ServiceContext,
    imap_server: ImapServer,
    folder: str,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    _configure(admin_ctx, backend, imap_server, folder, None)
    imap_server.append(folder, *_customers(2), NO_SENDER, *_customers(1))
    module, name = (mail, "ingest_email") if where == "storing" else (quarantine, "hold_in")
    real = getattr(module, name)
    calls = {"n": 0}

    def locked(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == (3 if where == "storing" else 1):
            raise DatabaseError("The database is locked.")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, locked)
    with pytest.raises(DatabaseError):
        poll_mailboxes(admin_ctx, backend.settings.data_dir)
    monkeypatch.setattr(module, name, real)
    with backend.uow() as uow:
        [state] = uow.scalars(select(MailboxFolderState))
    resumed = poll_mailboxes(admin_ctx, backend.settings.data_dir)

    assert state.last_uid == _uids(imap_server, folder)[1], "stops before the one that failed"
    assert (resumed.read, resumed.complaints, len(resumed.quarantined)) == (2, 1, 1)
    assert _count(backend, Message, Message.direction == "inbound") == 3
    assert len(quarantine.list_items(admin_ctx)) == 1


def test_a_large_message_comes_in_pieces_and_is_stored_whole_once(
    backend: Backend, admin_ctx: ServiceContext, imap_server: ImapServer, folder: str
) -> None:
    scan = bytes(range(256)) * (9 * 4096)  # 9 MB: three round trips
    _configure(admin_ctx, backend, imap_server, folder, None)
    imap_server.append(folder, make_email(attachments=(("scan.pdf", "application/pdf", scan),)))

    first = poll_mailboxes(admin_ctx, backend.settings.data_dir)
    second = poll_mailboxes(admin_ctx, backend.settings.data_dir)

    assert (first.complaints, second.read) == (1, 0)
    with backend.uow() as uow:
        from complaintdesk.storage.models import Attachment

        [attachment] = uow.scalars(select(Attachment))
    assert (attachment.filename, attachment.size, attachment.refused_reason) == (
        "scan.pdf",
        len(scan),
        None,
    )

"""Polling the configured mailboxes and sending the outbox: what the GUI and cron run.

Both are headless and slow (network): the GUI runs them off its thread; ``cancelled`` is
checked between messages, and whatever was stored before a cancel or a crash stays stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import IO

from complaintdesk.channels.email import imap, smtp
from complaintdesk.channels.email.batching import MessageBatch
from complaintdesk.channels.email.intake import IngestSummary, Progress, RawMessage
from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound.email_message import DEFAULT_OPTIONS, IngestOptions
from complaintdesk.services.inbound.storing import ReadOnce
from complaintdesk.services.outbound import delivery, mailboxes
from complaintdesk.services.outbound.delivery import DeliveryFailed, SendSummary
from complaintdesk.services.outbound.mailboxes import FolderPosition, MailboxSettings
from complaintdesk.storage.secrets import SecretMissing, Secrets, SecretStore

log = logging.getLogger(__name__)
Cancelled = Callable[[], bool]


def poll_mailboxes(
    ctx: ServiceContext,
    data_dir: Path,
    *,
    names: Sequence[str] = (),
    options: IngestOptions = DEFAULT_OPTIONS,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> IngestSummary:
    """Fetch and store the new messages of every active mailbox (or those named).

    A mailbox that cannot be read is reported in ``errors``; the others are still read.
    """
    secrets = Secrets(data_dir)
    summary = IngestSummary()
    configured = mailboxes.list_mailboxes(ctx)
    own = frozenset(m.from_address for m in configured if m.from_address)
    for settings in configured:
        if names and settings.name not in names:
            continue
        mailbox_options = replace(
            options, site_code=settings.site_code or options.site_code, own_addresses=own
        )
        try:
            password = secrets.get(settings.password_ref or "")
            poll_mailbox(ctx, settings, password, mailbox_options, summary, progress, cancelled)
        except (imap.MailboxUnavailable, SecretMissing) as error:
            log.warning("mailbox %s: %s", settings.name, error)
            summary.errors.append({"mailbox": settings.name, "reason": str(error)})
    return summary


def poll_mailbox(
    ctx: ServiceContext,
    settings: MailboxSettings,
    password: str,
    options: IngestOptions,
    summary: IngestSummary,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """Store the messages above each watched folder's last UID, a batch per transaction.

    Each message's UID is recorded in the transaction that stores (or quarantines) it: a
    batch lost (a crash, the server gone) is read again from where the last one ended.

    Raises:
        MailboxUnavailable: the server, the password or a folder is not usable.
    """
    read_once = ReadOnce()
    with imap.connect(settings, password) as client:
        for folder in settings.folders:
            uidvalidity = imap.open_folder(client, folder)
            last_uid = mailboxes.start_folder(ctx, settings.id, folder, uidvalidity)
            with MessageBatch(ctx, summary, options, read_once, progress) as batch:
                for uid in imap.uids_after(client, last_uid):
                    if cancelled is not None and cancelled():
                        return  # what the batch holds is committed
                    position = FolderPosition(settings.id, folder, uidvalidity, uid)
                    fetched = imap.fetch(client, uid, options.max_message_bytes)
                    if fetched is None:
                        continue  # expunged since the search: nothing to store
                    try:
                        incoming = _incoming(settings, folder, position, fetched)
                    except BaseException:
                        fetched.close()
                        raise
                    batch.take(incoming, fetched.close)  # kept until the batch commits


def _incoming(
    settings: MailboxSettings, folder: str, position: FolderPosition, fetched: imap.Fetched
) -> RawMessage:
    """Return a fetched message as intake takes it, with where it came from."""
    source = {
        "mailbox": settings.name,
        "mailbox_id": str(settings.id),
        "folder": folder,
        "uidvalidity": position.uidvalidity,
        "uid": position.uid,
        "site": settings.site_code,
    }
    return RawMessage(
        label=f"{settings.name}/{folder}/{position.uid}",
        source_kind="imap",
        size=fetched.size,
        open=partial(_rewound, fetched.data),
        source=source,
        received_at=fetched.received_at,
        position=position,
    )


@contextmanager
def _rewound(data: IO[bytes]) -> Iterator[IO[bytes]]:
    data.seek(0)
    yield data


def send_outbox(ctx: ServiceContext, data_dir: Path, *, limit: int = 200) -> SendSummary:
    """Send the queued and failed emails through each mailbox's SMTP server."""
    return delivery.send_queued(ctx, smtp_connector(Secrets(data_dir)), limit=limit)


def smtp_connector(secrets: SecretStore) -> delivery.Connect:
    """Return what opens an SMTP transport for a mailbox, its password read from ``secrets``."""

    @contextmanager
    def connect(settings: MailboxSettings) -> Iterator[delivery.Transport]:
        password = None
        if settings.smtp_login and settings.password_ref:
            try:
                password = secrets.get(settings.password_ref)
            except ComplaintDeskError as error:
                raise DeliveryFailed(str(error)) from error
        with smtp.connect(settings, password) as transport:
            yield transport

    return connect

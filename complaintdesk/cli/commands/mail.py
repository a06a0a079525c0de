"""Email commands: ``ingest eml|mbox|imap``, ``mailbox add|list``, ``send``, ``outbox``."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from complaintdesk import app
from complaintdesk.app import Settings
from complaintdesk.channels import email as email_channel
from complaintdesk.channels.email.intake import IngestSummary, Source
from complaintdesk.cli.arguments import MB, count, input_file, number, port, site_code, text
from complaintdesk.cli.common import (
    Declare,
    add_polling_options,
    command_group,
    command_line,
    end_progress,
    outbox_rows,
    read_password,
    sending_summary,
    show_progress,
)
from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound.email_message import (
    DEFAULT_ATTACHMENT_LIMIT,
    DEFAULT_MESSAGE_LIMIT,
    MAX_ATTACHMENT_LIMIT,
    MAX_MESSAGE_LIMIT,
    IngestOptions,
)
from complaintdesk.services.outbound import mailboxes, outbox


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare the email commands on the ``complaintdesk`` parser."""
    sources = command_group(commands, "ingest", "email: files and mailboxes", "SOURCE")
    eml = declare(sources, "eml", _ingest_eml, ".eml files, or folders of them")
    eml.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help=".eml files or folders of them"
    )
    mbox = declare(sources, "mbox", _ingest_mbox, "an mbox mailbox file")
    mbox.add_argument("file", type=input_file, help="the mbox file to read")
    imap = declare(sources, "imap", _ingest_imap, "poll the configured IMAP mailboxes")
    add_polling_options(imap, "--mailbox", "mailbox")
    for parser in (eml, mbox, imap):
        _limits(parser)
        parser.add_argument(
            "--site", type=site_code, metavar="CODE", help="site of the complaints opened"
        )

    mailbox = commands.add_parser("mailbox", help="IMAP/SMTP mailboxes").add_subparsers(
        metavar="ACTION", required=True
    )
    _mailbox_add_arguments(
        declare(mailbox, "add", _mailbox_add, "configure a mailbox (password from stdin)")
    )
    declare(mailbox, "list", _mailbox_list, "the configured mailboxes")
    send = declare(commands, "send", _send, "send queued emails, retrying failed ones")
    send.add_argument(
        "--limit", type=count(1, 100_000), default=200, metavar="N", help="at most N (200)"
    )
    listing = declare(commands, "outbox", _outbox, "emails waiting to leave, with failures")
    listing.add_argument("--all", action="store_true", help="sent emails too")


def _limits(parser: argparse.ArgumentParser) -> None:
    attachment = DEFAULT_ATTACHMENT_LIMIT // MB
    parser.add_argument(
        "--max-attachment-mb",
        type=number(0, MAX_ATTACHMENT_LIMIT / MB, above=True),
        metavar="MB",
        help=f"refuse larger attachments, listing them on the message ({attachment}; "
        f"at most {MAX_ATTACHMENT_LIMIT // MB})",
    )
    parser.add_argument(
        "--max-message-mb",
        type=number(0, MAX_MESSAGE_LIMIT / MB, above=True),
        metavar="MB",
        help=f"quarantine larger messages unread, refused by size ({DEFAULT_MESSAGE_LIMIT // MB})",
    )


def _mailbox_add_arguments(add: argparse.ArgumentParser) -> None:
    add.add_argument("name", type=text(80), help="the mailbox's name (for ingest imap --mailbox)")
    add.add_argument("--host", type=text(255), required=True, help="the IMAP server")
    add.add_argument("--port", type=port, required=True, help="the IMAP server's port")
    add.add_argument(
        "--user", type=text(255), required=True, help="login on the IMAP (and SMTP) server"
    )
    add.add_argument(
        "--tls", choices=mailboxes.TLS_MODES, default="ssl", help="IMAP connection (ssl)"
    )
    add.add_argument(
        "--folder",
        type=text(255),
        action="append",
        default=[],
        metavar="FOLDER",
        help="folder to read; repeat for more (INBOX)",
    )
    add.add_argument(
        "--smtp-host", type=text(255), metavar="HOST", help="the SMTP server replies leave by"
    )
    add.add_argument(
        "--smtp-port",
        type=port,
        metavar="PORT",
        help="the SMTP server's port (465 for ssl, 587 for starttls, 25 for none)",
    )
    add.add_argument(
        "--smtp-tls",
        choices=mailboxes.TLS_MODES,
        default="starttls",
        help="SMTP connection (starttls)",
    )
    add.add_argument("--no-smtp-login", action="store_true", help="send without signing in")
    add.add_argument(
        "--from",
        dest="from_address",
        type=text(254),
        metavar="ADDRESS",
        help="the address replies come from",
    )
    add.add_argument(
        "--site", type=site_code, metavar="CODE", help="site of the complaints this mailbox opens"
    )


def _options(ctx: ServiceContext, args: argparse.Namespace) -> IngestOptions:
    attachments = DEFAULT_ATTACHMENT_LIMIT
    if args.max_attachment_mb is not None:
        attachments = max(1, int(args.max_attachment_mb * MB))
    message = DEFAULT_MESSAGE_LIMIT
    if args.max_message_mb is not None:
        message = max(1, int(args.max_message_mb * MB))
    own = frozenset(m.from_address for m in mailboxes.list_mailboxes(ctx) if m.from_address)
    return IngestOptions(
        max_attachment_bytes=attachments,
        site_code=args.site,
        own_addresses=own,
        max_message_bytes=message,
    )


def _ingest_files(
    args: argparse.Namespace, settings: Settings, sources: Iterable[Source]
) -> dict[str, Any]:
    def report(summary: IngestSummary) -> None:
        if summary.read % 100 == 0:
            show_progress(f"{summary.read:,} messages read", quiet=args.json)

    with command_line(settings) as ctx:
        summary = email_channel.ingest_sources(ctx, sources, _options(ctx, args), report)
    if summary.read >= 100:
        end_progress(quiet=args.json)
    return summary.as_dict()


def _ingest_eml(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    return _ingest_files(args, settings, email_channel.eml_sources(args.paths))


def _ingest_mbox(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    return _ingest_files(args, settings, email_channel.mbox_sources(args.file))


def _ingest_imap(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        if not mailboxes.list_mailboxes(ctx):
            raise ComplaintDeskError(
                "No mailbox is configured: add one with `complaintdesk mailbox add`."
            )
        options = _options(ctx, args)
        while True:
            summary = email_channel.poll_mailboxes(
                ctx, settings.data_dir, names=args.mailbox, options=options
            )
            if args.once:
                summary.raise_if_all_failed()
                return summary.as_dict()
            _print_cycle(summary, as_json=args.json)
            time.sleep(max(args.interval, 1.0))


def _print_cycle(summary: IngestSummary, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary.as_dict(), sort_keys=True), flush=True)
    elif summary.read or summary.errors:
        held = len(summary.quarantined)
        print(f"read {summary.read}, stored {summary.ingested}, quarantined {held}", flush=True)
        for error in summary.errors:
            print(f"  {error['mailbox']}: {error['reason']}", flush=True)


def _mailbox_add(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    spec = mailboxes.MailboxSpec(
        name=args.name,
        host=args.host,
        port=args.port,
        username=args.user,
        tls=args.tls,
        folders=args.folder or ["INBOX"],
        smtp_host=args.smtp_host,
        smtp_port=args.smtp_port,
        smtp_tls=args.smtp_tls,
        smtp_login=not args.no_smtp_login,
        from_address=args.from_address,
        site_code=args.site,
    )
    with command_line(settings) as ctx:
        password = read_password("The mailbox's password")
        added = mailboxes.add_mailbox(ctx, spec, password, app.secrets_for(settings))
    return _mailbox_summary(added)


def _mailbox_summary(mailbox: mailboxes.MailboxSettings) -> dict[str, Any]:
    summary = asdict(mailbox)
    summary["id"] = str(mailbox.id)
    summary["folders"] = list(mailbox.folders)
    return summary


def _mailbox_list(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        found = mailboxes.list_mailboxes(ctx, active_only=False)
    return {"mailboxes": [_mailbox_summary(m) for m in found]}


def _send(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        summary = email_channel.send_outbox(ctx, settings.data_dir, limit=args.limit)
        waiting = len(outbox.list_outbox(ctx))
    sent = sending_summary(summary.sent, summary.failed, summary.failures, waiting)
    return {**sent, "written": summary.written, "held": summary.held}


def _outbox(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        items = outbox.list_outbox(ctx, include_sent=args.all)
    return {"emails": outbox_rows(items, text="subject")}

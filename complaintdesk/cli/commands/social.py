"""Social, customer and case commands: ``ingest social|social-gateway``, ``social …``,
``customers …``, ``complaint merge|undo-merge|link`` and ``followups``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from complaintdesk import app
from complaintdesk.app import Settings
from complaintdesk.channels import social as social_channel
from complaintdesk.channels.social.intake import SocialSummary
from complaintdesk.cli.arguments import count, identifier, instant, site_code, text, web_address
from complaintdesk.cli.common import (
    Declare,
    add_polling_options,
    command_group,
    command_line,
    outbox_rows,
    read_password,
    sending_summary,
)
from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.customers import duplicates
from complaintdesk.services.customers import merge as customer_merge
from complaintdesk.services.inbound import company_accounts
from complaintdesk.services.inbound.social import SocialOptions
from complaintdesk.services.outbound import social_gateways


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare the social commands (``ingest`` gains two sources) on the parser."""
    sources = command_group(commands, "ingest", "files, mailboxes and gateways", "SOURCE")
    files = declare(sources, "social", _ingest_social, "X tweets.js, Facebook message_N.json")
    files.add_argument(
        "paths", nargs="+", type=Path, metavar="FILE", help="tweets.js or message_N.json files"
    )
    files.add_argument(
        "--account", type=text(100), metavar="HANDLE", help="whose X archive this is"
    )
    files.add_argument(
        "--own-name", type=text(200), metavar="NAME", help="our name in a Messenger export"
    )
    files.add_argument(
        "--site", type=site_code, metavar="CODE", help="site of the complaints opened"
    )
    poll = declare(sources, "social-gateway", _ingest_gateway, "poll the social gateways")
    add_polling_options(poll, "--gateway", "gateway")

    actions = commands.add_parser("social", help="social gateways and replies").add_subparsers(
        metavar="ACTION", required=True
    )
    add = declare(actions, "gateway-add", _gateway_add, "configure a gateway (token from stdin)")
    add.add_argument(
        "name", type=text(80), help="the gateway's name (for ingest social-gateway --gateway)"
    )
    add.add_argument(
        "--url", type=web_address, required=True, help="https://… base address of the gateway"
    )
    add.add_argument(
        "--site", type=site_code, metavar="CODE", help="site of the complaints it opens"
    )
    declare(actions, "gateways", _gateways, "the configured gateways and their cursors")
    declare(actions, "send", _send, "send queued social replies, retrying failed ones")
    outbox = declare(actions, "outbox", _outbox, "social replies waiting to leave")
    outbox.add_argument("--all", action="store_true", help="sent replies too")

    account = declare(actions, "account-add", _account_add, "declare one of our own accounts")
    account.add_argument("platform", choices=("facebook", "instagram", "x"), help="its platform")
    account.add_argument(
        "handle", type=text(100), help="its handle (@acme): its posts are ours, not a customer's"
    )
    account.add_argument(
        "--id", type=text(100), metavar="ID", help="the platform's id of the account"
    )
    account.add_argument("--name", type=text(200), metavar="TEXT", help="its display name")
    declare(actions, "accounts", _accounts, "our own accounts on each platform")

    people = commands.add_parser("customers", help="likely duplicates, merge and undo")
    customers = people.add_subparsers(metavar="ACTION", required=True)
    found = declare(customers, "duplicates", _duplicates, "likely duplicate customer records")
    found.add_argument(
        "--limit", type=count(1, 10_000), default=200, metavar="N", help="at most N (200)"
    )
    merge = declare(customers, "merge", _merge, "merge LOSER into WINNER (ids)")
    merge.add_argument("winner", type=identifier, help="id of the customer record kept")
    merge.add_argument("loser", type=identifier, help="id of the record merged into it")
    merge.add_argument("--reason", type=text(500), metavar="TEXT", help="kept in the audit trail")
    undo = declare(customers, "undo-merge", _undo_merge, "undo a merge (its id)")
    undo.add_argument("merge", type=identifier, help="the merge's id, as merge printed it")
    _case_commands(commands, declare)


def _account_add(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        added = company_accounts.add_account(ctx, args.platform, args.handle, args.id, args.name)
    return {"platform": added.platform, "handle": added.handle, "id": added.platform_id}


def _accounts(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        found = company_accounts.list_accounts(ctx)
    return {
        "accounts": [
            {"platform": a.platform, "handle": a.handle, "id": a.platform_id} for a in found
        ]
    }


def _ingest_social(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    summary = SocialSummary()
    options = SocialOptions(site_code=args.site)
    with command_line(settings) as ctx:
        for path in args.paths:
            items = social_channel.read_file(path, args.account, args.own_name)
            social_channel.ingest_items(ctx, items, options, summary)
    return summary.as_dict()


def _ingest_gateway(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        secrets = app.secrets_for(settings)
        if not social_gateways.list_gateways(ctx):
            raise ComplaintDeskError(
                "No social gateway is configured: add one with `complaintdesk social gateway-add`."
            )
        while True:
            summary = social_channel.poll_gateways(ctx, secrets, args.gateway)
            if args.once:
                summary.raise_if_all_failed()
                return summary.as_dict()
            if args.json:
                print(json.dumps(summary.as_dict(), sort_keys=True), flush=True)
            elif summary.read or summary.errors:
                print(f"read {summary.read}, stored {summary.ingested}", file=sys.stderr)
            time.sleep(max(args.interval, 1.0))


def _gateway_add(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        token = read_password("The gateway's token")
        added = social_gateways.add_gateway(
            ctx, args.name, args.url, token, app.secrets_for(settings), args.site
        )
    return _gateway_summary(added)


def _gateway_summary(gateway: social_gateways.GatewaySettings) -> dict[str, Any]:
    return {
        "id": str(gateway.id),
        "name": gateway.name,
        "url": gateway.url,
        "token": gateway.token_ref,
        "cursor": gateway.cursor,
        "site": gateway.site_code,
        "last_polled_at": gateway.last_polled_at,
        "last_error": gateway.last_error,
    }


def _gateways(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        found = social_gateways.list_gateways(ctx)
    return {"gateways": [_gateway_summary(g) for g in found]}


def _send(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        summary = social_channel.send_replies(ctx, app.secrets_for(settings))
        waiting = len(social_gateways.list_social_outbox(ctx))
    return sending_summary(summary.sent, summary.failed, summary.failures, waiting)


def _outbox(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        items = social_gateways.list_social_outbox(ctx, include_sent=args.all)
    return {"replies": outbox_rows(items, text="text")}


def _candidate(candidate: duplicates.DuplicateCandidate) -> dict[str, Any]:
    return {
        "id": str(candidate.customer_id),
        "name": candidate.display_name,
        "postcode": candidate.postcode,
        "contacts": list(candidate.contacts),
        "complaints": candidate.complaints,
    }


def _duplicates(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        pairs = duplicates.all_pairs(ctx, limit=args.limit)
    return {
        "pairs": [
            {
                "first": _candidate(p.first),
                "second": _candidate(p.second),
                "why": [str(r) for r in p.reasons],
            }
            for p in pairs
        ]
    }


def _merged(result: customer_merge.MergeResult) -> dict[str, Any]:
    return {
        "merge": str(result.merge_id),
        "winner": str(result.winner_id),
        "loser": str(result.loser_id),
        "complaints": result.complaints,
        "messages": result.messages,
        "contact_points": result.contact_points,
        "undone": result.undone,
    }


def _merge(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        return _merged(customer_merge.merge(ctx, args.winner, args.loser, args.reason))


def _undo_merge(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        return _merged(customer_merge.undo(ctx, args.merge))


# --- one case: complaints merged or linked, follow-ups ---


def _case_commands(commands: Any, declare: Declare) -> None:
    """Declare ``complaint …`` and ``followups`` on the parser."""
    group = commands.add_parser("complaint", help="merge a complaint into another, or link two")
    actions = group.add_subparsers(metavar="ACTION", required=True)
    merge = declare(actions, "merge", _merge_complaints, "merge MERGED into KEPT (one grievance)")
    merge.add_argument(
        "kept", type=text(40), metavar="KEPT", help="reference (or id) of the complaint kept"
    )
    merge.add_argument(
        "merged", type=text(40), metavar="MERGED", help="reference (or id) merged into it"
    )
    merge.add_argument("--reason", type=text(500), metavar="TEXT", help="kept in the audit trail")
    undo = declare(actions, "undo-merge", _undo_complaint_merge, "undo a complaint merge (its id)")
    undo.add_argument("merge", type=identifier, help="the merge's id, as merge printed it")
    link = declare(actions, "link", _link_complaints, "link two complaints (different grievances)")
    link.add_argument(
        "first", type=text(40), metavar="FIRST", help="reference (or id) of one complaint"
    )
    link.add_argument(
        "second", type=text(40), metavar="SECOND", help="reference (or id) of the other"
    )
    link.add_argument("--note", type=text(500), metavar="TEXT", help="why they belong together")
    followups = declare(
        commands,
        "followups",
        _followups,
        "send due reminders of customer commitments, settle overdue ones, queue surveys",
    )
    followups.add_argument(
        "--at", type=instant, metavar="INSTANT", help="act as at this ISO 8601 instant (now)"
    )


def _merge_complaints(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.complaints import merging

    with command_line(settings) as ctx:
        kept, merged = merging.ids_of(ctx, [args.kept, args.merged])
        done = merging.merge(ctx, kept, merged, args.reason)
    return {
        "merge": str(done.merge_id),
        "kept": done.kept_reference,
        "merged": done.merged_reference,
        "moved": done.moved,
    }


def _undo_complaint_merge(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.complaints import merging

    with command_line(settings) as ctx:
        done = merging.undo(ctx, args.merge)
    return {
        "merge": str(done.merge_id),
        "kept": done.kept_reference,
        "separate_again": done.merged_reference,
        "moved_back": done.moved,
    }


def _link_complaints(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.complaints import links, merging

    with command_line(settings) as ctx:
        first, second = merging.ids_of(ctx, [args.first, args.second])
        link_id = links.link(ctx, first, second, args.note)
    return {"link": str(link_id), "first": args.first, "second": args.second}


def _followups(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.complaints import followups

    with command_line(settings) as ctx:
        done = followups.run(ctx, args.at)
    return {
        "reminders": done.reminders,
        "reminders_asked_of_owners": done.reminded_by_owner,
        "overdue": done.overdue,
        "pauses_ended": done.pauses_ended,
        "surveys": done.surveys,
        "failures": done.failures,
    }

"""The quarantine: ``quarantine list|show|retry|release|discard``.

What intake could not turn into a complaint on its own waits here for a person (supervisors
and administrators): list it, look at it (``show --raw FILE`` writes the bytes kept), retry it
once the configuration is fixed, attach it to a customer or a complaint by hand, or discard it
with a reason. Every decision is audited.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from complaintdesk.app import Settings
from complaintdesk.cli.arguments import count, identifier, output_file, text
from complaintdesk.cli.common import Declare, command_line
from complaintdesk.domain.errors import ValidationError

PROBLEMS = {
    "no_sender": "no sender anybody could answer",
    "not_a_message": "not an email message",
    "too_large": "too large",
    "malformed": "a required field is missing or broken",
    "oversized_field": "a field is too large",
    "refused": "refused while storing it",
    "failed": "storing it failed unexpectedly",
}
STATES = {
    "waiting": "waiting for a decision",
    "stored": "stored by a retry",
    "released": "attached by hand",
    "discarded": "discarded",
}
SOURCES = {
    "eml": "email file",
    "mbox": "mbox file",
    "imap": "mailbox",
    "social_file": "social media file",
    "social_gateway": "social gateway",
    "cfpb": "CFPB file",
}


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``quarantine …`` on the ``complaintdesk`` parser."""
    actions = commands.add_parser(
        "quarantine", help="what intake could not turn into a complaint on its own"
    ).add_subparsers(metavar="ACTION", required=True)
    listing = declare(actions, "list", _list, "the items waiting for a decision")
    listing.add_argument("--all", action="store_true", help="decided items too")
    listing.add_argument(
        "--limit", type=count(1, 10_000), default=500, metavar="N", help="at most N (500)"
    )
    show = declare(actions, "show", _show, "one item: where it came from, why, the decision")
    show.add_argument("item", type=identifier, metavar="ID", help="the item's id (as listed)")
    show.add_argument("--raw", type=output_file, metavar="FILE", help="write the bytes kept")
    retry = declare(actions, "retry", _retry, "read items again and store them (idempotent)")
    retry.add_argument("items", type=identifier, nargs="*", metavar="ID", help="the items' ids")
    retry.add_argument("--all", action="store_true", help="every item waiting")
    release = declare(actions, "release", _release, "attach an item by hand")
    release.add_argument("item", type=identifier, metavar="ID", help="the item's id")
    target = release.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--customer", type=identifier, metavar="ID", help="open a complaint for this customer"
    )
    target.add_argument(
        "--complaint", type=text(24), metavar="REFERENCE", help="add it to this complaint"
    )
    release.add_argument("--subject", type=text(300), metavar="TEXT", help="the subject")
    discard = declare(actions, "discard", _discard, "discard an item, saying why (audited)")
    discard.add_argument("item", type=identifier, metavar="ID", help="the item's id")
    discard.add_argument(
        "--reason", type=text(500), required=True, metavar="TEXT", help="kept in the audit"
    )


def _list(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.inbound import quarantine

    states = quarantine.STATES if args.all else (quarantine.WAITING,)
    with command_line(settings) as ctx:
        items = quarantine.list_items(ctx, states=states, limit=args.limit)
    return {"items": [_row(item, as_json=args.json) for item in items]}


def _show(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.inbound import quarantine

    with command_line(settings) as ctx:
        item = quarantine.show(ctx, args.item)
        raw = quarantine.raw_of(ctx, args.item) if args.raw else b""
    summary = _details(item, as_json=args.json)
    if args.raw:
        try:
            args.raw.write_bytes(raw)
        except OSError as error:
            raise ValidationError(f"Cannot write {args.raw}: {error.strerror or error}.") from None
        summary["raw_written_to"] = str(args.raw)
    return summary


def _retry(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.channels import quarantine as channel
    from complaintdesk.services.inbound import quarantine

    if bool(args.items) == bool(args.all):
        raise ValidationError("Name the items to retry, or give --all (not both).")
    results = []
    with command_line(settings) as ctx:
        wanted = args.items or [item.id for item in quarantine.list_items(ctx, limit=10_000)]
        for item_id in wanted:
            result = channel.retry(ctx, item_id)
            results.append({**_row(result.item, as_json=args.json), "stored": result.stored})
    stored = sum(1 for r in results if r["stored"])
    return {
        "retried": len(results),
        "stored": stored,
        "waiting": len(results) - stored,
        "items": results,
    }


def _release(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.channels import quarantine as channel
    from complaintdesk.services.inbound.quarantined import ReleaseTarget

    target = ReleaseTarget(args.customer, args.complaint, args.subject)
    with command_line(settings) as ctx:
        item = channel.release_item(ctx, args.item, target)
    return _details(item, as_json=args.json)


def _discard(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.inbound import quarantine

    with command_line(settings) as ctx:
        item = quarantine.discard(ctx, args.item, args.reason)
    return _details(item, as_json=args.json)


def _row(item: Any, *, as_json: bool) -> dict[str, Any]:
    """One item as ``list`` prints it: codes for scripts, words for people."""
    if as_json:
        return {
            "id": str(item.id),
            "received_at": item.received_at.isoformat(),
            "channel": item.channel,
            "source_kind": item.source_kind,
            "source": item.source_label,
            "problem": item.problem,
            "reason": item.reason,
            "state": item.state,
            "sender": item.sender,
            "subject": item.subject,
            "reference": item.reference,
        }
    return {
        "id": str(item.id),
        "received": _when(item.received_at),
        "from": f"{SOURCES.get(item.source_kind, item.source_kind)} {item.source_label}",
        "problem": PROBLEMS.get(item.problem, item.problem),
        "state": STATES.get(item.state, item.state),
        "complaint": item.reference or "-",
    }


def _details(item: Any, *, as_json: bool) -> dict[str, Any]:
    summary = _row(item, as_json=as_json)
    extra = {
        "why": item.reason,
        "size": item.size if as_json else f"{item.size:,} bytes",
        "truncated": item.truncated,
        "sender": item.sender,
        "subject": item.subject,
        "message_id": item.external_id,
        "seen": item.times_seen,
        "retries": item.attempts,
        "decided_by": item.decided_by,
        "decided_at": _when(item.decided_at) if not as_json else _iso(item.decided_at),
        "decision": item.decision_note,
    }
    if as_json:
        extra["source_details"] = item.source
        extra["why"] = None
    return {**summary, **{k: v for k, v in extra.items() if v is not None}}


def _when(instant: datetime | None) -> str:
    return instant.astimezone().strftime("%Y-%m-%d %H:%M") if instant else "-"


def _iso(instant: datetime | None) -> str | None:
    return instant.isoformat() if instant else None

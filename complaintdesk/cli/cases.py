"""One case whatever the channel: ``complaint merge|undo-merge|link`` and ``followups``."""

from __future__ import annotations

import argparse
import uuid
from datetime import datetime
from typing import Any

from complaintdesk.app import Settings
from complaintdesk.cli.common import Declare, command_line
from complaintdesk.domain.errors import ValidationError


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``complaint …`` and ``followups`` on the parser."""
    group = commands.add_parser("complaint", help="merge a complaint into another, or link two")
    actions = group.add_subparsers(metavar="ACTION", required=True)
    merge = declare(actions, "merge", _merge, "merge MERGED into KEPT (one grievance)")
    merge.add_argument("kept", metavar="KEPT", help="reference (or id) of the complaint kept")
    merge.add_argument("merged", metavar="MERGED", help="reference (or id) merged into it")
    merge.add_argument("--reason", metavar="TEXT", help="kept in the audit trail")
    undo = declare(actions, "undo-merge", _undo, "undo a complaint merge (its id)")
    undo.add_argument("merge", type=uuid.UUID, help="the merge's id, as merge printed it")
    link = declare(actions, "link", _link, "link two complaints (different grievances)")
    link.add_argument("first", metavar="FIRST", help="reference (or id) of one complaint")
    link.add_argument("second", metavar="SECOND", help="reference (or id) of the other")
    link.add_argument("--note", metavar="TEXT", help="why they belong together")
    followups = declare(
        commands,
        "followups",
        _followups,
        "send due reminders of customer commitments, settle overdue ones, queue surveys",
    )
    followups.add_argument(
        "--at", metavar="INSTANT", help="act as at this ISO 8601 instant (default: now)"
    )


def _merge(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
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


def _undo(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.complaints import merging

    with command_line(settings) as ctx:
        done = merging.undo(ctx, args.merge)
    return {
        "merge": str(done.merge_id),
        "kept": done.kept_reference,
        "separate_again": done.merged_reference,
        "moved_back": done.moved,
    }


def _link(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.complaints import links, merging

    with command_line(settings) as ctx:
        first, second = merging.ids_of(ctx, [args.first, args.second])
        link_id = links.link(ctx, first, second, args.note)
    return {"link": str(link_id), "first": args.first, "second": args.second}


def _followups(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.complaints import followups

    at = None
    if args.at:
        try:
            at = datetime.fromisoformat(args.at)
        except ValueError:
            raise ValidationError(f"{args.at!r} is not an ISO 8601 instant.") from None
        if at.tzinfo is None:
            raise ValidationError("Give the instant with its time zone (e.g. +01:00 or Z).")
    with command_line(settings) as ctx:
        done = followups.run(ctx, at)
    return {
        "reminders": done.reminders,
        "reminders_asked_of_owners": done.reminded_by_owner,
        "overdue": done.overdue,
        "pauses_ended": done.pauses_ended,
        "surveys": done.surveys,
        "failures": done.failures,
    }

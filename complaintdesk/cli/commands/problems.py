"""Report commands: ``report problems`` (recurring clusters) and ``report voice`` (PDF)."""

from __future__ import annotations

import argparse
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from complaintdesk import app
from complaintdesk.app import Settings
from complaintdesk.cli.arguments import count, day, month, number, output_file, text
from complaintdesk.cli.common import Declare, command_group, command_line
from complaintdesk.services.insight import clusters, voice_of_customer
from complaintdesk.services.insight.clusters import Cluster
from complaintdesk.services.insight.voice_of_customer import VoiceOfCustomer


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``report problems`` and ``report voice`` on the ``complaintdesk`` parser."""
    actions = command_group(
        commands, "report", "reports: problems, voice of the customer", "REPORT"
    )
    found = declare(actions, "problems", _problems, "recurring clusters: candidate problems")
    found.add_argument("--from", dest="start", type=day, metavar="YYYY-MM-DD", help="(30 days ago)")
    found.add_argument(
        "--to", dest="end", type=day, metavar="YYYY-MM-DD", help="last day included (today)"
    )
    found.add_argument(
        "--min-size", type=count(2, 100_000), default=3, metavar="N", help="smallest cluster (3)"
    )
    found.add_argument(
        "--threshold",
        type=number(0, 1, above=True),
        default=clusters.DEFAULT_THRESHOLD,
        metavar="T",
        help=f"text similarity 0-1 ({clusters.DEFAULT_THRESHOLD})",
    )
    voice = declare(actions, "voice", _voice, "a function's month, on one page (PDF)")
    voice.add_argument(
        "--function", type=text(40), required=True, metavar="CODE", help="the function's code"
    )
    voice.add_argument("--month", type=month, required=True, metavar="YYYY-MM", help="the month")
    voice.add_argument(
        "--out", type=output_file, metavar="FILE.pdf", help="write the page as a PDF"
    )


def _day(given: date | None, default: date) -> date:
    return default if given is None else given


def _problems(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    today = datetime.now(UTC).date()
    last = _day(args.end, today)
    first = _day(args.start, last - timedelta(days=29))
    start = datetime.combine(first, datetime.min.time(), UTC)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), UTC)
    with command_line(settings) as ctx:
        began = time.perf_counter()
        found = clusters.detect(ctx, start, end, min_size=args.min_size, threshold=args.threshold)
        seconds = time.perf_counter() - began
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "seconds": round(seconds, 2),
        "count": len(found),
        "clusters": [cluster_summary(c) for c in found],
    }


def cluster_summary(cluster: Cluster) -> dict[str, Any]:
    """Return a candidate cluster as the command prints it."""
    return {
        "size": cluster.size,
        "subject": cluster.subject,
        "theme": " ".join(cluster.theme),
        "category": cluster.category,
        "product": cluster.product,
        "cohesion": cluster.cohesion,
        "channels": list(cluster.channels),
        "sites": list(cluster.sites),
        "first": cluster.first_at.date().isoformat(),
        "last": cluster.last_at.date().isoformat(),
        "references": [c.reference for c in cluster.complaints],
    }


def _voice(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        voice = voice_of_customer.monthly(ctx, args.function, args.month)
    summary = voice_summary(voice)
    if args.out is not None:
        app.write_voice_pdf(voice, args.out)
        summary["pdf"] = str(args.out)
    return summary


def voice_summary(voice: VoiceOfCustomer) -> dict[str, Any]:
    """Return a function's month as the command prints it."""
    score = voice.satisfaction
    return {
        "function": voice.function_code,
        "month": voice.month,
        "complaints": voice.complaints,
        "previous_month": voice.previous_complaints,
        "by_channel": {line.label: line.count for line in voice.by_channel},
        "causes": {line.label: line.count for line in voice.causes},
        "resolved": voice.resolved,
        "promises_kept_percent": voice.promises_kept,
        "satisfaction": score.satisfaction if score else None,
        "satisfaction_responses": score.responses if score else 0,
        "net_promoter": score.net_promoter if score else None,
        "open_problems": [p.title for p in voice.open_problems],
    }

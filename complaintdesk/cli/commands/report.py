"""The ``report`` commands: the FCA-style complaints return, the CFPB export, queue exports."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, time, timedelta
from typing import Any

from complaintdesk.app import Settings
from complaintdesk.cli.arguments import day, output_file, text
from complaintdesk.cli.common import Declare, command_group, command_line
from complaintdesk.domain.errors import ValidationError
from complaintdesk.services.read_models import QueueKind, QueueRequest, SortKey


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``complaintdesk report fca-return|cfpb|queue`` on the ``complaintdesk`` parser."""
    actions = command_group(commands, "report", "reports, returns and exports", "REPORT")
    fca = declare(actions, "fca-return", _fca_return, "complaints return in the FCA's shape")
    _period(fca, required=True)
    fca.add_argument(
        "--site",
        dest="sites",
        action="append",
        metavar="CODE",
        help="a site the return covers (repeat for more; default: the sites in the UK)",
    )
    cfpb = declare(actions, "cfpb", _cfpb, "CSV in the CFPB Consumer Complaint Database format")
    cfpb.add_argument("--out", type=output_file, required=True, metavar="FILE", help="CSV to write")
    cfpb.add_argument("--company", type=text(200), help="the Company column of our own complaints")
    _period(cfpb, required=False)
    queue = declare(actions, "queue", _queue, "CSV or XLSX (by extension) of one queue")
    queue.add_argument(
        "--queue",
        default="all_open",
        choices=[q.value for q in QueueKind],
        help="the queue (all_open)",
    )
    queue.add_argument(
        "--sort", default="due", choices=[s.value for s in SortKey], help="sorted on (due)"
    )
    queue.add_argument(
        "--out",
        type=output_file,
        required=True,
        metavar="FILE.csv|FILE.xlsx",
        help="file to write, in the format of its extension",
    )


def _period(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--from",
        dest="start",
        type=day,
        required=required,
        metavar="D",
        help="first day, included",
    )
    parser.add_argument(
        "--to", dest="end", type=day, required=required, metavar="D", help="last day, included"
    )


def _bounds(args: argparse.Namespace) -> tuple[datetime | None, datetime | None]:
    """Return [start, end) in UTC: from the first day's midnight to the day after the last."""
    start = datetime.combine(args.start, time(0), UTC) if args.start else None
    end = datetime.combine(args.end + timedelta(days=1), time(0), UTC) if args.end else None
    if start and end and end <= start:
        raise ValidationError("--to must not be before --from.")
    return start, end


def _fca_return(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.insight import fca_return

    if args.end < args.start:
        raise ValidationError("--to must not be before --from.")
    with command_line(settings) as ctx:
        found = fca_return.complaints_return(ctx, args.start, args.end, args.sites)
    summary = found.as_dict()
    if not args.json:  # one readable line per product group and cause
        summary["by_product_group"] = [_short(line) for line in summary["by_product_group"]]
        summary["by_cause"] = [_short(line) for line in summary["by_cause"]]
    return summary


def _short(line: dict[str, Any]) -> dict[str, Any]:
    paid = ", ".join(f"{amount} {currency}" for currency, amount in line["redress_paid"].items())
    return {
        "name": line["name"],
        "outstanding at start": line["outstanding_at_start"],
        "opened": line["opened"],
        "closed ≤3 bd": line["closed_within_3_business_days"],
        "≤8 wk": line["closed_after_3_business_days_within_8_weeks"],
        ">8 wk": line["closed_after_8_weeks"],
        "upheld": line["upheld"],
        "outstanding at end": line["outstanding_at_end"],
        "redress": paid or "none",
    }


def _cfpb(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.insight import cfpb_export

    start, end = _bounds(args)
    with command_line(settings) as ctx:
        written = cfpb_export.export_cfpb(ctx, args.out, start, end, company=args.company or "")
    return {"file": str(written.path), "rows": written.rows}


def _queue(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.insight import exports

    request = QueueRequest(QueueKind(args.queue), SortKey(args.sort))
    with command_line(settings) as ctx:
        written = exports.export_queue(ctx, request, args.out)
    return {"file": str(written.path), "rows": written.rows, "format": written.format.value}

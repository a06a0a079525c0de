"""The ``receipt`` command: a complaint's receipt written as a PDF (reprints, scripts, tests)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from complaintdesk import app
from complaintdesk.app import Settings
from complaintdesk.cli.arguments import output_file, text
from complaintdesk.cli.common import Declare, command_line, zoned
from complaintdesk.services.insight import queue_choices
from complaintdesk.services.outbound import receipts


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``complaintdesk receipt REFERENCE --format a4|ticket --out FILE.pdf``."""
    parser = declare(commands, "receipt", _receipt, "write a complaint's receipt as a PDF")
    parser.add_argument("reference", type=text(24), metavar="REFERENCE", help="e.g. PAR01-26-00012")
    parser.add_argument(
        "--format",
        choices=[paper.value for paper in receipts.Paper],
        default=receipts.Paper.A4.value,
        help="an A4 page (default) or an 80 mm ticket",
    )
    parser.add_argument(
        "--out", type=output_file, required=True, metavar="FILE.pdf", help="the PDF to write"
    )


def _receipt(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        receipt = receipts.receipt_by_reference(ctx, args.reference)
        zone = queue_choices.site_time_zones(ctx).get(receipt.site_code)
    paper = receipts.Paper(args.format)
    out = Path(args.out).expanduser().resolve()
    html = receipts.render_html(receipt, paper)
    printed = app.write_receipt_pdf(html, paper, out, f"Receipt {receipt.reference}")
    return {
        "reference": receipt.reference,
        "format": paper.value,
        "language": receipt.language,
        "out": str(out),
        "pages": printed.pages,
        "width_mm": printed.width_mm,
        "height_mm": printed.height_mm,
        "promises": {p.kind: zoned(p.due_at, zone) for p in receipt.promises},
    }

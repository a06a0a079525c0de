"""The ``receipt`` command: a complaint's receipt written as a PDF (reprints, scripts, tests)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from complaintdesk.app import Settings, open_backend
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.outbound import receipts

Handler = Callable[[argparse.Namespace, Settings], dict[str, Any]]
Declare = Callable[[Any, str, Handler, str], argparse.ArgumentParser]


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``complaintdesk receipt REFERENCE --format a4|ticket --out FILE.pdf``."""
    parser = declare(commands, "receipt", _receipt, "write a complaint's receipt as a PDF")
    parser.add_argument("reference", metavar="REFERENCE", help="e.g. PAR01-26-00012")
    parser.add_argument(
        "--format",
        choices=[paper.value for paper in receipts.Paper],
        default=receipts.Paper.A4.value,
        help="an A4 page (default) or an 80 mm ticket",
    )
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")


def _receipt(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.cli.main import command_line_actor

    backend = open_backend(settings)
    try:
        ctx = ServiceContext(backend.uow, command_line_actor())
        receipt = receipts.receipt_by_reference(ctx, args.reference)
    finally:
        backend.engine.dispose()
    paper = receipts.Paper(args.format)
    out = Path(args.out).expanduser().resolve()
    printed = _write(receipts.render_html(receipt, paper), paper, out, receipt.reference)
    return {
        "reference": receipt.reference,
        "format": paper.value,
        "language": receipt.language,
        "out": str(out),
        "pages": printed.pages,
        "width_mm": printed.width_mm,
        "height_mm": printed.height_mm,
        "promises": {p.kind: p.due_at.isoformat() for p in receipt.promises},
    }


def _write(html: str, paper: receipts.Paper, out: Path, reference: str) -> Any:
    """Print with Qt, which needs a GUI application: an offscreen one when none runs."""
    from PySide6.QtGui import QGuiApplication

    from complaintdesk.ui.counter.receipt_printing import write_pdf

    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["complaintdesk", "-platform", "offscreen"])
    return write_pdf(html, paper, out, f"Receipt {reference}")

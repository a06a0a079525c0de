"""The ``privacy`` and ``retention`` commands: subject access, erasure, the retention policy."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from complaintdesk import app
from complaintdesk.app import Settings
from complaintdesk.cli.arguments import count, output_folder, text
from complaintdesk.cli.common import Declare, command_line
from complaintdesk.domain.errors import ValidationError
from complaintdesk.services.privacy import erasure_status, retention, subject_rights

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``privacy export|erase`` and ``retention apply`` on the ``complaintdesk`` parser."""
    privacy = commands.add_parser("privacy", help="subject rights: export or erase a customer")
    actions = privacy.add_subparsers(metavar="ACTION", required=True)
    export = declare(actions, "export", _export, "everything about a customer: JSON and PDF")
    export.add_argument(
        "customer", type=text(300), metavar="CUSTOMER", help="id, complaint reference, email…"
    )
    export.add_argument(
        "--out",
        type=output_folder,
        required=True,
        metavar="DIR",
        help="folder to write the files in",
    )
    erase = declare(actions, "erase", _erase, "anonymise a customer, keeping the statistics")
    erase.add_argument(
        "customer", type=text(300), metavar="CUSTOMER", help="id, complaint reference, email…"
    )
    erase.add_argument(
        "--reason", type=text(500), required=True, metavar="TEXT", help="kept in the audit trail"
    )
    erasures = declare(
        actions, "erasures", _erasures, "each erasure and the branch workstations yet to apply it"
    )
    erasures.add_argument(
        "--waiting", action="store_true", help="only erasures some workstation has not applied"
    )

    policy = commands.add_parser("retention", help="the retention policy for personal data")
    policy_actions = policy.add_subparsers(metavar="ACTION", required=True)
    apply = declare(policy_actions, "apply", _retention, "anonymise customers past retention")
    apply.add_argument("--dry-run", action="store_true", help="list them, change nothing")
    apply.add_argument(
        "--years",
        type=count(1, 100),
        default=retention.DEFAULT_YEARS,
        metavar="N",
        help=f"keep N years after a customer's last complaint ended ({retention.DEFAULT_YEARS})",
    )


def _export(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    folder: Path = args.out
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ValidationError(f"Cannot write to {folder}: {error.strerror}.") from None
    with command_line(settings) as ctx:
        customer_id = subject_rights.find_customer(ctx, args.customer)
        export = subject_rights.export_customer(ctx, customer_id)
    document = export.as_json()
    stem = f"customer-{customer_id}"
    json_path = folder / f"{stem}.json"
    json_path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    files = _attachments(export, folder / f"{stem}-attachments")
    pdf_path = app.write_subject_access_pdf(document, folder / f"{stem}.pdf")
    return {
        "customer_id": str(customer_id),
        "json": str(json_path),
        "pdf": str(pdf_path),
        "attachments": files,
        "rows": {name: len(rows) for name, rows in export.tables.items()},
    }


def _attachments(export: subject_rights.CustomerExport, folder: Path) -> int:
    """Write each attachment's content under its own name; return how many."""
    written = 0
    for row in export.tables.get("attachment", []):
        content = export.attachments.get(row.get("sha256") or "")
        if content is None:
            continue
        folder.mkdir(exist_ok=True)
        name = _UNSAFE.sub("_", str(row["filename"]))[:100] or "attachment"
        (folder / f"{str(row['id'])[:8]}-{name}").write_bytes(content)
        written += 1
    return written


def _erase(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        customer_id = subject_rights.find_customer(ctx, args.customer)
        summary = subject_rights.erase_customer(ctx, customer_id, args.reason)
        states = erasure_status.erasure_states(ctx)
    app.scrub_database(settings)
    waiting = next((s.waiting for s in states if s.customer_id == customer_id), ())
    return {**summary.as_json(), "workstations_to_apply_it": list(waiting)}


def _erasures(args: argparse.Namespace, settings: Settings) -> list[dict[str, Any]]:
    with command_line(settings) as ctx:
        states = erasure_status.erasure_states(ctx, waiting_only=args.waiting)
    return [s.as_json() for s in states]


def _retention(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        summary = retention.apply_retention(ctx, years=args.years, dry_run=args.dry_run)
        copies = retention.handle_backups(ctx, settings.backup_dir, dry_run=args.dry_run)
    if summary.candidates and not args.dry_run:
        app.scrub_database(settings)
    return {**summary.as_json(), "backups": [c.as_json() for c in copies if c.erasures]}

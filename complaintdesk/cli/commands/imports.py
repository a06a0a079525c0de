"""The ``import cfpb`` command: complaints recorded elsewhere, brought in and routed."""

from __future__ import annotations

import argparse
from functools import partial
from typing import Any

from complaintdesk.app import Settings
from complaintdesk.cli.arguments import input_file, site_code, text
from complaintdesk.cli.common import Declare, command_line, end_progress, show_progress
from complaintdesk.domain.errors import ValidationError


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``import cfpb FILE [--owner LOGIN] [--site CODE]`` on the parser."""
    imports = commands.add_parser("import", help="complaints recorded elsewhere")
    formats = imports.add_subparsers(metavar="FORMAT", required=True)
    cfpb = declare(formats, "cfpb", _cfpb, "CFPB Consumer Complaint Database CSV")
    cfpb.add_argument("file", type=input_file, help="the CSV file, as the CFPB publishes it")
    cfpb.add_argument(
        "--owner", type=text(80), metavar="LOGIN", help="who owns imported closed complaints"
    )
    cfpb.add_argument(
        "--site",
        type=site_code,
        metavar="CODE",
        help="the site complaints are recorded at (default: a site in the US, added as US "
        "if there is none, so the CFPB's rule and a US calendar apply)",
    )


def _cfpb(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.channels import cfpb
    from complaintdesk.resources import load_json
    from complaintdesk.services.admin import organisation
    from complaintdesk.services.inbound import imports

    if not args.file.is_file():
        raise ValidationError(f"No file at {args.file}.")
    cfpb.check(args.file)  # before anything is written: a file that is not one changes nothing

    def report(summary: imports.ImportSummary) -> None:
        show_progress(f"{summary.read:,} rows read", quiet=args.json)

    with command_line(settings) as ctx:
        # The US site is added (if missing) only once the owner is known to exist.
        us_site = partial(
            organisation.site_for_country,
            ctx,
            "US",
            "US",
            "United States (CFPB complaints)",
            "America/New_York",
        )
        summary = imports.import_complaints(
            ctx,
            cfpb.read(args.file),
            owner_login=args.owner,
            site_code=args.site or us_site,
            progress=report,
            source=str(args.file),
            rule_set=load_json("routing/cfpb.json"),
        )
    end_progress(quiet=args.json)
    quarantined = [row for row in summary.skipped if "quarantine" in row]
    return {
        "read": summary.read,
        "imported": summary.imported,
        "duplicates": summary.already_there,
        "skipped": summary.already_there + len(summary.skipped),
        "unrouted": summary.unrouted,
        "quarantined": len(quarantined),
        "rejected": summary.skipped,
    }

"""The ``search`` command: complaints found by words, a reference, a phone or an e-mail."""

from __future__ import annotations

import argparse
from typing import Any

from complaintdesk.app import Settings
from complaintdesk.cli.arguments import count
from complaintdesk.cli.common import Declare, command_line
from complaintdesk.services.insight import search


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``complaintdesk search TEXT [--limit N]`` on the ``complaintdesk`` parser."""
    parser = declare(
        commands, "search", _search, "find complaints by words, reference, phone or e-mail"
    )
    parser.add_argument("text", nargs="+", metavar="TEXT", help="what to look for")
    parser.add_argument(
        "--limit", type=count(1, 1000), default=50, metavar="N", help="at most N (50)"
    )


def _search(args: argparse.Namespace, settings: Settings) -> list[dict[str, Any]]:
    with command_line(settings) as ctx:
        rows = search.search(ctx, " ".join(args.text), limit=args.limit)
    return [
        {
            "reference": row.reference,
            "subject": row.subject,
            "customer": row.customer_name,
            "status": row.status.value,
        }
        for row in rows
    ]

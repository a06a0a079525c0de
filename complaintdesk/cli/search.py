"""The ``search`` command: complaints found by words, a reference, a phone or an e-mail."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from complaintdesk.app import Settings, open_backend
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import search

Handler = Callable[[argparse.Namespace, Settings], list[dict[str, Any]]]
Declare = Callable[[Any, str, Handler, str], argparse.ArgumentParser]


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``complaintdesk search TEXT [--limit N]`` on the ``complaintdesk`` parser."""
    parser = declare(
        commands, "search", _search, "find complaints by words, reference, phone or e-mail"
    )
    parser.add_argument("text", nargs="+", metavar="TEXT", help="what to look for")
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (50)")


def _search(args: argparse.Namespace, settings: Settings) -> list[dict[str, Any]]:
    from complaintdesk.cli.main import command_line_actor

    backend = open_backend(settings)
    try:
        ctx = ServiceContext(backend.uow, command_line_actor())
        rows = search.search(ctx, " ".join(args.text), limit=args.limit)
    finally:
        backend.engine.dispose()
    return [
        {
            "reference": row.reference,
            "subject": row.subject,
            "customer": row.customer_name,
            "status": row.status.value,
        }
        for row in rows
    ]

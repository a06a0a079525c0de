"""The ``audit verify`` command: walk the tamper-evident audit trail."""

from __future__ import annotations

import argparse
from typing import Any

from complaintdesk.app import Settings
from complaintdesk.cli.common import Declare, command_line


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``audit verify`` on the ``complaintdesk`` parser."""
    audit = commands.add_parser("audit", help="the tamper-evident audit trail")
    actions = audit.add_subparsers(metavar="ACTION", required=True)
    declare(actions, "verify", _verify, "walk every hash chain and report breaks")


def _verify(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.admin.audit_trail import verify_audit_trail

    with command_line(settings) as ctx:
        chains = verify_audit_trail(ctx)
    broken = {site: c.first_broken for site, c in chains.items() if not c.ok}
    return {
        "events": sum(c.events for c in chains.values()),
        "ok": not broken,
        "first_broken": next(iter(broken.values()), None),
        "chains": {
            site: {"events": c.events, "ok": c.ok, "first_broken": c.first_broken}
            for site, c in chains.items()
        },
    }

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
        trail = verify_audit_trail(ctx)
    broken = [c.first_broken for c in trail.chains.values() if not c.ok]
    return {
        "events": trail.events,
        "ok": trail.ok,
        "first_broken": broken[0] if broken else None,
        "problems": list(trail.problems),
        "anchors": trail.anchors,
        "unkeyed_events": trail.unkeyed,
        "unchecked_events": trail.unchecked,
        "checkpoint": trail.checkpoint,
        "chains": {
            name: {"events": c.events, "ok": c.ok, "first_broken": c.first_broken}
            for name, c in trail.chains.items()
        },
    }

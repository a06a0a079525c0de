"""The ``audit`` commands: verify the trail, record a checkpoint, and the audit key.

``audit verify`` walks every chain, checks each keyed hash and every anchor, and ends with a
checkpoint when all is well. ``audit checkpoint`` records one without checking (schedule it:
events cut from the end of a chain after a checkpoint show at the next verification).
``audit key new|export|import`` make, hand over and receive the installation's audit key,
which is never stored in the database.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from complaintdesk import app
from complaintdesk.app import Settings
from complaintdesk.cli.common import Declare, command_line, read_password
from complaintdesk.domain.permissions import Permission


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``audit verify|checkpoint`` and ``audit key new|export|import``."""
    audit = commands.add_parser("audit", help="the tamper-evident audit trail")
    actions = audit.add_subparsers(metavar="ACTION", required=True)
    verify = declare(actions, "verify", _verify, "walk every hash chain and report breaks")
    verify.add_argument(
        "--no-checkpoint", action="store_true", help="record no checkpoint, even if all is well"
    )
    declare(actions, "checkpoint", _checkpoint, "record every chain's head (for a schedule)")
    key = actions.add_parser("key", help="the audit key (kept outside the database)")
    key_actions = key.add_subparsers(metavar="ACTION", required=True)
    declare(key_actions, "new", _key_new, "make a new audit key, kept on this computer")
    declare(key_actions, "export", _key_export, "print the audit key, for another computer")
    declare(key_actions, "import", _key_import, "keep a key given on stdin on this computer")


def _verify(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.admin.audit_trail import verify_audit_trail

    with command_line(settings) as ctx:
        trail = verify_audit_trail(ctx, checkpoint=not args.no_checkpoint)
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


def _checkpoint(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.admin.audit_trail import record_checkpoint

    with command_line(settings) as ctx:
        heads = record_checkpoint(ctx)
    return {"chains": len(heads), "events": sum(h["seq"] for h in heads.values())}


def _key_new(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.admin import audit_key

    with command_line(settings) as ctx:
        key_id = audit_key.new_audit_key(ctx, app.secrets_for(settings))
    return {"key_id": key_id, "kept": "on this computer (keyring, or the user-only secrets file)"}


def _key_export(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.admin import audit_key

    with command_line(settings) as ctx:
        key_id, key = audit_key.export_audit_key(ctx)
    return {"key_id": key_id, "key": key}


def _key_import(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.admin import audit_key

    with command_line(settings, requires=Permission.ADMINISTER_DATABASE) as ctx:
        text = read_password("The audit key") if sys.stdin.isatty() else sys.stdin.readline()
        key_id = audit_key.import_audit_key(ctx, app.secrets_for(settings), text)
    return {"key_id": key_id, "kept": "on this computer (keyring, or the user-only secrets file)"}

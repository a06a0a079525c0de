"""The ``branch`` and ``sync`` commands: branch replicas and the registry of workstations."""

from __future__ import annotations

import argparse
from typing import Any

from complaintdesk import app
from complaintdesk.app import Settings
from complaintdesk.cli.arguments import count, database_address, site_code, text
from complaintdesk.cli.common import Declare, command_line, with_password
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.replicas import workstations


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``complaintdesk branch init`` and ``complaintdesk sync``."""
    branch = commands.add_parser("branch", help="make this workstation a branch replica")
    actions = branch.add_subparsers(metavar="ACTION", required=True)
    init = declare(actions, "init", _init, "copy a site's part of the central server here")
    init.add_argument(
        "--central",
        type=database_address,
        required=True,
        metavar="URL",
        help="postgresql://user@server/database (the password: asked, "
        "COMPLAINTDESK_DATABASE_PASSWORD or PGPASSWORD, never in the URL)",
    )
    init.add_argument(
        "--site", type=site_code, required=True, metavar="CODE", help="this branch's site code"
    )
    declare(actions, "list", _list, "the branch workstations the central server knows")
    retire = declare(actions, "retire", _retire, "stop waiting for a replaced workstation")
    retire.add_argument(
        "code", type=text(24), metavar="CODE", help="the workstation's code (PAR01, PAR01.2…)"
    )
    tolerance = declare(
        actions, "clock-tolerance", _tolerance, "how far workstation clocks may stray (central)"
    )
    tolerance.add_argument("minutes", type=count(0, 10_080), metavar="MINUTES", help="default 5")
    declare(commands, "sync", _sync, "send waiting changes to the central server, fetch others")


def _init(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    if not settings.embedded:
        raise ValidationError(
            "A branch replica is the embedded SQLite file: run without --database "
            "(or with a sqlite:/// URL)."
        )
    central = app.settings_for(with_password(args.central, settings.data_dir))
    # Copying a site's part of the central server is an administrator's act there.
    with command_line(central, requires=Permission.ADMINISTER_DATABASE):
        summary = app.init_branch(settings, central.database_url, args.site)
    return {
        "site": summary.site,
        "central": summary.central,
        "rows": summary.rows,
        "complaints": summary.complaints,
        "audit_events": summary.audit_events,
        "cursor": summary.cursor,
        "refreshed": summary.refreshed,
    }


def _list(args: argparse.Namespace, settings: Settings) -> list[dict[str, Any]]:
    with command_line(settings) as ctx:
        return [w.as_json() for w in workstations.list_workstations(ctx)]


def _retire(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        return workstations.retire(ctx, args.code).as_json()


def _tolerance(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        tolerance = workstations.set_clock_tolerance(ctx, args.minutes)
    return {"clock_tolerance_minutes": int(tolerance.total_seconds() // 60)}


def _sync(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    app.require_branch(settings)  # said first: signing in would not help
    with command_line(settings):  # anyone who works here may sync, as F9 does
        result = app.sync_branch(settings)
    return {
        "pushed": result.pushed,
        "pulled": result.pulled,
        "conflicts": result.conflicts,
        "pending": result.pending,
    }

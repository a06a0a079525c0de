"""The ``branch init`` and ``sync`` commands: a branch replica of the central server."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from complaintdesk.app import Settings
from complaintdesk.domain.errors import NotADatabase, ValidationError
from complaintdesk.storage import database

Handler = Callable[[argparse.Namespace, Settings], dict[str, Any]]
Declare = Callable[[Any, str, Handler, str], argparse.ArgumentParser]


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``complaintdesk branch init`` and ``complaintdesk sync``."""
    branch = commands.add_parser("branch", help="make this workstation a branch replica")
    actions = branch.add_subparsers(metavar="ACTION", required=True)
    init = declare(actions, "init", _init, "copy a site's part of the central server here")
    init.add_argument("--central", required=True, metavar="URL", help="postgresql://…")
    init.add_argument("--site", required=True, metavar="CODE", help="this branch's site code")
    declare(commands, "sync", _sync, "send waiting changes to the central server, fetch others")


def _init(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.sync.branch import init_branch

    if not settings.embedded:
        raise ValidationError(
            "A branch replica is the embedded SQLite file: run without --database "
            "(or with a sqlite:/// URL)."
        )
    engine = database.create_database_engine(settings.database_url)
    try:
        summary = init_branch(engine, args.central, args.site, settings.data_dir)
    finally:
        engine.dispose()
    return {
        "site": summary.site,
        "central": summary.central,
        "rows": summary.rows,
        "complaints": summary.complaints,
        "audit_events": summary.audit_events,
        "cursor": summary.cursor,
        "refreshed": summary.refreshed,
    }


def _sync(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.sync.branch import Branch
    from complaintdesk.sync.errors import NotABranch

    try:
        engine = database.create_database_engine(settings.database_url, create_file=False)
    except NotADatabase:
        raise NotABranch(
            "This workstation is not a branch replica yet: run `complaintdesk branch init "
            "--central URL --site CODE` first."
        ) from None
    try:
        result = Branch(engine, settings.data_dir).run_round()
    finally:
        engine.dispose()
    return {
        "pushed": result.pushed,
        "pulled": result.pulled,
        "conflicts": result.conflicts,
        "pending": result.pending,
    }

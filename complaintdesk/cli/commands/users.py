"""The ``user add`` command: a user account, its password read from stdin or prompted."""

from __future__ import annotations

import argparse
from typing import Any

from complaintdesk.app import Settings
from complaintdesk.cli.common import Declare, command_line, read_password
from complaintdesk.domain.vocabulary import Role


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``user add LOGIN --role ROLE --site CODE`` on the ``complaintdesk`` parser."""
    user = commands.add_parser("user", help="user accounts").add_subparsers(
        metavar="ACTION", required=True
    )
    add = declare(user, "add", _add, "add a user (password from stdin or prompted)")
    add.add_argument("login", help="the name the user signs in with")
    add.add_argument(
        "--role", required=True, choices=[r.value for r in Role], help="what the user may do"
    )
    add.add_argument("--site", required=True, metavar="CODE", help="the user's site (HQ…)")
    add.add_argument("--name", metavar="DISPLAY_NAME", help="the name others see (the login)")
    add.add_argument("--team", metavar="QUEUE", help="team queue the user works from")


def _add(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.admin import users

    password = read_password()
    with command_line(settings) as ctx:
        view = users.add_user(
            ctx,
            args.login,
            password,
            role=Role(args.role),
            site_code=args.site,
            display_name=args.name,
            team_queue=args.team,
        )
    return {"id": str(view.id), "login": view.login, "role": view.role, "site": view.site_code}

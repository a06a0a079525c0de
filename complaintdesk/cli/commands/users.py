"""The ``user add`` command: a user account, its password read from stdin or prompted.

The person adding signs in first, and must manage users; on a database with no user yet,
the first administrator is added without signing in (nobody could).
"""

from __future__ import annotations

import argparse
from typing import Any

from complaintdesk.app import Settings
from complaintdesk.cli.arguments import site_code, text
from complaintdesk.cli.common import Declare, command_line, is_first_run, read_password
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.vocabulary import Role


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``user add LOGIN --role ROLE --site CODE`` on the ``complaintdesk`` parser."""
    user = commands.add_parser("user", help="user accounts").add_subparsers(
        metavar="ACTION", required=True
    )
    add = declare(user, "add", _add, "add a user (password from stdin or prompted)")
    add.add_argument("login", type=text(80), help="the name the user signs in with")
    add.add_argument(
        "--role", required=True, choices=[r.value for r in Role], help="what the user may do"
    )
    add.add_argument(
        "--site", type=site_code, required=True, metavar="CODE", help="the user's site (HQ…)"
    )
    add.add_argument(
        "--name", type=text(200), metavar="DISPLAY_NAME", help="the name others see (the login)"
    )
    add.add_argument(
        "--team", type=text(40), metavar="QUEUE", help="team queue the user works from"
    )


def _add(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.admin import users

    with command_line(settings, first_run=True) as ctx:
        password = read_password("The new user's password")
        if is_first_run(ctx):  # nobody can sign in yet: the first administrator
            if Role(args.role) is not Role.ADMIN:
                raise ValidationError(
                    "This database has no user yet: add its first administrator "
                    "(--role admin), who then adds everyone else."
                )
            view = users.add_first_administrator(ctx.uow, args.login, password, args.name)
        else:
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

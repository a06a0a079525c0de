"""The ``demo seed`` command: realistic generated complaints for demos and benchmarks."""

from __future__ import annotations

import argparse
from typing import Any

from complaintdesk.app import Settings
from complaintdesk.cli.arguments import count
from complaintdesk.cli.common import Declare, command_line, end_progress, show_progress
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.permissions import Permission


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``demo seed --complaints N [--seed S]`` on the ``complaintdesk`` parser."""
    demo = commands.add_parser("demo", help="demo and benchmark data")
    actions = demo.add_subparsers(metavar="ACTION", required=True)
    seed = declare(actions, "seed", _seed, "write realistic generated complaints")
    seed.add_argument(
        "--complaints",
        type=count(0, 5_000_000),
        required=True,
        metavar="N",
        help="how many complaints to add",
    )
    seed.add_argument(
        "--seed",
        type=count(0, 2**31 - 1),
        default=1,
        metavar="S",
        help="random seed: same seed, same data (1)",
    )


def _seed(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.demo import seed as demo

    if args.complaints < 0:
        raise ValidationError("--complaints must be zero or more.")

    def report(done: int, total: int) -> None:
        show_progress(f"{done:,}/{total:,} complaints", quiet=args.json)

    # On a database without users (a new one), demo data is its first set-up.
    with command_line(settings, requires=Permission.ADMINISTER_DATABASE, first_run=True) as ctx:
        summary = demo.seed(ctx.uow, complaints=args.complaints, seed=args.seed, progress=report)
    end_progress(quiet=args.json)
    return {
        "complaints": summary.complaints,
        "messages": summary.messages,
        "customers": summary.customers,
        "users": summary.users,
        "seconds": round(summary.seconds, 1),
    }

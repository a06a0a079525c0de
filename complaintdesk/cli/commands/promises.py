"""Promise commands: ``deadline`` (when is a complaint due?) and ``sla recompute|check``."""

from __future__ import annotations

import argparse
import time
from datetime import datetime
from typing import Any

from complaintdesk.app import Settings
from complaintdesk.cli.arguments import instant, text
from complaintdesk.cli.common import Declare, command_line, zoned

PRESETS = ("fr-acpr", "fr-payment", "uk-fca", "uk-fca-payment", "us-cfpb", "iso-10002")


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``deadline`` and ``sla recompute|check`` on the ``complaintdesk`` parser."""
    deadline = declare(commands, "deadline", _deadline, "when is a complaint due under a preset?")
    deadline.add_argument(
        "--preset", required=True, choices=PRESETS, metavar="NAME", help=", ".join(PRESETS)
    )
    deadline.add_argument(
        "--received",
        type=instant,
        required=True,
        metavar="ISO-INSTANT",
        help="when it was received, with a time zone: 2025-07-11T09:30:00+02:00",
    )
    deadline.add_argument(
        "--calendar", type=text(20), metavar="CODE", help="FR, FR-57, GB-ENG, GB-SCT, US…"
    )
    deadline.add_argument(
        "--segment", type=text(40), metavar="SEGMENT", help="customer segment (premium…)"
    )

    sla = commands.add_parser("sla", help="promises: recompute due instants, check clocks")
    actions = sla.add_subparsers(metavar="ACTION", required=True)
    declare(actions, "recompute", _recompute, "recompute every open complaint's dues")
    declare(actions, "check", _check, "update clocks and notify at risk and breaches")


def _deadline(args: argparse.Namespace, settings: Settings) -> list[dict[str, Any]]:
    from complaintdesk.domain.promises import presets
    from complaintdesk.resources import load_json

    received: datetime = args.received
    preset = presets.parse_preset(load_json(f"presets/{args.preset}.json"))
    calendar = presets.calendar_for(args.calendar or preset.calendar_code)
    dues = presets.due_dates(preset, received, calendar, args.segment)
    return [
        {
            "target": d.target,
            "due_date": d.due_date.isoformat(),
            "due_at": zoned(d.due_at, calendar.time_zone),  # the calendar's local time
        }
        for d in dues
    ]


def _recompute(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.promises import recompute

    with command_line(settings) as ctx:
        started = time.perf_counter()
        changed = recompute.recompute(ctx)
    return {"changed": changed, "seconds": round(time.perf_counter() - started, 2)}


def _check(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.promises import checks

    with command_line(settings) as ctx:
        found = checks.check_clocks(ctx)
    return {
        "checked": found.checked,
        "at_risk": found.newly_at_risk,
        "breached": found.newly_breached,
        "compensations": found.compensations,
    }

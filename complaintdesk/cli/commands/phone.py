"""The phone commands: ``call`` hands a number to the open window, ``caller`` prints a card.

``complaintdesk call NUMBER`` is what telephony software runs on an incoming call (a
``tel:`` URI is accepted as it passes it). It never starts a window: when none is open on
that database for this user it says so on one line and exits 1, so a softphone misconfigured
on a machine without ComplaintDesk running does not open windows behind the agent's back.
"""

from __future__ import annotations

import argparse
from typing import Any

from complaintdesk import app
from complaintdesk.app import Settings
from complaintdesk.cli.arguments import count, text
from complaintdesk.cli.common import Declare, command_line, zoned
from complaintdesk.domain.customers.telephony import dialled_number
from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.customers import callers
from complaintdesk.services.insight import queue_choices


class NoWindowOpen(ComplaintDeskError):
    """``complaintdesk call`` found no window of this user on this database."""


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``complaintdesk call NUMBER`` and ``complaintdesk caller NUMBER``."""
    call = declare(
        commands, "call", _call, "show the caller of NUMBER (or a tel: URI) in the open window"
    )
    call.add_argument(
        "number", type=text(200), metavar="NUMBER", help="+33612345678, 06 12 34 56 78, tel:+33…"
    )
    caller = declare(commands, "caller", _caller, "print who calls from NUMBER (screen pop)")
    caller.add_argument("number", type=text(200), metavar="NUMBER", help="as for call")
    caller.add_argument(
        "--last",
        type=count(1, 100),
        default=callers.LAST_CONTACTS,
        metavar="N",
        help=f"the N last contacts ({callers.LAST_CONTACTS})",
    )


def _call(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    number = dialled_number(args.number)
    if not app.hand_call_to_window(settings, number):
        raise NoWindowOpen(
            f"no ComplaintDesk window is open on {settings.description} for you; start it with "
            "`complaintdesk` and call again."
        )
    return {"sent": number, "database": settings.description}


def _caller(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    with command_line(settings) as ctx:
        card = callers.screen_pop(ctx, args.number, last=args.last)
        zone = queue_choices.site_time_zones(ctx).get(ctx.actor.site_code)
    return {
        "number": card.number,
        "known": card.known,
        "customer": card.name,
        "segment": card.segment,
        "language": card.language,
        "contacts": [c.value for c in card.contacts],
        "open_complaints": [
            {
                "reference": c.reference,
                "subject": c.subject,
                "status": c.status.value,
                "owner": c.owner_name,
                "clock": c.clock_state.value,
                "next_due": zoned(c.next_due_at, zone),
            }
            for c in card.open_complaints
        ],
        "last_contacts": [
            {
                "when": zoned(m.occurred_at, zone),
                "channel": m.channel.value,
                "direction": m.direction,
                "complaint": m.complaint_reference,
                "summary": m.summary,
            }
            for m in card.last_contacts
        ],
    }

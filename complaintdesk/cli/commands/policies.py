"""The ``policy`` and ``site`` commands: the service catalogue's scopes, and sites by country.

``policy list`` / ``policy show CODE`` read the catalogue; ``policy scope CODE --countries GB``
sets which complaints a policy applies to; ``policy which --site LON01 --channel email`` says
which company promise and regulatory preset such a complaint gets, and why. ``site add``
records a site with its country (its country's preset applies to it); ``site list`` shows them.
"""

from __future__ import annotations

import argparse
from typing import Any

from complaintdesk.app import Settings
from complaintdesk.cli.common import Declare, Summary, command_group, command_line
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.promises import presets, sla
from complaintdesk.domain.vocabulary import Channel, SiteKind
from complaintdesk.services.admin import organisation
from complaintdesk.services.promises import catalogue, scopes

SCOPE_WORDS = {
    "sites": "sites",
    "countries": "site country",
    "channels": "channels",
    "categories": "categories",
    "products": "products",
    "segments": "customer segments",
    "priorities": "priorities",
}
SCOPE_HELP = {
    "sites": "site codes, comma-separated (LON01,PAR01)",
    "countries": "site countries, ISO two letters (GB,FR,US)",
    "channels": "channels: " + ", ".join(c.value for c in Channel),
    "categories": "category codes; a trailing * takes every code it starts (cards.*)",
    "products": "products as filed (a trailing * takes every product it starts)",
    "segments": "customer segments: standard, premium, professional, vulnerable",
    "priorities": "priorities 1 (urgent) to 4 (low)",
}


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``complaintdesk policy …`` and ``complaintdesk site …``."""
    actions = command_group(commands, "policy", "the service catalogue: scopes and rules", "ACTION")
    declare(actions, "list", _list, "every policy: kind, active or not, scope")
    show = declare(actions, "show", _show, "one policy: its targets, clock start and scope")
    show.add_argument("code", help="the policy's code (uk-fca, fr-acpr…)")
    scope = declare(actions, "scope", _scope, "set which complaints a policy applies to")
    scope.add_argument("code", help="the policy's code")
    for kind in sla.CONDITION_KINDS:
        scope.add_argument(f"--{kind}", metavar="LIST", help=SCOPE_HELP[kind])
    scope.add_argument(
        "--clear", action="store_true", help="forget the conditions not given (else kept)"
    )
    which = declare(actions, "which", _which, "which policies a complaint would get, and why")
    which.add_argument("--site", required=True, metavar="CODE", help="the site it is received at")
    which.add_argument(
        "--channel",
        required=True,
        choices=[c.value for c in Channel],
        help="the channel it comes by",
    )
    which.add_argument("--category", metavar="CODE", help="its category code")
    which.add_argument("--product", metavar="TEXT", help="its product as filed")
    which.add_argument("--segment", metavar="SEGMENT", help="the customer's segment")
    which.add_argument("--priority", type=int, default=3, metavar="N", help="1 to 4 (3)")
    site_actions = command_group(
        commands, "site", "sites and the country whose rules they follow", "ACTION"
    )
    declare(site_actions, "list", _sites, "every site with its country and time zone")
    add = declare(site_actions, "add", _add_site, "add a site (its country's preset applies)")
    add.add_argument("code", help="2 to 10 capital letters or digits (LON01)")
    add.add_argument("--name", required=True, help="what people call it")
    add.add_argument("--timezone", required=True, metavar="ZONE", help="IANA zone (Europe/London)")
    add.add_argument("--country", metavar="CC", help="ISO two letters (default: from the zone)")
    add.add_argument(
        "--kind",
        choices=[k.value for k in SiteKind],
        default=SiteKind.BRANCH.value,
        help="hq, call_centre or branch (branch)",
    )


def _list(args: argparse.Namespace, settings: Settings) -> Summary:
    with command_line(settings) as ctx:
        views = catalogue.list_policies(ctx)
    return [_line(view, args.json) for view in views]


def _line(view: catalogue.PolicyView, as_json: bool) -> dict[str, Any]:
    if as_json:
        return {
            "code": view.code,
            "name": view.name,
            "kind": view.kind,
            "active": view.active,
            "position": view.position,
            "preset": view.preset,
            "clock_starts": view.clock_starts,
            "scope": view.conditions,
        }
    return {
        "policy": f"{view.code} — {view.name}",
        "kind": "regulatory deadlines" if view.kind == "regulatory" else "company promise",
        "active": "yes" if view.active else "no",
        "applies to": scope_words(view.conditions),
    }


def scope_words(conditions: dict[str, Any]) -> str:
    """Return a scope in words: ``site country GB; channels email, letter`` or ``every``."""
    parts = [
        f"{SCOPE_WORDS[kind]} {', '.join(str(v) for v in values)}"
        for kind, values in conditions.items()
        if values and kind in SCOPE_WORDS
    ]
    return "; ".join(parts) or "every complaint"


def _show(args: argparse.Namespace, settings: Settings) -> Summary:
    with command_line(settings) as ctx:
        view = scopes.show_policy(ctx, args.code)
    spec = presets.parse_preset({"name": view.code, "kind": view.kind, **view.targets})
    targets: list[dict[str, Any]] = [
        {"target": t.target, "amount": t.amount, "unit": t.unit.value, "met_by": t.met_by.value}
        for t in spec.targets
    ]
    if args.json:
        return {**_line(view, True), "calendar": view.calendar_code, "targets": targets,
                "letters": {k: dict(v) for k, v in spec.letters.items()}}  # fmt: skip
    starts = "when the customer sent it" if view.clock_starts == "sent" else "at receipt"
    return {
        **_line(view, False),
        "counts from": starts,
        "calendar": f"{view.calendar_code} ({view.time_zone})",
        "targets": [
            {"target": t["target"].replace("_", " "), "within": f"{t['amount']} "
             f"{str(t['unit']).replace('_', ' ')}"}
            for t in targets
        ],
    }  # fmt: skip


def _scope(args: argparse.Namespace, settings: Settings) -> Summary:
    with command_line(settings) as ctx:
        current = {} if args.clear else dict(scopes.show_policy(ctx, args.code).conditions)
        for kind in sla.CONDITION_KINDS:
            given = getattr(args, kind)
            if given is not None:
                current[kind] = [v.strip() for v in given.split(",") if v.strip()]
        scopes.set_scope(ctx, args.code, current)
        view = scopes.show_policy(ctx, args.code)
    return _line(view, args.json)


def _which(args: argparse.Namespace, settings: Settings) -> Summary:
    with command_line(settings) as ctx:
        choices = scopes.which_policy(
            ctx,
            args.site,
            Channel(args.channel),
            category=args.category,
            product=args.product,
            segment=args.segment,
            priority=args.priority,
        )
    return [_choice(choice, args.json) for choice in choices]


def _choice(choice: scopes.Choice, as_json: bool) -> dict[str, Any]:
    if as_json:
        return {
            "kind": choice.kind,
            "code": choice.code,
            "reasons": [list(r) for r in choice.reasons],
            "also_applied": list(choice.also_applied),
            "passed_over": {code: list(kinds) for code, kinds in choice.passed_over},
        }
    kind = "regulatory deadlines" if choice.kind == "regulatory" else "company promise"
    if choice.code is None:
        return {kind: "none applies"}
    why = "; ".join(f"{SCOPE_WORDS[k]} is {v}" for k, v in choice.reasons) or "it applies to all"
    return {kind: f"{choice.code} — {choice.name}", "because": why}


def _sites(args: argparse.Namespace, settings: Settings) -> Summary:
    with command_line(settings) as ctx:
        options = scopes.scope_options(ctx)
    return [
        {"code": s.code, "name": s.name, "country": s.country or ("" if args.json else "unknown")}
        for s in options.sites
    ]


def _add_site(args: argparse.Namespace, settings: Settings) -> Summary:
    if not args.country and presets.country_of_zone(args.timezone) is None:
        raise ValidationError(
            f"Which country is {args.timezone} in? Say --country (GB, FR, US…): the site "
            "follows that country's regulator."
        )
    with command_line(settings) as ctx:
        organisation.add_site(
            ctx, args.code, args.name, SiteKind(args.kind), args.timezone, args.country
        )
        site = next(s for s in scopes.scope_options(ctx).sites if s.code == args.code.upper())
        rule = scopes.which_policy(ctx, site.code, Channel.LETTER)[1]
    return {
        "code": site.code,
        "name": site.name,
        "country": site.country,
        "regulatory rule" if not args.json else "regulatory": rule.code or "none",
    }

"""Command line for administrators and scripts; no sub-command opens the GUI.

Every sub-command takes ``--json`` for a machine-readable summary on stdout and exits
non-zero with a one-line error on stderr when it fails.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from complaintdesk import __version__
from complaintdesk.app import Backend, Settings, open_backend, run_gui, settings_for
from complaintdesk.domain.errors import ComplaintDeskError, ValidationError
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import users
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.storage import database

log = logging.getLogger("complaintdesk")

Summary = dict[str, Any] | list[dict[str, Any]]
Handler = Callable[[argparse.Namespace, Settings], Summary]

COMMAND_MODULES = (
    ("mail", ("ingest", "mailbox", "send", "outbox")),
    ("social", ("ingest", "social", "customers")),
    ("search", ("search",)),
    ("receipt", ("receipt",)),
    ("problems", ("report",)),
    ("phone", ("call", "caller")),
    ("report", ("report",)),
    ("sync", ("branch", "sync")),
    ("privacy", ("privacy", "retention", "db")),
    ("smoke", ("smoke-test",)),
    ("policies", ("policy", "site")),
)
"""The modules declaring more commands, in the help's order, with the top-level words they use.

Importing them all costs a quarter of a second (mail, PDF, social, privacy services), so a run
imports only those of the command it was given: none for the GUI, every one for the help or
a word not listed here."""


def run(argv: list[str]) -> int:
    """Parse ``argv`` and run the command; return the process exit code."""
    parser = _parser(argv)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    try:
        settings = settings_for(args.database, demo=args.demo)
        handler: Handler | None = getattr(args, "handler", None)
        if handler is None:
            return run_gui(settings)
        summary = handler(args, settings)
    except ComplaintDeskError as error:
        print(f"complaintdesk: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("complaintdesk: interrupted", file=sys.stderr)
        return 130
    _print(summary, as_json=args.json)
    return 0


def _print(summary: Summary, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary, default=str, sort_keys=True))
        return
    if isinstance(summary, list):
        for item in summary:
            print(", ".join(f"{k}: {v}" for k, v in item.items()))
        return
    for key, value in summary.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            print(f"{key}:")
            for item in value:
                print("  " + ", ".join(f"{k}: {v}" for k, v in item.items()))
        else:
            print(f"{key}: {value}")


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Return the command line's parser; with ``argv``, only as much of it as that run needs."""
    modules = _command_modules(argv)
    parser = argparse.ArgumentParser(
        prog="complaintdesk", description="Complaint handling: one owner, promises kept."
    )
    parser.add_argument("--version", action="version", version=f"ComplaintDesk {__version__}")
    _common(parser)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    db = commands.add_parser("db", help="schema upgrade, status and backup").add_subparsers(
        metavar="ACTION", required=True
    )
    _command(db, "upgrade", _db_upgrade, "migrate the database to this version's schema")
    _command(db, "current", _db_current, "show the database's schema revision")
    backup = _command(db, "backup", _db_backup, "copy the whole database to a file")
    backup.add_argument("path", type=Path)
    if "privacy" in modules:
        modules["privacy"].add_database_commands(db, _command)

    demo_cmd = commands.add_parser("demo", help="demo and benchmark data")
    demo_actions = demo_cmd.add_subparsers(metavar="ACTION", required=True)
    seed = _command(demo_actions, "seed", _demo_seed, "write realistic generated complaints")
    seed.add_argument("--complaints", type=int, required=True, metavar="N")
    seed.add_argument("--seed", type=int, default=1, metavar="S")

    deadline = commands.add_parser("deadline", help="when is a complaint due under a preset?")
    _common(deadline, suppress=True)
    deadline.set_defaults(handler=_deadline)
    deadline.add_argument("--preset", required=True, metavar="NAME", help=", ".join(PRESETS))
    deadline.add_argument("--received", required=True, metavar="ISO-INSTANT")
    deadline.add_argument("--calendar", metavar="CODE", help="FR, FR-57, GB-ENG, GB-SCT, US…")
    deadline.add_argument("--segment", metavar="SEGMENT", help="customer segment (premium…)")

    sla_cmd = commands.add_parser("sla", help="promises: recompute due instants, check clocks")
    sla_actions = sla_cmd.add_subparsers(metavar="ACTION", required=True)
    _command(sla_actions, "recompute", _sla_recompute, "recompute every open complaint's dues")
    _command(sla_actions, "check", _sla_check, "update clocks and notify at risk and breaches")

    audit = commands.add_parser("audit", help="the tamper-evident audit trail")
    audit_actions = audit.add_subparsers(metavar="ACTION", required=True)
    _command(audit_actions, "verify", _audit_verify, "walk every hash chain and report breaks")

    imports = commands.add_parser("import", help="complaints recorded elsewhere")
    import_actions = imports.add_subparsers(metavar="FORMAT", required=True)
    cfpb = _command(import_actions, "cfpb", _import_cfpb, "CFPB Consumer Complaint Database CSV")
    cfpb.add_argument("file", type=Path, help="a CSV file in the CFPB database's format")
    cfpb.add_argument("--owner", metavar="LOGIN", help="who owns imported closed complaints")
    cfpb.add_argument(
        "--site",
        metavar="CODE",
        help="the site complaints are recorded at (default: a site in the US, added as US "
        "if there is none, so the CFPB's rule and a US calendar apply)",
    )

    user = commands.add_parser("user", help="user accounts").add_subparsers(
        metavar="ACTION", required=True
    )
    add = _command(user, "add", _user_add, "add a user (password from stdin or prompted)")
    add.add_argument("login")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--site", required=True, metavar="CODE")
    add.add_argument("--name", metavar="DISPLAY_NAME")
    add.add_argument("--team", metavar="QUEUE", help="team queue the user works from")

    for module in modules.values():
        module.add_commands(commands, _command)
    return parser


def _command_modules(argv: Sequence[str] | None) -> dict[str, Any]:
    """Import the modules of the commands ``argv`` may use (all of them without ``argv``)."""
    names = [name for name, _words in COMMAND_MODULES]
    if argv is not None:
        word = _command_word(argv)
        if word is None and not _asks_help(argv):
            names = []  # the GUI
        elif word is not None and any(word in words for _name, words in COMMAND_MODULES):
            names = [name for name, words in COMMAND_MODULES if word in words]
        elif word is not None and word in _OWN_COMMANDS:
            names = []
    return {name: importlib.import_module(f"complaintdesk.cli.{name}") for name in names}


_OWN_COMMANDS = frozenset({"demo", "deadline", "sla", "audit", "import", "user"})
"""Top-level words declared here and nowhere else (``db`` also takes privacy's commands)."""


class _WordFinder(argparse.ArgumentParser):
    """Finds the sub-command word the way the real parser will, keeping quiet on errors."""

    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def _command_word(argv: Sequence[str]) -> str | None:
    finder = _WordFinder(add_help=False)
    _common(finder)
    finder.add_argument("command", nargs="?")
    try:
        known, _rest = finder.parse_known_args(list(argv))
    except ValueError:
        return ""  # not None: the full parser must report the error with every command
    word: str | None = known.command
    return word


def _asks_help(argv: Sequence[str]) -> bool:
    # -h may be grouped with -v (-vh); --help may be abbreviated (--he).
    return any(
        a.startswith("--h") or (a.startswith("-") and not a.startswith("--") and "h" in a)
        for a in argv
    )


def _common(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--database",
        metavar="URL",
        default=default,
        help="postgresql://… or sqlite:///FILE (default: COMPLAINTDESK_DATABASE_URL, "
        "else the embedded file in your data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="use the separate demo database, seeded on first use",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="print a machine-readable summary",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="log what happens",
    )


def _command(actions: Any, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
    _common(parser, suppress=True)
    parser.set_defaults(handler=handler)
    return parser


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.storage import schema  # Alembic: only the commands that need it

    engine = database.create_database_engine(settings.database_url)
    try:
        before = schema.status(engine)
        backup = None
        if settings.embedded:
            backup = schema.prepare_embedded(engine, settings.backup_dir)
        else:
            schema.upgrade(engine)
        after = schema.status(engine)
    finally:
        engine.dispose()
    return {
        "database": database.describe(settings.database_url),
        "from": before.current,
        "to": after.current,
        "backup": str(backup) if backup else None,
    }


def _db_current(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.storage import schema  # Alembic: only the commands that need it

    engine = database.create_database_engine(settings.database_url, create_file=False)
    try:
        state = schema.status(engine)
    finally:
        engine.dispose()
    return {
        "database": database.describe(settings.database_url),
        "current": state.current,
        "head": state.head,
        "up_to_date": state.up_to_date,
        "known": state.known,
    }


def _db_backup(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.storage import schema  # Alembic: only the commands that need it

    engine = database.create_database_engine(settings.database_url, create_file=False)
    try:
        schema.refuse_unknown(schema.status(engine))
        target = schema.backup(engine, args.path)
    finally:
        engine.dispose()
    return {"database": database.describe(settings.database_url), "backup": str(target)}


def _demo_seed(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.demo import seed as demo

    if args.complaints < 0:
        raise ValidationError("--complaints must be zero or more.")
    backend = _open(settings)

    def report(done: int, total: int) -> None:
        if not args.json:
            print(f"\r{done:,}/{total:,} complaints", end="", file=sys.stderr, flush=True)

    try:
        summary = demo.seed(
            backend.uow, complaints=args.complaints, seed=args.seed, progress=report
        )
    finally:
        backend.engine.dispose()
    if not args.json:
        print(file=sys.stderr)
    return {
        "complaints": summary.complaints,
        "messages": summary.messages,
        "customers": summary.customers,
        "users": summary.users,
        "seconds": round(summary.seconds, 1),
    }


PRESETS = ("fr-acpr", "fr-payment", "uk-fca", "uk-fca-payment", "us-cfpb", "iso-10002")


def _deadline(args: argparse.Namespace, settings: Settings) -> list[dict[str, Any]]:
    from datetime import datetime

    from complaintdesk.domain.promises import presets
    from complaintdesk.resources import load_json

    if args.preset not in PRESETS:
        raise ValidationError(f"Unknown preset {args.preset!r}: use one of {', '.join(PRESETS)}.")
    try:
        received = datetime.fromisoformat(args.received)
    except ValueError:
        raise ValidationError(f"--received {args.received!r} is not an ISO instant.") from None
    if received.tzinfo is None:
        raise ValidationError("--received needs a time zone, e.g. 2025-07-11T09:30:00+02:00 or Z.")
    preset = presets.parse_preset(load_json(f"presets/{args.preset}.json"))
    calendar = presets.calendar_for(args.calendar or preset.calendar_code)
    dues = presets.due_dates(preset, received, calendar, args.segment)
    return [
        {"target": d.target, "due_date": d.due_date.isoformat(), "due_at": d.due_at.isoformat()}
        for d in dues
    ]


def _audit_verify(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.admin.audit_trail import verify_audit_trail

    backend = _open(settings)
    try:
        chains = verify_audit_trail(ServiceContext(backend.uow, command_line_actor()))
    finally:
        backend.engine.dispose()
    broken = {site: c.first_broken for site, c in chains.items() if not c.ok}
    return {
        "events": sum(c.events for c in chains.values()),
        "ok": not broken,
        "first_broken": next(iter(broken.values()), None),
        "chains": {
            site: {"events": c.events, "ok": c.ok, "first_broken": c.first_broken}
            for site, c in chains.items()
        },
    }


def _sla_recompute(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    import time

    from complaintdesk.services.promises import recompute

    backend = _open(settings)
    started = time.perf_counter()
    try:
        changed = recompute.recompute(ServiceContext(backend.uow, command_line_actor()))
    finally:
        backend.engine.dispose()
    return {"changed": changed, "seconds": round(time.perf_counter() - started, 2)}


def _sla_check(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.services.promises import checks

    backend = _open(settings)
    try:
        found = checks.check_clocks(ServiceContext(backend.uow, command_line_actor()))
    finally:
        backend.engine.dispose()
    return {
        "checked": found.checked,
        "at_risk": found.newly_at_risk,
        "breached": found.newly_breached,
        "compensations": found.compensations,
    }


def _import_cfpb(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    from complaintdesk.channels import cfpb
    from complaintdesk.resources import load_json
    from complaintdesk.services.admin import organisation, routing_rules
    from complaintdesk.services.inbound import imports

    if not args.file.is_file():
        raise ValidationError(f"No file at {args.file}.")
    backend = _open(settings)
    ctx = ServiceContext(backend.uow, command_line_actor())

    def report(summary: imports.ImportSummary) -> None:
        if not args.json:
            print(f"\r{summary.read:,} rows read", end="", file=sys.stderr, flush=True)

    try:
        routing_rules.install_rule_set(ctx, load_json("routing/cfpb.json"))
        site = args.site or organisation.site_for_country(
            ctx, "US", "US", "United States (CFPB complaints)", "America/New_York"
        )
        summary = imports.import_complaints(
            ctx, cfpb.read(args.file), owner_login=args.owner, site_code=site, progress=report
        )
    finally:
        backend.engine.dispose()
    if not args.json:
        print(file=sys.stderr)
    return {
        "read": summary.read,
        "imported": summary.imported,
        "duplicates": summary.already_there,
        "skipped": summary.already_there + len(summary.skipped),
        "unrouted": summary.unrouted,
        "rejected": summary.skipped,
    }


def _user_add(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    password = _read_password()
    backend = _open(settings)
    try:
        view = users.add_user(
            ServiceContext(backend.uow, command_line_actor()),
            args.login,
            password,
            role=Role(args.role),
            site_code=args.site,
            display_name=args.name,
            team_queue=args.team,
        )
    finally:
        backend.engine.dispose()
    return {"id": str(view.id), "login": view.login, "role": view.role, "site": view.site_code}


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != first:
            raise ValidationError("The two passwords differ.")
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise ValidationError("No password given on standard input.")
    return line


def _open(settings: Settings) -> Backend:
    return open_backend(settings)


def command_line_context(settings: Settings) -> tuple[Backend, ServiceContext]:
    """Open the database and act on it as the command line; the caller disposes the engine."""
    backend = open_backend(settings)
    return backend, ServiceContext(backend.uow, command_line_actor())


def command_line_actor() -> Actor:
    """The administrator the command line acts as (whoever may run it on this database)."""
    import uuid

    return Actor(
        user_id=None,
        login="cli",
        display_name="Command line",
        role=Role.ADMIN,
        site_id=uuid.UUID(int=0),
        site_code="HQ",
        team_queue=None,
        function_ids=frozenset(),
    )

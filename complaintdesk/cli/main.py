"""Command line for administrators and scripts; no sub-command opens the GUI.

Every sub-command takes ``--json`` for a machine-readable summary on stdout and exits
non-zero with a one-line error on stderr when it fails. This module parses and dispatches;
the commands themselves are declared by the modules of :data:`COMMAND_MODULES`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from types import ModuleType
from typing import NoReturn

from complaintdesk import __version__
from complaintdesk.app import SCHEMA_REVISION, Settings, data_dir, run_gui, settings_for
from complaintdesk.cli.common import (
    ArgumentMistake,
    CommandParser,
    Handler,
    add_common_options,
    declare_command,
    print_summary,
    with_password,
)
from complaintdesk.domain.errors import ComplaintDeskError

COMMAND_MODULES = (
    ("database", ("db",)),
    ("session", ("login", "logout")),
    ("demo", ("demo",)),
    ("promises", ("deadline", "sla")),
    ("audit", ("audit",)),
    ("imports", ("import",)),
    ("users", ("user",)),
    ("mail", ("ingest", "mailbox", "send", "outbox")),
    ("social", ("ingest", "social", "customers", "complaint", "followups")),
    ("quarantine", ("quarantine",)),
    ("search", ("search",)),
    ("receipt", ("receipt",)),
    ("problems", ("report",)),
    ("phone", ("call", "caller")),
    ("report", ("report",)),
    ("sync", ("branch", "sync")),
    ("privacy", ("privacy", "retention")),
    ("smoke", ("smoke-test",)),
    ("policies", ("policy", "site")),
)
"""The modules of ``complaintdesk.cli`` declaring the commands, in the help's order, with the
top-level words they use.

Importing them all costs a quarter of a second (mail, PDF, social, privacy services), so a run
imports only those of the command it was given: none for the GUI, every one for the help or
a word not listed here."""


def run(argv: list[str]) -> int:
    """Parse ``argv`` and run the command; return the process exit code."""
    parser = _parser(argv)
    try:
        args = parser.parse_args(argv)
    except ArgumentMistake as mistake:
        print(f"complaintdesk: error: {mistake}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    try:
        settings = _settings(args)
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
    print_summary(summary, as_json=args.json)
    return 0


def _settings(args: argparse.Namespace) -> Settings:
    """Where the data lives, the server's password taken from anywhere but the command line."""
    settings = settings_for(args.database, demo=args.demo)
    url = with_password(settings.database_url, data_dir(), from_argv=args.database is not None)
    return replace(settings, database_url=url)


def _parser(argv: Sequence[str] | None = None) -> CommandParser:
    """Return the command line's parser; with ``argv``, only as much of it as that run needs."""
    parser = CommandParser(
        prog="complaintdesk", description="Complaint handling: one owner, promises kept."
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"ComplaintDesk {__version__} (database schema {SCHEMA_REVISION})",
    )
    add_common_options(parser)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in _command_modules(argv).values():
        module.add_commands(commands, declare_command)
    return parser


def _command_modules(argv: Sequence[str] | None) -> dict[str, ModuleType]:
    """Import the modules of the commands ``argv`` may use (all of them without ``argv``)."""
    names = [name for name, _words in COMMAND_MODULES]
    if argv is not None:
        word = _command_word(argv)
        if word is None and not _asks_help(argv):
            names = []  # the GUI
        elif word is not None and any(word in words for _name, words in COMMAND_MODULES):
            names = [name for name, words in COMMAND_MODULES if word in words]
    return {name: importlib.import_module(f"complaintdesk.cli.commands.{name}") for name in names}


class _WordFinder(argparse.ArgumentParser):
    """Finds the sub-command word the way the real parser will, keeping quiet on errors."""

    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def _command_word(argv: Sequence[str]) -> str | None:
    finder = _WordFinder(add_help=False)
    add_common_options(finder)
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

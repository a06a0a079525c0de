"""The ``db`` commands: schema upgrade and revision, backup, encryption at rest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from complaintdesk import app
from complaintdesk.app import Settings
from complaintdesk.cli.common import Declare, command_line, end_progress, show_progress
from complaintdesk.services.privacy import retention


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``db upgrade|current|backup|backups|encrypt`` on the ``complaintdesk`` parser."""
    db = commands.add_parser("db", help="schema upgrade, status and backup").add_subparsers(
        metavar="ACTION", required=True
    )
    declare(db, "upgrade", _upgrade, "migrate the database to this version's schema")
    declare(db, "current", _current, "show the database's schema revision")
    backup = declare(db, "backup", _backup, "copy the whole database to a file")
    backup.add_argument(
        "path", type=Path, help="file to write (SQLite: a database file; PostgreSQL: a pg_dump)"
    )
    declare(
        db,
        "backups",
        _backups,
        "the copies in the data folder's backups and the erasures made after each",
    )
    encrypt = declare(db, "encrypt", _encrypt, "encrypt the embedded database file (SQLCipher)")
    encrypt.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read a passphrase from stdin (else a random key is kept in the system keyring)",
    )


def _upgrade(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    waited: list[int] = []

    def waiting(busy: int) -> None:
        waited.append(busy)
        show_progress(
            f"Waiting for the work in progress to end ({busy} sessions busy); clients "
            "that start a change now wait for the upgrade…",
            quiet=args.json,
        )

    upgrade = app.upgrade_schema(settings, waiting)
    end_progress(quiet=args.json or not waited)
    return {
        "database": settings.description,
        "from": upgrade.before,
        "to": upgrade.after,
        "backup": str(upgrade.backup) if upgrade.backup else None,
    }


def _current(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    state = app.schema_state(settings)
    return {
        "database": settings.description,
        "current": state.current,
        "head": state.head,
        "up_to_date": state.up_to_date,
        "known": state.known,
    }


def _backup(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    target = app.backup_database(settings, args.path)
    return {"database": settings.description, "backup": str(target)}


def _backups(args: argparse.Namespace, settings: Settings) -> list[dict[str, Any]]:
    with command_line(settings) as ctx:
        states = retention.backups_predating_erasures(ctx, settings.backup_dir)
    return [s.as_json() for s in states]


def _encrypt(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    encrypted = app.encrypt_database(settings, _read_passphrase if args.passphrase_stdin else None)
    return {
        "database": str(encrypted.path),
        "encrypted": True,
        "key": "passphrase" if args.passphrase_stdin else "keyring",
        "tables": encrypted.tables,
        "rows": encrypted.rows,
        "unencrypted_backups": [str(p) for p in encrypted.unencrypted_backups],
    }


def _read_passphrase() -> str:
    return sys.stdin.readline().rstrip("\n")

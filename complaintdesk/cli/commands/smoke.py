"""The ``smoke-test`` command: open the main window on a throw-away demo database, then quit.

It proves an installation (a PyInstaller bundle above all) holds what a start needs: the
migrations, the shipped resources, the translations and the Qt plugins. It never touches the
person's own data or settings.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from complaintdesk import app
from complaintdesk.app import Settings
from complaintdesk.cli.arguments import count
from complaintdesk.cli.common import Declare


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``complaintdesk smoke-test [--complaints N] [--language fr]``."""
    parser = declare(
        commands,
        "smoke-test",
        _smoke_test,
        "open the main window on a temporary demo database and quit (exit 0 if it showed)",
    )
    parser.add_argument(
        "--complaints", type=count(0, 100_000), default=200, metavar="N", help="demo size"
    )
    parser.add_argument("--language", default="fr", choices=["en", "fr"], help="shown in (fr)")


def _smoke_test(args: argparse.Namespace, _settings: Settings) -> dict[str, Any]:
    started = time.perf_counter()
    window = app.run_smoke_test(args.complaints, args.language)
    return {
        "shown": window.shown,
        "title": window.title,
        "first_queue": window.first_queue,
        "rows": window.rows,
        "catalogues": window.catalogues,
        "seconds": round(time.perf_counter() - started, 1),
    }

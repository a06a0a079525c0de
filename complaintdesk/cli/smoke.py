"""The ``smoke-test`` command: open the main window on a throw-away demo database, then quit.

It proves an installation (a PyInstaller bundle above all) holds what a start needs: the
migrations, the shipped resources, the translations and the Qt plugins. It never touches the
person's own data or settings.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from complaintdesk.app import Settings

Handler = Callable[[argparse.Namespace, Settings], dict[str, Any]]
Declare = Callable[[Any, str, Handler, str], argparse.ArgumentParser]
TIMEOUT_S = 120
DEMO_LOGIN, DEMO_PASSWORD = "agent", "demo-agent"


def add_commands(commands: Any, declare: Declare) -> None:
    """Declare ``complaintdesk smoke-test [--complaints N] [--language fr]``."""
    parser = declare(
        commands,
        "smoke-test",
        _smoke_test,
        "open the main window on a temporary demo database and quit (exit 0 if it showed)",
    )
    parser.add_argument("--complaints", type=int, default=200, metavar="N", help="demo size")
    parser.add_argument("--language", default="fr", choices=["en", "fr"], help="shown in (fr)")


def _smoke_test(args: argparse.Namespace, _settings: Settings) -> dict[str, Any]:
    from complaintdesk.app import open_backend
    from complaintdesk.demo import seed
    from complaintdesk.domain.errors import ComplaintDeskError
    from complaintdesk.services.admin import auth
    from complaintdesk.services.context import Connection
    from complaintdesk.storage.database import sqlite_url
    from complaintdesk.ui import i18n
    from complaintdesk.ui.application import application
    from complaintdesk.ui.main_window import MainWindow

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="complaintdesk-smoke-") as folder:
        settings = Settings(sqlite_url(Path(folder) / "smoke.db"), Path(folder))
        backend = open_backend(settings)  # every migration, on a new file
        try:
            seed.seed(backend.uow, complaints=args.complaints, seed=1)
            actor = auth.sign_in(backend.uow, DEMO_LOGIN, DEMO_PASSWORD)
            app = application()
            catalogues = len(i18n.install(args.language).translators)
            if args.language != "en" and catalogues < 2:
                raise ComplaintDeskError("the translations are missing from this installation")
            window = MainWindow(Connection(backend.uow, backend.description), actor)
            window.show()
            deadline = time.monotonic() + TIMEOUT_S
            while window.tasks.pending or not window.isVisible():
                if time.monotonic() > deadline:
                    raise ComplaintDeskError("the main window did not settle in time")
                app.processEvents()
                time.sleep(0.01)
            summary = {
                "shown": window.isVisible(),
                "title": window.windowTitle(),
                "first_queue": window.navigation.item(0).text(),
                "rows": window.queue_model.rowCount(),
                "catalogues": catalogues,
                "seconds": round(time.perf_counter() - started, 1),
            }
            window.close()
            window.deleteLater()
            app.processEvents()
        finally:
            backend.engine.dispose()
    return summary

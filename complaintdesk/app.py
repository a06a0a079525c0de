"""The one place where settings, database, services and windows are wired together."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy import Engine

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.admin import users
from complaintdesk.services.context import Connection
from complaintdesk.services.promises import catalogue
from complaintdesk.storage import database
from complaintdesk.storage.unit_of_work import UnitOfWorkFactory, unit_of_work_factory

log = logging.getLogger(__name__)

APP_NAME = "ComplaintDesk"
URL_VARIABLE = "COMPLAINTDESK_DATABASE_URL"
DATA_DIR_VARIABLE = "COMPLAINTDESK_DATA_DIR"
DEMO_COMPLAINTS = 2_000


@dataclass(frozen=True)
class Settings:
    """Where the data lives and how this run was asked to behave."""

    database_url: str
    data_dir: Path
    demo: bool = False

    @property
    def embedded(self) -> bool:
        """True when the database is the SQLite file this app manages itself."""
        return self.database_url.startswith("sqlite")

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"


def data_dir() -> Path:
    """Return the user's data folder (overridable for tests and portable installs)."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def settings_for(url: str | None = None, *, demo: bool = False) -> Settings:
    """Resolve the database: ``--database``, then the environment, then the data folder."""
    folder = data_dir()
    if demo:
        return Settings(database.sqlite_url(folder / "demo.db"), folder, demo=True)
    chosen = url or os.environ.get(URL_VARIABLE)
    if chosen:
        return Settings(chosen, folder)
    return Settings(database.sqlite_url(folder / "complaintdesk.db"), folder)


@dataclass(frozen=True)
class Backend:
    """An open database and the unit-of-work factory services run on."""

    settings: Settings
    engine: Engine
    uow: UnitOfWorkFactory

    @property
    def description(self) -> str:
        """The database in use, password hidden, for the status bar."""
        return database.describe(self.settings.database_url)


def open_backend(settings: Settings, *, upgrade: bool = True) -> Backend:
    """Open the database, bring an embedded one up to date, and seed the demo once.

    Raises:
        ComplaintDeskError: the database cannot be used; nothing was changed.
    """
    from complaintdesk.storage import schema  # Alembic: not for commands that open nothing

    engine = database.create_database_engine(settings.database_url)
    try:
        if upgrade and settings.embedded:
            backup = schema.prepare_embedded(engine, settings.backup_dir)
            if backup is not None:
                log.info("database upgraded; previous version kept in %s", backup)
        elif upgrade:
            schema.require_current(engine)
        factory = unit_of_work_factory(engine)
        if upgrade:
            users.ensure_first_site(factory)
            catalogue.install_presets(factory)
        backend = Backend(settings, engine, factory)
        if settings.demo:
            _seed_demo_once(backend)
    except BaseException:
        engine.dispose()
        raise
    return backend


def _seed_demo_once(backend: Backend) -> None:
    from complaintdesk.demo import seed as demo

    if not demo.is_seeded(backend.uow):
        demo.seed(backend.uow, complaints=DEMO_COMPLAINTS, seed=1)


def connect(settings: Settings) -> Connection:
    """Open the backend and hand the GUI only what it may hold."""
    from complaintdesk.sync.branch import branch_of

    backend = open_backend(settings)
    mode = "standalone" if settings.embedded else "online"
    branch = branch_of(backend.engine, settings.data_dir) if settings.embedded else None
    mode = "branch" if branch is not None else mode
    return Connection(backend.uow, backend.description, mode=mode, branch=branch)


def run_gui(settings: Settings) -> int:
    """Start the desktop application: sign-in, then the main window.

    The GUI opens the database itself (through :func:`connect`) so that a database it
    cannot use is reported in a dialog rather than on a terminal nobody reads.
    """
    from complaintdesk.ui.application import run

    exit_code: int = run(lambda: connect(settings))
    return exit_code


__all__ = ["Backend", "ComplaintDeskError", "Settings", "open_backend", "run_gui", "settings_for"]

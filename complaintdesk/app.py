"""The one place where settings, database, services and windows are wired together."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy import Engine

from complaintdesk.domain.errors import ComplaintDeskError, NotADatabase, ValidationError
from complaintdesk.services.admin import audit_key, users
from complaintdesk.services.context import Connection
from complaintdesk.services.promises import catalogue
from complaintdesk.storage import database
from complaintdesk.storage.journal import audit_keys
from complaintdesk.storage.secrets import Secrets
from complaintdesk.storage.unit_of_work import UnitsOfWork, unit_of_work_factory

if TYPE_CHECKING:
    from complaintdesk.services.insight.voice_of_customer import VoiceOfCustomer
    from complaintdesk.services.outbound.receipts import Paper
    from complaintdesk.services.replicas.replication import RoundSummary
    from complaintdesk.storage.maintenance import EncryptedFile, SchemaUpgrade
    from complaintdesk.storage.schema import SchemaStatus
    from complaintdesk.sync.branch import InitSummary
    from complaintdesk.ui.counter.receipt_printing import Printed
    from complaintdesk.ui.smoke_test import WindowCheck

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

    @property
    def description(self) -> str:
        """The database in use, password hidden, as the person is shown it."""
        return database.describe(self.database_url)


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
    uow: UnitsOfWork

    @property
    def description(self) -> str:
        """The database in use, password hidden, for the status bar."""
        return self.settings.description

    def close(self) -> None:
        """Close every connection to the database."""
        self.engine.dispose()


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
        store = secrets_for(settings)
        factory = unit_of_work_factory(
            engine, audit_keys.load(audit_keys.registered(engine), store)
        )
        if upgrade:  # first-start set-up: idempotent, and safe when clients start together
            audit_key.ensure_audit_key(factory, store, may_create=settings.embedded)
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
    from complaintdesk.channels.quarantine import Channels

    return Connection(
        backend.uow, backend.description, mode=mode, branch=branch, quarantine=Channels()
    )


def run_gui(settings: Settings) -> int:
    """Start the desktop application: sign-in, then the main window.

    The GUI opens the database itself (through :func:`connect`) so that a database it
    cannot use is reported in a dialog rather than on a terminal nobody reads.
    """
    from complaintdesk.ui.application import run

    exit_code: int = run(lambda: connect(settings))
    return exit_code


def secrets_for(settings: Settings) -> Secrets:
    """Return where mailbox passwords and gateway tokens of this data folder are kept."""
    return Secrets(settings.data_dir)


def secrets_in(folder: Path) -> Secrets:
    """Return where the secrets of the data folder ``folder`` are kept."""
    return Secrets(folder)


# Database URLs as the command line takes them (never with a password in them).

SCHEMA_REVISION = database.SCHEMA_HEAD


def describe_database(url: str) -> str:
    """The database of ``url``, password hidden, as a person is shown it."""
    return database.describe(url)


def check_url(url: str) -> None:
    """Refuse a URL that is not a SQLite or PostgreSQL database (in plain words)."""
    database.normalise_url(url)


def url_password(url: str) -> str | None:
    """Return the password written in ``url`` (None if there is none)."""
    return database.password_of(url)


def is_server_url(url: str) -> bool:
    """True for a database server (PostgreSQL), False for an embedded file."""
    return not url.startswith("sqlite")


def url_with_password(url: str, password: str) -> str:
    """Return ``url`` carrying ``password`` (kept in memory only, never printed)."""
    return database.with_password(url, password)


def server_wants_password(url: str) -> bool:
    """True if the server refuses ``url`` for want of a password (asked before prompting)."""
    return database.wants_password(url)


# Database maintenance (the `db` commands): each opens and closes the database itself.


def upgrade_schema(
    settings: Settings, waiting: Callable[[int], None] | None = None
) -> SchemaUpgrade:
    """Migrate the database to this version's schema (an embedded one after a backup).

    Args:
        waiting: told how many sessions are busy while a shared database's upgrade waits
            for the work in progress to end.
    """
    from complaintdesk.storage import maintenance  # Alembic: only the commands that need it

    url, backups = settings.database_url, settings.backup_dir
    return maintenance.upgrade_schema(url, backups, embedded=settings.embedded, waiting=waiting)


def schema_state(settings: Settings) -> SchemaStatus:
    """Return where the database stands against this version's migrations."""
    from complaintdesk.storage import maintenance

    return maintenance.schema_state(settings.database_url)


def backup_database(settings: Settings, target: Path) -> Path:
    """Copy the whole database to ``target`` and return the file written."""
    from complaintdesk.storage import maintenance

    return maintenance.backup_database(settings.database_url, target)


def scrub_database(settings: Settings) -> None:
    """Rewrite an embedded database so erased values stay in no free page (after an erasure)."""
    if not settings.embedded:
        return
    engine = database.create_database_engine(settings.database_url, create_file=False)
    try:
        database.scrub_free_space(engine)
    finally:
        engine.dispose()


def encrypt_database(
    settings: Settings, read_passphrase: Callable[[], str] | None
) -> EncryptedFile:
    """Encrypt the embedded database file at rest (None: a random key in the keyring)."""
    from complaintdesk.storage import maintenance

    if not settings.embedded:
        raise ValidationError("Only an embedded (SQLite) database is encrypted at rest.")
    return maintenance.encrypt_file(settings.database_url, settings.backup_dir, read_passphrase)


# Branch replicas: sync/ works on the engine of the local file.


def init_branch(settings: Settings, central_url: str, site_code: str) -> InitSummary:
    """Make the embedded database a replica of a site's part of the central server."""
    from complaintdesk.sync import branch

    engine = database.create_database_engine(settings.database_url)
    try:
        return branch.init_branch(engine, central_url, site_code, settings.data_dir)
    finally:
        engine.dispose()


def sync_branch(settings: Settings) -> RoundSummary:
    """Run one sync round of this branch replica with the central server."""
    from complaintdesk.sync.branch import Branch

    engine = _branch_engine(settings)
    try:
        return Branch(engine, settings.data_dir).run_round()
    finally:
        engine.dispose()


def require_branch(settings: Settings) -> None:
    """Refuse, saying what to do, unless the embedded database is a branch replica."""
    from complaintdesk.sync.branch import branch_of
    from complaintdesk.sync.errors import NotABranch

    engine = _branch_engine(settings)
    try:
        if branch_of(engine, settings.data_dir) is None:
            raise NotABranch(
                "This database is not a branch replica: run `complaintdesk branch init "
                "--central URL --site CODE` first."
            )
    finally:
        engine.dispose()


def _branch_engine(settings: Settings) -> Engine:
    from complaintdesk.sync.errors import NotABranch

    try:
        return database.create_database_engine(settings.database_url, create_file=False)
    except NotADatabase:
        raise NotABranch(
            "This workstation is not a branch replica yet: run `complaintdesk branch init "
            "--central URL --site CODE` first."
        ) from None


# Qt for the command line: documents printed without a window, the running window, a smoke test.


def hand_call_to_window(settings: Settings, number: str) -> bool:
    """Show the caller of ``number`` in this user's open window; False if none is open."""
    from complaintdesk.ui.session.single_instance import send_number, server_name

    return send_number(server_name(settings.description), number)


def write_receipt_pdf(html: str, paper: Paper, out: Path, title: str) -> Printed:
    """Print a receipt to a PDF file; Qt needs a GUI application, an offscreen one if none runs."""
    from PySide6.QtGui import QGuiApplication

    from complaintdesk.ui.counter.receipt_printing import write_pdf

    app = QGuiApplication.instance()  # held until the PDF is written
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["complaintdesk", "-platform", "offscreen"])
    return write_pdf(html, paper, out, title)


def write_voice_pdf(voice: VoiceOfCustomer, out: Path) -> None:
    """Print a function's month (voice of the customer) to a PDF file."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window: only a document
    from PySide6.QtWidgets import QApplication

    from complaintdesk.ui.problems.voice_of_customer import write_pdf

    # A widgets application, not a bare GUI one: whoever shares this process (a test run, a
    # script) may open widgets after the PDF is written.
    _app = QApplication.instance() or QApplication([])
    write_pdf(voice, out)


def write_subject_access_pdf(export: Mapping[str, Any], out: Path) -> Path:
    """Print a customer's subject access export to a PDF file and return it."""
    from complaintdesk.ui.admin.subject_report import write_pdf

    return write_pdf(export, out)


SMOKE_LOGIN, SMOKE_PASSWORD = "agent", "demo-agent"


def run_smoke_test(complaints: int, language: str) -> WindowCheck:
    """Show the main window on a throw-away demo database of ``complaints``, then close it."""
    from complaintdesk.demo import seed
    from complaintdesk.services.admin import auth
    from complaintdesk.ui.smoke_test import show_main_window_once

    with tempfile.TemporaryDirectory(prefix="complaintdesk-smoke-") as folder:
        settings = Settings(database.sqlite_url(Path(folder) / "smoke.db"), Path(folder))
        backend = open_backend(settings)  # every migration, on a new file
        try:
            seed.seed(backend.uow, complaints=complaints, seed=1)
            actor = auth.sign_in(backend.uow, SMOKE_LOGIN, SMOKE_PASSWORD)
            connection = Connection(backend.uow, backend.description)
            return show_main_window_once(connection, actor, language)
        finally:
            backend.close()


__all__ = ["Backend", "ComplaintDeskError", "Settings", "open_backend", "run_gui", "settings_for"]

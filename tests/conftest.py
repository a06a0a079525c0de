"""Fixtures shared by every test: databases built by migrating, on SQLite and PostgreSQL.

PostgreSQL comes from ``COMPLAINTDESK_TEST_DATABASE_URL`` when set (a server whose user may
create databases), else from a real server started with the ``pgserver`` package. Each test
gets a fresh database cloned from a template migrated once per session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, make_url, select, text

from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, passwords, tokens, users
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.storage import schema
from complaintdesk.storage.database import create_database_engine, sqlite_url
from complaintdesk.storage.models import User

pytest_plugins = ("tests.support.mail_servers",)
"""Real mail servers on loopback (pymap, aiosmtpd) as fixtures for every test that asks."""

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TEMPLATE = "complaintdesk_template"


def unavailable(reason: str) -> None:
    """Skip a test whose server cannot start, or fail it where servers are required (CI)."""
    if os.environ.get("COMPLAINTDESK_REQUIRE_SERVERS"):
        pytest.fail(f"server unavailable: {reason}")
    pytest.skip(f"server unavailable: {reason}")


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash passwords with argon2 at its lowest cost.

    The shipped parameters take about 0.2 s a hash on a small machine, and the suite signs
    in hundreds of times; tests/services/admin/test_passwords.py checks the shipped parameters.
    """
    cheap = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(passwords, "_HASHER", cheap)


TEST_AUDIT_KEY = "7e" * 32
"""The audit key every test database is hashed with (a real installation keeps its own
outside the database: the environment, or the keyring; see storage/audit_keys.py)."""


@pytest.fixture(autouse=True)
def audit_key(monkeypatch: pytest.MonkeyPatch) -> str:
    """Give every test, and every process it starts, the same audit key."""
    monkeypatch.setenv("COMPLAINTDESK_AUDIT_KEY", TEST_AUDIT_KEY)
    return TEST_AUDIT_KEY


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """URL of a PostgreSQL server where tests may create databases."""
    configured = os.environ.get("COMPLAINTDESK_TEST_DATABASE_URL")
    if configured:
        yield configured
        return
    try:
        with warnings.catch_warnings():
            # pgserver asks platformdirs for a runtime folder on import; it needs none.
            warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
            import pgserver
    except ImportError as error:  # pragma: no cover - the test extra installs it
        unavailable(f"PostgreSQL: pgserver is not installed ({error})")
    # Outside pytest's numbered temp folders: a concurrent pytest run prunes old ones,
    # which would delete a live server's data directory.
    folder = Path(tempfile.mkdtemp(prefix="complaintdesk-pg-"))
    try:
        server = pgserver.get_server(folder, cleanup_mode="stop")
    except Exception as error:  # pragma: no cover - reported as a skip, CI fails on it
        unavailable(f"PostgreSQL: pgserver could not start ({error})")
    _durability_off(server.get_uri())
    yield server.get_uri()
    server.cleanup()
    shutil.rmtree(folder, ignore_errors=True)


def _durability_off(admin_url: str) -> None:
    """A throw-away test server needs no crash safety; without fsync it clones faster."""
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            connection.execute(text(f"ALTER SYSTEM SET {setting} = off"))
        connection.execute(text("SELECT pg_reload_conf()"))
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_template(postgres_admin_url: str) -> str:
    """Name of a database migrated to head once, cloned for each test."""
    admin = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE}"))
        connection.execute(text(f"CREATE DATABASE {TEMPLATE}"))
    admin.dispose()
    engine = create_database_engine(_database(postgres_admin_url, TEMPLATE))
    schema.upgrade(engine)
    engine.dispose()
    return TEMPLATE


def _database(admin_url: str, name: str) -> str:
    url = make_url(admin_url).set(database=name)
    return url.render_as_string(hide_password=False)


@pytest.fixture
def fresh_postgres_url(postgres_admin_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database (not migrated) dropped after the test."""
    name = f"cd_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    yield _database(postgres_admin_url, name)
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def migrated_postgres_url(postgres_admin_url: str, postgres_template: str) -> Iterator[str]:
    """A PostgreSQL database at head, cloned from the migrated template."""
    name = f"cd_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {postgres_template}"))
    yield _database(postgres_admin_url, name)
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user data folder for this test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("COMPLAINTDESK_DATA_DIR", str(folder))
    monkeypatch.delenv("COMPLAINTDESK_DATABASE_URL", raising=False)
    monkeypatch.delenv("COMPLAINTDESK_TOKEN", raising=False)
    return folder


@pytest.fixture(scope="session")
def sqlite_template() -> Iterator[Path]:
    """An embedded database migrated to head once, copied for each test."""
    folder = Path(tempfile.mkdtemp(prefix="complaintdesk-sqlite-"))
    path = folder / "complaintdesk.db"
    engine = create_database_engine(sqlite_url(path))
    schema.upgrade(engine)
    engine.dispose()
    assert not path.with_name(path.name + "-wal").exists(), "template not checkpointed"
    yield path
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def sqlite_database(data_dir: Path, sqlite_template: Path) -> Path:
    """The embedded database file in ``data_dir``, migrated to head; nothing holds it open."""
    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / "complaintdesk.db"
    shutil.copyfile(sqlite_template, target)
    return target


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, data_dir: Path) -> str:
    """A database migrated to head on each backend (the SQLite file in ``data_dir``)."""
    if request.param == "sqlite":
        return sqlite_url(request.getfixturevalue("sqlite_database"))
    return str(request.getfixturevalue("migrated_postgres_url"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database_url(request: pytest.FixtureRequest, data_dir: Path) -> str:
    """A database without any schema on each backend (for SQLite, a file not yet made)."""
    if request.param == "sqlite":
        return sqlite_url(data_dir / "complaintdesk.db")
    return str(request.getfixturevalue("fresh_postgres_url"))


@pytest.fixture
def backend(database_url: str, data_dir: Path) -> Iterator[Backend]:
    """An open backend (schema at head, first site present) on each database."""
    opened = open_backend(Settings(database_url, data_dir))
    yield opened
    opened.engine.dispose()


@pytest.fixture
def sqlite_backend(data_dir: Path, sqlite_database: Path) -> Iterator[Backend]:
    """An open backend on an embedded SQLite file only."""
    opened = open_backend(Settings(sqlite_url(sqlite_database), data_dir))
    yield opened
    opened.engine.dispose()


def command_line_actor() -> Actor:
    """The administrator the command line acts as."""
    return Actor(
        user_id=None,
        login="cli",
        display_name="Command line",
        role=Role.ADMIN,
        site_id=uuid.uuid4(),
        site_code="HQ",
        team_queue=None,
        function_ids=frozenset(),
    )


CLI_PASSWORD = "command-line password"


@pytest.fixture
def cli_sign_in(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Callable[..., str]:
    """Return ``sign_in(url=None, role=Role.ADMIN, site="HQ")`` for the command line.

    A user of that role (``cli-<role>``, made if missing) signs in on the database ``url``
    (default: the embedded file of ``data_dir``), and the token goes in
    ``COMPLAINTDESK_TOKEN``, as a script holds what ``complaintdesk login --print-token``
    printed: every command that follows, in this process or one it starts, acts as them.
    Returns their login.
    """

    def sign_in(url: str | None = None, role: Role = Role.ADMIN, site: str = "HQ") -> str:
        backend = open_backend(Settings(url or sqlite_url(data_dir / "complaintdesk.db"), data_dir))
        login = f"cli-{role.value.replace('_', '-')}"
        try:
            with backend.uow() as uow:
                known = uow.scalars(select(User.id).where(User.login == login))
            if not known:
                admin = ServiceContext(backend.uow, command_line_actor())
                users.add_user(admin, login, CLI_PASSWORD, role=role, site_code=site)
            actor = auth.sign_in(backend.uow, login, CLI_PASSWORD)
            token, _expires = tokens.issue_token(backend.uow, actor, "tests", days=1)
        finally:
            backend.close()
        monkeypatch.setenv("COMPLAINTDESK_TOKEN", token)
        return login

    return sign_in


@pytest.fixture
def admin_ctx(backend: Backend) -> ServiceContext:
    """Services called as the command-line administrator."""
    return ServiceContext(backend.uow, command_line_actor())


def _writable(folder: Path) -> bool:
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


@pytest.fixture
def make_read_only() -> Iterator[Callable[[Path], Path]]:
    """Return ``protect(folder)``: nobody may create, delete or rename files in it afterwards.

    A chmod is enough for an ordinary user; root ignores it, so for root the folder is made
    immutable with ``chattr +i`` (ext4, xfs, btrfs). Where neither holds, the test skips.
    """
    protected: list[tuple[Path, list[str]]] = []

    def protect(folder: Path) -> Path:
        if os.geteuid() != 0:
            folder.chmod(0o555)
            protected.append((folder, []))
        else:
            chattr = shutil.which("chattr")
            if chattr is not None:
                done = subprocess.run([chattr, "+i", str(folder)], capture_output=True, check=False)
                if done.returncode == 0:
                    protected.append((folder, [chattr, "-i", str(folder)]))
        if _writable(folder):
            reason = "permissions are not enforced"
            if os.geteuid() == 0:
                reason = "running as root: permissions are not enforced"
            pytest.skip(reason)
        return folder

    yield protect
    for folder, undo in reversed(protected):
        if undo:
            subprocess.run(undo, check=True)
        else:
            folder.chmod(0o755)


JOURNAL_TABLES = ("audit_event", "change_log")


def count_rows(backend: Backend, *tables: str) -> dict[str, int]:
    """Return how many rows each table holds, read with plain SQL."""
    with backend.engine.connect() as connection:
        return {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in tables
        }

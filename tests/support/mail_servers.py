"""Real mail servers on loopback for the email channel's tests.

- IMAP: pymap (a real IMAP4rev1 server from PyPI) with its in-memory ``dict`` backend, run
  as a subprocess once per session; each test works in folders of its own.
- SMTP: aiosmtpd's ``Controller`` in a thread, requiring a sign-in, collecting what it gets.

The root ``conftest.py`` loads this module as a plugin, so every test may ask for them.
"""

from __future__ import annotations

import imaplib
import logging
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import unavailable

IMAP_USER = "desk@example.org"
IMAP_PASSWORD = "mail-Pa55"
SMTP_USER, SMTP_PASSWORD = IMAP_USER, IMAP_PASSWORD
"""One account for both, as a mailbox's configuration assumes."""
START_SECONDS = 20.0


def free_port() -> int:
    """Return a TCP port nothing listens on at this moment (loopback)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class ImapServer:
    """A running pymap server and a test's own folder in it."""

    host: str
    port: int
    user: str = IMAP_USER
    password: str = IMAP_PASSWORD

    def client(self) -> imaplib.IMAP4:
        """Return a signed-in client (the test closes it with ``logout``)."""
        client = imaplib.IMAP4(self.host, self.port, timeout=10)
        client.login(self.user, self.password)
        return client

    def new_folder(self) -> str:
        """Create and return a folder no other test uses."""
        folder = f"T{uuid.uuid4().hex[:10]}"
        self.create(folder)
        return folder

    def create(self, folder: str) -> None:
        client = self.client()
        try:
            status, data = client.create(folder)
            assert status == "OK", data
        finally:
            client.logout()

    def delete(self, folder: str) -> None:
        client = self.client()
        try:
            status, data = client.delete(folder)
            assert status == "OK", data
        finally:
            client.logout()

    def append(self, folder: str, *messages: bytes) -> None:
        """Deliver raw messages into ``folder``."""
        client = self.client()
        try:
            for raw in messages:
                status, data = client.append(folder, None, None, raw)
                assert status == "OK", data
        finally:
            client.logout()

    def uidvalidity(self, folder: str) -> int:
        client = self.client()
        try:
            client.select(folder, readonly=True)
            _, values = client.response("UIDVALIDITY")
            return int(values[0])
        finally:
            client.logout()


def _wait_for_imap(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            unavailable(f"IMAP: pymap exited ({log.read_text(errors='replace')[-500:]})")
        try:
            client = imaplib.IMAP4("127.0.0.1", port, timeout=2)
        except OSError:
            time.sleep(0.1)
            continue
        client.logout()
        return
    unavailable(f"IMAP: pymap did not answer within {START_SECONDS:.0f} s")


@pytest.fixture(scope="session")
def imap_server() -> Iterator[ImapServer]:
    """A pymap IMAP server (plain IMAP on loopback) with one user."""
    try:
        import pymap  # noqa: F401
    except ImportError as error:  # pragma: no cover - the test extra installs it
        unavailable(f"IMAP: pymap is not installed ({error})")
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="complaintdesk-imap-"))
    log = folder / "pymap.log"
    command = [
        sys.executable,
        "-c",
        "from pymap.main import main; main()",
        "--no-service",
        "admin",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-tls",
        "dict",
        "--demo-user",
        IMAP_USER,
        "--demo-password",
        IMAP_PASSWORD,
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=folder)
    try:
        _wait_for_imap(port, process, log)
        yield ImapServer("127.0.0.1", port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class SmtpServer:
    """An aiosmtpd server collecting what it is sent."""

    host: str
    port: int
    received: list[EmailMessage] = field(default_factory=list)
    controller: Any = None

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def start(self) -> None:
        """Start (or restart) listening on ``port``."""
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        server = self

        class Collector:
            async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
                parsed = message_from_bytes(envelope.content, policy=policy.default)
                assert isinstance(parsed, EmailMessage)
                server.received.append(parsed)
                return "250 Message accepted for delivery"

        def authenticate(*args: Any) -> AuthResult:
            data = args[-1]
            ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
                SMTP_USER.encode(),
                SMTP_PASSWORD.encode(),
            )
            return AuthResult(success=ok)

        # A loopback test server signs in without TLS on purpose; aiosmtpd warns about it.
        logging.getLogger("mail.log").setLevel(logging.ERROR)

        class QuietController(Controller):  # type: ignore[misc]
            def factory(self) -> Any:
                with warnings.catch_warnings():
                    warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
                    return super().factory()

        controller = QuietController(
            Collector(),
            hostname=self.host,
            port=self.port,
            authenticator=authenticate,
            auth_required=True,
            auth_require_tls=False,
        )
        try:
            controller.start()
        except Exception as error:
            unavailable(f"SMTP: aiosmtpd could not start ({error})")
        self.controller = controller


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """An SMTP server on a free loopback port, requiring ``SMTP_USER``'s sign-in."""
    try:
        import aiosmtpd  # noqa: F401
    except ImportError as error:  # pragma: no cover - the test extra installs it
        unavailable(f"SMTP: aiosmtpd is not installed ({error})")
    server = SmtpServer("127.0.0.1", free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_port_down() -> Iterator[SmtpServer]:
    """An SMTP server that is not running yet (``start()`` brings it up on its port)."""
    server = SmtpServer("127.0.0.1", free_port())
    yield server
    server.stop()

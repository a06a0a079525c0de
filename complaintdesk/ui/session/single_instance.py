"""One running window per person and database: ``complaintdesk call`` reaches it locally.

The GUI listens on a :class:`QLocalServer` (a Unix socket or a Windows named pipe) named
after the operating-system user and the database, so two people on one terminal server,
or one person with a demo and a production database open, never receive each other's
calls. The client sends one JSON line ``{"call": "<number>"}`` and waits for ``ok``.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

TIMEOUT_MS = 2_000
MAX_REQUEST = 4_096
"""A request is one short line; anything longer is not ours and is dropped."""
ACK = b"ok\n"


def server_name(database: str, user: str | None = None) -> str:
    """Return the local socket name of ``user``'s window on ``database``.

    Args:
        database: the database as described to the person (password hidden), the same
            text on the GUI side and on the command line.
        user: the operating-system login (the current one if None).
    """
    who = user if user is not None else getpass.getuser()
    digest = hashlib.sha256(f"{who}\0{database}".encode()).hexdigest()[:20]
    return f"complaintdesk-{digest}"


class CallListener(QObject):
    """The running window's end: receives numbers from ``complaintdesk call``.

    Args:
        parent: the window it lives with.
    """

    number_received = Signal(str)
    """A number (or ``tel:`` URI, as sent) to show the caller of."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    @property
    def name(self) -> str:
        """The name listened on (empty before :meth:`listen` succeeded)."""
        return self._server.serverName()

    def listen(self, name: str) -> bool:
        """Listen on ``name``; take over a socket left behind by a crashed instance.

        Returns:
            False if another live instance already listens there (calls go to it).
        """
        # Asked first: on Unix, Qt would take the name over from a live window.
        if is_running(name):
            log.info("another ComplaintDesk window already takes calls on %s", name)
            return False
        if self._server.listen(name):
            return True
        QLocalServer.removeServer(name)  # a stale socket file from a crash
        if self._server.listen(name):
            return True
        log.warning("cannot take calls from the command line: %s", self._server.errorString())
        return False

    def close(self) -> None:
        """Stop listening."""
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data and len(data) < MAX_REQUEST:
            self._buffers[socket] = data
            return
        self._buffers[socket] = b""
        number = _number_in(data.split(b"\n", 1)[0])
        if number is None:
            socket.disconnectFromServer()
            return
        socket.write(QByteArray(ACK))
        socket.flush()
        socket.disconnectFromServer()
        self.number_received.emit(number)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def _number_in(line: bytes) -> str | None:
    try:
        request = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        log.warning("ignored a malformed request on the call socket")
        return None
    number = request.get("call") if isinstance(request, dict) else None
    return number if isinstance(number, str) and number.strip() else None


def send_number(name: str, number: str, timeout_ms: int = TIMEOUT_MS) -> bool:
    """Hand ``number`` to the window listening on ``name`` and wait until it took it.

    Blocking: meant for the command line (a QCoreApplication is made if none runs).

    Returns:
        False when no window listens (or it did not answer in time).
    """
    app = _application()  # held until the exchange is over
    socket = QLocalSocket(app)
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    line = json.dumps({"call": number}).encode("utf-8") + b"\n"
    socket.write(QByteArray(line))
    if not socket.waitForBytesWritten(timeout_ms):
        return False
    answer = b""
    while ACK not in answer and socket.waitForReadyRead(timeout_ms):
        answer += bytes(socket.readAll().data())
    socket.abort()
    socket.deleteLater()
    return ACK in answer


def is_running(name: str) -> bool:
    """Return True if a window listens on ``name``."""
    app = _application()
    socket = QLocalSocket(app)
    socket.connectToServer(name)
    connected = socket.waitForConnected(500)
    socket.abort()
    socket.deleteLater()
    return connected


def _application() -> QCoreApplication:
    return QCoreApplication.instance() or QCoreApplication([])

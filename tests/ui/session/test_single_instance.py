"""The local socket between `complaintdesk call` and the running window."""

from __future__ import annotations

import uuid

from pytestqt.qtbot import QtBot

from complaintdesk.ui.session.single_instance import CallListener, is_running, server_name


def test_the_name_belongs_to_one_user_on_one_database() -> None:
    one = server_name("sqlite:////home/ann/complaintdesk.db", "ann")

    assert one == server_name("sqlite:////home/ann/complaintdesk.db", "ann")
    assert one != server_name("sqlite:////home/ann/complaintdesk.db", "bob")
    assert one != server_name("sqlite:////home/ann/demo.db", "ann")
    assert one.startswith("complaintdesk-")


def test_a_second_window_leaves_the_calls_to_the_first(qtbot: QtBot) -> None:
    name = server_name(f"test-{uuid.uuid4()}")
    first, second = CallListener(), CallListener()

    assert first.listen(name)
    assert is_running(name)
    assert not second.listen(name)

    first.close()
    assert not is_running(name)
    assert second.listen(name)
    second.close()


def test_garbage_on_the_socket_is_ignored(qtbot: QtBot) -> None:
    from PySide6.QtCore import QByteArray
    from PySide6.QtNetwork import QLocalSocket

    name = server_name(f"test-{uuid.uuid4()}")
    listener = CallListener()
    assert listener.listen(name)
    received: list[str] = []
    listener.number_received.connect(received.append)

    for payload in (b"not json\n", b'{"call": 42}\n', b'{"call": "+33612345678"}\n'):
        socket = QLocalSocket()
        socket.connectToServer(name)
        assert socket.waitForConnected(1000)
        socket.write(QByteArray(payload))
        socket.flush()
        qtbot.waitUntil(
            lambda s=socket: s.state() == QLocalSocket.LocalSocketState.UnconnectedState
        )

    assert received == ["+33612345678"]
    listener.close()

"""A window notices that the shared database was upgraded past its version: it says so, in
the status bar and once in a message, and from then on saves nothing (reading goes on)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from complaintdesk.app import Backend
from complaintdesk.domain.errors import SchemaChanged
from complaintdesk.services.complaints import messages
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.ui.main_window import MainWindow
from tests.ui.factories import add_complaints


@pytest.fixture
def window(qtbot: QtBot, connection: Connection, agent: Actor) -> MainWindow:
    shown = MainWindow(connection, agent)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.tasks.pending == 0)
    return shown


def _upgrade_behind_its_back(backend: Backend) -> None:
    """What `complaintdesk db upgrade` of a newer version leaves: a revision this one lacks."""
    with backend.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0042'"))


def test_an_unchanged_schema_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    window.schema_watch.look()
    qtbot.waitUntil(lambda: window.tasks.pending == 0)

    assert window.schema_watch.notice is None
    assert not window.schema_watch.label.isVisible()


def test_an_upgrade_is_noticed_said_and_every_save_refused(
    qtbot: QtBot, window: MainWindow, sqlite_backend: Backend, agent_ctx: ServiceContext
) -> None:
    (complaint,) = add_complaints(sqlite_backend.uow, 1)
    assert window.schema_watch.timer.interval() <= 60_000  # noticed within a minute
    _upgrade_behind_its_back(sqlite_backend)

    with qtbot.waitSignal(window.schema_watch.moved, timeout=10_000):
        window.schema_watch.look()

    label = window.schema_watch.label
    assert label.isVisible()
    assert label.text() == "Read-only: the database was upgraded"
    message = window.schema_watch.message
    assert message is not None
    assert "version 0042" in message.text()
    assert "install the new version and restart ComplaintDesk" in message.text()
    with pytest.raises(SchemaChanged, match="nothing more can be saved"):
        messages.add_note(agent_ctx, complaint, "Called the customer back.")

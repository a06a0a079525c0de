"""Two agents on one complaint see each other: within a second on PostgreSQL, a few on SQLite.

Each window is a client of its own (its own presence session, its own listening connection),
as two workstations would be; the database is a real PostgreSQL server or a shared file.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.domain.vocabulary import Priority, Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.complaints import bulk_actions, detail
from complaintdesk.services.complaints.bulk_actions import BulkTarget
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.ui.dialogs.concurrent_edit import ConcurrentEditDialog
from complaintdesk.ui.dialogs.simple import TextDialog
from complaintdesk.ui.main_window import MainWindow
from tests.conftest import command_line_actor
from tests.ui.conftest import PASSWORD
from tests.ui.helpers import CTRL, CTRL_SHIFT, press, record, settle, wait_for_form

SECOND = 1.0
"""The issue's promise on the central server: others' presence shows within a second."""


@pytest.fixture
def central(migrated_postgres_url: str, data_dir: Path) -> Iterator[Backend]:
    """The central PostgreSQL server, migrated, as HQ workstations open it."""
    backend = open_backend(Settings(migrated_postgres_url, data_dir))
    yield backend
    backend.engine.dispose()


def people(backend: Backend) -> dict[str, Actor]:
    """Ann and Carl, agents at HQ, and Sue, their supervisor."""
    admin = ServiceContext(backend.uow, command_line_actor())
    staff = (
        ("ann", "Ann Archer", Role.AGENT),
        ("carl", "Carl Cooper", Role.AGENT),
        ("sue", "Sue Super", Role.SUPERVISOR),
    )
    for login, name, role in staff:
        users.add_user(admin, login, PASSWORD, role=role, site_code="HQ", display_name=name)
    return {login: auth.sign_in(backend.uow, login, PASSWORD) for login, *_ in staff}


def client(qtbot: QtBot, backend: Backend, actor: Actor) -> MainWindow:
    """A main window of its own, as on another workstation, listening once it opened."""
    window = MainWindow(Connection(uow=backend.uow, description=backend.description), actor)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    settle(qtbot, window)
    return window


def within(qtbot: QtBot, condition: Callable[[], bool], seconds: float) -> float:
    """Wait until ``condition`` holds and return how long it took (failing past ``seconds``)."""
    started = time.monotonic()
    qtbot.waitUntil(condition, timeout=int(seconds * 1000) + 50)
    took = time.monotonic() - started
    assert took <= seconds, f"took {took:.2f} s"
    return took


def presence(window: MainWindow) -> str:
    workspace = window.detail.workspace
    return workspace.presence.text() if workspace.presence.isVisibleTo(workspace) else ""


@pytest.mark.postgres
def test_two_agents_on_the_central_server_see_each_other_within_a_second(
    qtbot: QtBot, central: Backend
) -> None:
    staff = people(central)
    recorded = record(Connection(central.uow, central.description), staff["ann"], "Card blocked")
    ann = client(qtbot, central, staff["ann"])
    carl = client(qtbot, central, staff["carl"])
    for window in (ann, carl):
        qtbot.waitUntil(lambda w=window: w.presence.listening)  # LISTEN, not a poll
        assert not window.presence._poll.isActive()

    ann.show_complaint(recorded.complaint_id)
    settle(qtbot, ann)
    carl.show_complaint(recorded.complaint_id)

    within(qtbot, lambda: presence(ann) == "Carl Cooper is viewing", SECOND)
    within(qtbot, lambda: presence(carl) == "Ann Archer is viewing", SECOND)

    qtbot.keyClicks(carl.composer.text, "Hello")  # a note: Carl does not own it
    within(qtbot, lambda: presence(ann) == "Carl Cooper is writing a note", SECOND)
    carl.composer.text.clear()
    within(qtbot, lambda: presence(ann) == "Carl Cooper is viewing", SECOND)

    carl.close()
    within(qtbot, lambda: presence(ann) == "", SECOND)


@pytest.mark.postgres
def test_a_colleagues_change_refreshes_the_open_case_and_saving_over_it_is_a_conflict(
    qtbot: QtBot, central: Backend
) -> None:
    staff = people(central)
    connection = Connection(central.uow, central.description)
    recorded = record(connection, staff["ann"], "Refund never came")
    ann = client(qtbot, central, staff["ann"])
    qtbot.waitUntil(lambda: ann.presence.listening)
    ann.go_to_queue(2)  # All open
    ann.show_complaint(recorded.complaint_id)
    settle(qtbot, ann)
    press(qtbot, ann, Qt.Key.Key_T, CTRL)  # Take
    settle(qtbot, ann)
    assert ann.detail.workspace.value("priority") == "Normal"
    press(qtbot, ann, Qt.Key.Key_Delete, CTRL_SHIFT)  # Withdraw… opened on what Ann sees
    form = wait_for_form(qtbot, ann, TextDialog)
    qtbot.keyClicks(form.text, "She found the refund")

    sue_ctx = ServiceContext(central.uow, staff["sue"])
    shown = detail.get_detail(sue_ctx, recorded.complaint_id)
    target = BulkTarget(shown.id, shown.reference, shown.version)
    done = bulk_actions.set_priority(sue_ctx, [target], Priority.URGENT)  # Sue's bulk action
    assert not done.failed

    # Heard at once (the change log's NOTIFY): Ann's open case and queue move by themselves.
    within(qtbot, lambda: ann.detail.workspace.value("priority") == "Urgent", 2 * SECOND)
    press(qtbot, form, Qt.Key.Key_Return, CTRL)  # Ann's OK, over Sue's change
    settle(qtbot, ann)

    qtbot.waitUntil(lambda: isinstance(ann.operations.last_message, ConcurrentEditDialog))
    conflict = ann.operations.last_message
    assert isinstance(conflict, ConcurrentEditDialog)
    assert "Priority: Normal → Urgent" in conflict.lines
    assert form.value() == "She found the refund"
    conflict.reload_button.click()
    press(qtbot, form, Qt.Key.Key_Return, CTRL)  # seen, reloaded: now it goes through
    qtbot.waitUntil(lambda: ann.detail.workspace.value("status") == "Withdrawn")


def test_on_a_shared_file_colleagues_show_within_a_few_seconds(
    qtbot: QtBot, sqlite_backend: Backend
) -> None:
    staff = people(sqlite_backend)
    connection = Connection(sqlite_backend.uow, sqlite_backend.description)
    recorded = record(connection, staff["ann"], "Parcel lost")
    ann = client(qtbot, sqlite_backend, staff["ann"])
    carl = client(qtbot, sqlite_backend, staff["carl"])
    assert not ann.presence.listening  # nothing to listen to: it looks every few seconds
    assert ann.presence._poll.isActive()

    ann.show_complaint(recorded.complaint_id)
    carl.show_complaint(recorded.complaint_id)

    within(qtbot, lambda: presence(ann) == "Carl Cooper is viewing", 4 * SECOND)
    carl.show_complaint(record(connection, staff["ann"], "Another one").complaint_id)
    within(qtbot, lambda: presence(ann) == "", 4 * SECOND)

"""The main window through keys and clicks: queues, counts, table, detail, empty states."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from complaintdesk.app import Backend
from complaintdesk.services.context import Actor, Connection
from complaintdesk.services.read_models import QueueKind
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.queues.queue_model import Column
from tests.ui.factories import add_complaints

WindowMaker = Callable[..., MainWindow]


@pytest.fixture
def open_window(qtbot: QtBot, connection: Connection, agent: Actor) -> WindowMaker:
    """Open the main window as the agent, once its queue counts have arrived."""

    def make(**options: int) -> MainWindow:
        window = MainWindow(connection, agent, **options)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()  # offscreen does not activate new windows itself
        qtbot.waitUntil(lambda: window.tasks.pending == 0)
        return window

    return make


def test_window_shows_my_queue_with_counts_and_session_facts(
    qtbot: QtBot, sqlite_backend: Backend, agent: Actor, open_window: WindowMaker
) -> None:
    add_complaints(sqlite_backend.uow, 3, owner_id=agent.user_id)
    add_complaints(sqlite_backend.uow, 2)

    window = open_window()

    assert window.windowTitle() == "ComplaintDesk — Alice Agent"
    assert window.queue_model.rowCount() == 3
    assert window.navigation.item(0).text() == "My complaints (3)"
    assert window.navigation.item(2).text() == "All open (5)"
    assert window.navigation.item(3).text() == "Unassigned (2)"
    facts = [label.text() for label in window.session_facts]
    assert facts[0] == f"Database: {sqlite_backend.description}"
    assert facts[1:] == ["Mode: standalone", "Signed in: Alice Agent (Agent)"]
    assert window.table.hasFocus()


def test_focus_in_the_table_shows_the_first_complaint_selected(
    qtbot: QtBot, sqlite_backend: Backend, agent: Actor, open_window: WindowMaker
) -> None:
    (first,) = add_complaints(sqlite_backend.uow, 1, owner_id=agent.user_id)
    window = open_window()

    assert window.table.selectionModel().isRowSelected(0)
    assert window.detail.shown is not None
    assert window.detail.shown.id == first


def test_without_a_selection_the_detail_invites_to_pick_one(
    qtbot: QtBot, sqlite_backend: Backend, agent: Actor, open_window: WindowMaker
) -> None:
    add_complaints(sqlite_backend.uow, 2)
    window = open_window()

    qtbot.mouseClick(
        window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=_item_centre(window, 2)
    )

    assert window.queue_model.rowCount() == 2
    assert window.detail.shown is None
    assert window.detail.message == "Select a complaint to see its details"


def test_arrow_keys_move_in_the_table_and_the_detail_follows(
    qtbot: QtBot, sqlite_backend: Backend, agent: Actor, open_window: WindowMaker
) -> None:
    first, second = add_complaints(sqlite_backend.uow, 2, owner_id=agent.user_id, messages=3)
    window = open_window()
    assert window.detail.shown is not None
    assert window.detail.shown.id == first

    qtbot.keyClick(window.table, Qt.Key.Key_Down)

    shown = window.detail.shown
    assert shown is not None
    assert shown.id == second
    assert shown.reference == "HQ-25-00002"
    assert len(shown.messages) == 3


def test_clicking_a_row_shows_its_details(
    qtbot: QtBot, sqlite_backend: Backend, agent: Actor, open_window: WindowMaker
) -> None:
    ids = add_complaints(sqlite_backend.uow, 3, owner_id=agent.user_id)
    window = open_window()
    cell = window.table.visualRect(window.queue_model.index(2, Column.SUBJECT)).center()

    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)

    assert window.detail.shown is not None
    assert window.detail.shown.id == ids[2]


def test_an_empty_queue_says_so(qtbot: QtBot, open_window: WindowMaker) -> None:
    window = open_window()

    assert window.queue_model.rowCount() == 0
    assert window.table.empty_state_visible
    assert window.navigation.item(0).text() == "My complaints (0)"
    assert window.detail.shown is None
    assert window.detail.message == ""  # no invitation to select what is not there


def test_ctrl_number_jumps_to_a_queue(
    qtbot: QtBot, sqlite_backend: Backend, agent: Actor, open_window: WindowMaker
) -> None:
    add_complaints(sqlite_backend.uow, 2)
    window = open_window()
    assert window.table.empty_state_visible

    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)

    assert window.queue_model.request is not None
    assert window.queue_model.request.queue is QueueKind.ALL_OPEN
    assert window.queue_model.rowCount() == 2
    assert not window.table.empty_state_visible
    assert window.table.hasFocus()


def test_f5_reads_new_complaints_and_keeps_the_selection(
    qtbot: QtBot, sqlite_backend: Backend, agent: Actor, open_window: WindowMaker
) -> None:
    _, kept = add_complaints(sqlite_backend.uow, 2, owner_id=agent.user_id)
    window = open_window()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    add_complaints(sqlite_backend.uow, 1, owner_id=agent.user_id)

    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.navigation.item(0).text() == "My complaints (3)")

    assert window.queue_model.rowCount() == 3
    assert window.table.selectionModel().isRowSelected(1)
    assert window.detail.shown is not None
    assert window.detail.shown.id == kept


def test_clicking_the_subject_header_sorts_by_subject_then_reverses(
    qtbot: QtBot, sqlite_backend: Backend, agent: Actor, open_window: WindowMaker
) -> None:
    add_complaints(sqlite_backend.uow, 3, owner_id=agent.user_id)
    window = open_window()
    header = window.table.horizontalHeader()

    subject = header.sectionViewportPosition(Column.SUBJECT) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_point(subject))

    assert header.sortIndicatorSection() == Column.SUBJECT
    refs = [window.queue_model.row_at(r).reference for r in range(3)]
    assert refs == ["HQ-25-00001", "HQ-25-00003", "HQ-25-00002"]  # Parcel, Refund, Router
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_point(subject))
    refs = [window.queue_model.row_at(r).reference for r in range(3)]
    assert refs == ["HQ-25-00002", "HQ-25-00003", "HQ-25-00001"]


def _point(x: int) -> QPoint:
    return QPoint(x, 5)


def _item_centre(window: MainWindow, row: int) -> QPoint:
    item = window.navigation.item(row)
    return window.navigation.visualItemRect(item).center()


def test_ctrl_q_closes_the_window(qtbot: QtBot, open_window: WindowMaker) -> None:
    window = open_window()

    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)

    assert not window.isVisible()


def test_closing_while_counting_leaves_no_worker_behind(
    qtbot: QtBot, sqlite_backend: Backend, connection: Connection, agent: Actor
) -> None:
    add_complaints(sqlite_backend.uow, 5)
    window = MainWindow(connection, agent)
    qtbot.addWidget(window)
    window.show()
    window.refresh_counts()  # a second round on top of the first, still running

    window.close()

    assert window.tasks.pending == 0

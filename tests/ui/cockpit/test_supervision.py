"""The supervisor cockpit through keys and clicks: filter bar, sorting, saved views, bulk
reassign, the workload panel, and changes written by another workstation."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QModelIndex, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.domain.vocabulary import Priority, Role
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import detail, ownership
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.insight import views, workload
from complaintdesk.services.read_models import QueueFilters, QueueKind, QueueRequest
from complaintdesk.storage.database import sqlite_url
from complaintdesk.storage.models import Complaint
from complaintdesk.ui.cockpit.workload import LoadColumn, WorkloadModel
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.queues.bulk import BulkActions
from complaintdesk.ui.queues.queue_model import Column, QueueModel
from tests.ui.conftest import PASSWORD
from tests.ui.factories import add_complaints


@dataclass(frozen=True)
class Team:
    sue: Actor
    ann: Actor
    carl: Actor
    billing: uuid.UUID


@pytest.fixture
def team(sqlite_backend: Backend, cli_ctx: ServiceContext) -> Team:
    """Sue supervises Ann and Carl; Billing is a function."""
    for login, name, role in (
        ("sue", "Sue Super", Role.SUPERVISOR),
        ("ann", "Ann Archer", Role.AGENT),
        ("carl", "Carl Cooper", Role.AGENT),
    ):
        users.add_user(cli_ctx, login, PASSWORD, role=role, site_code="HQ", display_name=name)
    billing = organisation.add_function(cli_ctx, "billing", "Billing")
    signed = (auth.sign_in(sqlite_backend.uow, login, PASSWORD) for login in ("sue", "ann", "carl"))
    return Team(*signed, billing)


WindowMaker = Callable[[], MainWindow]


@pytest.fixture
def open_window(qtbot: QtBot, connection: Connection, team: Team) -> WindowMaker:
    """Open the main window as Sue on All open, once counts and views have arrived."""

    def make() -> MainWindow:
        window = MainWindow(connection, team.sue, page_size=4)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        qtbot.waitUntil(lambda: window.tasks.pending == 0)
        window.go_to_queue(window._queue_row(QueueKind.ALL_OPEN))
        qtbot.waitUntil(lambda: window.tasks.pending == 0)
        return window

    return make


def give(backend: Backend, ids: list[uuid.UUID], **values: object) -> None:
    """Set columns of complaints straight in storage (owners, functions, versions)."""
    with backend.uow(write=True) as uow:
        uow.execute(update(Complaint).where(Complaint.id.in_(ids)).values(**values))
        uow.commit()


def shown(window: MainWindow, column: Column) -> list[str]:
    model = window.queue_model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def check(window: MainWindow, field: str, label: str) -> None:
    """Tick one value in a filter menu, as a click in the open menu does."""
    menu = window.cockpit.filter_bar.buttons[field].menu()
    next(a for a in menu.actions() if a.text() == label).trigger()


def test_filter_then_sort_shows_only_matching_rows_in_order(
    qtbot: QtBot, sqlite_backend: Backend, team: Team, open_window: WindowMaker
) -> None:
    ids = add_complaints(sqlite_backend.uow, 12, messages=0)
    give(sqlite_backend, ids[::2], owner_id=team.ann.user_id)
    window = open_window()
    bar = window.cockpit.filter_bar

    check(window, "owner_ids", "Ann Archer")
    check(window, "channels", "Email")
    check(window, "channels", "Phone")
    qtbot.waitUntil(lambda: bar.count_label.text() == "3 complaints")
    window.table.sortByColumn(Column.CUSTOMER, Qt.SortOrder.DescendingOrder)  # a header click

    # Complaints 1, 3, …, 11 are Ann's; of those 5 is email, 1 and 11 are phone.
    assert shown(window, Column.REFERENCE) == ["HQ-25-00011", "HQ-25-00001", "HQ-25-00005"]
    assert shown(window, Column.CUSTOMER) == [
        "Bruno Lefèvre 11",
        "Bruno Lefèvre 1",
        "Alice Martin 5",
    ]
    assert set(shown(window, Column.OWNER)) == {"Ann Archer"}
    assert bar.buttons["channels"].text() == "Channel: Phone +1"  # in menu order


def test_ctrl_l_reaches_the_bar_and_esc_clears_it(
    qtbot: QtBot, sqlite_backend: Backend, open_window: WindowMaker
) -> None:
    add_complaints(sqlite_backend.uow, 6, messages=0)
    window = open_window()
    check(window, "statuses", "Resolved")
    assert window.queue_model.rowCount() == 0
    assert window.table.empty_message == "No complaints match these filters"

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    focused = window.focusWidget()
    assert focused is window.cockpit.filter_bar.buttons["statuses"]
    qtbot.keyClick(focused, Qt.Key.Key_Escape)

    assert window.cockpit.filter_bar.filters.empty
    assert window.queue_model.rowCount() == 4  # the first page of six
    qtbot.waitUntil(lambda: window.cockpit.filter_bar.count_label.text() == "6 complaints")


def test_a_saved_view_appears_in_the_navigation_with_its_count(
    qtbot: QtBot, sqlite_backend: Backend, open_window: WindowMaker
) -> None:
    add_complaints(sqlite_backend.uow, 10, messages=0)
    window = open_window()
    check(window, "channels", "Email")
    window.table.sortByColumn(Column.RECEIVED, Qt.SortOrder.DescendingOrder)

    qtbot.keyClick(window.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    dialog = window.cockpit.save_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.name, "Email, newest first")
    dialog.share.setChecked(True)
    with qtbot.waitSignal(window.cockpit.saved_views.counted):
        dialog.ok_button.click()

    texts = [window.navigation.item(r).text() for r in range(window.navigation.count())]
    assert texts[-2:] == ["Saved views", "Email, newest first (2)"]
    window.go_to_queue(window._queue_row(QueueKind.UNASSIGNED))
    window.cockpit.filter_bar.clear()
    window.navigation.setCurrentRow(window.navigation.count() - 1)
    assert shown(window, Column.REFERENCE) == ["HQ-25-00010", "HQ-25-00005"]
    assert window.cockpit.filter_bar.buttons["channels"].text() == "Channel: Email"
    assert window.table.horizontalHeader().sortIndicatorSection() == Column.RECEIVED


def test_bulk_reassign_of_three_reports_the_one_that_failed_and_moves_two(
    qtbot: QtBot, sqlite_backend: Backend, team: Team, open_window: WindowMaker
) -> None:
    ids = add_complaints(sqlite_backend.uow, 3, messages=0, owner_id=team.ann.user_id)
    window = open_window()
    window.table.selectAll()
    give(sqlite_backend, [ids[1]], version=7)  # saved elsewhere since the table was read
    bulk: BulkActions = window.cockpit.bulk

    bulk.reassign()
    qtbot.waitUntil(lambda: bulk.dialog is not None and bulk.dialog.isVisible())
    dialog = bulk.dialog
    assert dialog is not None
    person = dialog.person  # type: ignore[attr-defined]
    person.setCurrentIndex(person.findText("Carl Cooper", Qt.MatchFlag.MatchStartsWith))
    with qtbot.waitSignal(bulk.finished) as finished:
        dialog.ok_button.click()

    result = finished.args[0]
    assert result.done == ("HQ-25-00001", "HQ-25-00003")
    assert [f.reference for f in result.failed] == ["HQ-25-00002"]
    box = bulk.last_message
    assert isinstance(box, QMessageBox)
    assert "HQ-25-00002" in box.text()
    assert "2 changed, 1 refused" in box.text()
    qtbot.waitUntil(lambda: shown(window, Column.OWNER).count("Carl Cooper") == 2)


def test_workload_click_lands_in_the_filtered_queue(
    qtbot: QtBot, sqlite_backend: Backend, team: Team, open_window: WindowMaker
) -> None:
    ids = add_complaints(sqlite_backend.uow, 10, messages=0)
    give(sqlite_backend, ids[:6], owner_id=team.carl.user_id)
    window = open_window()
    window.go_to_queue(0)  # My complaints: the click must change queue too
    panel = window.cockpit.workload
    assert panel is not None

    with qtbot.waitSignal(panel.loaded):
        panel.show()
    names = [panel.agents.index(r, LoadColumn.NAME).data() for r in range(panel.agents.rowCount())]
    row = names.index("Carl Cooper")
    late = panel.agents.index(row, LoadColumn.BREACHED)
    assert late.data() == 1  # complaint 2 of 1..6 is breached
    panel.agent_table.setFocus()
    panel.agent_table.setCurrentIndex(late)
    qtbot.keyClick(panel.agent_table, Qt.Key.Key_Return)

    assert window.navigation.currentRow() == window._queue_row(QueueKind.ALL_OPEN)
    assert shown(window, Column.REFERENCE) == ["HQ-25-00002"]
    bar = window.cockpit.filter_bar
    assert bar.buttons["owner_ids"].text() == "Owner: Carl Cooper"
    assert bar.buttons["clock_states"].text() == "Clock: Late"


def test_a_change_by_another_workstation_appears_within_the_poll(
    qtbot: QtBot,
    sqlite_backend: Backend,
    sqlite_database: Path,
    data_dir: Path,
    team: Team,
    open_window: WindowMaker,
) -> None:
    ids = add_complaints(sqlite_backend.uow, 3, messages=0)
    window = open_window()
    window.table.selectRow(1)
    window.cockpit.watch.timer.setInterval(100)
    other = open_backend(Settings(sqlite_url(sqlite_database), data_dir))  # its own engine
    try:
        carl = ServiceContext(other.uow, team.carl)
        ownership.take(carl, ids[0], 1)
    finally:
        other.engine.dispose()

    qtbot.waitUntil(lambda: shown(window, Column.OWNER)[0] == "Carl Cooper", timeout=5_000)
    assert window.table.selectionModel().isRowSelected(1)
    assert window.detail.shown is not None
    assert window.detail.shown.id == ids[1]


def test_workload_model_passes_the_model_tester(
    qtmodeltester: ModelTester, sqlite_backend: Backend, team: Team
) -> None:
    ids = add_complaints(sqlite_backend.uow, 5, messages=0)
    give(sqlite_backend, ids[:2], owner_id=team.ann.user_id, responsible_function_id=team.billing)
    load = workload.workload(ServiceContext(sqlite_backend.uow, team.sue))
    model = WorkloadModel("Agent")
    qtmodeltester.check(model)
    model.set_rows(load.agents)

    qtmodeltester.check(model)

    assert model.rowCount() == 4  # Sue, Ann, Carl and the unassigned line
    assert model.request_at(model.index(0, LoadColumn.OPEN)) is not None


def test_queue_model_passes_the_model_tester_filtered_and_sorted(
    qtmodeltester: ModelTester, sqlite_backend: Backend, team: Team
) -> None:
    ids = add_complaints(sqlite_backend.uow, 9, messages=0)
    give(sqlite_backend, ids[:5], owner_id=team.ann.user_id)
    model = QueueModel(ServiceContext(sqlite_backend.uow, team.sue), page_size=2)
    model.set_queue(QueueKind.ALL_OPEN)
    model.set_filters(QueueFilters(owner_ids=frozenset({team.ann.user_id})))  # type: ignore[arg-type]
    model.sort(Column.OWNER, Qt.SortOrder.DescendingOrder)

    qtmodeltester.check(model)

    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 5


def test_received_on_or_after_a_day_keeps_the_later_complaints(
    qtbot: QtBot, sqlite_backend: Backend, open_window: WindowMaker
) -> None:
    add_complaints(sqlite_backend.uow, 60, messages=0)  # one an hour from 3 March 2025 09:00
    window = open_window()
    bar = window.cockpit.filter_bar

    bar.ask_date("received_after")
    dialog = bar.date_dialog
    assert dialog is not None
    dialog.date.setDate(QDate(2025, 3, 5))
    dialog.ok_button.click()

    # Local midnight of 5 March: the test machine's zone decides where the cut falls.
    cut = QDateTime(QDate(2025, 3, 5), QTime(0, 0)).toSecsSinceEpoch()
    start = QDateTime(QDate(2025, 3, 3), QTime(9, 0), QTimeZone.utc()).toSecsSinceEpoch()
    expected = sum(1 for n in range(1, 61) if start + n * 3600 >= cut)
    qtbot.waitUntil(lambda: bar.count_label.text() == f"{expected} complaints")
    assert bar.age.text().startswith("Age: from ")
    next(a for a in bar.age.menu().actions() if a.text() == "Any age").trigger()
    qtbot.waitUntil(lambda: bar.count_label.text() == "60 complaints")
    assert bar.age.text() == "Age"


def test_a_saved_view_is_renamed_then_deleted_from_the_navigation(
    qtbot: QtBot, sqlite_backend: Backend, team: Team, open_window: WindowMaker
) -> None:
    add_complaints(sqlite_backend.uow, 3, messages=0)
    views.save_view(
        ServiceContext(sqlite_backend.uow, team.sue), "Old name", QueueRequest(QueueKind.ALL_OPEN)
    )
    window = open_window()
    cockpit = window.cockpit
    qtbot.waitUntil(lambda: cockpit.saved_views.row_of(cockpit.saved_views.shown[0].id) >= 0)
    window.navigation.setCurrentRow(window.navigation.count() - 1)

    qtbot.keyClick(
        window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    dialog = cockpit.save_dialog
    assert dialog is not None
    dialog.name.setText("New name")
    with qtbot.waitSignal(cockpit.saved_views.counted):
        dialog.ok_button.click()
    assert window.navigation.item(window.navigation.count() - 1).text() == "New name (3)"

    window.navigation.setCurrentRow(window.navigation.count() - 1)
    with qtbot.waitSignal(cockpit.saved_views.loaded):
        cockpit.delete_action.trigger()
    texts = [window.navigation.item(r).text() for r in range(window.navigation.count())]
    assert not any(t.startswith(("New name", "Saved views")) for t in texts)
    assert window.navigation.currentRow() == window._queue_row(QueueKind.ALL_OPEN)


def test_undo_of_a_bulk_priority_restores_each_and_keeps_a_later_change(
    qtbot: QtBot, sqlite_backend: Backend, team: Team, open_window: WindowMaker
) -> None:
    ids = add_complaints(sqlite_backend.uow, 2, messages=0)
    give(sqlite_backend, ids, priority=int(Priority.NORMAL))
    window = open_window()
    window.table.selectAll()
    bulk: BulkActions = window.cockpit.bulk
    bulk.set_priority()
    dialog = bulk.dialog
    assert dialog is not None
    choice = dialog.choice  # type: ignore[attr-defined]
    choice.setCurrentIndex(choice.findData(int(Priority.URGENT)))
    with qtbot.waitSignal(bulk.finished):
        dialog.ok_button.click()
    last_action = window.complaint_actions.handlers.last_action
    assert "Ctrl+Z to undo" in window.statusBar().currentMessage()
    give(sqlite_backend, [ids[1]], version=99)  # someone else saved the second since

    last_action.undo()
    qtbot.waitUntil(lambda: last_action.last_message is not None)

    sue = ServiceContext(sqlite_backend.uow, team.sue)
    priorities = [detail.get_detail(sue, i).priority for i in ids]
    assert priorities == [Priority.NORMAL, Priority.URGENT]
    assert last_action.last_message is not None
    assert "1 undone, 1 not undone" in last_action.last_message.text()
    assert "HQ-25-00002" in last_action.last_message.text()

"""The queue model: keyset pages, sorting on stored keys, and Qt's own model tester."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from complaintdesk.app import Backend
from complaintdesk.domain.errors import DatabaseUnreachable
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.read_models import QueueKind, QueuePage, QueueRequest
from complaintdesk.ui.queues.queue_model import Column, QueueModel
from tests.ui.factories import add_complaints

ROOT = QModelIndex()


def references(model: QueueModel) -> list[str]:
    return [model.index(row, Column.REFERENCE).data() for row in range(model.rowCount())]


def test_model_passes_the_model_tester_with_rows(
    qtmodeltester: ModelTester, sqlite_backend: Backend, agent_ctx: ServiceContext
) -> None:
    add_complaints(sqlite_backend.uow, 12)
    model = QueueModel(agent_ctx, page_size=5)
    model.set_queue(QueueKind.ALL_OPEN)

    qtmodeltester.check(model)

    assert model.rowCount() >= 5


def test_model_passes_the_model_tester_when_empty(
    qtmodeltester: ModelTester, agent_ctx: ServiceContext
) -> None:
    model = QueueModel(agent_ctx)
    qtmodeltester.check(model)
    model.set_queue(QueueKind.ALL_OPEN)
    qtmodeltester.check(model)

    assert model.rowCount() == 0
    assert not model.canFetchMore(ROOT)


def test_fetch_more_appends_the_next_page(
    qtbot: QtBot, sqlite_backend: Backend, agent_ctx: ServiceContext
) -> None:
    add_complaints(sqlite_backend.uow, 230, messages=0)
    model = QueueModel(agent_ctx)  # the real page size: 200
    model.set_queue(QueueKind.ALL_OPEN)
    assert model.rowCount() == 200
    assert model.canFetchMore(ROOT)

    with qtbot.waitSignal(model.rowsInserted) as inserted:
        model.fetchMore(ROOT)

    assert inserted.args[1:] == [200, 229]  # first and last, inclusive
    assert model.rowCount() == 230
    assert references(model)[199:201] == ["HQ-25-00200", "HQ-25-00201"]
    model.fetchMore(ROOT)  # the last full page may still have a cursor: this ends it
    assert not model.canFetchMore(ROOT)
    assert model.rowCount() == 230


def test_sorting_by_due_descending_reverses_the_order(
    sqlite_backend: Backend, agent_ctx: ServiceContext
) -> None:
    add_complaints(sqlite_backend.uow, 6)
    model = QueueModel(agent_ctx)
    model.set_queue(QueueKind.ALL_OPEN)
    ascending = references(model)

    model.sort(Column.DUE, Qt.SortOrder.DescendingOrder)

    assert references(model) == list(reversed(ascending))
    assert model.sort_order() == Qt.SortOrder.DescendingOrder


def test_sorting_by_priority_puts_urgent_first(
    sqlite_backend: Backend, agent_ctx: ServiceContext
) -> None:
    add_complaints(sqlite_backend.uow, 8)
    model = QueueModel(agent_ctx)
    model.set_queue(QueueKind.ALL_OPEN)

    model.sort(Column.PRIORITY, Qt.SortOrder.AscendingOrder)

    priorities = [model.index(r, Column.PRIORITY).data() for r in range(model.rowCount())]
    assert priorities[:2] == ["Urgent", "Urgent"]
    assert model.sort_column() is Column.PRIORITY


def test_sorting_by_customer_keeps_paging_in_that_order(
    qtbot: QtBot, sqlite_backend: Backend, agent_ctx: ServiceContext
) -> None:
    add_complaints(sqlite_backend.uow, 12)
    model = QueueModel(agent_ctx, page_size=5)
    model.set_queue(QueueKind.ALL_OPEN)

    model.sort(Column.CUSTOMER, Qt.SortOrder.DescendingOrder)
    while model.canFetchMore(ROOT):
        model.fetchMore(ROOT)

    names = [model.index(r, Column.CUSTOMER).data() for r in range(model.rowCount())]
    assert names == sorted(names, reverse=True)
    assert len(set(references(model))) == 12
    assert model.sort_column() is Column.CUSTOMER


def test_cells_show_labels_and_local_times(
    sqlite_backend: Backend, agent_ctx: ServiceContext
) -> None:
    add_complaints(sqlite_backend.uow, 1)
    model = QueueModel(agent_ctx)
    model.set_queue(QueueKind.ALL_OPEN)

    row = [model.index(0, column).data() for column in Column]

    assert row[: Column.SITE + 1] == [
        "HQ-25-00001",
        "Parcel never arrived, tracking says delivered",
        "Bruno Lefèvre 1",
        "Phone",
        "New",
        "High",
        "Unassigned",
        "HQ",
    ]
    assert row[Column.RECEIVED]
    assert row[Column.DUE]
    # Stored at risk, but its due day is long past: the cell says late.
    assert "Late" in model.index(0, Column.DUE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(Column.DUE, Qt.Orientation.Horizontal) == "Due"


def test_a_page_that_cannot_be_read_stops_fetching_and_says_why(
    qtbot: QtBot, agent_ctx: ServiceContext
) -> None:
    def unreachable(
        _ctx: ServiceContext, _request: QueueRequest, _cursor: Sequence[object] | None, _n: int
    ) -> QueuePage:
        raise DatabaseUnreachable("The server does not answer.")

    model = QueueModel(agent_ctx, load_page=unreachable)

    with qtbot.waitSignal(model.load_failed) as failed:
        model.set_queue(QueueKind.ALL_OPEN)

    assert failed.args == ["The server does not answer."]
    assert model.rowCount() == 0
    assert not model.canFetchMore(ROOT)

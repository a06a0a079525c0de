"""The workload panel: who carries what, and a click (or Enter) to the matching queue."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QTableView,
    QTabWidget,
    QWidget,
)

from complaintdesk.domain.vocabulary import ClockState
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import workload
from complaintdesk.services.insight.workload import LoadLine, Workload
from complaintdesk.services.read_models import QueueRequest
from complaintdesk.ui import labels
from complaintdesk.ui.row_models import Column, Index, RowsModel
from complaintdesk.ui.tasks import Task, TaskRunner

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class LoadColumn(IntEnum):
    """The columns of a workload table."""

    NAME = 0
    OPEN = 1
    AT_RISK = 2
    BREACHED = 3


_CLOCK_OF = {LoadColumn.AT_RISK: ClockState.AT_RISK, LoadColumn.BREACHED: ClockState.BREACHED}


class WorkloadModel(RowsModel[LoadLine]):
    """The lines of one kind (agents or functions) with their counts, in :class:`LoadColumn` order.

    Args:
        heading: the title of the name column ("Agent", "Function").
        parent: the owning Qt object.
    """

    def __init__(self, heading: str, parent: QObject | None = None) -> None:
        hint = self.tr("Click or press Enter: open these complaints in the queue")

        def tip(_line: LoadLine) -> str:
            return hint

        super().__init__(
            [
                Column(heading, lambda line: line.name or labels.unassigned(), tooltip=tip),
                Column(self.tr("Open"), lambda line: line.open, _RIGHT, tip),
                Column(self.tr("At risk"), lambda line: line.at_risk, _RIGHT, tip),
                Column(self.tr("Late"), lambda line: line.breached, _RIGHT, tip),
            ],
            parent,
        )

    def request_at(self, index: Index) -> QueueRequest | None:
        """Return the queue a cell leads to: at-risk and breached cells narrow to that clock."""
        line = self.row_at(index.row()) if index.isValid() else None
        if line is None:
            return None
        return workload.queue_of(line, _CLOCK_OF.get(LoadColumn(index.column())))


class WorkloadPanel(QDockWidget):
    """A dock with the load per agent and per function, read off the GUI thread.

    Args:
        ctx: the signed-in supervisor.
        runner: the window's task runner.
        parent: the main window.
    """

    open_queue = Signal(object)
    """(QueueRequest) the person activated a line: show those complaints."""
    loaded = Signal()
    """The counts on screen are fresh."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(self.tr("Workload"), parent)
        self.setObjectName("workload")
        self._ctx = ctx
        self._runner = runner
        self._task: Task[Workload] | None = None
        self.agents = WorkloadModel(self.tr("Agent"), self)
        self.functions = WorkloadModel(self.tr("Function"), self)
        self.tabs = QTabWidget(self)
        self.agent_table = self._table(self.agents, self.tr("Workload per agent"))
        self.function_table = self._table(self.functions, self.tr("Workload per function"))
        self.tabs.addTab(self.agent_table, self.tr("Per agent"))
        self.tabs.addTab(self.function_table, self.tr("Per function"))
        self.setWidget(self.tabs)
        self.visibilityChanged.connect(self._visible)

    def refresh(self) -> None:
        """Count again, if the panel is shown (an older count on its way is dropped)."""
        if self.isHidden():
            return
        if self._task is not None:
            self._task.cancel()
        ctx = self._ctx

        def work(_task: Task[Workload]) -> Workload:
            return workload.workload(ctx)

        self._task = self._runner.run(work, self._show, self._failed)

    def _show(self, load: Workload) -> None:
        self._task = None
        self.agents.set_rows(load.agents)
        self.functions.set_rows(load.functions)
        self.loaded.emit()

    def _failed(self, error: Exception) -> None:
        self._task = None
        self.setWindowTitle(self.tr("Workload — could not count: {}").format(error))

    def _visible(self, visible: bool) -> None:
        if visible:
            self.refresh()

    def _table(self, model: WorkloadModel, name: str) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setAccessibleName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(LoadColumn.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (LoadColumn.OPEN, LoadColumn.AT_RISK, LoadColumn.BREACHED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # A click goes there; so does Enter (activated). The queue ignores asking twice.
        table.activated.connect(lambda index: self._activate(model, index))
        table.clicked.connect(lambda index: self._activate(model, index))
        return table

    def _activate(self, model: WorkloadModel, index: QModelIndex) -> None:
        request = model.request_at(index)
        if request is not None:
            self.open_queue.emit(request)

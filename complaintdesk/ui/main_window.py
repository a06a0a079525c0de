"""The main window: queues on the left, the queue's complaints, the selected one's detail."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QWidget,
)

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services import complaints, queues
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.read_models import QueueKind
from complaintdesk.ui import labels
from complaintdesk.ui.detail_pane import DetailPane
from complaintdesk.ui.queue_model import QueueModel
from complaintdesk.ui.queue_view import QueueTable
from complaintdesk.ui.status import add_session_facts
from complaintdesk.ui.tasks import Task, TaskRunner

_QUEUE_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    """What a signed-in person works in.

    Args:
        connection: the open database.
        actor: the signed-in person; every service call is made as them.
        page_size: rows per queue page (small in tests).
        parent: the owning widget (normally none).
    """

    def __init__(
        self,
        connection: Connection,
        actor: Actor,
        *,
        page_size: int = queues.PAGE_SIZE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ServiceContext(connection.uow, actor)
        self._count_generation = 0
        self.counts: dict[QueueKind, int] = {}
        self.tasks = TaskRunner(self)
        self.setWindowTitle(self.tr("ComplaintDesk — {name}").format(name=actor.display_name))
        self.queue_model = QueueModel(self._ctx, page_size=page_size, parent=self)
        self.navigation = self._navigation(queues.visible_queues(actor))
        self.table = QueueTable(self.queue_model)
        self.detail = DetailPane()
        self._lay_out()
        self._add_actions()
        self.session_facts = add_session_facts(self.statusBar(), connection, actor)
        self._connect()
        self.resize(1280, 800)
        self.navigation.setCurrentRow(0)
        self.refresh_counts()
        self.table.setFocus()

    # --- building ---

    def _navigation(self, visible: tuple[QueueKind, ...]) -> QListWidget:
        navigation = QListWidget()
        navigation.setAccessibleName(self.tr("Queues"))
        navigation.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        navigation.setStyleSheet("QListWidget::item { padding: 5px 6px; }")
        for number, queue in enumerate(visible, start=1):
            item = QListWidgetItem(labels.queue_label(queue))
            item.setData(_QUEUE_ROLE, queue.value)
            item.setToolTip(self.tr("Ctrl+{number}").format(number=number))
            navigation.addItem(item)
        return navigation

    def _lay_out(self) -> None:
        # The detail goes under the table: ten columns need the window's width.
        work = QSplitter(Qt.Orientation.Vertical)
        work.setChildrenCollapsible(False)
        work.addWidget(self.table)
        work.addWidget(self.detail)
        work.setSizes([420, 330])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.navigation)
        splitter.addWidget(work)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([160, 1120])
        self.setCentralWidget(splitter)

    def _add_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.refresh_action = self._action(self.tr("&Refresh"), "F5", self.refresh)
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), "Ctrl+Q", self.close))
        go_menu = self.menuBar().addMenu(self.tr("&Queues"))
        for row in range(self.navigation.count()):
            item = self.navigation.item(row)
            jump = partial(self.go_to_queue, row)
            go_menu.addAction(self._action(item.text(), f"Ctrl+{row + 1}", jump))

    def _action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def _connect(self) -> None:
        self.navigation.currentRowChanged.connect(self._show_queue_at)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.queue_model.modelReset.connect(self._queue_reset)
        self.queue_model.load_failed.connect(self._report)

    # --- what the person does ---

    def go_to_queue(self, row: int) -> None:
        """Show the queue at ``row`` of the navigation list and put the focus in the table."""
        self.navigation.setCurrentRow(row)
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.queue_model.rowCount() > 0:
            self.table.selectRow(0)  # as when the table gains focus: the first one is shown

    def refresh(self) -> None:
        """Read the queue and the counts again, keeping the selected complaint if still there."""
        current = self.queue_model.row_at(self.table.currentIndex().row())
        self.queue_model.refresh()
        self.refresh_counts()
        row = self.queue_model.row_of(current.id) if current else -1
        if row >= 0:
            self.table.setCurrentIndex(self.queue_model.index(row, 0))

    def refresh_counts(self) -> None:
        """Count every queue off the GUI thread; older counts still on their way are dropped."""
        self._count_generation += 1
        for row in range(self.navigation.count()):
            queue = QueueKind(self.navigation.item(row).data(_QUEUE_ROLE))
            self.tasks.run(
                self._count_work(queue),
                partial(self._show_count, self._count_generation, row, queue),
                self._count_failed,
            )

    def _count_work(self, queue: QueueKind) -> Callable[[Task[int]], int]:
        ctx = self._ctx
        return lambda _task: queues.count(ctx, queue)

    def _show_count(self, generation: int, row: int, queue: QueueKind, count: int) -> None:
        if generation != self._count_generation:
            return
        self.counts[queue] = count
        label = self.tr("{queue} ({count})").format(queue=labels.queue_label(queue), count=count)
        self.navigation.item(row).setText(label)

    def _count_failed(self, error: Exception) -> None:
        self._report(self.tr("Could not count the queues: {}").format(error))

    def _show_queue_at(self, row: int) -> None:
        item = self.navigation.item(row)
        if item is not None:
            self.queue_model.set_queue(QueueKind(item.data(_QUEUE_ROLE)))

    def _queue_reset(self) -> None:
        if self.queue_model.rowCount() == 0:
            self.detail.show_problem("")  # the table already says the queue is empty
        else:
            self.detail.clear()

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.queue_model.row_at(current.row()) if current.isValid() else None
        if row is None:
            self.detail.clear()
            return
        if not self.table.selectionModel().isRowSelected(current.row()):
            # Qt makes the first row current when the table gains focus, without selecting
            # it; the highlighted row and the detail must always be the same complaint.
            self.table.selectRow(current.row())
        try:
            self.detail.show_detail(complaints.get_detail(self._ctx, row.id))
        except ComplaintDeskError as error:
            self.detail.show_problem(str(error))

    def _report(self, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Counts still running would report to a window that is going away.
        self.tasks.shutdown()
        super().closeEvent(event)

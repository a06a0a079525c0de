"""The supervisor's cockpit around the queue table: filters, saved views, bulk, workload, watch.

One object wires them to the main window, so the window only places the pieces: the filter
bar over the table, the saved views in its navigation, the workload dock, the menu entries.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMainWindow, QMenu, QVBoxLayout, QWidget

from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import queue_choices, queues, views
from complaintdesk.services.insight.queue_choices import FilterChoices
from complaintdesk.services.insight.views import SavedViewInfo
from complaintdesk.services.read_models import QueueKind, QueueRequest
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.cockpit.workload import WorkloadPanel
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.queues.bulk import BulkActions
from complaintdesk.ui.queues.filters import FilterBar
from complaintdesk.ui.queues.queue_model import QueueModel
from complaintdesk.ui.queues.queue_view import QueueTable
from complaintdesk.ui.queues.saved_views import SavedViewList, SaveViewDialog
from complaintdesk.ui.tasks import Task, TaskRunner
from complaintdesk.ui.window.change_watch import ChangeWatch

QueueRow = Callable[[QueueKind], int]


class Cockpit(QObject):
    """Filters, saved views, bulk actions, the workload dock and the change watch.

    Args:
        window: the main window (docks, dialogs, status bar).
        ctx: the signed-in caller.
        runner: the window's task runner.
        operations: the window's operations (saving a view goes through them).
        navigation: the list of queues (saved views are appended to it).
        table: the queue table (its model shows what the cockpit asks).
        announce: the window's ``changed`` emitter.
        queue_row: the navigation row of a built-in queue (-1 if not offered).
    """

    def __init__(
        self,
        window: QMainWindow,
        ctx: ServiceContext,
        runner: TaskRunner,
        operations: Operations,
        navigation: QListWidget,
        table: QueueTable,
        announce: Callable[[Changes], None],
        queue_row: QueueRow,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._runner = runner
        self._operations = operations
        self._navigation = navigation
        self._table = table
        self._queue_row = queue_row
        model = table.model()
        assert isinstance(model, QueueModel)
        self.model = model
        self.supervises = ctx.actor.can(Permission.REASSIGN)
        self.filter_bar = FilterBar()
        self.saved_views = SavedViewList(ctx, runner, navigation)
        self.watch = ChangeWatch(ctx, runner, announce, parent=self)
        self.bulk = BulkActions(ctx, runner, table.selected_complaints, announce, window)
        self.workload: WorkloadPanel | None = None
        if self.supervises:
            self.workload = WorkloadPanel(ctx, runner, window)
            self.workload.open_queue.connect(self.show_request)
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.workload)
            self.workload.hide()
        self.save_dialog: SaveViewDialog | None = None
        self._wanted_view: uuid.UUID | None = None
        self._count_generation = 0
        self.filter_bar.filters_changed.connect(self.model.set_filters)
        self.model.modelReset.connect(self.count_shown)
        self.model.modelReset.connect(self._explain_empty)
        self._said_filtered = False
        self.saved_views.loaded.connect(self._restore_view_selection)

    # --- building ---

    def table_area(self) -> QWidget:
        """Return the filter bar over the table, to place where the table was."""
        area = QWidget()
        column = QVBoxLayout(area)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.filter_bar)
        column.addWidget(self._table)
        return area

    def fill_menu(self, menu: QMenu) -> None:
        """Add the cockpit's entries to the Queues menu."""
        menu.addSeparator()
        self.filter_action = self._action(self.tr("&Filter…"), "Ctrl+L", self.focus_filters)
        menu.addAction(self.filter_action)
        clear = self._action(self.tr("C&lear filters"), "Ctrl+Alt+L", self.filter_bar.clear)
        menu.addAction(clear)
        self.save_action = self._action(self.tr("&Save as view…"), "Ctrl+S", self.save_view)
        menu.addAction(self.save_action)
        self.rename_action = self._action(self.tr("Rena&me view…"), "Ctrl+Alt+E", self.rename_view)
        menu.addAction(self.rename_action)
        self.delete_action = self._action(self.tr("Dele&te view"), "Ctrl+Alt+D", self.delete_view)
        menu.addAction(self.delete_action)
        if self.workload is not None:
            toggle = self.workload.toggleViewAction()
            toggle.setText(self.tr("&Workload"))
            toggle.setShortcut(QKeySequence("Ctrl+Shift+O"))
            self._window.addAction(toggle)
            menu.addAction(toggle)
        if self.supervises:
            selected = menu.addMenu(self.tr("Selected &complaints"))
            selected.addAction(
                self._action(self.tr("&Reassign…"), "Ctrl+Alt+T", self.bulk.reassign)
            )
            selected.addAction(
                self._action(self.tr("Set &priority…"), "Ctrl+Alt+I", self.bulk.set_priority)
            )
            selected.addAction(
                self._action(self.tr("Change &status…"), "Ctrl+Alt+M", self.bulk.change_status)
            )
        self._navigation.currentItemChanged.connect(self._update_view_actions)
        self._update_view_actions()
        # Right-click on a saved view: the same rename and delete as in the menu.
        self._navigation.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._navigation.customContextMenuRequested.connect(self._view_menu)

    def start(self) -> None:
        """Read the pick lists and the saved views, then watch for other workstations."""
        ctx = self._ctx

        def choices(_task: Task[FilterChoices]) -> FilterChoices:
            return queue_choices.filter_choices(ctx)

        self._runner.run(choices, self.filter_bar.set_choices)
        self.saved_views.load()
        self.watch.start()

    def stop(self) -> None:
        """Stop polling (the window closes)."""
        self.watch.stop()

    # --- what the window and the person ask ---

    def view_at(self, item: QListWidgetItem | None) -> SavedViewInfo | None:
        """Return the saved view of a navigation item, or None."""
        return self.saved_views.view_at(item)

    def show_view(self, view: SavedViewInfo) -> None:
        """Show a saved view: its queue, filters and order."""
        self.filter_bar.set_filters(view.request.filters)
        self.model.set_request(view.request)

    def show_request(self, request: QueueRequest) -> None:
        """Show a queue narrowed by filters (a workload line), choosing it in the navigation."""
        if request == self.model.request:
            return
        row = self._queue_row(request.queue)
        blocked = self._navigation.blockSignals(True)
        self._navigation.setCurrentRow(row)
        self._navigation.blockSignals(blocked)
        self._update_view_actions()
        self.filter_bar.set_filters(request.filters)
        self.model.set_request(request)
        self._table.setFocus()

    def absorb(self, _changes: Changes) -> None:
        """Note the window's own change, so the watch does not announce it a second time."""
        self.watch.absorb()

    def focus_filters(self) -> None:
        """Put the focus in the filter bar (Ctrl+L)."""
        self.filter_bar.focus_first()

    def refresh(self) -> None:
        """Count the saved views and the workload again (the queue counts itself)."""
        self.saved_views.count()
        if self.workload is not None:
            self.workload.refresh()

    def count_shown(self) -> None:
        """Count the queue shown, as filtered, off the GUI thread."""
        request = self.model.request
        if request is None:
            return
        self._count_generation += 1
        self.filter_bar.show_count(None)
        ctx = self._ctx

        def work(_task: Task[int]) -> int:
            return queues.count(ctx, request.queue, request.filters)

        self._runner.run(work, partial(self._show_count, self._count_generation))

    def save_view(self) -> None:
        """Save what the table shows as a named view (Ctrl+S)."""
        request = self.model.request
        if request is None:
            return
        current = self.view_at(self._navigation.currentItem())
        dialog = SaveViewDialog(
            self.tr("Save as a view"),
            current.name if current is not None and current.mine else "",
            can_share=self.supervises,
            parent=self._window,
        )
        ctx = self._ctx

        def save() -> None:
            name, shared = dialog.name.text(), dialog.share.isChecked()
            self._operations.run(
                lambda: views.save_view(ctx, name, request, shared=shared),
                Changes(),
                form=dialog,
                done=self._saved,
            )

        dialog.submitted.connect(save)
        self.save_dialog = dialog
        dialog.open()

    def rename_view(self) -> None:
        """Rename the saved view chosen in the navigation."""
        view = self.view_at(self._navigation.currentItem())
        if view is None:
            return
        dialog = SaveViewDialog(
            self.tr("Rename the view"), view.name, can_share=False, parent=self._window
        )
        ctx = self._ctx

        def rename() -> None:
            name = dialog.name.text()
            self._operations.run(
                lambda: views.rename_view(ctx, view.id, name),
                Changes(),
                form=dialog,
                done=lambda _none: self.saved_views.load(),
            )

        dialog.submitted.connect(rename)
        self.save_dialog = dialog
        dialog.open()

    def delete_view(self) -> None:
        """Delete the saved view chosen in the navigation (the complaints stay)."""
        view = self.view_at(self._navigation.currentItem())
        if view is None:
            return
        ctx = self._ctx
        self._operations.run(
            lambda: views.delete_view(ctx, view.id),
            Changes(),
            done=lambda _none: self._deleted(),
        )

    # --- inside ---

    def _action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def _saved(self, view_id: uuid.UUID) -> None:
        self._wanted_view = view_id
        self.saved_views.load()

    def _deleted(self) -> None:
        self._navigation.setCurrentRow(max(self._queue_row(QueueKind.ALL_OPEN), 0))
        self.saved_views.load()

    def _restore_view_selection(self) -> None:
        wanted, self._wanted_view = self._wanted_view, None
        if wanted is None:
            return
        row = self.saved_views.row_of(wanted)
        if row >= 0:
            blocked = self._navigation.blockSignals(True)  # the table already shows it
            self._navigation.setCurrentRow(row)
            self._navigation.blockSignals(blocked)
            self._update_view_actions()

    def _view_menu(self, where: QPoint) -> None:
        item = self._navigation.itemAt(where)
        if item is None or self.view_at(item) is None:
            return
        self._navigation.setCurrentItem(item)
        menu = QMenu(self._navigation)
        menu.addAction(self.rename_action)
        menu.addAction(self.delete_action)
        menu.popup(self._navigation.viewport().mapToGlobal(where))

    def _update_view_actions(self, *_args: object) -> None:
        view = self.view_at(self._navigation.currentItem())
        changeable = view is not None and (view.mine or self.supervises)
        self.rename_action.setEnabled(changeable)
        self.delete_action.setEnabled(changeable)

    def _explain_empty(self) -> None:
        request = self.model.request
        filtered = request is not None and not request.filters.empty
        if filtered:
            self._table.set_empty_message(
                self.tr("No complaints match these filters"),
                self.tr("Press Esc in the filter bar or click Clear to see the whole queue."),
            )
        elif self._said_filtered:
            self._table.set_empty_message(
                self.tr("No complaints in this queue"),
                self.tr("Choose another queue on the left, or press F5 to refresh."),
            )
        self._said_filtered = filtered

    def _show_count(self, generation: int, count: int) -> None:
        if generation == self._count_generation:
            self.filter_bar.show_count(count)

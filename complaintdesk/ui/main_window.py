"""The main window: queues on the left, the queue's complaints, the selected one's workspace."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QListWidgetItem, QMainWindow, QWidget

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.routing import NO_RULE, Reason
from complaintdesk.services.complaints import detail
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.insight import queues
from complaintdesk.services.read_models import QueueKind
from complaintdesk.ui import labels
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.cockpit.duplicates import DuplicateActions
from complaintdesk.ui.cockpit.supervision import Cockpit
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.problems.problem_actions import ProblemActions
from complaintdesk.ui.queues.navigation import QueueNavigation
from complaintdesk.ui.queues.quarantine import QuarantineQueue
from complaintdesk.ui.queues.queue_model import QueueModel
from complaintdesk.ui.queues.queue_view import QueueTable
from complaintdesk.ui.session.security_actions import SecurityActions
from complaintdesk.ui.tasks import Task, TaskRunner
from complaintdesk.ui.window import layout
from complaintdesk.ui.window.help_actions import HelpActions
from complaintdesk.ui.window.notifications import NotificationIndicator
from complaintdesk.ui.window.presence import PresenceWatch, presence_text
from complaintdesk.ui.window.report_actions import ReportActions
from complaintdesk.ui.window.schema_watch import SchemaWatch
from complaintdesk.ui.window.status import add_session_facts
from complaintdesk.ui.window.tray import attach_tray
from complaintdesk.ui.workspace import routing_words
from complaintdesk.ui.workspace.actions import BAR, ON_COMMITMENTS, ON_REQUESTS, ComplaintActions
from complaintdesk.ui.workspace.composer import Composer
from complaintdesk.ui.workspace.detail_pane import DetailPane

if TYPE_CHECKING:  # imported when needed: configuration (administrators), sync (branches)
    from complaintdesk.services.complaints.intake import IntakeResult
    from complaintdesk.ui.admin.configuration import AdminDialog
    from complaintdesk.ui.window.sync_status import SyncStatus

_QUEUE_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    """What a signed-in person works in.

    Args:
        connection: the open database.
        actor: the signed-in person; every service call is made as them.
        page_size: rows per queue page (small in tests).
        parent: the owning widget (normally none).
    """

    changed = Signal(object)
    """Emitted once after every successful operation with its :class:`Changes`."""

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
        self._refreshing = False
        self.counts: dict[QueueKind, int] = {}
        self.admin_dialog: AdminDialog | None = None
        self.tasks = TaskRunner(self)
        self.setWindowTitle(self.tr("ComplaintDesk — {name}").format(name=actor.display_name))
        self.queue_model = QueueModel(self._ctx, page_size=page_size, parent=self)
        self.navigation = self._navigation(queues.visible_queues(actor))
        self.table = QueueTable(self.queue_model)
        self.detail = DetailPane(actor)
        self.operations = Operations(
            self.tasks, self._ctx, self, self.changed.emit, self.reload_complaint
        )
        self.composer = Composer(self._ctx, self.operations, self.tasks)
        self.detail.set_composer(self.composer)
        self.complaint_actions = ComplaintActions(
            self, self._ctx, self.operations, self.detail.workspace, self._recorded
        )
        self.quarantine = QuarantineQueue.offered(self._ctx, self.operations, connection, self)
        self.notifications = NotificationIndicator(self._ctx, self.tasks, self.operations)
        self.cockpit = Cockpit(
            self,
            self._ctx,
            self.tasks,
            self.operations,
            self.navigation,
            self.table,
            self.changed.emit,
            self._queue_row,
        )
        self.cockpit.bulk.last_action = self.complaint_actions.handlers.last_action
        self.presence = PresenceWatch(self._ctx, self.tasks, self.cockpit.watch.look, parent=self)
        self._lay_out()
        self._add_actions()
        self.session_facts = add_session_facts(self.statusBar(), connection, actor)
        self.statusBar().addPermanentWidget(self.notifications)
        self.schema_watch = SchemaWatch(self, self._ctx, self.tasks)
        self.tray = attach_tray(self, self.notifications, self.show_complaint)
        self.sync: SyncStatus | None = None
        if connection.branch is not None:
            from complaintdesk.ui.window.sync_status import attach_sync_status

            self.sync = attach_sync_status(
                self, connection.branch, self._ctx, self.tasks, self.operations, self.changed
            )
        self._connect()
        self._start()

    def _start(self) -> None:
        self.resize(layout.DEFAULT_SIZE)
        self.navigation.setCurrentRow(0)
        self._explain_missing_queues()
        self.refresh_counts()
        self.notifications.refresh()
        self.cockpit.start()
        self.presence.start()
        self.table.setFocus()

    # --- building ---

    def _navigation(self, visible: tuple[QueueKind, ...]) -> QueueNavigation:
        navigation = QueueNavigation()
        navigation.setAccessibleName(self.tr("Queues"))
        for number, queue in enumerate(visible, start=1):
            item = QListWidgetItem(labels.queue_label(queue))
            item.setData(_QUEUE_ROLE, queue.value)
            item.setToolTip(self.tr("Ctrl+{number}").format(number=number))
            navigation.addItem(item)
        return navigation

    def _lay_out(self) -> None:
        workspace = self.detail.workspace
        workspace.set_action_bar(self.complaint_actions.bar(BAR, self.tr("Complaint actions")))
        workspace.awaited.set_buttons(
            self.complaint_actions.bar(ON_REQUESTS, self.tr("Request actions")),
            self.complaint_actions.bar(ON_COMMITMENTS, self.tr("Commitment actions")),
        )
        central, self.work_splitter, self.pages = layout.panes(
            self.navigation, self.cockpit.table_area(), self.detail
        )
        self.setCentralWidget(central)

    def _add_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.refresh_action = self._action(self.tr("&Refresh"), "F5", self.refresh)
        file_menu.addAction(self.refresh_action)
        self.security = SecurityActions(self, self._ctx, lambda: self.detail.shown)
        self.security.fill_menu(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), "Ctrl+Q", self.close))
        self.complaint_actions.fill_menu(self.menuBar().addMenu(self.tr("&Complaint")))
        go_menu = self.menuBar().addMenu(self.tr("&Queues"))
        for row in range(self.navigation.count()):
            item = self.navigation.item(row)
            jump = partial(self.go_to_queue, row)
            go_menu.addAction(self._action(item.text(), f"Ctrl+{row + 1}", jump))
        if self.quarantine is not None:  # under the queues, with the page beside the table
            self.quarantine.install(go_menu, self._action, self.navigation, self.pages)
        go_menu.addSeparator()
        self.notifications_action = self._action(
            self.tr("&Notifications…"), "Ctrl+I", self.notifications.show_list
        )
        go_menu.addAction(self.notifications_action)
        self.cockpit.fill_menu(go_menu)
        self.duplicate_actions = DuplicateActions(self, self._ctx, self.operations)
        self.duplicate_actions.fill_menu(go_menu)
        self.problem_actions = ProblemActions(
            self,
            self._ctx,
            self.operations,
            lambda: [row.complaint_id for row in self.table.selected_complaints()],
            lambda: self.detail.shown,
            self.show_complaint,
        )
        self.problem_actions.fill_menu(self.menuBar().addMenu(self.tr("&Problems")))
        if self._ctx.actor.can(Permission.VIEW_REPORTS):
            self.report_actions = ReportActions(
                self,
                self._ctx,
                self.tasks,
                self.queue_model,
                self.cockpit.show_request,
                self._report,
            )
            self.report_actions.fill_menu(self.menuBar().addMenu(self.tr("&Reports")))
        if self._ctx.actor.can(Permission.MANAGE_CONFIGURATION):
            menu = self.menuBar().addMenu(self.tr("Con&figuration"))
            self.configuration_action = self._action(
                self.tr("&Functions and routing rules…"), "Ctrl+,", self.open_configuration
            )
            menu.addAction(self.configuration_action)
        self.help_actions = HelpActions(
            self, self._ctx, self.tasks, self.operations, self.show_complaint
        )
        self.help_actions.fill_menus(file_menu, self.menuBar().addMenu(self.tr("&Help")))

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
        self.notifications.open_complaint.connect(self.show_complaint)
        self.changed.connect(self._on_changed)
        self.changed.connect(self.cockpit.absorb)
        self.composer.activity_changed.connect(self.presence.set_activity)
        self.presence.colleagues_changed.connect(
            lambda found: self.detail.workspace.set_presence(presence_text(found))
        )
        self.detail.shown_changed.connect(self.presence.show)

    def _explain_missing_queues(self) -> None:
        if self.navigation.count() == 0:
            self.detail.show_problem(
                self.tr(
                    "You have no queue yet: an administrator must add you to a function "
                    "before anything can be asked of you."
                )
            )

    # --- what the person does ---

    def go_to_queue(self, row: int) -> None:
        """Show the queue at ``row`` of the navigation list and put the focus in the table."""
        self.navigation.setCurrentRow(row)
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.queue_model.rowCount() > 0:
            self.table.selectRow(0)  # as when the table gains focus: the first one is shown

    def refresh(self) -> None:
        """Read the queue, the counts, the shown complaint and the notifications again."""
        shown = self.detail.shown
        self._refreshing = True
        try:
            self.table.refresh_keeping_place()
        finally:
            self._refreshing = False
        self.refresh_counts()
        self.notifications.refresh()
        current = self.queue_model.row_at(self.table.currentIndex().row())
        if shown is not None and (current is None or current.complaint_id != shown.id):
            self.show_complaint(shown.id)

    def show_complaint(self, complaint_id: uuid.UUID) -> None:
        """Show a complaint: selected in the table if the queue holds it, else on its own."""
        row = self.queue_model.row_of(complaint_id)
        if row >= 0:
            self.table.setCurrentIndex(self.queue_model.index(row, 0))
            return
        # Not in this queue (any more): its workspace stays, no row is highlighted.
        self.table.clearSelection()
        self._load_detail(complaint_id)

    def reload_complaint(self) -> None:
        """Read the shown complaint again (after a conflict: the version moves on)."""
        shown = self.detail.shown
        if shown is not None:
            self._load_detail(shown.id)

    def open_configuration(self) -> None:
        """Open the configuration of functions and routing rules (administrators)."""
        from complaintdesk.ui.admin.configuration import AdminDialog

        if self.admin_dialog is not None:
            self.admin_dialog.deleteLater()
        self.admin_dialog = AdminDialog(self._ctx, self.operations, self.detail.shown, self)
        self.admin_dialog.open()

    def refresh_counts(self) -> None:
        """Count every queue off the GUI thread; older counts still on their way are dropped."""
        self._count_generation += 1
        for row in range(self.navigation.count()):
            if (value := self.navigation.item(row).data(_QUEUE_ROLE)) is None:
                continue  # a saved view, its heading (the cockpit counts those), the quarantine
            queue = QueueKind(value)
            self.tasks.run(
                self._count_work(queue),
                partial(self._show_count, self._count_generation, row, queue),
                self._count_failed,
            )
        if self.quarantine is not None:
            self.quarantine.refresh_count()
        self.cockpit.refresh()

    def _count_work(self, queue: QueueKind) -> Callable[[Task[int]], int]:
        ctx = self._ctx
        return lambda _task: queues.count(ctx, queue)

    def _show_count(self, generation: int, row: int, queue: QueueKind, count: int) -> None:
        if generation != self._count_generation:
            return
        self.counts[queue] = count
        shown = QLocale().toString(count)  # 1,204 in English, 1 204 in French
        label = self.tr("{queue} ({count})").format(queue=labels.queue_label(queue), count=shown)
        self.navigation.item(row).setText(label)

    def _count_failed(self, error: Exception) -> None:
        self._report(self.tr("Could not count the queues: {}").format(error))

    def _show_queue_at(self, row: int) -> None:
        item = self.navigation.item(row)
        view = self.cockpit.view_at(item)
        if view is not None:
            self.cockpit.show_view(view)
        elif item is not None and item.data(_QUEUE_ROLE) is not None:
            self._set_queue(QueueKind(item.data(_QUEUE_ROLE)))

    def _set_queue(self, queue: QueueKind) -> None:
        if queue is QueueKind.ASKED:
            self.table.set_empty_message(
                self.tr("Nothing asked of your function right now"),
                self.tr("Questions from complaint owners appear here. F5 looks again."),
            )
        else:
            self.table.set_empty_message(
                self.tr("No complaints in this queue"),
                self.tr("Choose another queue on the left, or press F5 to refresh."),
            )
        self.queue_model.set_queue(queue)

    def _queue_reset(self) -> None:
        shown = self.detail.shown
        if self.queue_model.rowCount() == 0:
            self.detail.show_problem("")  # the table already says the queue is empty
        elif not self._refreshing or shown is None or self.queue_model.row_of(shown.id) < 0:
            self.detail.clear()  # else a refresh: the workspace and what is written in it stay

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.queue_model.row_at(current.row()) if current.isValid() else None
        if row is None:
            return
        if not self.table.selectionModel().isRowSelected(current.row()):
            # Qt makes the first row current when the table gains focus, without selecting
            # it; the highlighted row and the detail must always be the same complaint.
            self.table.selectRow(current.row())
        self._load_detail(row.complaint_id)

    def _load_detail(self, complaint_id: uuid.UUID) -> None:
        try:
            self.detail.show_detail(detail.get_detail(self._ctx, complaint_id))
        except ComplaintDeskError as error:
            self.detail.show_problem(str(error))

    def _on_changed(self, changes: Changes) -> None:
        shown = self.detail.shown.id if self.detail.shown else None
        if changes.queues:
            self.refresh()  # also reloads the shown complaint and the notifications
            return
        if changes.touches(shown) and shown is not None:
            self._load_detail(shown)
        if changes.notifications:
            self.notifications.refresh()

    def _recorded(self, result: IntakeResult) -> None:
        mine = self._queue_row(QueueKind.MINE)
        if result.owner_id == self._ctx.actor.user_id and mine >= 0:
            self.go_to_queue(mine)
        self.show_complaint(result.complaint_id)
        message = self.tr("{reference} recorded. Why it went where it went: {why}")
        why = routing_words.reason_text(result.routing_reason or Reason(NO_RULE))
        self._report(message.format(reference=result.reference, why=why))

    def _queue_row(self, queue: QueueKind) -> int:
        rows = range(self.navigation.count())
        return next((r for r in rows if self.navigation.item(r).data(_QUEUE_ROLE) == queue), -1)

    def _report(self, message: str) -> None:
        self.statusBar().showMessage(message, 30_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Counts and changes still running would report to a window that is going away.
        self.notifications.timer.stop()
        self.schema_watch.stop()
        self.cockpit.stop()
        self.composer.save_draft_now()
        self.presence.stop()
        self.tasks.shutdown()
        super().closeEvent(event)

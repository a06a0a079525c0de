"""The Reports menu of the main window: the dashboard and the queue export."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight.exports import ExportSummary
from complaintdesk.services.read_models import QueueRequest
from complaintdesk.ui.queues.exporting import QueueExporter
from complaintdesk.ui.queues.queue_model import QueueModel
from complaintdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the dashboard (QtCharts, reports) is imported when first opened
    from complaintdesk.services.insight.dashboard import ChartFilter
    from complaintdesk.ui.cockpit.dashboard import DashboardWindow


class ReportActions(QObject):
    """Opens the dashboard (Ctrl+D) and exports the shown queue (Ctrl+E).

    Args:
        window: the main window.
        ctx: the signed-in supervisor.
        tasks: the window's task runner.
        model: the queue table's model (what an export writes).
        show_request: shows a queue narrowed by filters in the window (a chart's click).
        report: shows a message in the window's status bar.
    """

    def __init__(
        self,
        window: QMainWindow,
        ctx: ServiceContext,
        tasks: TaskRunner,
        model: QueueModel,
        show_request: Callable[[QueueRequest], None],
        report: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._tasks = tasks
        self._show_request = show_request
        self._report = report
        self.dashboard: DashboardWindow | None = None
        self.exporter = QueueExporter(ctx, tasks, model, window)
        self.exporter.finished.connect(self._exported)
        self.exporter.failed.connect(report)
        self.dashboard_action = self._action(self.tr("&Dashboard…"), "Ctrl+D", self.open_dashboard)
        self.export_action = self._action(
            self.tr("&Export the queue…"), "Ctrl+E", self.exporter.export
        )

    def fill_menu(self, menu: QMenu) -> None:
        """Add the dashboard and export actions to ``menu``."""
        menu.addAction(self.dashboard_action)
        menu.addAction(self.export_action)

    def open_dashboard(self) -> None:
        """Show the dashboard window (made on first use) and compute its figures."""
        if self.dashboard is None:
            from complaintdesk.ui.cockpit.dashboard import DashboardWindow

            self.dashboard = DashboardWindow(self._ctx, self._tasks, parent=self._window)
            self.dashboard.drill_requested.connect(self.show_chart_filter)
        self.dashboard.show()
        self.dashboard.raise_()
        self.dashboard.activateWindow()
        self.dashboard.load()

    def show_chart_filter(self, chart: ChartFilter) -> None:
        """Show the complaints behind a chart element as a filtered queue in the main window."""
        from complaintdesk.services.insight import dashboard

        self._show_request(dashboard.queue_request(chart))
        self._window.raise_()
        self._window.activateWindow()
        if not dashboard.fully_filtered(chart):
            self._report(
                self.tr(
                    "The queue is narrowed by channel, function, site, clock and received "
                    "dates; it may also list complaints the chart did not count (resolution "
                    "dates, root causes and scores are not queue filters)."
                )
            )

    def _exported(self, summary: ExportSummary) -> None:
        self._report(
            self.tr("{rows} complaints exported to {path}").format(
                rows=summary.rows, path=summary.path
            )
        )

    def _action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

"""Export the shown queue to CSV or XLSX, off the GUI thread, with progress and cancel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import exports
from complaintdesk.services.insight.exports import ExportCancelled, ExportColumn, ExportSummary
from complaintdesk.services.read_models import ComplaintRow, QueueRequest
from complaintdesk.ui import labels
from complaintdesk.ui.queues.queue_model import Column, QueueModel
from complaintdesk.ui.tasks import Task, TaskRunner

_VALUES: dict[Column, Callable[[ComplaintRow], exports.Cell]] = {
    Column.REFERENCE: lambda r: r.reference,
    Column.SUBJECT: lambda r: r.subject,
    Column.CUSTOMER: lambda r: r.customer_name,
    Column.CHANNEL: lambda r: labels.channel_label(r.channel),
    Column.STATUS: lambda r: labels.status_label(r.status),
    Column.PRIORITY: lambda r: labels.priority_label(r.priority),
    Column.OWNER: lambda r: r.owner_name or labels.unassigned(),
    Column.REGULATORY: lambda r: (
        _local(r.regulatory_next_due_at) if r.regulatory_next_due_at else ""
    ),
    Column.SITE: lambda r: r.site_code,
    Column.RECEIVED: lambda r: _local(r.received_at),
    Column.DUE: lambda r: _local(r.next_due_at),
}
"""The table's cells; dates as local date-times (real dates in a workbook)."""


def _local(instant: datetime) -> datetime:
    return instant.astimezone().replace(tzinfo=None)


def queue_columns(model: QueueModel) -> tuple[ExportColumn, ...]:
    """Return the queue table's columns, titled as the table titles them, in its order."""
    return tuple(
        ExportColumn(str(model.headerData(column, Qt.Orientation.Horizontal)), _VALUES[column])
        for column in Column
    )


class QueueExporter(QObject):
    """Asks where to save, writes the file off the GUI thread, shows progress and cancel.

    Args:
        ctx: the signed-in person (the rows they may see, nothing more).
        tasks: where the writing runs.
        model: the queue shown (its queue, filters and order are exported).
        window: the window that owns the dialogs.
    """

    finished = Signal(object)
    """The file is written: the :class:`ExportSummary`."""
    failed = Signal(str)
    """The export failed or was cancelled: the message for the person."""

    def __init__(
        self, ctx: ServiceContext, tasks: TaskRunner, model: QueueModel, window: QWidget
    ) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._tasks = tasks
        self._model = model
        self._window = window
        self.progress: QProgressDialog | None = None
        self.task: Task[ExportSummary] | None = None

    def export(self) -> None:
        """Ask for a file name, then export the shown queue to it."""
        request = self._model.request
        if request is None:
            return
        path, _chosen = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export the queue"),
            str(Path.home() / f"complaints-{request.queue.value}.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)"),
        )
        if path:
            self.start(Path(path))

    def start(self, path: Path) -> Task[ExportSummary]:
        """Write the shown queue to ``path`` (.xlsx or .csv) off the GUI thread."""
        request = self._model.request
        assert request is not None, "a queue is shown before it is exported"
        columns, ctx = queue_columns(self._model), self._ctx
        progress = QProgressDialog(
            self.tr("Exporting {name}…").format(name=path.name),
            self.tr("Cancel"),
            0,
            0,
            self._window,
        )
        progress.setWindowTitle(self.tr("Export"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self.progress = progress

        def work(task: Task[ExportSummary]) -> ExportSummary:
            return _write(ctx, request, path, columns, task)

        task = self._tasks.run(work, self._done, self._failed, self._progressed)
        progress.canceled.connect(lambda: self._cancel(task))
        self.task = task
        return task

    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _done(self, summary: ExportSummary) -> None:
        self._close_progress()
        self.finished.emit(summary)

    def _failed(self, error: Exception) -> None:
        self._close_progress()
        self.failed.emit(self.tr("Export failed: {}").format(error))

    def _cancel(self, task: Task[ExportSummary]) -> None:
        task.cancel()  # the worker stops at the next page and removes the partial file
        self._close_progress()
        self.failed.emit(self.tr("Export cancelled; no file was written."))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None


def _write(
    ctx: ServiceContext,
    request: QueueRequest,
    path: Path,
    columns: tuple[ExportColumn, ...],
    task: Task[ExportSummary],
) -> ExportSummary:
    try:
        return exports.export_queue(
            ctx,
            request,
            path,
            columns=columns,
            progress=task.report_progress,
            cancelled=lambda: task.cancelled,
        )
    except ExportCancelled:
        if task.cancelled:
            return ExportSummary(path, 0, exports.ExportFormat.CSV)  # dropped by the runner
        raise

"""Notices that the shared database was upgraded past this version, and says so.

Every half minute one tiny query reads the schema revision off the GUI thread. Once it moved,
the services refuse every save (see ``change_watch.schema_moved``), the status bar says the
window is read-only, and the person is told once, in a message box, to restart with the new
version. Reading goes on: nothing the person looks at disappears.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from complaintdesk.services.context import ServiceContext
from complaintdesk.services.replicas import change_watch
from complaintdesk.services.replicas.change_watch import SchemaMoved
from complaintdesk.ui.tasks import Task, TaskRunner


class SchemaWatch(QObject):
    """Looks at the schema revision now and then; turns the window read-only once it moved.

    Args:
        window: the main window (its status bar, the parent of the message).
        ctx: the signed-in caller.
        runner: the window's task runner.
        interval_ms: how often to look (shorter in tests).
    """

    moved = Signal(object)
    """The schema moved: emitted once with the :class:`SchemaMoved`."""

    def __init__(
        self,
        window: QMainWindow,
        ctx: ServiceContext,
        runner: TaskRunner,
        *,
        interval_ms: int = change_watch.SCHEMA_POLL_SECONDS * 1000,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._runner = runner
        self._looking = False
        self.notice: SchemaMoved | None = None
        self.message: QMessageBox | None = None
        """The message shown once (tests read it)."""
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName(self.tr("Read-only"))
        self.label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.look)
        self.timer.start()  # from the window's first moment; stop() when it closes

    def start(self) -> None:
        """Look every interval (again, after a stop)."""
        self.timer.start()

    def stop(self) -> None:
        """Stop looking (the window closes)."""
        self.timer.stop()

    def look(self) -> None:
        """Read the schema revision off the GUI thread (skipped if the last read is out)."""
        if self._looking or self.notice is not None:
            return
        self._looking = True
        ctx = self._ctx

        def work(_task: Task[SchemaMoved | None]) -> SchemaMoved | None:
            return change_watch.schema_moved(ctx)

        self._runner.run(work, self._seen, self._failed)

    def _seen(self, notice: SchemaMoved | None) -> None:
        self._looking = False
        if notice is None:
            return
        self.notice = notice
        self.timer.stop()
        self.label.setText(self.tr("Read-only: the database was upgraded"))
        self.label.setToolTip(self._explanation(notice))
        self.label.show()
        self.message = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("The database was upgraded"),
            self._explanation(notice),
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        self.message.setWindowModality(Qt.WindowModality.NonModal)
        self.message.show()
        self.moved.emit(notice)

    def _explanation(self, notice: SchemaMoved) -> str:
        return self.tr(
            "The database now has the structure of a newer ComplaintDesk (version {current}; "
            "this one needs {needed}). You can still read, but nothing more can be saved from "
            "this window: install the new version and restart ComplaintDesk."
        ).format(current=notice.current or "?", needed=notice.needed)

    def _failed(self, _error: Exception) -> None:
        self._looking = False  # the database is briefly busy: the next look tries again

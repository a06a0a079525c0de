"""Operations: one service call off the GUI thread, its outcome reported the one way.

Success closes the form and announces what changed; a refusal is shown in plain words
in the form (or a message box); a conflict opens "Someone else changed this complaint"
over the form, which keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from complaintdesk.domain.errors import (
    ComplaintDeskError,
    ConcurrentEditError,
    InvalidContactPoint,
    LetterIncomplete,
    TemplateRefused,
)
from complaintdesk.services.admin import organisation
from complaintdesk.services.complaints import directory
from complaintdesk.services.context import ServiceContext, retrying
from complaintdesk.ui import labels
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.dialogs.concurrent_edit import ConcurrentEditDialog
from complaintdesk.ui.dialogs.form import FormDialog
from complaintdesk.ui.tasks import Task, TaskRunner

T = TypeVar("T")


class ExplainedConcurrentEdit(ConcurrentEditError):
    """A conflict with the names of the people and functions its changes mention by id."""

    def __init__(self, error: ConcurrentEditError, names: dict[str, str]) -> None:
        super().__init__(str(error), error.changes)
        self.names = names


def concurrent_edit_names(ctx: ServiceContext) -> dict[str, str]:
    """Return id (as text) → name of possible owners and functions (runs on the worker)."""
    try:
        people = {str(p.id): p.display_name for p in directory.possible_owners(ctx)}
        functions = {str(f.id): f.name for f in organisation.list_functions(ctx)}
    except ComplaintDeskError:
        return {}  # the conflict itself still shows, with ids instead of names
    return people | functions


class Operations(QObject):
    """Runs changes for one window through its :class:`TaskRunner`.

    Args:
        runner: the window's runner (shut down with the window).
        ctx: the signed-in caller, used to name what a conflict changed.
        window: the parent of message boxes.
        announce: called with what changed after every success.
        reload: reads the shown complaint again (the Reload of the conflict dialog).
    """

    busy_changed = Signal(bool)
    """True while at least one operation runs; actions are disabled meanwhile."""
    reloaded = Signal()
    """The person pressed Reload after a concurrent edit: they have seen what changed, and
    what they send next goes over the version now shown."""

    def __init__(
        self,
        runner: TaskRunner,
        ctx: ServiceContext,
        window: QWidget,
        announce: Callable[[Changes], None],
        reload: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._runner = runner
        self._ctx = ctx
        self._window = window
        self._announce = announce
        self._reload = reload
        self._running = 0
        self.last_message: QWidget | None = None
        """The last message box or conflict dialog shown (tests read it)."""

    @property
    def runner(self) -> TaskRunner:
        """The window's runner, for reads that must not hold the actions back (side panels)."""
        return self._runner

    @property
    def busy(self) -> bool:
        """True while an operation runs."""
        return self._running > 0

    def run(
        self,
        work: Callable[[], T],
        changes: Changes,
        *,
        form: FormDialog | None = None,
        done: Callable[[T], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``work`` (a service call built with the version the screen showed) off-thread.

        Args:
            work: calls the service; it must not touch a widget.
            changes: what a success changes, announced once.
            form: the form that asked for it: kept open and busy until the service answers.
            done: called with the result after a success (after the announcement).
            failed: called with the error after the person was told about it.
        """
        ctx = self._ctx

        def job(_task: Task[T]) -> T:
            try:
                return retrying(work)
            except ConcurrentEditError as error:
                raise ExplainedConcurrentEdit(error, concurrent_edit_names(ctx)) from error

        self._set_running(+1)
        if form is not None:
            form.set_busy(True)
        self._runner.run(
            job, partial(self._succeeded, changes, form, done), partial(self._failed, form, failed)
        )

    def read(self, work: Callable[[], T], done: Callable[[T], None]) -> None:
        """Read something off-thread (a pick list), then call ``done`` with it.

        A failure is told in a message box; nothing is announced, since nothing changed.
        """
        self._set_running(+1)
        self._runner.run(
            lambda _task: retrying(work),
            partial(self._read_done, done),
            partial(self._failed, None, None),
        )

    def _read_done(self, done: Callable[[Any], None], result: object) -> None:
        self._set_running(-1)
        done(result)

    def _succeeded(
        self,
        changes: Changes,
        form: FormDialog | None,
        done: Callable[[Any], None] | None,
        result: object,
    ) -> None:
        self._set_running(-1)
        if form is not None:
            form.set_busy(False)
            form.accept()
        self._announce(changes)
        if done is not None:
            done(result)

    def _failed(
        self,
        form: FormDialog | None,
        failed: Callable[[Exception], None] | None,
        error: Exception,
    ) -> None:
        self._set_running(-1)
        if form is not None:
            form.set_busy(False)
        self._explain(form, error)
        if failed is not None:
            failed(error)

    def _explain(self, form: FormDialog | None, error: Exception) -> None:
        if isinstance(error, ConcurrentEditError):
            names = error.names if isinstance(error, ExplainedConcurrentEdit) else {}
            dialog = ConcurrentEditDialog(error, names, self._reload_after, form or self._window)
            dialog.open()
            self.last_message = dialog
            return
        if isinstance(error, ComplaintDeskError):
            field = error.kind if isinstance(error, InvalidContactPoint) else ""
            if isinstance(error, TemplateRefused | LetterIncomplete):
                field = error.field if isinstance(error, TemplateRefused) else "text"
            self._tell(labels.error_text(error), form, field)
            return
        # A bug: the runner logged its traceback; the person gets a plain sentence.
        self._tell(
            self.tr("Something unexpected went wrong ({kind}); nothing was saved.").format(
                kind=type(error).__name__
            ),
            form,
        )

    def _reload_after(self) -> None:
        self._reload()
        self.reloaded.emit()

    def _tell(self, message: str, form: FormDialog | None, field: str = "") -> None:
        if form is not None:
            form.show_error(message, field)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("This could not be done"),
            message,
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.open()
        self.last_message = box

    def _set_running(self, step: int) -> None:
        before = self.busy
        self._running += step
        if self.busy != before:
            self.busy_changed.emit(self.busy)

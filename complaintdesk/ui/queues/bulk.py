"""A supervisor's bulk actions on the selected complaints: reassign, priority, status.

Each runs off the GUI thread with a progress dialog whose Cancel stops before the next
complaint; at the end the person reads which complaints were refused and why.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from complaintdesk.domain.vocabulary import Priority, Status
from complaintdesk.services.complaints import bulk_actions, directory, lifecycle
from complaintdesk.services.complaints.bulk_actions import BulkResult, BulkTarget
from complaintdesk.services.complaints.directory import PersonChoice
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.read_models import ComplaintRow
from complaintdesk.ui import labels
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.dialogs.form import FormDialog, combo
from complaintdesk.ui.dialogs.people import OwnerDialog
from complaintdesk.ui.tasks import Task, TaskRunner
from complaintdesk.ui.window.undo import LastAction, Undoable

BulkWork = Callable[[ServiceContext, list[BulkTarget], Task[BulkResult]], BulkResult]
BulkUndo = Callable[[BulkResult], Undoable]
"""Builds the undo of what a bulk action changed."""
BULK_STATUSES = tuple(
    s
    for s in Status
    if s is not Status.NEW
    and s not in lifecycle.THROUGH_COMMITMENTS
    and s not in lifecycle.THROUGH_OWN_ACTION
)
"""Statuses a click can set; resolving or waiting on the customer need a form per complaint."""


def targets_of(rows: Sequence[ComplaintRow]) -> list[BulkTarget]:
    """Return the selected rows as the services take them (with the versions shown)."""
    return [
        BulkTarget(r.complaint_id, r.reference, r.version, r.owner_name is not None) for r in rows
    ]


class ChoiceDialog(FormDialog):
    """One value to choose for every selected complaint (a priority, a status)."""

    def __init__(
        self, title: str, label: str, choices: list[tuple[str, object]], parent: QWidget | None
    ) -> None:
        super().__init__(title, self.tr("Apply"), parent=parent)
        self.choice = self.add_field(label, combo(choices))
        self.choice.setFocus()

    def value(self) -> object:
        """Return the value chosen."""
        return self.choice.currentData()


class BulkActions(QObject):
    """Runs bulk actions on the rows a function returns (the table's selection).

    Args:
        ctx: the signed-in supervisor.
        runner: the window's task runner.
        selection: returns the selected complaints.
        announce: the window's ``changed`` emitter.
        window: the parent of dialogs.
    """

    finished = Signal(object)
    """(BulkResult) a bulk action ended (also after a cancel)."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        selection: Callable[[], list[ComplaintRow]],
        announce: Callable[[Changes], None],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._runner = runner
        self._selection = selection
        self._announce = announce
        self._window = window
        self.dialog: FormDialog | None = None
        self.progress: QProgressDialog | None = None
        self.last_message: QMessageBox | None = None
        self.last_action: LastAction | None = None
        """Where an undoable bulk action is remembered (set by the window)."""

    def reassign(self) -> None:
        """Ask to whom (and why), then reassign every selected complaint."""
        rows = self._chosen()
        if rows:
            ctx = self._ctx
            self._runner.run(
                lambda _task: directory.possible_owners(ctx),
                partial(self._ask_owner, rows),
                self._failed,
            )

    def set_priority(self) -> None:
        """Ask which priority, then set it on every selected complaint."""
        rows = self._chosen()
        if not rows:
            return
        choices: list[tuple[str, object]] = [(labels.priority_label(p), int(p)) for p in Priority]
        title = self.tr("Set the priority of {n} complaints").format(n=len(rows))
        dialog = ChoiceDialog(title, self.tr("&Priority:"), choices, self._window)

        def go() -> None:
            value = Priority(int(str(dialog.value())))
            dialog.accept()

            def work(
                c: ServiceContext, targets: list[BulkTarget], t: Task[BulkResult]
            ) -> BulkResult:
                hooks = _hooks(t)
                return bulk_actions.set_priority(
                    c, targets, value, progress=hooks[0], cancelled=hooks[1]
                )

            self.start(rows, work, partial(self._priority_undo, rows))

        dialog.submitted.connect(go)
        self._open(dialog)

    def _priority_undo(self, rows: list[ComplaintRow], result: BulkResult) -> Undoable:
        before = {row.complaint_id: row.priority for row in rows}
        previous = [(target, before[target.id]) for target in result.changed]
        ctx = self._ctx
        what = self.tr("priority of {n} complaints").format(n=len(previous))
        ids = frozenset(target.id for target in result.changed)
        return Undoable(
            what,
            partial(bulk_actions.restore_priorities, ctx, previous),
            Changes(ids, queues=True, notifications=True),
            self._refusals,
        )

    def _refusals(self, result: BulkResult) -> str:
        if not result.failed:
            return ""
        lines = "\n".join(f"{f.reference}: {f.reason}" for f in result.failed)
        return self.tr("{done} undone, {failed} not undone:\n\n{lines}").format(
            done=len(result.done), failed=len(result.failed), lines=lines
        )

    def change_status(self) -> None:
        """Ask which status, then move every selected complaint where its lifecycle allows."""
        rows = self._chosen()
        if not rows:
            return
        choices: list[tuple[str, object]] = [
            (labels.status_label(s), s.value) for s in BULK_STATUSES
        ]
        title = self.tr("Change the status of {n} complaints").format(n=len(rows))
        dialog = ChoiceDialog(title, self.tr("&Status:"), choices, self._window)

        def go() -> None:
            target = Status(str(dialog.value()))
            dialog.accept()

            def work(
                c: ServiceContext, targets: list[BulkTarget], t: Task[BulkResult]
            ) -> BulkResult:
                hooks = _hooks(t)
                return bulk_actions.change_status(
                    c, targets, target, progress=hooks[0], cancelled=hooks[1]
                )

            self.start(rows, work)

        dialog.submitted.connect(go)
        self._open(dialog)

    def start(
        self, rows: list[ComplaintRow], work: BulkWork, undo: BulkUndo | None = None
    ) -> Task[BulkResult]:
        """Run ``work`` on ``rows`` off the GUI thread with a progress dialog and Cancel.

        Args:
            rows: the complaints.
            work: the bulk service call.
            undo: builds the undo of what was changed (remembered for Ctrl+Z).
        """
        targets = targets_of(rows)
        ctx = self._ctx
        progress = QProgressDialog(
            self.tr("Working on {n} complaints…").format(n=len(targets)),
            self.tr("Cancel"),
            0,
            len(targets),
            self._window,
        )
        progress.setWindowTitle(self.tr("Bulk action"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self.progress = progress
        ids = frozenset(t.id for t in targets)
        task = self._runner.run(
            lambda t: work(ctx, targets, t),
            partial(self._done, ids, undo),
            self._failed,
            lambda done, _total: progress.setValue(done),
        )
        # Cancel stops before the next complaint; what was done stays done and is reported.
        progress.canceled.connect(lambda: self._cancel(task, ids))
        return task

    # --- inside ---

    def _chosen(self) -> list[ComplaintRow]:
        rows = self._selection()
        if not rows:
            self._tell(self.tr("Select complaints in the table first (Shift or Ctrl + click)."))
        return rows

    def _ask_owner(self, rows: list[ComplaintRow], people: tuple[PersonChoice, ...]) -> None:
        title = self.tr("Reassign {n} complaints").format(n=len(rows))
        dialog = OwnerDialog(
            title,
            self.tr("Reassign"),
            people,
            current_owner=None,
            with_reason=True,
            parent=self._window,
        )

        def go() -> None:
            to_user: uuid.UUID = dialog.chosen()
            reason = dialog.reason.toPlainText().strip() or self.tr("Reassigned by a supervisor")
            dialog.accept()

            def work(
                c: ServiceContext, targets: list[BulkTarget], t: Task[BulkResult]
            ) -> BulkResult:
                hooks = _hooks(t)
                return bulk_actions.reassign(
                    c, targets, to_user, reason, progress=hooks[0], cancelled=hooks[1]
                )

            self.start(rows, work)

        dialog.submitted.connect(go)
        self._open(dialog)

    def _open(self, dialog: FormDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def _cancel(self, task: Task[BulkResult], ids: frozenset[uuid.UUID]) -> None:
        # The worker stops before its next complaint; refresh shows what was done.
        task.cancel()
        self._announce(Changes(ids, queues=True, notifications=True))

    def _done(self, ids: frozenset[uuid.UUID], undo: BulkUndo | None, result: BulkResult) -> None:
        if self.progress is not None:
            self.progress.reset()
        self._announce(Changes(ids, queues=True, notifications=True))
        self.finished.emit(result)
        if result.failed:
            lines = "\n".join(f"{f.reference}: {f.reason}" for f in result.failed)
            text = self.tr("{done} changed, {failed} refused:\n\n{lines}").format(
                done=len(result.done), failed=len(result.failed), lines=lines
            )
            self._tell(text)
        else:
            self._window.statusBar().showMessage(  # type: ignore[attr-defined]
                self.tr("{done} complaints changed.").format(done=len(result.done)), 30_000
            )
        if undo is not None and self.last_action is not None and result.changed:
            self.last_action.remember(undo(result))  # its message replaces the count

    def _failed(self, error: Exception) -> None:
        if self.progress is not None:
            self.progress.reset()
        self._tell(str(error))

    def _tell(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Bulk action"),
            message,
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.open()
        self.last_message = box


def _hooks(task: Task[BulkResult]) -> tuple[Callable[[int, int], None], Callable[[], bool]]:
    """Return the progress and cancel hooks a bulk service takes, bound to ``task``."""
    return task.report_progress, lambda: task.cancelled

"""The main window's Problems menu: the Problems window, "Attach to problem…", satisfaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Status
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.dialogs.form import FormDialog, combo, line_edit
from complaintdesk.ui.operations import Operations

if TYPE_CHECKING:  # the Problems window and its services are imported at first use
    from complaintdesk.services.insight.problems import ProblemSummary
    from complaintdesk.ui.problems.problems_window import ProblemsWindow

KEYS = {"view": "Ctrl+Alt+P", "attach": "Ctrl+Alt+A", "satisfaction": "Ctrl+Alt+S"}
SCORED = (Status.RESOLVED, Status.CLOSED)


class AttachDialog(FormDialog):
    """Attach complaints to an open problem, or to a new one named here.

    Args:
        count: how many complaints are attached.
        open_problems: the problems that can take them.
        parent: the main window.
    """

    def __init__(
        self, count: int, open_problems: tuple[ProblemSummary, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Attach %n complaint(s) to a problem", "", count),
            self.tr("&Attach"),
            intro=self.tr("A problem links complaints that share one cause to fix upstream."),
            parent=parent,
        )
        choices: list[tuple[str, object]] = [(self.tr("A new problem…"), None)]
        choices += [(f"{p.title} ({p.complaints})", str(p.id)) for p in open_problems]
        self.problem = self.add_field(self.tr("&Problem:"), combo(choices))
        self.title = self.add_field(
            self.tr("&New problem's title:"),
            line_edit(placeholder=self.tr("What goes wrong, e.g. Parcels stuck at Lyon depot")),
        )
        self.problem.currentIndexChanged.connect(self._follow)
        self._follow()
        self.problem.setFocus()

    def _follow(self) -> None:
        self.title.setEnabled(self.chosen() is None)

    def chosen(self) -> uuid.UUID | None:
        """Return the problem chosen (None: a new one)."""
        data = self.problem.currentData()
        return uuid.UUID(str(data)) if data else None

    def check(self) -> str:
        """A new problem needs a title."""
        if self.chosen() is None and not self.title.text().strip():
            return self.tr("Give the new problem a title.")
        return ""


class ProblemActions(QObject):
    """Builds the Problems menu of the main window.

    Args:
        window: the main window (shortcuts work anywhere in it).
        ctx: the signed-in person.
        operations: runs the service calls.
        selected: returns the complaints selected in the queue.
        shown: returns the complaint shown in the workspace (or None).
        open_complaint: shows a complaint in the main window.
    """

    def __init__(
        self,
        window: QMainWindow,
        ctx: ServiceContext,
        operations: Operations,
        selected: Callable[[], list[uuid.UUID]],
        shown: Callable[[], ComplaintDetail | None],
        open_complaint: Callable[[uuid.UUID], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._ops = operations
        self._selected = selected
        self._shown = shown
        self._open_complaint = open_complaint
        self.problems_window: ProblemsWindow | None = None
        self.dialog: FormDialog | None = None
        """The form opened last (tests drive it)."""
        actor = ctx.actor
        self.view_action = self._action(self.tr("&Problems and voice of the customer…"), "view")
        self.view_action.triggered.connect(self.open_view)
        self.view_action.setEnabled(
            actor.can(Permission.REASSIGN) or actor.can(Permission.VIEW_CONTRIBUTIONS)
        )
        self.attach_action = self._action(self.tr("&Attach to problem…"), "attach")
        self.attach_action.triggered.connect(self.attach)
        self.satisfaction_action = self._action(self.tr("Record &satisfaction…"), "satisfaction")
        self.satisfaction_action.triggered.connect(self.record_satisfaction)
        for action in (self.attach_action, self.satisfaction_action):
            action.setEnabled(actor.can(Permission.HANDLE_COMPLAINTS))

    def _action(self, text: str, key: str) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(KEYS[key]))
        self._window.addAction(action)  # the shortcut works wherever the focus is
        return action

    def fill_menu(self, menu: QMenu) -> None:
        """Add the actions the person may use to ``menu``."""
        for action in (self.view_action, self.attach_action, self.satisfaction_action):
            if action.isEnabled():
                menu.addAction(action)
        menu.menuAction().setVisible(not menu.isEmpty())

    def open_view(self) -> None:
        """Show the Problems window (one per main window)."""
        if self.problems_window is None:
            from complaintdesk.ui.problems.problems_window import ProblemsWindow

            self.problems_window = ProblemsWindow(
                self._ctx, self._ops, self._open_complaint, self._window
            )
        else:
            self.problems_window.reload()
        self.problems_window.show()
        self.problems_window.raise_()
        self.problems_window.activateWindow()

    def _targets(self) -> list[uuid.UUID]:
        chosen = self._selected()
        shown = self._shown()
        return chosen or ([shown.id] if shown is not None else [])

    def attach(self) -> None:
        """Attach the complaints selected in the queue (or the one shown) to a problem."""
        ids = self._targets()
        if not ids:
            self._tell(self.tr("Select complaints in the queue first (Shift or Ctrl for more)."))
            return
        from complaintdesk.services.insight import problems

        work = partial(problems.list_problems, self._ctx, open_only=True)
        self._ops.read(work, partial(self._attach_form, ids))

    def _attach_form(self, ids: list[uuid.UUID], open_problems: tuple[ProblemSummary, ...]) -> None:
        from complaintdesk.services.insight import problems

        dialog = AttachDialog(len(ids), open_problems, self._window)

        def submit() -> None:
            chosen = dialog.chosen()
            work: Callable[[], object]
            if chosen is None:
                title = problems.NewProblem(dialog.title.text())
                work = partial(problems.create, self._ctx, title, ids)
            else:
                work = partial(problems.attach, self._ctx, chosen, ids)
            self._ops.run(work, Changes(frozenset(ids)), form=dialog, done=self._attached)

        self._open(dialog, submit)

    def _attached(self, _result: object) -> None:
        if self.problems_window is not None:
            self.problems_window.reload()

    def record_satisfaction(self) -> None:
        """Record what the customer of the shown complaint said of the service."""
        shown = self._shown()
        if shown is None or shown.status not in SCORED:
            self._tell(self.tr("Satisfaction is asked once the complaint is resolved or closed."))
            return
        from complaintdesk.services.insight import satisfaction
        from complaintdesk.ui.dialogs.satisfaction import SatisfactionDialog

        dialog = SatisfactionDialog(shown.reference, shown.channel, self._window)

        def submit() -> None:
            work = partial(
                satisfaction.record_scores,
                self._ctx,
                shown.id,
                dialog.scores(),
                dialog.given_by(),
                shown.version,
            )
            self._ops.run(work, Changes.complaint(shown.id, queues=False), form=dialog)

        self._open(dialog, submit)

    def _open(self, dialog: FormDialog, submit: Callable[[], None]) -> None:
        dialog.submitted.connect(submit)
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def _tell(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Problems"),
            message,
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.open()
        self._ops.last_message = box

"""The Problems window: problems with their complaints, candidates, satisfaction, the voice.

Supervisors see every tab; a function member sees the problems, satisfaction and voice of
their functions. Reads and writes run off the GUI thread through the main window's
operations; after each change the tab shown reads again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.permissions import Permission
from complaintdesk.services.admin import organisation
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import problems
from complaintdesk.services.insight.problems import ProblemDetail, ProblemStatus
from complaintdesk.ui import labels
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.dialogs.form import FormDialog
from complaintdesk.ui.dialogs.simple import TextDialog
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.problems.problem_models import (
    LinkedModel,
    ProblemsModel,
    problem_status_label,
)
from complaintdesk.ui.problems.problem_tabs import CandidatesTab, SatisfactionTab, table
from complaintdesk.ui.problems.voice_of_customer import VoiceView

OpenComplaint = Callable[[uuid.UUID], None]


class ProblemsWindow(QWidget):
    """A window of its own beside the main window (it stays open while one works).

    Args:
        ctx: the signed-in supervisor or function member.
        operations: the main window's operations.
        open_complaint: shows a complaint in the main window.
        parent: the main window.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        open_complaint: OpenComplaint,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Problems and the voice of the customer"))
        self._ctx = ctx
        self._ops = operations
        self.tabs = QTabWidget()
        self.problems = ProblemsTab(ctx, operations, open_complaint)
        self.tabs.addTab(self.problems, self.tr("&Problems"))
        self.candidates: CandidatesTab | None = None
        if ctx.actor.can(Permission.REASSIGN):
            self.candidates = CandidatesTab(ctx, operations, self._made_problem)
            self.tabs.addTab(self.candidates, self.tr("&Candidates"))
        self.satisfaction = SatisfactionTab(ctx, operations)
        self.tabs.addTab(self.satisfaction, self.tr("&Satisfaction"))
        self.voice = VoiceView(ctx, operations)
        self.tabs.addTab(self.voice, self.tr("&Voice of the customer"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.resize(1200, 720)
        self.reload()
        operations.read(partial(organisation.list_functions, ctx), self._functions)

    def reload(self) -> None:
        """Read the problems again (and the one shown)."""
        self.problems.reload()

    def _made_problem(self, problem_id: uuid.UUID) -> None:
        self.tabs.setCurrentWidget(self.problems)
        self.problems.reload(select=problem_id)

    def _functions(self, functions: tuple[organisation.FunctionView, ...]) -> None:
        actor = self._ctx.actor
        mine = [
            (f.code, f.name)
            for f in functions
            if actor.can(Permission.REASSIGN) or f.id in actor.function_ids
        ]
        self.voice.set_functions(mine)


class ProblemsTab(QWidget):
    """The problems list on the left; the selected one's page on the right."""

    shown = Signal(object)
    """Emitted with the :class:`ProblemDetail` shown (tests wait on it)."""

    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        open_complaint: OpenComplaint,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ops = operations
        self._open_complaint = open_complaint
        self.detail: ProblemDetail | None = None
        self.form: FormDialog | None = None
        """The form opened last (tests drive it)."""
        self.model = ProblemsModel(self)
        self.table = table(self.model, self.tr("Problems"), (250, 100, 120, 120, 120, 80))
        self.open_only = QCheckBox(self.tr("&Open problems only"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(lambda _on: self.reload())
        self.linked = LinkedModel(self)
        self.linked_table = table(
            self.linked, self.tr("Complaints of the problem"), (110, 260, 90, 70, 50)
        )
        self.linked_table.doubleClicked.connect(self._open_linked)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._list_side())
        splitter.addWidget(self._page_side())
        splitter.setSizes([520, 680])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _list_side(self) -> QWidget:
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.open_only)
        column.addWidget(self.table, 1)
        return side

    def _page_side(self) -> QWidget:
        self.title = QLabel(self.tr("Choose a problem on the left."))
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 15px; font-weight: bold")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Status"))
        for status in ProblemStatus:
            self.status.addItem(problem_status_label(status), status.value)
        self.status.activated.connect(self._status_chosen)
        self.add_action_button = QPushButton(self.tr("Add &action…"))
        self.add_action_button.clicked.connect(self.add_action)
        self.actions_text = QTextBrowser()
        self.actions_text.setAccessibleName(self.tr("Actions taken"))
        self.actions_text.setMaximumHeight(150)
        buttons = QHBoxLayout()
        caption = QLabel(self.tr("S&tatus:"))
        caption.setBuddy(self.status)
        buttons.addWidget(caption)
        buttons.addWidget(self.status)
        buttons.addStretch(1)
        buttons.addWidget(self.add_action_button)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.facts)
        column.addLayout(buttons)
        column.addWidget(QLabel(self.tr("Actions taken by the responsible function:")))
        column.addWidget(self.actions_text)
        column.addWidget(QLabel(self.tr("Complaints (double-click opens one):")))
        column.addWidget(self.linked_table, 1)
        self._enable(False)
        return side

    def reload(self, select: uuid.UUID | None = None) -> None:
        """Read the list again, keeping (or moving to) the selected problem."""
        keep = select or (self.detail.summary.id if self.detail else None)
        work = partial(problems.list_problems, self._ctx, open_only=self.open_only.isChecked())
        self._ops.read(work, partial(self._listed, keep))

    def _listed(self, keep: uuid.UUID | None, rows: tuple[problems.ProblemSummary, ...]) -> None:
        self.model.set_rows(rows)
        ids = [row.id for row in rows]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        elif rows:
            self.table.selectRow(0)
        else:
            self._show(None)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        if row is not None:
            self._ops.read(partial(problems.get_problem, self._ctx, row.id), self._show)

    def _show(self, detail: ProblemDetail | None) -> None:
        self.detail = detail
        self._enable(detail is not None)
        if detail is None:
            self.title.setText(self.tr("No problem yet: attach complaints to one from the queue."))
            self.facts.clear()
            self.actions_text.clear()
            self.linked.set_rows(())
            return
        s = detail.summary
        self.title.setText(s.title)
        self.facts.setText(
            self.tr(
                "Owner: {owner} · Responsible function: {function} · Root cause: {cause}\n"
                "{count} complaints · opened {opened}\n{description}"
            ).format(
                owner=s.owner_name or "—",
                function=s.function_name or "—",
                cause=s.root_cause_name or "—",
                count=s.complaints,
                opened=labels.local_time(s.created_at),
                description=detail.description or self.tr("(no description)"),
            )
        )
        self.status.setCurrentIndex(max(self.status.findData(s.status.value), 0))
        lines = [
            f"<p><b>{labels.local_time(a.at)}</b> — {escape(a.by)}: {escape(a.text)}</p>"
            for a in detail.actions
        ]
        self.actions_text.setHtml("".join(lines) or self.tr("<i>No action recorded yet.</i>"))
        self.linked.set_rows(detail.complaints)
        self.shown.emit(detail)

    def _enable(self, enabled: bool) -> None:
        self.status.setEnabled(enabled)
        self.add_action_button.setEnabled(enabled)

    def _status_chosen(self, _index: int) -> None:
        if self.detail is None:
            return
        status = ProblemStatus(str(self.status.currentData()))
        if status is self.detail.summary.status:
            return
        work = partial(problems.set_status, self._ctx, self.detail.summary.id, status)
        self._ops.run(work, Changes(), done=lambda _r: self.reload())

    def add_action(self) -> None:
        """Ask what was done, then append it to the problem with today's date."""
        if self.detail is None:
            return
        problem_id = self.detail.summary.id
        form = TextDialog(
            self.tr("Action taken on “{title}”").format(title=self.detail.summary.title),
            self.tr("&Add action"),
            self.tr("&What was done:"),
            self.tr("e.g. payment gateway retries disabled; supplier contacted"),
            parent=self,
        )

        def submit() -> None:
            work = partial(problems.add_action, self._ctx, problem_id, form.value())
            self._ops.run(work, Changes(), form=form, done=lambda _r: self.reload())

        form.submitted.connect(submit)
        self.form = form
        form.open()

    def _open_linked(self, index: QModelIndex) -> None:
        row = self.linked.row_at(index.row())
        if row is not None:
            self._open_complaint(row.id)

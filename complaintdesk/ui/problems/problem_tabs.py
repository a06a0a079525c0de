"""Tabs of the Problems window: candidate problems found by similarity, and satisfaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial

from PySide6.QtCore import QAbstractTableModel, QDate, QDateTime, QModelIndex, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import clusters, problems, satisfaction
from complaintdesk.services.insight.clusters import Cluster
from complaintdesk.services.insight.problems import NewProblem
from complaintdesk.services.insight.satisfaction import SatisfactionFigures
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.dialogs.form import FormDialog, line_edit
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.problems.problem_models import (
    ClusterComplaintsModel,
    ClustersModel,
    ScoresModel,
    channel_text,
)

DEFAULT_DAYS = 30


def table(model: QAbstractTableModel, name: str, widths: Sequence[int] = ()) -> QTableView:
    """Return a read-only, row-selecting table over ``model`` (``widths`` of first columns)."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setDefaultSectionSize(130)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    return view


def day_start(day: QDate) -> datetime:
    """Return the first instant of the local ``day``, in UTC."""
    moment = QDateTime(day, QTime(0, 0))
    return datetime.fromtimestamp(moment.toSecsSinceEpoch(), UTC)


class Window(QWidget):
    """From and to dates (local days, both included)."""

    def __init__(self, days: int = DEFAULT_DAYS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = QDate.currentDate()
        self.first = QDateEdit(today.addDays(-(days - 1)))
        self.last = QDateEdit(today)
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        for text, edit in ((self.tr("&From:"), self.first), (self.tr("&To:"), self.last)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(text.replace("&", "").rstrip(":"))
            caption = QLabel(text)
            caption.setBuddy(edit)
            line.addWidget(caption)
            line.addWidget(edit)

    def instants(self) -> tuple[datetime, datetime]:
        """Return [start, end) in UTC."""
        return day_start(self.first.date()), day_start(self.last.date().addDays(1))


class CandidatesTab(QWidget):
    """Recurring clusters in a window, and "Make a problem" for the one selected.

    Args:
        made_problem: told the id of a problem made from a candidate.
    """

    found = Signal(int)
    """Emitted with how many candidates were found (tests wait on it)."""

    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        made_problem: Callable[[uuid.UUID], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ops = operations
        self._made_problem = made_problem
        self.form: FormDialog | None = None
        self.window_dates = Window()
        self.min_size = QSpinBox()
        self.min_size.setRange(2, 1000)
        self.min_size.setValue(3)
        self.min_size.setAccessibleName(self.tr("Smallest cluster"))
        find = QPushButton(self.tr("F&ind recurring complaints"))
        find.clicked.connect(self.detect)
        self.summary = QLabel(self.tr("Choose a period and look for complaints that recur."))
        self.model = ClustersModel(self)
        self.table = table(self.model, self.tr("Candidate problems"), (90, 330, 230, 170, 170, 60))
        self.members = ClusterComplaintsModel(self)
        self.members_table = table(
            self.members, self.tr("Complaints of the candidate"), (110, 420, 90, 60, 100)
        )
        self.make_button = QPushButton(self.tr("&Make a problem of it…"))
        self.make_button.setEnabled(False)
        self.make_button.clicked.connect(self.make_problem)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        bar = QHBoxLayout()
        bar.addWidget(self.window_dates)
        size_caption = QLabel(self.tr("At &least:"))
        size_caption.setBuddy(self.min_size)
        bar.addWidget(size_caption)
        bar.addWidget(self.min_size)
        bar.addWidget(find)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.members_table, 2)
        layout.addWidget(self.make_button)

    def detect(self) -> None:
        """Look for clusters off the GUI thread."""
        start, end = self.window_dates.instants()
        self.summary.setText(self.tr("Comparing the complaints of the period…"))
        work = partial(clusters.detect, self._ctx, start, end, min_size=self.min_size.value())
        self._ops.read(work, self._show)

    def _show(self, found: tuple[Cluster, ...]) -> None:
        self.model.set_rows(found)
        self.members.set_rows(())
        self.make_button.setEnabled(False)
        complaints = sum(c.size for c in found)
        self.summary.setText(
            self.tr("{count} candidate problems grouping {complaints} complaints.").format(
                count=len(found), complaints=complaints
            )
            if found
            else self.tr("Nothing recurs in this period (or it is already attached to problems).")
        )
        if found:
            self.table.selectRow(0)
        self.found.emit(len(found))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cluster = self.model.row_at(current.row())
        self.members.set_rows(cluster.complaints if cluster else ())
        self.make_button.setEnabled(cluster is not None)

    def make_problem(self) -> None:
        """Open a problem of the selected candidate, with all its complaints, in one action."""
        cluster = self.model.row_at(self.table.currentIndex().row())
        if cluster is None:
            return
        form = FormDialog(
            self.tr("Make a problem of {count} complaints").format(count=cluster.size),
            self.tr("&Make problem"),
            intro=self.tr("Channels: {channels}. Sites: {sites}.").format(
                channels=", ".join(channel_text(c) for c in cluster.channels),
                sites=", ".join(cluster.sites),
            ),
            parent=self,
        )
        title = form.add_field(self.tr("&Title:"), line_edit(cluster.title()))
        ids = [c.id for c in cluster.complaints]

        def submit() -> None:
            work = partial(problems.create, self._ctx, NewProblem(title.text()), ids)
            self._ops.run(work, Changes(frozenset(ids)), form=form, done=self._made)

        form.submitted.connect(submit)
        self.form = form
        form.open()

    def _made(self, problem_id: object) -> None:
        assert isinstance(problem_id, uuid.UUID)
        self.detect()  # its complaints are no longer candidates
        self._made_problem(problem_id)


class SatisfactionTab(QWidget):
    """Satisfaction by function, channel and agent over a period."""

    shown = Signal(object)
    """Emitted with the :class:`SatisfactionFigures` shown (tests wait on it)."""

    def __init__(
        self, ctx: ServiceContext, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ops = operations
        self.window_dates = Window(90)
        show = QPushButton(self.tr("S&how"))
        show.clicked.connect(self.load)
        self.by_function = ScoresModel(self.tr("Function"), parent=self)
        self.by_channel = ScoresModel(self.tr("Channel"), channel_text, parent=self)
        self.by_agent = ScoresModel(self.tr("Agent"), parent=self)
        bar = QHBoxLayout()
        bar.addWidget(self.window_dates)
        bar.addWidget(show)
        bar.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("By function")), 0, 0)
        grid.addWidget(QLabel(self.tr("By channel")), 0, 1)
        grid.addWidget(table(self.by_function, self.tr("Satisfaction by function")), 1, 0)
        grid.addWidget(table(self.by_channel, self.tr("Satisfaction by channel")), 1, 1)
        grid.addWidget(QLabel(self.tr("By agent")), 2, 0)
        grid.addWidget(table(self.by_agent, self.tr("Satisfaction by agent")), 3, 0, 1, 2)
        note = QLabel(
            self.tr(
                "Satisfaction is from 1 to 10. Net promoter: % who would recommend us (9–10) "
                "minus % who would not (0–6). Scores given in the period."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(grid, 1)
        layout.addWidget(note)
        self.load()

    def load(self) -> None:
        """Read the figures of the period off the GUI thread."""
        start, end = self.window_dates.instants()
        self._ops.read(partial(satisfaction.figures, self._ctx, start, end), self._show)

    def _show(self, figures: SatisfactionFigures) -> None:
        self.by_function.set_rows(figures.by_function)
        self.by_channel.set_rows(figures.by_channel)
        self.by_agent.set_rows(figures.by_agent)
        self.shown.emit(figures)

"""The supervisor's dashboard: inflow, backlog, promises kept, breaches, root causes, satisfaction.

Figures come from :func:`complaintdesk.services.insight.dashboard.dashboard`, computed off the GUI
thread; every bar clicks through to the queue of the complaints behind it
(:attr:`DashboardWindow.drill_requested`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import dashboard
from complaintdesk.services.insight.dashboard import AGE_BANDS, Bar, Dashboard, Grain
from complaintdesk.ui import labels
from complaintdesk.ui.cockpit.charts import BarChart, Series
from complaintdesk.ui.cockpit.dashboard_picker import PeriodPicker, SiteChoices
from complaintdesk.ui.tasks import Task, TaskRunner

CHANNEL_COLOURS = {
    Channel.PHONE: QColor("#1f77b4"),
    Channel.EMAIL: QColor("#ff7f0e"),
    Channel.SOCIAL: QColor("#9467bd"),
    Channel.SHOP: QColor("#2ca02c"),
    Channel.LETTER: QColor("#8c564b"),
    Channel.INTERNAL: QColor("#7f7f7f"),
}
BLUE, RED, GREEN = QColor("#2b6cb0"), QColor("#c53030"), QColor("#2f855a")
PALETTE = tuple(
    QColor(c) for c in ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#718096", "#b7791f")
)
"""Distinct colours for the functions of the Pareto chart."""
PARETO_BARS = 10
AXIS_LABELS = 16
"""At most this many dates under a time chart (one bar in k is labelled beyond)."""
"""Causes shown on the Pareto chart (the few that make most of the complaints)."""


class DashboardWindow(QWidget):
    """The dashboard, in its own window.

    Args:
        ctx: the signed-in supervisor; the services decide what the figures cover.
        tasks: where loading runs, off the GUI thread.
        now: the clock (replaced in tests).
        parent: the main window (the dashboard is a separate top-level window).
    """

    drill_requested = Signal(object)
    """A bar was clicked: the argument is the
    :class:`~complaintdesk.services.insight.dashboard.ChartFilter` of the complaints behind it,
    for the main window to show as a filtered queue."""
    loaded = Signal()
    """Figures arrived and are drawn (tests and the status line wait on it)."""

    def __init__(
        self,
        ctx: ServiceContext,
        tasks: TaskRunner,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._ctx = ctx
        self._tasks = tasks
        self._now = now
        self._pending: Task[Dashboard] | None = None
        self.shown: Dashboard | None = None
        self.setWindowTitle(self.tr("ComplaintDesk — Dashboard"))
        self.resize(1280, 900)
        self._build_controls()
        self._build_charts()
        self._lay_out()
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.load)
        self._load_sites()

    # --- building ---

    def _build_controls(self) -> None:
        self.picker = PeriodPicker(self._now)
        self.picker.changed.connect(self.load)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.load)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Dashboard status"))

    def _build_charts(self) -> None:
        self.inflow = BarChart(self.tr("Complaints received, by channel"), kind="stacked")
        self.backlog = BarChart(self.tr("Open now, by age"))
        self.compliance_function = BarChart(
            self.tr("Promises kept, by responsible function"), kind="horizontal", percent=True
        )
        self.compliance_channel = BarChart(self.tr("Promises kept, by channel"), percent=True)
        self.breaches = BarChart(self.tr("Promises broken, by day they fell due"))
        self.pareto = BarChart(
            self.tr("Root causes of complaints resolved (Pareto), by responsible function"),
            kind="stacked",
        )
        self.satisfaction = BarChart(self.tr("Customer satisfaction (1 to 10)"), kind="stacked")
        self.charts: dict[str, BarChart] = {
            "inflow": self.inflow,
            "backlog": self.backlog,
            "compliance_function": self.compliance_function,
            "compliance_channel": self.compliance_channel,
            "breaches": self.breaches,
            "root_causes": self.pareto,
            "satisfaction": self.satisfaction,
        }
        for name, chart in self.charts.items():
            chart.setObjectName(name)
            chart.bar_clicked.connect(self.drill_requested.emit)

    def _lay_out(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(self.picker)
        controls.addWidget(self.refresh_button)
        controls.addStretch(1)
        controls.addWidget(self.status)
        grid = QGridLayout()
        grid.setSpacing(10)
        placed = (
            (self.inflow, 0, 0, 1, 2),
            (self.breaches, 1, 0, 1, 2),
            (self.backlog, 2, 0, 1, 1),
            (self.satisfaction, 2, 1, 1, 1),
            (self.compliance_function, 3, 0, 1, 1),
            (self.compliance_channel, 3, 1, 1, 1),
            (self.pareto, 4, 0, 1, 2),
        )
        for chart, row, column, rows, columns in placed:
            grid.addWidget(chart, row, column, rows, columns)
        self.content = QWidget()
        self.content.setLayout(grid)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setText(
            "<p style='font-size:large'><b>{}</b></p><p>{}</p>".format(
                self.tr("No complaints in this period"),
                self.tr(
                    "Nothing was received, resolved or due in this period for this site. "
                    "Choose a longer period or another site."
                ),
            )
        )
        self.empty.hide()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.empty, 1)
        layout.addWidget(scroll, 1)
        self._scroll = scroll

    # --- loading ---

    def load(self) -> None:
        """Compute the figures off the GUI thread; a newer request replaces an older one."""
        if self._pending is not None:
            self._pending.cancel()
        request, now, ctx = self.picker.request(), self._now(), self._ctx
        self.status.setText(self.tr("Loading…"))
        self.refresh_button.setEnabled(False)
        started = datetime.now(UTC)

        def work(_task: Task[Dashboard]) -> Dashboard:
            return dashboard.dashboard(ctx, request, now)

        def done(figures: Dashboard) -> None:
            elapsed = (datetime.now(UTC) - started).total_seconds()
            self._pending = None
            self.show_dashboard(figures)
            seconds = QLocale().toString(elapsed, "f", 1)  # 1.5 in English, 1,5 in French
            self.status.setText(self.tr("Up to date ({seconds} s)").format(seconds=seconds))

        self._pending = self._tasks.run(work, done, self._failed)

    def _failed(self, error: Exception) -> None:
        self._pending = None
        self.refresh_button.setEnabled(True)
        self.status.setText(self.tr("Could not compute the dashboard: {}").format(error))

    def _load_sites(self) -> None:
        ctx = self._ctx

        def work(_task: Task[SiteChoices]) -> SiteChoices:
            return dashboard.sites(ctx)

        self._tasks.run(work, self.picker.add_sites, self._failed)

    # --- drawing ---

    def show_dashboard(self, figures: Dashboard) -> None:
        """Draw ``figures`` in every chart (or the empty state)."""
        self.shown = figures
        self.refresh_button.setEnabled(True)
        self.empty.setVisible(figures.empty)
        self._scroll.setVisible(not figures.empty)
        if not figures.empty:
            self._draw_inflow(figures)
            self._draw_backlog(figures)
            self._draw_compliance(figures)
            self._draw_breaches(figures)
            self._draw_pareto(figures)
            self._draw_satisfaction(figures)
        self.loaded.emit()

    def _bucket_labels(self, figures: Dashboard) -> list[str]:
        """Return the x-axis labels: day over month (or month over year)."""
        locale = QLocale()
        pattern = {Grain.DAY: "d'<br>'MMM", Grain.WEEK: "d'<br>'MMM", Grain.MONTH: "MMM'<br>'yyyy"}
        return [
            locale.toString(QDate(d.year, d.month, d.day), pattern[figures.grain])
            for d in figures.buckets
        ]

    def _spans(self, figures: Dashboard) -> list[tuple[str, int]]:
        """Return month spans under a crowded time chart (none when every bar has room)."""
        if len(figures.buckets) <= AXIS_LABELS:
            return []
        locale = QLocale()
        found: list[tuple[str, int]] = []
        for index, day in enumerate(figures.buckets):
            month = locale.toString(QDate(day.year, day.month, 1), "MMM yyyy")
            if found and found[-1][0] == month:
                found[-1] = (month, index + 1)
            else:
                found.append((month, index + 1))
        return found

    def _bucket_names(self, figures: Dashboard) -> list[str]:
        """Return each bucket's first day in words, for tooltips."""
        locale = QLocale()
        prefix = self.tr("Week of {day}") if figures.grain is Grain.WEEK else "{day}"
        pattern = "MMMM yyyy" if figures.grain is Grain.MONTH else "d MMM yyyy"
        return [
            prefix.format(day=locale.toString(QDate(d.year, d.month, d.day), pattern))
            for d in figures.buckets
        ]

    def _grain_words(self, grain: Grain) -> str:
        return {
            Grain.DAY: self.tr("per day"),
            Grain.WEEK: self.tr("per week"),
            Grain.MONTH: self.tr("per month"),
        }[grain]

    def _draw_inflow(self, figures: Dashboard) -> None:
        categories, names = self._bucket_labels(figures), self._bucket_names(figures)
        series = []
        for channel in Channel:
            bars = [b for b in figures.inflow if b.group == channel.value]
            if bars:
                name = labels.channel_label(channel)
                tips = [f"{name}, {c}: {b.count}" for c, b in zip(names, bars, strict=True)]
                series.append(Series.of_counts(name, bars, CHANNEL_COLOURS[channel], tips))
        title = self.tr("Complaints received, by channel — {grain} ({total} in all)")
        self.inflow.chart.setTitle(
            title.format(grain=self._grain_words(figures.grain), total=figures.received)
        )
        self.inflow.show_series(categories, series, spans=self._spans(figures))

    def _draw_backlog(self, figures: Dashboard) -> None:
        names = self.age_band_labels()
        tips = [f"{n}: {b.count}" for n, b in zip(names, figures.backlog, strict=True)]
        open_now = sum(b.count for b in figures.backlog)
        self.backlog.chart.setTitle(
            self.tr("Open now, by age ({count} open)").format(count=open_now)
        )
        self.backlog.show_series(
            names, [Series.of_counts(self.tr("Open complaints"), list(figures.backlog), BLUE, tips)]
        )

    def age_band_labels(self) -> list[str]:
        """Return the backlog's age bands in words, youngest first."""
        days = self.tr("{low}–{high} days")
        found, low = [], 0
        for bound in AGE_BANDS:
            found.append(days.format(low=low, high=bound - 1))
            low = bound
        found.append(self.tr("8+ weeks"))
        return found

    def _draw_compliance(self, figures: Dashboard) -> None:
        no_function = self.tr("No function")
        functions = [b.key or no_function for b in figures.compliance_by_function]
        self.compliance_function.show_series(
            functions,
            [
                _rates(
                    self.tr("Promises kept"), list(figures.compliance_by_function), functions, self
                )
            ],
        )
        channels = [labels.channel_label(Channel(b.key)) for b in figures.compliance_by_channel]
        self.compliance_channel.show_series(
            channels,
            [_rates(self.tr("Promises kept"), list(figures.compliance_by_channel), channels, self)],
        )

    def _draw_breaches(self, figures: Dashboard) -> None:
        categories, names = self._bucket_labels(figures), self._bucket_names(figures)
        tips = [f"{c}: {b.count}" for c, b in zip(names, figures.breaches, strict=True)]
        total = sum(b.count for b in figures.breaches)
        title = self.tr("Promises broken, {grain}, by due day ({total})")
        self.breaches.chart.setTitle(
            title.format(grain=self._grain_words(figures.grain), total=total)
        )
        self.breaches.show_series(
            categories,
            [Series.of_counts(self.tr("Promises broken"), list(figures.breaches), RED, tips)],
            spans=self._spans(figures),
        )

    def _draw_pareto(self, figures: Dashboard) -> None:
        shown = list(figures.root_causes[:PARETO_BARS])
        no_function = self.tr("No function")
        tips = [
            self.tr("{cause} ({function}): {count} complaints; {share} % of all so far").format(
                cause=b.key, function=b.group or no_function, count=b.count, share=b.value
            )
            for b in shown
        ]
        drills = [b.drill for b in shown]
        # One series per responsible function, stacked: each cause shows in its function's
        # colour, and the legend names the functions.
        functions = list(dict.fromkeys(b.group or no_function for b in shown))
        series = [
            Series(
                function,
                [b.count if (b.group or no_function) == function else 0 for b in shown],
                drills,
                PALETTE[index % len(PALETTE)],
                tips,
            )
            for index, function in enumerate(functions)
        ]
        self.pareto.show_series(
            [b.key for b in shown],
            series,
            line=(self.tr("Cumulative % of causes"), [b.value or 0.0 for b in shown]),
        )

    def _draw_satisfaction(self, figures: Dashboard) -> None:
        scores = list(figures.satisfaction)
        answers = sum(b.count for b in scores)
        if figures.satisfaction_average is None:
            title = self.tr("Customer satisfaction (1 to 10): no answers in this period")
        else:
            title = self.tr("Customer satisfaction: average {average} / 10 ({answers} answers)")
            title = title.format(
                average=QLocale().toString(figures.satisfaction_average, "f", 1), answers=answers
            )
        self.satisfaction.chart.setTitle(title)
        tips = [
            self.tr("Score {score}: {count}").format(score=b.key, count=b.count) for b in scores
        ]
        drills = [b.drill for b in scores]
        # One series per kind of answer, stacked: each score shows in its colour only.
        kinds = (
            (self.tr("1–4 (unhappy)"), RED, range(1, 5)),
            (self.tr("5–7"), BLUE, range(5, 8)),
            (self.tr("8–10 (happy)"), GREEN, range(8, 11)),
        )
        series = [
            Series(
                name, [b.count if int(b.key) in keep else 0 for b in scores], drills, colour, tips
            )
            for name, colour, keep in kinds
        ]
        self.satisfaction.show_series([b.key for b in scores], series)


def _rates(name: str, bars: Sequence[Bar], names: Sequence[str], owner: QWidget) -> Series:
    tips = [
        owner.tr("{name}: {rate} % of {count} resolved complaints kept their promise").format(
            name=n, rate=b.value, count=b.count
        )
        for n, b in zip(names, bars, strict=True)
    ]
    return Series(name, [b.value or 0.0 for b in bars], [b.drill for b in bars], GREEN, tips)

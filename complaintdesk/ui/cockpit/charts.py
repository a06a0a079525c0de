"""Chart widgets of the dashboard: bars a supervisor reads at a glance and clicks through.

A chart never queries: it is given categories and values (from the services' frozen
dataclasses) and, for every bar, the filter a click on it opens.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLabel, QToolTip, QVBoxLayout, QWidget

from complaintdesk.services.insight.dashboard import Bar, ChartFilter

CROWDED = 26
"""Above this many bars their values are left to the tooltips: they would overlap."""
MANY = 10
"""Above this many categories the axis labels are turned to stay readable."""
LONG_LABEL = 14
"""Labels longer than this are turned too (root causes, function names on a narrow axis)."""


@dataclass(frozen=True)
class Series:
    """One set of bars: its name (legend), value per category, and the filter of each bar."""

    name: str
    values: Sequence[float]
    drills: Sequence[ChartFilter]
    color: QColor
    tooltips: Sequence[str] = ()

    @classmethod
    def of_counts(
        cls, name: str, bars: Sequence[Bar], color: QColor, tooltips: Sequence[str]
    ) -> Series:
        """Return the series of the bars' counts, each bar opening its own complaints."""
        return cls(name, [b.count for b in bars], [b.drill for b in bars], color, tooltips)


class BarChart(QWidget):
    """A titled bar chart whose bars emit :attr:`bar_clicked` with their filter.

    Args:
        title: what the chart shows, in the person's words.
        kind: ``bars``, ``stacked`` (series on top of each other) or ``horizontal``.
        percent: the value axis runs from 0 to 100 %.
        parent: the owning widget.
    """

    bar_clicked = Signal(object)
    """A bar was clicked; the argument is its :class:`ChartFilter`."""

    def __init__(
        self,
        title: str,
        *,
        kind: str = "bars",
        percent: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._kind = kind
        self._percent = percent
        self.chart = QChart()
        self.chart.setTitle(title)
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.1)
        self.chart.setTitleFont(title_font)
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        # Figures as the reader writes them: "77,8 %" in French, "77.8 %" in English.
        self.chart.setLocale(QLocale())
        self.chart.setLocalizeNumbers(True)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(260)
        self.view.setAccessibleName(title)
        self.empty = QLabel(self.tr("Nothing to show for this period"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(mid); font-style: italic;")
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        self.sets: list[QBarSet] = []
        """The bar sets shown, in series order (tests read their values)."""
        self.categories: list[str] = []
        self._series: list[Series] = []
        self._spans: list[tuple[str, int]] = []

    def show_series(
        self,
        categories: Sequence[str],
        series: Sequence[Series],
        *,
        line: tuple[str, Sequence[float]] | None = None,
        spans: Sequence[tuple[str, int]] = (),
    ) -> None:
        """Draw ``series`` over ``categories`` (and, for a Pareto, a cumulative % ``line``).

        ``spans`` label runs of bars instead of each bar, for crowded time charts: each
        (label, first bar after the run), e.g. the month under its weeks.
        """
        self._spans = list(spans)
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        self.categories = list(categories)
        self._series = list(series)
        self.sets = []
        bars = self._bar_series()
        for index, one in enumerate(series):
            bar_set = QBarSet(one.name)
            bar_set.append([float(v) for v in one.values])
            bar_set.setColor(one.color)
            bar_set.setBorderColor(one.color.darker(130))
            bar_set.setLabelColor(QColor("#222222"))
            bar_set.clicked.connect(lambda bar, i=index: self._clicked(i, bar))
            bar_set.hovered.connect(lambda on, bar, i=index: self._hovered(on, i, bar))
            bars.append(bar_set)
            self.sets.append(bar_set)
        if len(categories) > CROWDED:
            bars.setLabelsVisible(False)  # the tooltip gives each figure
        self.chart.addSeries(bars)
        self._axes(bars, line)
        self.chart.legend().setVisible(len(series) > 1 or line is not None)
        total = sum(sum(s.values) for s in series)
        self.view.setVisible(bool(categories) and total > 0)
        self.empty.setVisible(not self.view.isVisible())

    def click(self, series_index: int, bar: int) -> None:
        """Act as if the person clicked a bar (keyboard users and tests go through here)."""
        self._clicked(series_index, bar)

    # --- inside ---

    def _bar_series(self) -> QAbstractBarSeries:
        if self._kind == "stacked":
            return QStackedBarSeries()
        series = QHorizontalBarSeries() if self._kind == "horizontal" else QBarSeries()
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value %" if self._percent else "@value")
        series.setLabelsPrecision(12)  # whole counts, never 3.75e+04
        series.setBarWidth(0.7)
        return series

    def _axes(self, bars: QAbstractBarSeries, line: tuple[str, Sequence[float]] | None) -> None:
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        categories = self._category_axis()
        categories.setLabelsFont(small)
        horizontal = self._kind == "horizontal"
        stacked_lines = any("<br>" in c for c in self.categories)
        crowded = len(self.categories) > MANY and not self._spans
        if not horizontal and not stacked_lines and crowded:
            categories.setLabelsAngle(-45)
        values = QValueAxis()
        values.setLabelFormat("%d %%" if self._percent else "%d")
        values.setLabelsFont(small)
        top = max((max(s.values, default=0) for s in self._series), default=0)
        if self._kind == "stacked":
            sums = [sum(s.values[i] for s in self._series) for i in range(len(self.categories))]
            top = max(sums, default=0)
        values.setRange(0, 100 if self._percent else max(4, top * 1.15))
        if not self._percent:
            values.applyNiceNumbers()
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if horizontal else _BOTTOM)
        self.chart.addAxis(values, _BOTTOM if horizontal else Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(categories)
        bars.attachAxis(values)
        if line is not None:
            self._line(line, categories, small)

    def _category_axis(self) -> QBarCategoryAxis | QCategoryAxis:
        if not self._spans:
            axis = QBarCategoryAxis()
            axis.append([_wrapped(c) for c in self.categories])
            return axis
        # Bars stand at 0, 1, 2…; each span's label sits under its run of bars.
        spans = QCategoryAxis()
        spans.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
        spans.setRange(-0.5, len(self.categories) - 0.5)
        spans.setStartValue(-0.5)
        for label, end in self._spans:
            spans.append(label, end - 0.5)
        return spans

    def _line(
        self,
        line: tuple[str, Sequence[float]],
        categories: QBarCategoryAxis | QCategoryAxis,
        font: QFont,
    ) -> None:
        name, points = line
        series = QLineSeries()
        series.setName(name)
        series.setPen(QPen(QColor("#c0392b"), 2))
        series.setPointsVisible(True)
        series.append([QPointF(i, float(v)) for i, v in enumerate(points)])
        self.chart.addSeries(series)
        share = QValueAxis()
        share.setRange(0, 100)
        share.setLabelFormat("%d %%")
        share.setLabelsFont(font)
        self.chart.addAxis(share, Qt.AlignmentFlag.AlignRight)
        series.attachAxis(categories)
        series.attachAxis(share)

    def _clicked(self, series_index: int, bar: int) -> None:
        drills = self._series[series_index].drills
        if 0 <= bar < len(drills):
            self.bar_clicked.emit(drills[bar])

    def _hovered(self, on: bool, series_index: int, bar: int) -> None:
        if not on:
            QToolTip.hideText()
            return
        one = self._series[series_index]
        if bar < len(one.tooltips):
            text = one.tooltips[bar] + "\n" + self.tr("Click to open these complaints")
            QToolTip.showText(QCursor.pos(), text, self.view)


_BOTTOM = Qt.AlignmentFlag.AlignBottom


def _wrapped(label: str) -> str:
    """Break a long label into lines of about :data:`LONG_LABEL` characters (axis labels are
    HTML), so a cause's name is read whole instead of cut."""
    if len(label) <= LONG_LABEL:
        return label
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LONG_LABEL:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(html.escape(line) for line in lines)

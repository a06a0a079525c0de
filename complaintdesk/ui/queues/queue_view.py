"""The queue table: rows of complaints, a clear empty state, sorting in the database."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from complaintdesk.domain.vocabulary import Channel, Priority, Status
from complaintdesk.services.read_models import ComplaintRow
from complaintdesk.ui import labels
from complaintdesk.ui.queues.queue_model import SORT_KEYS, Column, QueueModel

_SAMPLES: dict[Column, str] = {
    Column.REFERENCE: "PAR01-25-00000",
    Column.CUSTOMER: "Benoît Chevalier",
    Column.CHANNEL: "Internal",
    Column.STATUS: "Waiting on function",
    Column.PRIORITY: "Urgent",
    Column.OWNER: "Camille Bonnefoy",
    Column.SITE: "BR001",
}
"""Typical content each column must show whole; the subject takes what is left."""
_PADDING = 18
_SHRINKABLE = (Column.CUSTOMER, Column.CHANNEL, Column.STATUS, Column.OWNER)
"""Names and words that read well shortened (with the whole in the tooltip); dates do not."""
_SUBJECT_AT_LEAST = 220
"""The subject is what a person reads first: at least this wide when the window opens."""
_ICON = 22


def _starting_widths(metrics: QFontMetrics) -> dict[Column, int]:
    """Widths that fit typical content in the current font and locale."""
    widths = {c: metrics.horizontalAdvance(text) + _PADDING for c, text in _SAMPLES.items()}
    # Words in the reader's language: the longest of each kind shows whole (a status longer
    # than the sample is shortened with its whole words in the tooltip: the subject comes first).
    for column, words in (
        (Column.CHANNEL, [labels.channel_label(c) for c in Channel]),
        (Column.PRIORITY, [labels.priority_label(p) for p in Priority]),
        (Column.STATUS, [labels.status_label(Status.WAITING_ON_CUSTOMER)]),
    ):
        longest = max(metrics.horizontalAdvance(word) for word in words) + _PADDING
        widths[column] = max(widths[column], longest)
    instant = datetime(2025, 12, 31, 23, 59, tzinfo=UTC)
    date = labels.local_date(instant)
    moments = (  # the usual ways a deadline reads: a date, or how late (longer: in the tooltip)
        labels.local_date(instant),
        labels.due_text(instant, instant + timedelta(days=3)),
    )
    widths[Column.RECEIVED] = metrics.horizontalAdvance(date) + _PADDING
    longest = max(metrics.horizontalAdvance(text) for text in moments)
    widths[Column.DUE] = longest + _PADDING + _ICON
    widths[Column.REGULATORY] = widths[Column.DUE]
    widths[Column.SUBJECT] = metrics.horizontalAdvance("x" * 30)
    return widths


class QueueTable(QTableView):
    """A table of one queue that says so when the queue is empty.

    Args:
        model: the queue it shows.
        parent: the owning widget.
    """

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._queue_model = model
        self.setModel(model)
        self.setAccessibleName(self.tr("Complaints in the queue"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Shift and Ctrl pick several complaints for a supervisor's bulk actions.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self._fitted = False
        self._setup_header()
        self._empty = self._empty_label()
        model.modelReset.connect(self._update_empty_state)
        model.modelReset.connect(self._show_true_sort_indicator)
        model.rowsInserted.connect(self._update_empty_state)
        self.viewport().installEventFilter(self)
        self._update_empty_state()
        # "in 3 h" ages: the deadlines are worded again every minute.
        self._ages = QTimer(self)
        self._ages.setInterval(60_000)
        self._ages.timeout.connect(self.viewport().update)
        self._ages.start()

    def _setup_header(self) -> None:
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        for column, width in _starting_widths(self.fontMetrics()).items():
            header.resizeSection(column, width)  # the person can still resize every one
        header.setSectionResizeMode(Column.SUBJECT, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(Column.DUE, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        # Runs after the view asked the model to sort: the model ignores columns without
        # a stored key, so the arrow must go back to where the rows really are sorted.
        header.sortIndicatorChanged.connect(self._keep_true_sort_indicator)

    def _empty_label(self) -> QLabel:
        label = QLabel(self.viewport())
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        label.hide()
        self._empty = label
        self.set_empty_message(
            self.tr("No complaints in this queue"),
            self.tr("Choose another queue on the left, or press F5 to refresh."),
        )
        return label

    def set_empty_message(self, title: str, hint: str) -> None:
        """Say what an empty queue means for this queue (title in bold, then a hint)."""
        bold, rest = html.escape(title), html.escape(hint)
        self._empty.setText(f"<p style='font-size:large'><b>{bold}</b></p><p>{rest}</p>")
        self._empty.setAccessibleName(title)

    @property
    def empty_message(self) -> str:
        """The title of the empty-queue message."""
        return self._empty.accessibleName()

    @property
    def empty_state_visible(self) -> bool:
        """True while the table shows its empty-queue message."""
        return not self._empty.isHidden()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.Resize:
            self._empty.setGeometry(self.viewport().rect().adjusted(24, 24, -24, -24))
            if not self._fitted and self.isVisible() and self.window().isVisible():
                self._fitted = True
                self._leave_room_for_the_subject()
        return super().eventFilter(watched, event)

    def _leave_room_for_the_subject(self) -> None:
        """Narrow the other columns (never below their title) so the subject reads."""
        header = self.horizontalHeader()
        kept = [c for c in Column if c not in _SHRINKABLE and c is not Column.SUBJECT]
        fixed = sum(header.sectionSize(c) for c in kept)
        taken = sum(header.sectionSize(c) for c in _SHRINKABLE)
        room = self.viewport().width() - _SUBJECT_AT_LEAST - fixed
        if taken <= room or taken <= 0:
            return
        share = max(room, 1) / taken
        metrics = self.fontMetrics()
        for column in _SHRINKABLE:
            title = str(self._queue_model.headerData(column, Qt.Orientation.Horizontal))
            floor = metrics.horizontalAdvance(title) + _PADDING
            header.resizeSection(column, max(floor, int(header.sectionSize(column) * share)))

    def _update_empty_state(self) -> None:
        empty = self._queue_model.request is not None and self._queue_model.rowCount() == 0
        self._empty.setGeometry(self.viewport().rect().adjusted(24, 24, -24, -24))
        self._empty.setVisible(empty)

    def _keep_true_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        if column not in SORT_KEYS:
            self._show_true_sort_indicator()

    def _show_true_sort_indicator(self) -> None:
        # A saved view may bring its own order: the arrow follows the rows.
        header = self.horizontalHeader()
        blocked = header.blockSignals(True)
        header.setSortIndicator(self._queue_model.sort_column(), self._queue_model.sort_order())
        header.blockSignals(blocked)

    def selected_complaints(self) -> list[ComplaintRow]:
        """Return the selected complaints, in the order of the table."""
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        found = (self._queue_model.row_at(r) for r in rows)
        return [row for row in found if row is not None]

    def refresh_keeping_place(self) -> None:
        """Read the queue again keeping the selected complaints, the current one and the scroll."""
        model = self._queue_model
        chosen = {row.id for row in self.selected_complaints()}
        current = model.row_at(self.currentIndex().row())
        scroll = self.verticalScrollBar().value()
        model.refresh()
        selection = QItemSelection()
        last = model.columnCount() - 1
        for number in range(model.rowCount()):
            row = model.row_at(number)
            if row is not None and row.id in chosen:
                selection.select(model.index(number, 0), model.index(number, last))
        flags = QItemSelectionModel.SelectionFlag
        self.selectionModel().select(selection, flags.ClearAndSelect)
        place = model.row_of(current.id) if current is not None else -1
        if place >= 0:
            self.selectionModel().setCurrentIndex(model.index(place, 0), flags.NoUpdate)
        self.verticalScrollBar().setValue(scroll)

"""The queue table model: keyset pages on demand, a cache of what was fetched, nothing more.

The model never asks for a whole queue. It holds the rows fetched so far and the opaque
cursor of the next page; the view asks for more (``canFetchMore``/``fetchMore``) as the person
scrolls, so a queue of a million complaints costs what its first screen costs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.domain.promises import clocks
from complaintdesk.domain.vocabulary import ClockState
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import queue_choices, queues
from complaintdesk.services.read_models import (
    ComplaintRow,
    QueueFilters,
    QueueKind,
    QueuePage,
    QueueRequest,
    SortKey,
)
from complaintdesk.ui import labels

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
PageLoader = Callable[[ServiceContext, QueueRequest, Sequence[object] | None, int], QueuePage]
_NO_PARENT = QModelIndex()
_ROLE = Qt.ItemDataRole
_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGN_CENTRE = Qt.AlignmentFlag.AlignCenter


class Column(IntEnum):
    """The columns of a queue, in display order."""

    REFERENCE = 0
    SUBJECT = 1
    CUSTOMER = 2
    CHANNEL = 3
    STATUS = 4
    PRIORITY = 5
    OWNER = 6
    SITE = 7
    RECEIVED = 8
    DUE = 9
    REGULATORY = 10


SORT_KEYS: dict[Column, SortKey] = {
    Column.REFERENCE: SortKey.REFERENCE,
    Column.SUBJECT: SortKey.SUBJECT,
    Column.CUSTOMER: SortKey.CUSTOMER,
    Column.CHANNEL: SortKey.CHANNEL,
    Column.STATUS: SortKey.STATUS,
    Column.PRIORITY: SortKey.PRIORITY,
    Column.OWNER: SortKey.OWNER,
    Column.SITE: SortKey.SITE,
    Column.RECEIVED: SortKey.RECEIVED,
    Column.DUE: SortKey.DUE,
    Column.REGULATORY: SortKey.REGULATORY,
}
"""Every column sorts in the database, a keyset page at a time (the id breaks ties)."""
REFRESH_LIMIT = 2_000
"""A refresh reads again up to this many rows in one go, so the person keeps their place."""

_CELL_TEXT: dict[Column, Callable[[ComplaintRow], str]] = {
    Column.REFERENCE: lambda r: r.reference,
    Column.SUBJECT: lambda r: r.subject,
    Column.CUSTOMER: lambda r: r.customer_name,
    Column.CHANNEL: lambda r: labels.channel_label(r.channel),
    Column.STATUS: lambda r: labels.status_label(r.status),
    Column.PRIORITY: lambda r: labels.priority_label(r.priority),
    Column.OWNER: lambda r: r.owner_name or labels.unassigned(),
    Column.SITE: lambda r: r.site_code,
    Column.RECEIVED: lambda r: labels.local_date(r.received_at),  # the hour is in the tooltip
    Column.DUE: lambda r: labels.due_text(r.next_due_at),  # "in 3 h", "overdue by 2 days"
    Column.REGULATORY: lambda r: _regulatory_text(r),
}


def _regulatory_text(row: ComplaintRow) -> str:
    """The regulatory deadline apart: when it falls, or met, or none for this complaint."""
    if row.regulatory_state is ClockState.STOPPED:
        return "—"
    if row.regulatory_next_due_at is None:
        return labels.regulatory_label(row.regulatory_state)
    return labels.due_text(row.regulatory_next_due_at)


_CLOCK_ICONS = {
    ClockState.AT_RISK: QStyle.StandardPixmap.SP_MessageBoxWarning,
    ClockState.BREACHED: QStyle.StandardPixmap.SP_MessageBoxCritical,
    ClockState.PAUSED: QStyle.StandardPixmap.SP_MediaPause,
}


class QueueModel(QAbstractTableModel):
    """The complaints of one queue, fetched a page at a time in the order asked.

    Args:
        ctx: the signed-in caller; the services decide what they may see.
        page_size: rows per page (small in tests, to exercise ``fetchMore``).
        load_page: the service that returns a page; replaced only in tests.
        parent: the owning Qt object.
    """

    load_failed = Signal(str)
    """A page could not be read; the argument is the message for a person."""

    def __init__(
        self,
        ctx: ServiceContext,
        *,
        page_size: int = queues.PAGE_SIZE,
        load_page: PageLoader = queues.page,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._page_size = page_size
        self._load_page = load_page
        self._request: QueueRequest | None = None
        self._rows: list[ComplaintRow] = []
        self._cursor: tuple[object, ...] | None = None
        self._icons: dict[ClockState, QIcon] = {}
        self._zones: dict[str, str] | None = None

    # --- what the rest of the window asks ---

    @property
    def request(self) -> QueueRequest | None:
        """The queue and order shown, or None before a queue is chosen."""
        return self._request

    def row_at(self, row: int) -> ComplaintRow | None:
        """Return the fetched complaint at ``row``, or None outside the fetched rows."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, complaint_id: object) -> int:
        """Return the row of a fetched complaint, or -1 if it is not fetched."""
        return next((i for i, r in enumerate(self._rows) if r.id == complaint_id), -1)

    def sort_column(self) -> Column:
        """Return the column the rows are sorted by."""
        key = self._request.sort if self._request else SortKey.DUE
        return next(c for c, k in SORT_KEYS.items() if k is key)

    def sort_order(self) -> Qt.SortOrder:
        """Return the direction the rows are sorted in."""
        descending = self._request is not None and self._request.descending
        return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder

    def set_queue(self, queue: QueueKind) -> None:
        """Show ``queue`` from its first page, keeping the current order and filters."""
        current = self._request or QueueRequest(queue)
        self._reload(QueueRequest(queue, current.sort, current.descending, current.filters))

    def set_filters(self, filters: QueueFilters) -> None:
        """Narrow the shown queue to ``filters`` (read from its first page)."""
        if self._request is not None and filters != self._request.filters:
            current = self._request
            self._reload(QueueRequest(current.queue, current.sort, current.descending, filters))

    def set_request(self, request: QueueRequest) -> None:
        """Show ``request`` (a saved view, a workload line) from its first page."""
        self._reload(request)

    def refresh(self) -> None:
        """Read the queue again, as many rows as were fetched (within a limit)."""
        if self._request is not None:
            wanted = min(max(len(self._rows), self._page_size), REFRESH_LIMIT)
            self._reload(self._request, wanted)

    # --- Qt model interface ---

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._cursor is not None

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._request is None or self._cursor is None:
            return
        page = self._fetch(self._request, self._cursor)
        self._cursor = page.cursor if page.rows else None
        if not page.rows:
            return
        first = len(self._rows)
        self.beginInsertRows(_NO_PARENT, first, first + len(page.rows) - 1)  # last is inclusive
        self._rows.extend(page.rows)
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == _ROLE.DisplayRole:
            return self._column_title(column)
        if role == _ROLE.ToolTipRole:
            if column is Column.REGULATORY:
                return self.tr("The regulatory deadline, apart from the company's promises")
            return self.tr("Click to sort by this column; click again to reverse")
        return None

    def data(self, index: Index, role: int = _ROLE.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(Column):
            return None
        column = Column(index.column())
        if role == _ROLE.DisplayRole:
            return _CELL_TEXT[column](row)
        if role == _ROLE.ToolTipRole:
            return self._tooltip(row, column)
        if role == _ROLE.TextAlignmentRole:
            return _ALIGN_CENTRE if column is Column.SITE else _ALIGN_LEFT
        if role == _ROLE.DecorationRole and column is Column.DUE:
            return self._clock_icon(_promise_now(row))
        if role == _ROLE.DecorationRole and column is Column.REGULATORY:
            return self._clock_icon(_regulatory_now(row))
        if role == _ROLE.AccessibleDescriptionRole and column is Column.DUE:
            return labels.clock_label(_promise_now(row))
        if role == _ROLE.AccessibleDescriptionRole and column is Column.REGULATORY:
            return labels.regulatory_label(_regulatory_now(row))
        if role == _ROLE.ForegroundRole and column is Column.OWNER and row.owner_name is None:
            return QApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        if role == _ROLE.UserRole:
            return str(row.id)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
        if key is None or self._request is None:
            return  # not a stored sort key: sorting it would mean loading the whole queue
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._request.sort, self._request.descending):
            current = self._request
            self._reload(QueueRequest(current.queue, key, descending, current.filters))

    # --- inside ---

    def _reload(self, request: QueueRequest, limit: int | None = None) -> None:
        self.beginResetModel()
        self._request = request
        self._rows = []
        self._cursor = None
        page = self._fetch(request, None, limit)
        self._rows = list(page.rows)
        self._cursor = page.cursor
        self.endResetModel()

    def _fetch(
        self, request: QueueRequest, cursor: Sequence[object] | None, limit: int | None = None
    ) -> QueuePage:
        try:
            return self._load_page(self._ctx, request, cursor, limit or self._page_size)
        except ComplaintDeskError as error:
            # Stop fetching: the person sees what was read so far and the reason.
            self.load_failed.emit(str(error))
            return QueuePage(rows=(), cursor=None)

    def _column_title(self, column: Column) -> str:
        return {
            Column.REFERENCE: self.tr("Reference"),
            Column.SUBJECT: self.tr("Subject"),
            Column.CUSTOMER: self.tr("Customer"),
            Column.CHANNEL: self.tr("Channel"),
            Column.STATUS: self.tr("Status"),
            Column.PRIORITY: self.tr("Priority"),
            Column.OWNER: self.tr("Owner"),
            Column.SITE: self.tr("Site"),
            Column.RECEIVED: self.tr("Received"),
            Column.DUE: self.tr("Due"),
            Column.REGULATORY: self.tr("Regulatory"),
        }[column]

    def _tooltip(self, row: ComplaintRow, column: Column) -> str:
        if column is Column.DUE:
            return self.tr("{state}: next promise due {when}").format(
                state=labels.clock_label(_promise_now(row)),
                when=labels.exact_time(row.next_due_at, self._zone(row.site_code)),
            )
        if column is Column.RECEIVED:
            when = labels.exact_time(row.received_at, self._zone(row.site_code))
            return self.tr("Received {when}").format(when=when)
        if column is Column.REGULATORY:
            return self._regulatory_tooltip(row)
        if column is Column.OWNER and row.owner_name is None:
            return self.tr("Nobody owns this complaint yet")
        return _CELL_TEXT[column](row)

    def _regulatory_tooltip(self, row: ComplaintRow) -> str:
        if row.regulatory_state is ClockState.STOPPED:
            return self.tr("No regulatory deadline applies to this complaint")
        state = labels.regulatory_label(_regulatory_now(row))
        if row.regulatory_next_due_at is None:
            return self.tr("Regulatory deadline: {state}").format(state=state)
        when = labels.exact_time(row.regulatory_next_due_at, self._zone(row.site_code))
        return self.tr("Regulatory deadline ({state}): due {when}").format(state=state, when=when)

    def _zone(self, site_code: str) -> str | None:
        if self._zones is None:
            try:
                self._zones = queue_choices.site_time_zones(self._ctx)
            except ComplaintDeskError as error:
                log.info("site time zones not read: %s", error)
                self._zones = {}
        return self._zones.get(site_code)

    def _clock_icon(self, state: ClockState) -> QIcon:
        if not self._icons:
            style = QApplication.style()
            blank = QPixmap(16, 16)
            blank.fill(Qt.GlobalColor.transparent)
            # A blank icon keeps the dates of on-track complaints aligned with the others.
            self._icons = {s: QIcon(blank) for s in ClockState}
            self._icons.update({s: style.standardIcon(p) for s, p in _CLOCK_ICONS.items()})
        return self._icons[state]


def _promise_now(row: ComplaintRow) -> ClockState:
    return clocks.as_of(row.clock_state, row.next_due_at, datetime.now(UTC))


def _regulatory_now(row: ComplaintRow) -> ClockState:
    return clocks.as_of(row.regulatory_state, row.regulatory_next_due_at, datetime.now(UTC))

"""The audit viewer: who did what and when, before → after, each event's check, page by page.

Opened on one complaint (Complaint ▸ History, Ctrl+Shift+H) or, for administrators, on one
user. The table model keeps the pages it fetched (keyset pages of ``audit_log``) and asks
for the next one when the view scrolls to the end.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.services import audit_log
from complaintdesk.services.audit_log import AuditQuery, AuditRow
from complaintdesk.services.context import ServiceContext
from complaintdesk.ui.labels import local_time

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("when", "who", "what", "changes", "check")
VALUE_WIDTH = 60
ROOT = QModelIndex()
TEXT_FIELDS = ("subject", "body_text", "description", "question", "answer", "reason")


def _value(value: object) -> str:
    text = "—" if value is None or value == "" else str(value)
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"


def changes_text(row: AuditRow) -> str:
    """Return ``field: before → after`` lines; for a new row, only what it says.

    A new row's ids, instants and empty values are left out (the event's own columns say
    when and who): its text comes first, where a person reads it.
    """
    new = all(change.before is None for change in row.changes)
    lines = []
    for change in row.changes:
        if new:
            if change.after in (None, "", False) or change.field.endswith(("_id", "_at")):
                continue
            lines.append(f"{change.field}: {_value(change.after)}")
        else:
            lines.append(f"{change.field}: {_value(change.before)} → {_value(change.after)}")
    lines.sort(key=lambda line: not line.startswith(TEXT_FIELDS))
    return "\n".join(lines)


class AuditModel(QAbstractTableModel):
    """Audit events of one complaint or one user, newest first, fetched a page at a time.

    Args:
        ctx: the person looking.
        query: whose events.
        page_size: events per page.
        parent: the owning object.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        query: AuditQuery,
        *,
        page_size: int = audit_log.PAGE_SIZE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._query = query
        self._page_size = page_size
        self.rows: list[AuditRow] = []
        self._cursor: tuple[str, str, int] | None = None
        self._complete = False
        self.fetchMore(QModelIndex())

    @property
    def altered(self) -> int:
        """How many of the fetched events fail their check."""
        return sum(not row.intact for row in self.rows)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._complete:
            return
        page = audit_log.audit_page(self._ctx, self._query, self._cursor, self._page_size)
        self._cursor = page.cursor
        self._complete = page.cursor is None
        if page.rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        titles = {
            "when": self.tr("When"),
            "who": self.tr("Who"),
            "what": self.tr("What"),
            "changes": self.tr("Before → after"),
            "check": self.tr("Check"),
        }
        return titles[COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "check" and not row.intact:
            return self.tr(
                "This event was changed outside ComplaintDesk (chain {chain}, #{seq})."
            ).format(chain=row.chain, seq=row.seq)
        return None

    def _display(self, row: AuditRow, column: str) -> str:
        match column:
            case "when":
                return local_time(row.occurred_at)
            case "who":
                return row.login or self.tr("(system)")
            case "what":
                return f"{row.action.replace('_', ' ')} ({row.entity.replace('_', ' ')})"
            case "changes":
                return changes_text(row)
            case _:
                return self.tr("✓ intact") if row.intact else self.tr("✗ altered")


class AuditDialog(QDialog):
    """A window over an :class:`AuditModel`, with what the checks found so far.

    Args:
        ctx: the person looking.
        query: whose events.
        title: what the window shows (a complaint reference, a login).
        parent: the main window.
    """

    def __init__(
        self, ctx: ServiceContext, query: AuditQuery, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit trail — {title}").format(title=title))
        self.model = AuditModel(ctx, query, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("changes"), QHeaderView.ResizeMode.Stretch)
        self.check = QLabel()
        self.check.setWordWrap(True)
        self.model.rowsInserted.connect(self._show_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.check)
        layout.addWidget(buttons)
        self.resize(980, 560)
        self._show_check()

    def _show_check(self) -> None:
        altered = self.model.altered
        if altered:
            self.check.setText(
                self.tr("✗ {count} event(s) were changed outside ComplaintDesk.").format(
                    count=altered
                )
            )
        else:
            self.check.setText(self.tr("✓ Every event shown checks against the hash chain."))


def complaint_trail(
    ctx: ServiceContext, complaint_id: uuid.UUID, reference: str, parent: QWidget
) -> AuditDialog:
    """Return the audit window of one complaint."""
    return AuditDialog(ctx, AuditQuery(complaint_id=complaint_id), reference, parent)

"""The audit viewer: who did what and when, before → after, each event's check, page by page.

Opened on one complaint (Complaint ▸ History, Ctrl+Shift+H) or, for administrators, on one
user. The table model keeps the pages it fetched (keyset pages of ``audit_log``) and asks
for the next one when the view scrolls to the end.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex
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

from complaintdesk.services.admin import audit_log
from complaintdesk.services.admin.audit_log import AuditQuery, AuditRow
from complaintdesk.services.context import ServiceContext
from complaintdesk.ui.labels import local_time
from complaintdesk.ui.row_models import Column, Index, RowsModel, no_tooltip

CHANGES_COLUMN = 3
VALUE_WIDTH = 60
TEXT_FIELDS = ("subject", "body_text", "description", "question", "answer", "reason")


def _value(value: object) -> str:
    text = "—" if value is None or value == "" else str(value)
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"


def what_text(row: AuditRow) -> str:
    """Return what was done to what: ``note added (message)``."""
    return f"{row.action.replace('_', ' ')} ({row.entity.replace('_', ' ')})"


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


class AuditModel(RowsModel[AuditRow]):
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
        super().__init__(self._event_columns(), parent)
        self._ctx = ctx
        self._query = query
        self._page_size = page_size
        self._cursor: tuple[str, str, int] | None = None
        self._complete = False
        self.fetchMore(QModelIndex())

    def _event_columns(self) -> list[Column[AuditRow]]:
        return [
            Column(self.tr("When"), lambda r: local_time(r.occurred_at), tooltip=no_tooltip),
            Column(self.tr("Who"), lambda r: r.login or self.tr("(system)"), tooltip=no_tooltip),
            Column(self.tr("What"), what_text, tooltip=no_tooltip),
            Column(self.tr("Before → after"), changes_text, tooltip=no_tooltip),
            Column(self.tr("Check"), self._check, tooltip=self._altered),
        ]

    def _check(self, row: AuditRow) -> str:
        return self.tr("✓ intact") if row.intact else self.tr("✗ altered")

    def _altered(self, row: AuditRow) -> str | None:
        if row.intact:
            return None
        return self.tr(
            "This event was changed outside ComplaintDesk (chain {chain}, #{seq})."
        ).format(chain=row.chain, seq=row.seq)

    @property
    def altered(self) -> int:
        """How many of the fetched events fail their check."""
        return sum(not row.intact for row in self.rows())

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._complete:
            return
        page = audit_log.audit_page(self._ctx, self._query, self._cursor, self._page_size)
        self._cursor = page.cursor
        self._complete = page.cursor is None
        self.add_rows(page.rows)


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
        header.setSectionResizeMode(CHANGES_COLUMN, QHeaderView.ResizeMode.Stretch)
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
                self.tr("✗ %n event(s) were changed outside ComplaintDesk.", "", altered)
            )
        else:
            self.check.setText(self.tr("✓ Every event shown checks against the hash chain."))


def complaint_trail(
    ctx: ServiceContext, complaint_id: uuid.UUID, reference: str, parent: QWidget
) -> AuditDialog:
    """Return the audit window of one complaint."""
    return AuditDialog(ctx, AuditQuery(complaint_id=complaint_id), reference, parent)

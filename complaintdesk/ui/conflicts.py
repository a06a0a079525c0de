"""The Conflicts view: what sync settled by rule, both versions side by side, keep either."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
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
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.services import conflicts
from complaintdesk.services.conflicts import ConflictView
from complaintdesk.services.context import ServiceContext
from complaintdesk.ui import labels
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.operations import Operations

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("Conflicts", text)


def kind_label(kind: str) -> str:
    """Return what a kind of conflict means, for a supervisor."""
    names = {
        "owner": _tr("Two owners chosen"),
        "customer": _tr("Customer edited in two places"),
        "resolution_crossed_message": _tr("Resolved while the customer wrote"),
    }
    return names.get(kind, kind)


def field_label(name: str) -> str:
    """Return the name a supervisor knows for a field a conflict shows."""
    names = {
        "owner_id": _tr("owner"),
        "status": _tr("status"),
        "message_id": _tr("message"),
        "display_name": _tr("name"),
        "given_name": _tr("given name"),
        "family_name": _tr("family name"),
        "postcode": _tr("postcode"),
        "segment": _tr("segment"),
        "preferred_language": _tr("language"),
        "preferred_channel": _tr("channel"),
    }
    return names.get(name, name.replace("_", " "))


def version_text(values: dict[str, str]) -> str:
    """Return one version of a conflict as ``field: value`` lines."""
    return "\n".join(f"{field_label(k)}: {v}" for k, v in values.items())


class ConflictModel(QAbstractTableModel):
    """The open conflicts: kind, complaint or customer, the kept version, the other one."""

    COLUMNS = ("kind", "subject", "kept", "other", "raised")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ConflictView, ...] = ()

    def set_rows(self, rows: tuple[ConflictView, ...]) -> None:
        """Show ``rows`` instead of what was shown."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> ConflictView | None:
        """Return the conflict shown at ``row``, or None."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        titles = {
            "kind": _tr("Conflict"),
            "subject": _tr("Complaint or customer"),
            "kept": _tr("Settled version (in force)"),
            "other": _tr("Other version"),
            "raised": _tr("Raised"),
        }
        return titles[self.COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        conflict = self.row_at(index.row()) if index.isValid() else None
        if conflict is None or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        column = self.COLUMNS[index.column()]
        if column == "kind":
            return kind_label(conflict.kind)
        if column == "subject":
            return conflict.subject
        if column == "kept":
            return version_text(conflict.kept)
        if column == "other":
            return version_text(conflict.other)
        return labels.local_time(conflict.raised_at)


class ConflictsDialog(QDialog):
    """Supervisors look at each conflict and keep the settled version or the other one.

    Args:
        ctx: the signed-in supervisor.
        operations: runs the reads and the settlement off the GUI thread.
        parent: the main window.
    """

    def __init__(
        self, ctx: ServiceContext, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._operations = operations
        self.setWindowTitle(_tr("Sync conflicts"))
        self.model = ConflictModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_tr("Conflicts settled by sync"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            ConflictModel.COLUMNS.index("raised"), QHeaderView.ResizeMode.ResizeToContents
        )
        self.explanation = QLabel(
            _tr(
                "Sync settled these by rule (the later change wins) so every workstation "
                "agrees. Check each one: keep the settled version, or keep the other one, "
                "which is recorded as your change."
            )
        )
        self.explanation.setWordWrap(True)
        self.empty = QLabel(_tr("No conflicts to look at."))
        self.keep_settled = QPushButton(_tr("Keep &settled version"))
        self.keep_other = QPushButton(_tr("Keep &other version"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.keep_settled, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.keep_other, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.keep_settled.clicked.connect(lambda: self.settle(keep_other=False))
        self.keep_other.clicked.connect(lambda: self.settle(keep_other=True))
        layout = QVBoxLayout(self)
        for widget in (self.explanation, self.table, self.empty, buttons):
            layout.addWidget(widget)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.resize(900, 420)
        self._enable()

    def reload(self) -> None:
        """Read the open conflicts again (off the GUI thread)."""
        ctx = self._ctx
        self._operations.read(lambda: conflicts.open_conflicts(ctx), self._show)

    def selected(self) -> ConflictView | None:
        """Return the conflict the supervisor selected, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def settle(self, *, keep_other: bool) -> None:
        """Settle the selected conflict, then show what is left."""
        conflict = self.selected()
        if conflict is None:
            return
        ctx, conflict_id = self._ctx, conflict.id
        changes = Changes(queues=True, notifications=True)
        if conflict.kind != "customer":
            changes = Changes.complaint(_complaint_id(conflict))
        self._operations.run(
            lambda: conflicts.settle(ctx, conflict_id, keep_other=keep_other),
            changes,
            done=lambda _result: self.reload(),
        )

    def _show(self, rows: tuple[ConflictView, ...]) -> None:
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.keep_settled.setEnabled(chosen)
        self.keep_other.setEnabled(chosen)


def _complaint_id(conflict: ConflictView) -> uuid.UUID:
    return conflict.complaint_id if conflict.complaint_id is not None else conflict.id

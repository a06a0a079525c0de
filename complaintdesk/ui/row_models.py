"""Read-only table models over a short tuple of frozen read models.

Cards, dialogs and panels show lists of a few hundred rows at most, read by one service
call: such a model keeps the tuple it was given and builds each cell on demand from a
table of :class:`Column`. Long lists (the queues) page through their own models instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
_ROLE = Qt.ItemDataRole
_NO_PARENT = QModelIndex()


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column of a :class:`RowsModel`.

    Attributes:
        header: the header text, already translated.
        display: what a row shows in this column (counts stay numbers).
        alignment: how the cells are aligned; None leaves Qt's default.
        tooltip: a row's tooltip in this column; None repeats what the cell shows, so a
            text cut short by the column's width can still be read.
        foreground: a row's text colour in this column; None (or a None colour) leaves
            the palette's.
    """

    header: str
    display: Callable[[T], str | int]
    alignment: Qt.AlignmentFlag | None = None
    tooltip: Callable[[T], str | None] | None = None
    foreground: Callable[[T], QColor | None] | None = None


def no_tooltip(_row: object) -> None:
    """Return no tooltip: a :attr:`Column.tooltip` for cells that say all there is."""
    return


class RowsModel(QAbstractTableModel, Generic[T]):
    """A read-only table of frozen rows, one column per :class:`Column`.

    Args:
        columns: what each column shows.
        parent: the owning object.
    """

    def __init__(self, columns: Sequence[Column[T]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: tuple[T, ...] = ()

    def set_rows(self, rows: Sequence[T]) -> None:
        """Show ``rows`` instead of the current ones."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def add_rows(self, rows: Sequence[T]) -> None:
        """Show ``rows`` after the current ones (the next page of a longer list)."""
        if rows:
            first = len(self._rows)
            self.beginInsertRows(_NO_PARENT, first, first + len(rows) - 1)
            self._rows += tuple(rows)
            self.endInsertRows()

    def rows(self) -> tuple[T, ...]:
        """Return every row shown."""
        return self._rows

    def row_at(self, row: int) -> T | None:
        """Return the row shown at ``row`` (None outside the table)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = _ROLE.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(self._columns):
            return None
        column = self._columns[index.column()]
        if role == _ROLE.DisplayRole:
            return column.display(row)
        if role == _ROLE.ToolTipRole:
            return column.display(row) if column.tooltip is None else column.tooltip(row)
        if role == _ROLE.TextAlignmentRole and column.alignment is not None:
            return column.alignment
        if role == _ROLE.ForegroundRole and column.foreground is not None:
            return column.foreground(row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = _ROLE.DisplayRole
    ) -> Any:
        if (
            role == _ROLE.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None

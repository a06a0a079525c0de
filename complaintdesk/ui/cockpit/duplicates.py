"""Likely duplicate customers across the whole base, for supervisors to review.

Each pair says why it was proposed; opening one shows the customer card, where the
supervisor checks the two stories and merges (or not). Nothing is merged from this list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.ui import duplicate_words
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.row_models import Column, RowsModel
from complaintdesk.ui.widgets import caption, rows_table

if TYPE_CHECKING:  # rapidfuzz and the customer card load when the list is first opened
    from complaintdesk.services.customers.duplicates import DuplicatePair
    from complaintdesk.ui.workspace.customer_card import CustomerCardDialog


class DuplicatesDialog(QDialog):
    """The list of likely duplicate pairs, read off the GUI thread.

    Args:
        ctx: the signed-in supervisor.
        operations: runs the read.
        parent: the main window.
    """

    def __init__(
        self, ctx: ServiceContext, operations: Operations, parent: QWidget | None = None
    ) -> None:
        from complaintdesk.services.customers import duplicates

        super().__init__(parent)
        self._ctx = ctx
        self._ops = operations
        self.card: CustomerCardDialog | None = None
        self.setWindowTitle(self.tr("Likely duplicate customers"))
        self.resize(900, 480)
        self.pairs = RowsModel[duplicates.DuplicatePair](
            [
                Column(self.tr("Customer"), lambda p: p.first.display_name),
                Column(self.tr("Contacts"), lambda p: ", ".join(p.first.contacts)),
                Column(self.tr("Other record"), lambda p: p.second.display_name),
                Column(self.tr("Contacts"), lambda p: ", ".join(p.second.contacts)),
                Column(self.tr("Why"), lambda p: duplicate_words.duplicate_reasons(p.reasons)),
            ],
            self,
        )
        layout = QVBoxLayout(self)
        self.status = caption(self.tr("Looking for likely duplicates…"))
        layout.addWidget(self.status)
        self.view = rows_table(self.pairs, self.tr("Likely duplicate customers"))
        self.view.doubleClicked.connect(self.open_selected)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(self.tr("&Open customer card"))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_selected)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        """Read the pairs again."""
        from complaintdesk.services.customers import duplicates

        ctx = self._ctx
        self._ops.read(lambda: duplicates.all_pairs(ctx), self._show)

    def _show(self, pairs: tuple[DuplicatePair, ...]) -> None:
        self.pairs.set_rows(pairs)
        self.status.setText(
            self.tr("%n pair(s) to review: open one to compare and merge.", "", len(pairs))
            if pairs
            else self.tr("No likely duplicate customer.")
        )
        if pairs:
            self.view.selectRow(0)

    def open_selected(self) -> None:
        """Open the card of the first record of the selected pair."""
        rows = self.view.selectionModel().selectedRows()
        pair = self.pairs.row_at(rows[0].row()) if rows else None
        if pair is None:
            return
        from complaintdesk.ui.workspace.customer_card import CustomerCardDialog

        self.card = CustomerCardDialog(self._ctx, self._ops, pair.first.customer_id, self)
        self.card.finished.connect(lambda _code: self.reload())
        self.card.show()


class DuplicateActions(QObject):
    """The "Likely duplicate customers…" menu entry, for supervisors only.

    Args:
        window: the main window.
        ctx: the signed-in caller.
        operations: the window's operations.
    """

    def __init__(self, window: QMainWindow, ctx: ServiceContext, operations: Operations) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._ops = operations
        self.dialog: DuplicatesDialog | None = None
        self.action = QAction(self.tr("Likely &duplicate customers…"), window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+J"))
        self.action.triggered.connect(self.open)
        window.addAction(self.action)

    def fill_menu(self, menu: QMenu) -> None:
        """Add the entry to ``menu`` if the signed-in person may merge customers."""
        if self._ctx.actor.can(Permission.REASSIGN):
            menu.addAction(self.action)
        else:
            self.action.setEnabled(False)

    def open(self) -> None:
        """Show the list of likely duplicates."""
        if not self._ctx.actor.can(Permission.REASSIGN):
            return
        self.dialog = DuplicatesDialog(self._ctx, self._ops, self._window)
        self.dialog.show()

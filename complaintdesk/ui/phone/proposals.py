"""On the screen pop, who else the caller may be: "this may be Léa Martin, 1 open complaint".

Each proposal opens that record's most urgent open complaint in the main window, where the
workspace offers to link its sender to the caller (or a supervisor to merge the records).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from complaintdesk.services.customers.callers import CallerProposal
from complaintdesk.ui import duplicate_words
from complaintdesk.ui.widgets import heading

_ID = Qt.ItemDataRole.UserRole


class CallerProposals(QWidget):
    """The list of likely other records of the caller, hidden when there is none.

    Args:
        parent: the screen pop.
    """

    open_complaint = Signal(object)
    """The complaint (its id) of the proposal chosen, to open in the main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading(self.tr("This caller may also be"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("This caller may also be"))
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(110)
        self.open_button = QPushButton(self.tr("Open &their complaint"))
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self._open_current)
        self.list.itemActivated.connect(lambda _item: self._open_current())
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.list, self.open_button):
            column.addWidget(widget)
        self.hide()

    def show_proposals(self, proposals: Sequence[CallerProposal]) -> None:
        """Show ``proposals`` (hide the list when there are none)."""
        self.list.clear()
        for proposal in proposals:
            item = QListWidgetItem(self.line(proposal))
            item.setData(_ID, proposal.complaint_id)
            self.list.addItem(item)
        self.setVisible(bool(proposals))
        if proposals:
            self.list.setCurrentRow(0)
        self.open_button.setEnabled(any(p.complaint_id for p in proposals))

    def line(self, proposal: CallerProposal) -> str:
        """One proposal as the agent reads it."""
        candidate = proposal.candidate
        contacts = ", ".join(candidate.contacts[:2]) or self.tr("no contact point")
        text = self.tr("{name} ({contacts}) — %n open complaint(s)", "", candidate.open_complaints)
        return "\n".join(
            [
                text.format(name=candidate.display_name, contacts=contacts),
                duplicate_words.duplicate_reasons(candidate.reasons),
            ]
        )

    def texts(self) -> list[str]:
        """The lines shown (tests read them)."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _open_current(self) -> None:
        item = self.list.currentItem()
        complaint_id = item.data(_ID) if item is not None else None
        if complaint_id is not None:
            self.open_complaint.emit(complaint_id)

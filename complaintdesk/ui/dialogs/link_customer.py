"""Find the customer a sender really is, by name, phone or email, to link the sender to."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import counter
from complaintdesk.services.inbound.counter import CustomerMatch
from complaintdesk.ui.dialogs.form import FormDialog, line_edit
from complaintdesk.ui.operations import Operations

_ID = Qt.ItemDataRole.UserRole
DELAY_MS = 250
"""Typing pauses this long before the search runs."""


class LinkCustomerDialog(FormDialog):
    """Type a name, a phone number or an email; pick the customer; Link.

    Args:
        ctx: the signed-in caller.
        operations: runs the searches off the GUI thread.
        chosen: called with the customer picked and their name when Link is pressed.
        parent: the main window.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        chosen: Callable[[uuid.UUID, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Link the sender to a customer"),
            self.tr("&Link"),
            intro=self.tr(
                "The sender's address or handle joins the customer you pick: this complaint and "
                "their next messages land on that customer. Ctrl+Z undoes it."
            ),
            parent=parent,
        )
        self._ctx = ctx
        self._ops = operations
        self._chosen = chosen
        self.search: QLineEdit = self.add_field(
            self.tr("&Find:"), line_edit(placeholder=self.tr("name, phone or email"))
        )
        self.results = self.add_field(self.tr("&Customer:"), QListWidget())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.look_up)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.submitted.connect(self._link)

    def look_up(self) -> None:
        """Search the customers matching what was typed."""
        typed, ctx = self.search.text(), self._ctx
        self._ops.read(lambda: counter.find_customers(ctx, typed), self.show_matches)

    def show_matches(self, matches: tuple[CustomerMatch, ...]) -> None:
        """List the customers found; the first is picked."""
        self.results.clear()
        for match in matches:
            details = ", ".join(v for v in (match.phone, match.email, match.postcode) if v)
            item = QListWidgetItem(
                f"{match.display_name} — {details}" if details else match.display_name
            )
            item.setData(_ID, (str(match.id), match.display_name))
            self.results.addItem(item)
        if matches:
            self.results.setCurrentRow(0)

    def check(self) -> str:
        """A customer must be picked."""
        return "" if self.results.currentItem() else self.tr("Find and pick the customer first.")

    def _link(self) -> None:
        ident, name = self.results.currentItem().data(_ID)  # check() made sure one is picked
        self.accept()
        self._chosen(uuid.UUID(ident), name)

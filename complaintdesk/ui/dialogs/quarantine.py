"""Attaching a quarantined item by hand: to a complaint by its reference, or to a customer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import counter
from complaintdesk.services.inbound.quarantined import ReleaseTarget
from complaintdesk.ui.dialogs.form import FormDialog, line_edit
from complaintdesk.ui.operations import Operations


def _tr(text: str) -> str:
    return QCoreApplication.translate("Quarantine", text)


class ReferenceDialog(FormDialog):
    """The reference of the complaint an item belongs to.

    Args:
        parent: the quarantine page.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _tr("Attach to a complaint"),
            _tr("&Attach"),
            intro=_tr("The item becomes a customer message on that complaint's timeline."),
            parent=parent,
        )
        self.reference = self.add_field(_tr("&Reference:"), line_edit(placeholder="HQ-26-00012"))
        self.reference.setFocus()

    def check(self) -> str:
        """Return why the form cannot be sent (empty when it can)."""
        return "" if self.reference.text().strip() else _tr("Give the complaint's reference.")

    def target(self) -> ReleaseTarget:
        """Return the complaint chosen."""
        return ReleaseTarget(complaint_reference=self.reference.text().strip())


class CustomerPickDialog(FormDialog):
    """Find the customer an item belongs to (name, email or phone), and a subject.

    Args:
        ctx: the signed-in person (who may look customers up).
        operations: runs the look-ups off the GUI thread.
        subject: the item's own subject, offered for the complaint.
        parent: the quarantine page.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        subject: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _tr("Attach to a customer"),
            _tr("&Attach"),
            intro=_tr("A complaint is opened for the customer you pick, routed as any other."),
            parent=parent,
        )
        self._ctx = ctx
        self._operations = operations
        self.search = self.add_field(
            _tr("&Customer:"), line_edit(placeholder=_tr("name, email or phone"))
        )
        self.found = self.add_field(_tr("&Found:"), QListWidget())
        self.found.setAccessibleName(_tr("Customers found"))
        self.subject = self.add_field(_tr("&Subject:"), line_edit(subject))
        self.search.textChanged.connect(self.look_up)
        self.search.setFocus()

    def look_up(self, text: str) -> None:
        """Find the customers whose name, email or phone starts as ``text`` does."""
        ctx = self._ctx
        self._operations.read(lambda: counter.find_customers(ctx, text), self._list)

    def _list(self, matches: tuple[counter.CustomerMatch, ...]) -> None:
        self.found.clear()
        for match in matches:
            contact = match.email or match.phone or ""
            item = QListWidgetItem(f"{match.display_name} — {contact}".rstrip(" —"))
            item.setData(Qt.ItemDataRole.UserRole, match.id)
            self.found.addItem(item)
        if matches:
            self.found.setCurrentRow(0)

    def check(self) -> str:
        """Return why the form cannot be sent (empty when it can)."""
        return "" if self.found.currentItem() is not None else _tr("Find and pick the customer.")

    def target(self) -> ReleaseTarget:
        """Return the customer picked and the subject written."""
        item = self.found.currentItem()
        customer = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return ReleaseTarget(customer_id=customer, subject=self.subject.text().strip() or None)

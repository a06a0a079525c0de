"""The channel a customer wants answers on, chosen on their card ("Answer on: Email")."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.complaints import answer_route
from complaintdesk.services.context import ServiceContext
from complaintdesk.ui import labels
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.operations import Operations


class AnswerChannel(QWidget):
    """A combo box: the channel the customer last used, or one they prefer.

    Args:
        ctx: the signed-in caller.
        operations: runs the change off the GUI thread.
        parent: the customer card.
    """

    changed = Signal()
    """The preference was saved."""

    def __init__(
        self, ctx: ServiceContext, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ops = operations
        self._customer: uuid.UUID | None = None
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Answer on"))
        self.combo.addItem(self.tr("The channel the customer used last"), None)
        for channel in answer_route.CHOOSABLE:
            self.combo.addItem(labels.channel_label(channel), channel.value)
        label = QLabel(self.tr("&Answer on:"))
        label.setBuddy(self.combo)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.combo)
        row.addStretch(1)
        self.combo.activated.connect(self._chosen)

    def show_customer(self, customer_id: uuid.UUID, preferred: str | None) -> None:
        """Show the preference of ``customer_id`` (None: the channel used last)."""
        self._customer = customer_id
        blocked = self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(0, self.combo.findData(preferred)))
        self.combo.blockSignals(blocked)

    def choose(self, channel: Channel | None) -> None:
        """Save ``channel`` as the customer's preference (tests and the combo box)."""
        customer, ctx = self._customer, self._ctx
        if customer is None:
            return
        self._ops.run(
            lambda: answer_route.set_preferred_channel(ctx, customer, channel),
            Changes(queues=False),
            done=lambda _result: self.changed.emit(),
        )

    def _chosen(self, index: int) -> None:
        value = self.combo.itemData(index)
        self.choose(Channel(value) if value else None)

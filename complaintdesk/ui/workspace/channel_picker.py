"""The composer's choice of channel: the customer's own first, each saying where it goes.

"Email · lea@example.org" and "X (Twitter) · @jane" leave through ComplaintDesk; "Phone call
(recorded)", "Letter (recorded)" and "At the counter (recorded)" record what was said
elsewhere. Every one counts as a response for the promise clocks.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from complaintdesk.domain import replies as reply_rules
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui import labels
from complaintdesk.ui.contacts import contact_text


class ChannelPicker(QComboBox):
    """The ways to answer the shown complaint's customer.

    Args:
        parent: the owning widget.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Answer on"))
        # Wide enough for "Email · lea@example.org", shortened only when the window is narrow.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(14)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setToolTip(
            self.tr(
                "Email and social answers leave from here; a call, a letter or a word at the "
                "counter is recorded as said. Every one counts as a response."
            )
        )

    @property
    def chosen(self) -> Channel | None:
        """The channel picked (None while there is none)."""
        value = self.currentData()
        return Channel(value) if value else None

    def choose(self, channel: Channel) -> bool:
        """Pick ``channel`` if it is offered; return whether it was."""
        index = self.findData(channel.value)
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0

    def fill(self, detail: ComplaintDetail) -> None:
        """Offer the ways to answer ``detail``'s customer, keeping the one picked if still there."""
        heard = [
            reply_rules.Heard(m.channel, m.sender, m.occurred_at)
            for m in detail.messages
            if m.direction == "inbound"
        ]
        contacts = [(c.kind, c.value) for c in detail.contacts]
        options = reply_rules.reply_channels(
            contacts, heard, detail.channel, detail.customer_preferred_channel
        )
        current = self.currentData()
        blocked = self.blockSignals(True)
        self.clear()
        for option in options:
            self.addItem(self._text(option), option.channel.value)
        index = self.findData(current) if current else -1
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(blocked)

    def warning(self, detail: ComplaintDetail | None) -> str:
        """Return what to know before answering on the channel picked ('' for nothing)."""
        said = [m for m in detail.messages if m.direction == "inbound"] if detail else []
        social = [m for m in said if m.channel is Channel.SOCIAL]
        if self.chosen is Channel.SOCIAL and social and social[-1].public:
            return self.tr("The customer wrote in public: this reply will be public too.")
        return ""

    def _text(self, option: reply_rules.ReplyChannel) -> str:
        shown = contact_text(option.recipient)
        if option.sends:
            name = labels.channel_label(option.channel)
            return self.tr("{channel} · {to}").format(channel=name, to=shown) if shown else name
        texts = {
            Channel.PHONE: self.tr("Phone call (recorded)"),
            Channel.LETTER: self.tr("Letter (recorded)"),
            Channel.SHOP: self.tr("At the counter (recorded)"),
        }
        return texts.get(option.channel, labels.channel_label(option.channel))

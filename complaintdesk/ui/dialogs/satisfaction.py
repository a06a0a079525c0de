"""Recording what the customer said of the service, on the phone or at the counter."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox, QWidget

from complaintdesk.domain.surveys import Scores
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.ui import labels
from complaintdesk.ui.dialogs.form import FormDialog, combo

SCORE_CHANNELS = (Channel.PHONE, Channel.SHOP, Channel.LETTER, Channel.EMAIL, Channel.SOCIAL)


class SatisfactionDialog(FormDialog):
    """Two questions asked after closure: how satisfied, and would they recommend us.

    Args:
        reference: the complaint's reference (in the title).
        channel: where the customer answered (the complaint's channel is a good guess).
        parent: the main window.
    """

    def __init__(
        self, reference: str, channel: Channel = Channel.PHONE, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Customer satisfaction for {reference}").format(reference=reference),
            self.tr("&Record"),
            intro=self.tr(
                "Ask: how satisfied are you with how we handled your complaint, from 1 to 10? "
                "And how likely are you to recommend us, from 0 to 10?"
            ),
            parent=parent,
        )
        self.satisfaction = self.add_field(self.tr("&Satisfaction (1–10):"), QSpinBox())
        self.satisfaction.setRange(1, 10)
        self.satisfaction.setValue(8)
        self.recommendation = self.add_field(self.tr("&Recommendation (0–10):"), QSpinBox())
        # The lowest value reads "not asked": the customer may skip the second question.
        self.recommendation.setRange(-1, 10)
        self.recommendation.setSpecialValueText(self.tr("not answered"))
        self.recommendation.setValue(-1)
        choices = [(labels.channel_label(c), c.value) for c in SCORE_CHANNELS]
        current = channel.value if channel in SCORE_CHANNELS else Channel.PHONE.value
        self.channel = self.add_field(self.tr("Given &by:"), combo(choices, current))
        self.satisfaction.setFocus()
        self.satisfaction.selectAll()

    def scores(self) -> Scores:
        """Return the scores as entered."""
        recommendation = self.recommendation.value()
        return Scores(self.satisfaction.value(), recommendation if recommendation >= 0 else None)

    def given_by(self) -> Channel:
        """Return the channel the customer answered on."""
        return Channel(str(self.channel.currentData()))

"""Answering a social complaint: the reply is queued for the company's social gateway."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.outbound import social_gateways
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.dialogs.simple import TextDialog
from complaintdesk.ui.operations import Operations

SOCIAL = Channel.SOCIAL


class SocialReply(QObject):
    """Opens "Reply on social media" for the complaint shown and queues what is written.

    Args:
        window: the parent of the form.
        ctx: the signed-in caller.
        operations: runs the service call off the GUI thread.
    """

    def __init__(self, window: QWidget, ctx: ServiceContext, operations: Operations) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._ops = operations
        self.dialog: TextDialog | None = None

    def open(self, detail: ComplaintDetail) -> None:
        """Ask for the reply to ``detail``'s customer, on the conversation they wrote in."""
        said = [m for m in detail.messages if m.direction == "inbound" and m.channel is SOCIAL]
        public = bool(said) and said[-1].public
        intro = (
            self.tr("The customer wrote in public: this reply will be public too, keep it short.")
            if public
            else self.tr("Sent privately, on the conversation the customer wrote in.")
        )
        dialog = TextDialog(
            self.tr("Reply on social media"),
            self.tr("&Queue reply"),
            self.tr("&Reply:"),
            self.tr("What the customer will read"),
            intro=intro,
            parent=self._window,
        )

        def submit() -> None:
            work = partial(
                social_gateways.queue_social_reply,
                self._ctx,
                detail.id,
                dialog.value(),
                detail.version,
            )
            self._ops.run(work, Changes.complaint(detail.id, queues=False), form=dialog)

        dialog.submitted.connect(submit)
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

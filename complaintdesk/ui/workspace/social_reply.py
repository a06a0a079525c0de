"""Answering the customer on their channel: the one they prefer, else the one used last.

The form says where the answer goes before it is written ("by email to lea@…, the channel
she used last"; "in public on X: keep it short"); email and social answers are queued and
leave through the outbox or the social gateway, a call or a letter is recorded as given.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.complaints import replies
from complaintdesk.services.complaints.replies import ReplyRoute
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.dialogs.simple import TextDialog
from complaintdesk.ui.operations import Operations

SOCIAL = Channel.SOCIAL


class SocialReply(QObject):
    """Opens "Reply to the customer" for the complaint shown and sends what is written.

    Args:
        window: the parent of the form.
        ctx: the signed-in caller.
        operations: runs the service calls off the GUI thread.
    """

    def __init__(self, window: QWidget, ctx: ServiceContext, operations: Operations) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._ops = operations
        self.dialog: TextDialog | None = None
        self.route: ReplyRoute | None = None
        """Where the answer of the form opened last goes."""

    def open(self, detail: ComplaintDetail) -> None:
        """Read where the answer to ``detail`` goes, then ask for it."""
        ctx = self._ctx
        self._ops.read(lambda: replies.route(ctx, detail.id), partial(self._ask, detail))

    def _ask(self, detail: ComplaintDetail, route: ReplyRoute) -> None:
        self.route = route
        dialog = TextDialog(
            self.tr("Reply to {name}").format(name=detail.customer_name),
            self.tr("&Send") if route.sends else self.tr("&Record"),
            self.tr("&Reply:"),
            self.tr("What the customer will read") if route.sends else self.tr("What you said"),
            intro=self.intro(route),
            parent=self._window,
        )

        def submit() -> None:
            work = partial(
                replies.reply, self._ctx, detail.id, dialog.value(), self._version(detail)
            )
            self._ops.run(work, Changes.complaint(detail.id, queues=False), form=dialog)

        dialog.submitted.connect(submit)
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def intro(self, route: ReplyRoute) -> str:
        """Say where the answer goes and why, in plain words."""
        why = {
            "preferred": self.tr("the channel the customer prefers"),
            "last": self.tr("the channel the customer used last"),
            "only": self.tr("the only way to reach the customer"),
        }.get(route.why, "")
        ways = {
            Channel.EMAIL: self.tr("Goes by email to {address} — {why}."),
            Channel.SOCIAL: self.tr("Goes on social media to {address} — {why}."),
            Channel.PHONE: self.tr("Call the customer on {address} — {why}."),
            Channel.LETTER: self.tr("Write to the customer at {address} — {why}."),
        }
        where = ways.get(route.channel, ways[Channel.EMAIL]).format(
            address=route.address or "?", why=why
        )
        if route.channel is SOCIAL and route.public:
            where += " " + self.tr(
                "The customer wrote in public: this reply will be public too, keep it short."
            )
        elif route.channel is SOCIAL:
            where += " " + self.tr("Sent privately, on the conversation the customer wrote in.")
        elif not route.sends:
            where += " " + self.tr("Give the answer, then write here what you said.")
        return where

    def _version(self, detail: ComplaintDetail) -> int:
        return detail.version

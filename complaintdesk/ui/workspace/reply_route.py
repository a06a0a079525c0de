"""Answering on the customer's channel: the one they prefer, else the one used last.

"Reply to the customer" reads where the answer goes, then opens the composer under the
timeline on that channel and says why there ("by email to lea@…, the channel she used last";
"in public on X: keep it short"). Email and social answers leave through the outbox or the
social gateway; a call or a letter is recorded as given.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.complaints import answer_route
from complaintdesk.services.complaints.answer_route import ReplyRoute
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.workspace.composer import Composer

SOCIAL = Channel.SOCIAL


class ReplyRouter(QObject):
    """Puts the composer on the channel the answer to the shown complaint should take.

    Args:
        window: the owner of this helper.
        ctx: the signed-in caller.
        operations: runs the service calls off the GUI thread.
    """

    def __init__(self, window: QWidget, ctx: ServiceContext, operations: Operations) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._ops = operations
        self.route: ReplyRoute | None = None
        """Where the answer prepared last goes."""

    def open(self, detail: ComplaintDetail, composer: Composer) -> None:
        """Read where the answer to ``detail`` goes, then put the composer there."""
        ctx = self._ctx
        self._ops.read(lambda: answer_route.route(ctx, detail.id), partial(self._start, composer))

    def _start(self, composer: Composer, route: ReplyRoute) -> None:
        self.route = route
        composer.start_reply(route.channel)
        composer.hint.setText(self.intro(route))
        composer.hint.setVisible(True)

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

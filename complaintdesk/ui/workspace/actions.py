"""The complaint actions: one QAction each, with a shortcut, in the menu and on buttons.

An action is enabled only when it makes sense (see :mod:`complaintdesk.ui.workspace.availability`)
and no other change is running. The workspace shows a button only for what the person can
do now, so the row never fills with greyed-out choices; the menu lists everything.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QMenu, QToolButton, QWidget

from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.workspace.availability import Act, available
from complaintdesk.ui.workspace.complaint_view import Workspace
from complaintdesk.ui.workspace.composer import Composer
from complaintdesk.ui.workspace.handlers import Handlers, Recorded
from complaintdesk.ui.workspace.one_customer import OneCustomerPanel
from complaintdesk.ui.workspace.reply_route import ReplyRouter

if TYPE_CHECKING:  # imported at first use: they weigh on start-up (receipts, Jinja2, rapidfuzz)
    from complaintdesk.ui.counter.counter_form import CounterDesk
    from complaintdesk.ui.dialogs.link_customer import LinkCustomerDialog
    from complaintdesk.ui.workspace.customer_card import CustomerCardDialog


@dataclass(frozen=True)
class Spec:
    """How an action is presented."""

    text: str
    keys: str
    tip: str


BAR = (
    Act.TAKE,
    Act.ASSIGN,
    Act.TRANSFER,
    Act.ACKNOWLEDGE,
    Act.START_WORK,
    Act.ASK,
    Act.ADD_COMMITMENT,
    Act.RESOLVE,
    Act.CLOSE,
    Act.WITHDRAW,
)
"""The workspace's main row, in the order work usually goes (replies and notes are written
in the composer under the timeline, so they need no button)."""
KEYS: dict[Act, str] = {
    Act.TAKE: "Ctrl+T",
    Act.TRANSFER: "Ctrl+Shift+T",
    Act.ASSIGN: "Ctrl+Shift+A",
    Act.ACKNOWLEDGE: "Ctrl+Alt+K",
    Act.START_WORK: "Ctrl+Shift+W",
    Act.ASK: "Ctrl+Shift+F",
    Act.ANSWER: "Ctrl+Shift+E",
    Act.DECLINE: "Ctrl+Shift+D",
    Act.CANCEL_REQUEST: "Ctrl+Shift+X",
    Act.ADD_COMMITMENT: "Ctrl+Shift+C",
    Act.FULFIL: "Ctrl+Shift+U",
    Act.NOT_YET: "Ctrl+Shift+G",
    Act.REMIND: "Ctrl+Shift+M",
    Act.RESPOND: "Ctrl+R",
    Act.LETTER: "Ctrl+Alt+R",
    Act.NOTE: "Ctrl+Shift+N",
    Act.RESOLVE: "Ctrl+Shift+R",
    Act.CLOSE: "Ctrl+Alt+C",
    Act.WITHDRAW: "Ctrl+Shift+Del",
}
"""One shortcut per action; a test checks that no two actions of the window share one."""
ON_REQUESTS = (Act.ANSWER, Act.DECLINE, Act.CANCEL_REQUEST)
ON_COMMITMENTS = (Act.FULFIL, Act.NOT_YET, Act.REMIND)
MENU_GROUPS = (
    (Act.TAKE, Act.TRANSFER, Act.ASSIGN),
    (Act.ACKNOWLEDGE, Act.START_WORK, Act.RESOLVE, Act.CLOSE, Act.WITHDRAW),
    (Act.ASK, Act.ANSWER, Act.DECLINE, Act.CANCEL_REQUEST),
    (Act.RESPOND, Act.LETTER, Act.NOTE, Act.ADD_COMMITMENT, Act.FULFIL, Act.NOT_YET, Act.REMIND),
)


class ComplaintActions(QObject):
    """Builds the actions of one window and keeps them enabled only when they make sense.

    Args:
        window: the main window (shortcuts work anywhere in it).
        ctx: the signed-in caller.
        operations: runs the service calls.
        workspace: the complaint shown.
        recorded: told about a complaint recorded through "New complaint".
    """

    def __init__(
        self,
        window: QMainWindow,
        ctx: ServiceContext,
        operations: Operations,
        workspace: Workspace,
        recorded: Recorded,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._actor = ctx.actor
        self._ctx = ctx
        self.card_dialog: CustomerCardDialog | None = None
        self._ops = operations
        self._workspace = workspace
        self._recorded = recorded
        self._counter: CounterDesk | None = None
        self.handlers = Handlers(window, ctx, operations, workspace, recorded)
        self.router = ReplyRouter(window, ctx, operations)
        self.new_complaint = self._action(
            Spec(
                self.tr("&New complaint…"),
                "Ctrl+N",
                self.tr("Record a complaint taken on the phone or at the counter"),
            ),
            self.handlers.new_complaint,
        )
        self.counter_complaint = self._action(
            Spec(
                self.tr("Co&unter complaint…"),
                "Ctrl+Alt+N",
                self.tr("Record a complaint face to face and print the customer's receipt"),
            ),
            self.open_counter,
        )
        self.customer_card = self._action(
            Spec(
                self.tr("Custom&er card…"),
                "Ctrl+Shift+K",
                self.tr("The customer's whole story on every channel, and likely duplicates"),
            ),
            self.open_customer_card,
        )
        self.social_reply = self._action(
            Spec(
                self.tr("Repl&y to the customer…"),
                "Ctrl+Shift+Y",
                self.tr("Answer on the channel the customer prefers, else the one used last"),
            ),
            self.reply_on_social,
        )
        specs = self._specs()
        self.actions = {
            act: self._action(specs[act], getattr(self.handlers, act.value)) for act in Act
        }
        self.one_customer = OneCustomerPanel(
            ctx, operations, self.handlers.last_action, self.choose_customer, workspace
        )
        workspace.add_side_panel(self.one_customer)
        workspace.detail_shown.connect(self.one_customer.show_detail)
        self.link_dialog: LinkCustomerDialog | None = None
        workspace.selection_changed.connect(self.update)
        operations.busy_changed.connect(self.update)
        self.update()

    @property
    def counter(self) -> CounterDesk:
        """The counter desk, built (and its module imported) the first time it is needed."""
        if self._counter is None:
            from complaintdesk.ui.counter.counter_form import CounterDesk

            self._counter = CounterDesk(self._window, self._ctx, self._ops, self._recorded)
        return self._counter

    def _specs(self) -> dict[Act, Spec]:
        texts, tips = self._texts(), self._tips()
        return {act: Spec(texts[act], KEYS[act], tips[act]) for act in Act}

    def _texts(self) -> dict[Act, str]:
        return {
            Act.TAKE: self.tr("&Take"),
            Act.TRANSFER: self.tr("T&ransfer…"),
            Act.ASSIGN: self.tr("Assi&gn…"),
            Act.ACKNOWLEDGE: self.tr("Ac&knowledge"),
            Act.START_WORK: self.tr("&Start work"),
            Act.ASK: self.tr("As&k a function…"),
            Act.ANSWER: self.tr("&Answer…"),
            Act.DECLINE: self.tr("&Decline…"),
            Act.CANCEL_REQUEST: self.tr("Cancel re&quest…"),
            Act.ADD_COMMITMENT: self.tr("Customer &commitment…"),
            Act.FULFIL: self.tr("&Fulfilled"),
            Act.NOT_YET: self.tr("Not &yet"),
            Act.REMIND: self.tr("Re&minded"),
            Act.RESPOND: self.tr("Re&ply to the customer"),
            Act.LETTER: self.tr("Record a response or &letter…"),
            Act.NOTE: self.tr("Add n&ote"),
            Act.RESOLVE: self.tr("Res&olve…"),
            Act.CLOSE: self.tr("C&lose"),
            Act.WITHDRAW: self.tr("&Withdraw…"),
        }

    def _tips(self) -> dict[Act, str]:
        return {
            Act.TAKE: self.tr("Become the owner of this complaint"),
            Act.TRANSFER: self.tr("Hand it to a colleague, with a reason"),
            Act.ASSIGN: self.tr("Give this unowned complaint to a colleague"),
            Act.ACKNOWLEDGE: self.tr("Tell the customer it is in hand"),
            Act.START_WORK: self.tr("Move it to in progress"),
            Act.ASK: self.tr("Ask one or more functions a question"),
            Act.ANSWER: self.tr("Answer the selected request for your function"),
            Act.DECLINE: self.tr("Decline the selected request, with a reason"),
            Act.CANCEL_REQUEST: self.tr("Withdraw the selected question, with a reason"),
            Act.ADD_COMMITMENT: self.tr("Record what the customer must provide, and by when"),
            Act.FULFIL: self.tr("The customer provided the selected commitment"),
            Act.NOT_YET: self.tr("What the customer sent does not fulfil the selected commitment"),
            Act.REMIND: self.tr("The customer was reminded of the selected commitment"),
            Act.RESPOND: self.tr("Write the answer under the timeline: email, social, or a call"),
            Act.LETTER: self.tr("A final response, a holding reply or an answer, in a form"),
            Act.NOTE: self.tr("Write a note under the timeline: only colleagues read it"),
            Act.RESOLVE: self.tr("Outcome, remedy, amount and root cause"),
            Act.CLOSE: self.tr("Close the resolved complaint"),
            Act.WITHDRAW: self.tr("The customer withdrew it: say why"),
        }

    def _action(self, spec: Spec, slot: Callable[[], object]) -> QAction:
        action = QAction(spec.text, self._window)
        keys = QKeySequence(spec.keys)
        action.setShortcut(keys)
        shown = keys.toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(self.tr("{tip} ({keys})").format(tip=spec.tip, keys=shown))
        action.setStatusTip(spec.tip)
        action.triggered.connect(slot)
        self._window.addAction(action)  # the shortcut works wherever the focus is
        return action

    def fill_menu(self, menu: QMenu) -> None:
        """Add every action to ``menu``, grouped by what they are about."""
        menu.addAction(self.handlers.last_action.action)
        menu.addSeparator()
        menu.addAction(self.new_complaint)
        menu.addAction(self.customer_card)
        menu.addAction(self.social_reply)
        menu.addAction(self.counter_complaint)
        for group in MENU_GROUPS:
            menu.addSeparator()
            for act in group:
                menu.addAction(self.actions[act])

    def bar(self, acts: Iterable[Act], name: str) -> QWidget:
        """Return a row of buttons for ``acts``; each shows only while it can be used."""
        row = QWidget()
        row.setAccessibleName(name)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(4)
        for act in acts:
            _add_button(line, self.actions[act])
        line.addStretch(1)
        return row

    def update(self) -> None:
        """Enable the actions that make sense for the complaint shown, now."""
        detail = self._workspace.detail
        enabled: frozenset[Act] = frozenset()
        if detail is not None and not self._ops.busy:
            awaited = self._workspace.awaited
            request, commitment = awaited.selected_request(), awaited.selected_commitment()
            enabled = available(detail, self._actor, request, commitment)
        for act, action in self.actions.items():
            action.setEnabled(act in enabled)
        can_record = self._actor.can(Permission.HANDLE_COMPLAINTS)
        self.new_complaint.setEnabled(can_record and not self._ops.busy)
        self.customer_card.setEnabled(detail is not None and can_record)
        # One owner answers to the customer: the same people who may reply at all.
        self.social_reply.setEnabled(Act.RESPOND in enabled)
        self.counter_complaint.setVisible(can_record)  # clerks and agents; not functions
        self.counter_complaint.setEnabled(can_record and not self._ops.busy)

    def open_counter(self) -> None:
        """Open the counter form (a clerk recording a complaint face to face)."""
        self.counter.open()

    def open_customer_card(self) -> None:
        """Open the card of the shown complaint's customer (one window per call)."""
        detail = self._workspace.detail
        if detail is not None:
            from complaintdesk.ui.workspace.customer_card import CustomerCardDialog

            self.card_dialog = CustomerCardDialog(
                self._ctx, self._ops, detail.customer_id, self._window
            )
            self.card_dialog.show()

    def choose_customer(self, chosen: Callable[[uuid.UUID, str], None]) -> None:
        """Open the customer search; ``chosen`` gets the customer picked."""
        from complaintdesk.ui.dialogs.link_customer import LinkCustomerDialog

        if self.link_dialog is not None:
            self.link_dialog.deleteLater()
        self.link_dialog = LinkCustomerDialog(self._ctx, self._ops, chosen, self._window)
        self.link_dialog.open()

    def reply_on_social(self) -> None:
        """Answer the shown complaint on the customer's channel, in the composer."""
        composer = self._workspace.composer
        if self._workspace.detail is not None and isinstance(composer, Composer):
            self.router.open(self._workspace.detail, composer)

    def enabled(self) -> set[Act]:
        """Return the actions enabled now."""
        return {act for act, action in self.actions.items() if action.isEnabled()}


def _add_button(line: QHBoxLayout, action: QAction) -> None:
    button = QToolButton()
    line.addWidget(button)  # parented first: showing a parentless widget opens a window
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def follow() -> None:
        # A disabled button says nothing useful under pressure: it is hidden instead.
        button.setVisible(action.isEnabled())

    action.changed.connect(follow)
    follow()

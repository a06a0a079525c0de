"""The complaint actions: one QAction each, with a shortcut, in the menu and on buttons.

An action is enabled only when it makes sense (see :mod:`complaintdesk.ui.availability`)
and no other change is running. The workspace shows a button only for what the person can
do now, so the row never fills with greyed-out choices; the menu lists everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QMenu, QToolButton, QWidget

from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.ui.availability import Act, available
from complaintdesk.ui.handlers import Handlers, Recorded
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.workspace import Workspace


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
    Act.RESPOND,
    Act.ASK,
    Act.ADD_COMMITMENT,
    Act.NOTE,
    Act.RESOLVE,
    Act.CLOSE,
    Act.WITHDRAW,
)
"""The workspace's main row, in the order work usually goes."""
ON_REQUESTS = (Act.ANSWER, Act.DECLINE, Act.CANCEL_REQUEST)
ON_COMMITMENTS = (Act.FULFIL, Act.REMIND)
MENU_GROUPS = (
    (Act.TAKE, Act.TRANSFER, Act.ASSIGN),
    (Act.ACKNOWLEDGE, Act.START_WORK, Act.RESOLVE, Act.CLOSE, Act.WITHDRAW),
    (Act.ASK, Act.ANSWER, Act.DECLINE, Act.CANCEL_REQUEST),
    (Act.RESPOND, Act.NOTE, Act.ADD_COMMITMENT, Act.FULFIL, Act.REMIND),
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
        self._ops = operations
        self._workspace = workspace
        self.handlers = Handlers(window, ctx, operations, workspace, recorded)
        self.new_complaint = self._action(
            Spec(
                self.tr("&New complaint…"),
                "Ctrl+N",
                self.tr("Record a complaint taken on the phone or at the counter"),
            ),
            self.handlers.new_complaint,
        )
        specs = self._specs()
        self.actions = {
            act: self._action(specs[act], getattr(self.handlers, act.value)) for act in Act
        }
        workspace.selection_changed.connect(self.update)
        operations.busy_changed.connect(self.update)
        self.update()

    def _specs(self) -> dict[Act, Spec]:
        return {
            Act.TAKE: Spec(self.tr("&Take"), "Ctrl+T", self.tr("Become the owner")),
            Act.TRANSFER: Spec(
                self.tr("T&ransfer…"), "Ctrl+Shift+T", self.tr("Hand it to a colleague")
            ),
            Act.ASSIGN: Spec(
                self.tr("Assi&gn…"), "Ctrl+Shift+A", self.tr("Give it to a colleague")
            ),
            Act.ACKNOWLEDGE: Spec(
                self.tr("Ac&knowledge"), "Ctrl+K", self.tr("Tell the customer it is in hand")
            ),
            Act.START_WORK: Spec(
                self.tr("&Start work"), "Ctrl+Shift+W", self.tr("Move it to in progress")
            ),
            Act.ASK: Spec(
                self.tr("As&k a function…"), "Ctrl+Shift+F", self.tr("Ask functions a question")
            ),
            Act.ANSWER: Spec(
                self.tr("&Answer…"), "Ctrl+Shift+E", self.tr("Answer for your function")
            ),
            Act.DECLINE: Spec(
                self.tr("&Decline…"), "Ctrl+Shift+D", self.tr("Decline with a reason")
            ),
            Act.CANCEL_REQUEST: Spec(
                self.tr("Cancel re&quest…"), "Ctrl+Shift+X", self.tr("Withdraw the question")
            ),
            Act.ADD_COMMITMENT: Spec(
                self.tr("Customer &commitment…"),
                "Ctrl+Shift+C",
                self.tr("Record what the customer must provide"),
            ),
            Act.FULFIL: Spec(
                self.tr("&Fulfilled"), "Ctrl+Shift+U", self.tr("The customer provided it")
            ),
            Act.REMIND: Spec(
                self.tr("Re&minded"), "Ctrl+Shift+M", self.tr("The customer was reminded")
            ),
            Act.RESPOND: Spec(
                self.tr("Record res&ponse…"), "Ctrl+R", self.tr("What was said to the customer")
            ),
            Act.NOTE: Spec(
                self.tr("Add n&ote…"), "Ctrl+Shift+N", self.tr("A note only colleagues read")
            ),
            Act.RESOLVE: Spec(
                self.tr("Res&olve…"), "Ctrl+Shift+R", self.tr("Outcome, remedy, root cause")
            ),
            Act.CLOSE: Spec(self.tr("C&lose"), "Ctrl+Shift+L", self.tr("Close it for good")),
            Act.WITHDRAW: Spec(
                self.tr("&Withdraw…"), "Ctrl+Shift+Del", self.tr("The customer withdrew it")
            ),
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
        menu.addAction(self.new_complaint)
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

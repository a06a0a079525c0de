"""The phone channel in the main window: calls from the command line, screen pop, capture.

``complaintdesk call NUMBER`` (or telephony software through it) reaches the running window
over :mod:`complaintdesk.ui.session.single_instance`; the window comes to the front and the screen
pop reads the caller's card off the GUI thread. From there, and from the Phone menu, the
agent records a complaint taken on the call or logs the call on a complaint.
"""

from __future__ import annotations

import uuid
from functools import partial

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit

from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Direction
from complaintdesk.services.complaints import directory
from complaintdesk.services.complaints.directory import Choice
from complaintdesk.services.complaints.intake import IntakeResult
from complaintdesk.services.context import Connection, ServiceContext
from complaintdesk.services.customers import callers
from complaintdesk.services.customers.callers import CallerCard, OpenComplaintLine
from complaintdesk.services.inbound import calls
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.dialogs.form import FormDialog
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.phone.call_capture import CallComplaintDialog, CallNotesDialog
from complaintdesk.ui.phone.screen_pop import ScreenPop
from complaintdesk.ui.session.single_instance import CallListener, server_name
from complaintdesk.ui.tasks import Task


class PhoneDesk(QObject):
    """Screen pop and call capture for one main window.

    Args:
        window: the main window (its task runner, operations and complaint view are used).
        ctx: the signed-in caller.
    """

    def __init__(self, window: MainWindow, ctx: ServiceContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._generation = 0
        self.listener = CallListener(self)
        self.listener.number_received.connect(self.show_caller)
        self.pop = ScreenPop(window)
        self.pop.open_complaint.connect(self.open_complaint)
        self.pop.new_complaint.connect(self.new_complaint_for_caller)
        self.pop.log_call.connect(partial(self.log_call, Direction.INBOUND))
        self.dialog: FormDialog | None = None
        """The capture form opened last (tests drive it)."""
        self._add_menu()

    def listen(self, database: str) -> bool:
        """Take calls sent by ``complaintdesk call`` for ``database`` (its description)."""
        return self.listener.listen(server_name(database))

    def _add_menu(self) -> None:
        menu = self._window.menuBar().addMenu(self.tr("&Phone"))
        self.show_caller_action = self._action(self.tr("Show &caller…"), "F7", self.ask_number)
        self.outbound_action = self._action(
            self.tr("Log &outbound call on this complaint…"), "F8", self.log_outbound
        )
        menu.addAction(self.show_caller_action)
        menu.addAction(self.outbound_action)
        can = self._ctx.actor.can(Permission.HANDLE_COMPLAINTS)
        self.show_caller_action.setEnabled(can)
        self.outbound_action.setEnabled(can)

    def _action(self, text: str, keys: str, slot: object) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    # --- the screen pop ---

    def ask_number(self) -> None:
        """Ask for a number and show its caller (a call taken on a phone without software)."""
        number, ok = QInputDialog.getText(
            self._window,
            self.tr("Show caller"),
            self.tr("Phone number:"),
            QLineEdit.EchoMode.Normal,
        )
        if ok and number.strip():
            self.show_caller(number)

    def show_caller(self, number: str) -> None:
        """Bring the window forward and show who calls from ``number``."""
        self._generation += 1
        generation = self._generation
        self._bring_forward()
        self.pop.show_looking_up(number)
        self.pop.show()
        self.pop.raise_()
        self.pop.activateWindow()
        ctx = self._ctx

        def work(_task: Task[CallerCard]) -> CallerCard:
            return callers.screen_pop(ctx, number)

        self._window.tasks.run(
            work,
            partial(self._card_read, generation),
            partial(self._card_failed, generation, number),
        )

    def _bring_forward(self) -> None:
        window = self._window
        if window.isMinimized():  # un-minimise, but keep a maximised window maximised
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.raise_()
        window.activateWindow()

    def _card_read(self, generation: int, card: CallerCard) -> None:
        if generation != self._generation:
            return  # another call came in meanwhile: its card wins
        self.pop.show_card(card)
        if not card.known and self._ctx.actor.can(Permission.HANDLE_COMPLAINTS):
            self.new_complaint_for_caller()

    def _card_failed(self, generation: int, number: str, error: Exception) -> None:
        if generation == self._generation:
            self.pop.show_problem(number, str(error))

    def _refresh_card(self) -> None:
        card = self.pop.card
        if card is not None and self.pop.isVisible():
            self.show_caller(card.number)

    def open_complaint(self, complaint_id: uuid.UUID) -> None:
        """Open a complaint of the caller in the main window."""
        self._window.show_complaint(complaint_id)
        self._window.raise_()
        self._window.activateWindow()

    # --- capture ---

    def new_complaint_for_caller(self) -> None:
        """Open the new-complaint form for the caller shown (prefilled)."""
        card = self.pop.card
        if card is not None:
            read = partial(directory.categories, self._ctx)
            self._window.operations.read(read, partial(self._complaint_form, card))

    def _complaint_form(self, card: CallerCard, categories: tuple[Choice, ...]) -> None:
        dialog = CallComplaintDialog(card.number, card.name, card.customer_id, categories, self.pop)

        def submit() -> None:
            work = partial(calls.record_from_call, self._ctx, dialog.call_complaint())
            changes = Changes(queues=True, notifications=True)
            self._window.operations.run(work, changes, form=dialog, done=self._recorded)

        self._open(dialog, submit)

    def _recorded(self, result: IntakeResult) -> None:
        self._window.show_complaint(result.complaint_id)
        self._window.statusBar().showMessage(
            self.tr("{reference} recorded from the call.").format(reference=result.reference),
            30_000,
        )
        self._refresh_card()

    def log_call(self, direction: Direction, line: OpenComplaintLine) -> None:
        """Open the call-notes form on one of the caller's complaints."""
        number = self.pop.card.number if self.pop.card is not None else None
        self._notes_form(line.id, line.reference, line.subject, number, direction)

    def log_outbound(self) -> None:
        """Log a call the agent made to the customer of the complaint shown."""
        shown = self._window.detail.shown
        if shown is None:
            self._window.statusBar().showMessage(
                self.tr("Open the complaint you called the customer about first."), 30_000
            )
            return
        phones = [c.value for c in shown.contacts if c.kind == "phone"]
        number = phones[0] if phones else None
        self._notes_form(shown.id, shown.reference, shown.subject, number, Direction.OUTBOUND)

    def _notes_form(
        self,
        complaint_id: uuid.UUID,
        reference: str,
        subject: str,
        number: str | None,
        direction: Direction,
    ) -> None:
        parent = self.pop if self.pop.isVisible() else self._window
        dialog = CallNotesDialog(reference, subject, number, direction, parent)

        def submit() -> None:
            work = partial(calls.log_call, self._ctx, complaint_id, dialog.call_notes())
            self._window.operations.run(
                work,
                Changes.complaint(complaint_id),
                form=dialog,
                done=lambda _id: self._refresh_card(),
            )

        self._open(dialog, submit)

    def _open(self, dialog: FormDialog, submit: object) -> None:
        dialog.submitted.connect(submit)
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()


def attach_phone(window: MainWindow, connection: Connection, ctx: ServiceContext) -> PhoneDesk:
    """Give ``window`` its phone desk, taking calls for ``connection``'s database."""
    desk = PhoneDesk(window, ctx)
    desk.listen(connection.description)
    return desk

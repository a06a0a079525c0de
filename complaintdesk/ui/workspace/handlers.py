"""What each complaint action does: open its form, then call its service off the GUI thread.

Every call is built when the person presses OK, with the version the workspace shows at
that moment: after a conflict and a Reload, the retry carries the new version.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from complaintdesk.domain.vocabulary import LetterKind, Status
from complaintdesk.services.admin import organisation, root_causes
from complaintdesk.services.admin.organisation import FunctionView
from complaintdesk.services.complaints import (
    commitments,
    contributions,
    directory,
    lifecycle,
    messages,
    ownership,
)
from complaintdesk.services.complaints.directory import Choice, PersonChoice
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.outbound import template_admin
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.dialogs.form import FormDialog
from complaintdesk.ui.dialogs.people import OwnerDialog
from complaintdesk.ui.dialogs.requests import AskDialog, ReplyDialog
from complaintdesk.ui.dialogs.resolve import ResolveDialog
from complaintdesk.ui.dialogs.response import ResponseDialog
from complaintdesk.ui.dialogs.simple import CommitmentDialog, TextDialog
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.widgets import while_alive
from complaintdesk.ui.window.undo import LastAction, Undoable
from complaintdesk.ui.workspace.complaint_view import Workspace
from complaintdesk.ui.workspace.composer import Composer

if TYPE_CHECKING:  # intake (phone numbers, customers) is imported when a form records one
    from complaintdesk.services.complaints.intake import IntakeResult

T = TypeVar("T")
Work = Callable[[], object]
Recorded = Callable[["IntakeResult"], None]


class Handlers(QObject):
    """The handlers behind the complaint actions of one window.

    Args:
        window: the parent of the forms.
        ctx: the signed-in caller.
        operations: runs the service calls.
        workspace: the complaint shown, and the request and commitment pointed at.
        recorded: told about a complaint recorded through "New complaint".
    """

    def __init__(
        self,
        window: QWidget,
        ctx: ServiceContext,
        operations: Operations,
        workspace: Workspace,
        recorded: Recorded,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._ops = operations
        self._workspace = workspace
        self._recorded = recorded
        self.dialog: FormDialog | None = None
        """The form opened last (tests drive it)."""
        self.last_action = LastAction(window, operations)
        """The last reversible action (Ctrl+Z)."""
        self._reloaded: dict[uuid.UUID, int] = {}
        operations.reloaded.connect(self._accept_reload)

    # --- plumbing ---

    def _shown(self) -> ComplaintDetail:
        detail = self._workspace.detail
        if detail is None:
            raise RuntimeError("no complaint is shown")  # actions are disabled then
        return detail

    def _version(self, detail: ComplaintDetail) -> int:
        """The version the person saw when they opened the form, or the one they reloaded.

        The shown complaint refreshes by itself when someone else changes it; a form opened
        before still carries what the person saw, so their OK over that change is a
        concurrent edit they are shown — until they press Reload in it.
        """
        return max(detail.version, self._reloaded.get(detail.id, 0))

    def _accept_reload(self) -> None:
        shown = self._workspace.detail
        if shown is not None:
            self._reloaded[shown.id] = shown.version

    def _open(
        self,
        dialog: FormDialog,
        build: Callable[[], Work],
        changes: Changes,
        done: Callable[[Any], None] | None = None,
    ) -> None:
        def submit() -> None:
            self._ops.run(build(), changes, form=dialog, done=done)

        dialog.submitted.connect(submit)
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def _on_shown(self, call: Callable[[ComplaintDetail, int], object]) -> None:
        detail = self._shown()
        version = detail.version
        self._ops.run(lambda: call(detail, version), Changes.complaint(detail.id))

    def _status(self, target: Status) -> None:
        ctx = self._ctx
        self._on_shown(lambda d, v: lifecycle.change_status(ctx, d.id, target, v))

    # --- actions without a form ---

    def take(self) -> None:
        """Make the signed-in person the owner."""
        ctx, d = self._ctx, self._shown()
        version, what = d.version, self.tr("take of {reference}").format(reference=d.reference)
        undo = partial(self._undo_owner, d, what)
        self._ops.run(
            lambda: ownership.take(ctx, d.id, version), Changes.complaint(d.id), done=undo
        )

    def _undo_owner(self, detail: ComplaintDetail, what: str, version: int) -> None:
        """Remember how to give ``detail`` back to the owner it had before ``what``."""
        inverse = partial(
            ownership.restore_owner, self._ctx, detail.id, detail.owner_id, "undo", version
        )
        self.last_action.remember(Undoable(what, inverse, Changes.complaint(detail.id)))

    def acknowledge(self) -> None:
        """Acknowledge the complaint."""
        self._status(Status.ACKNOWLEDGED)

    def start_work(self) -> None:
        """Move the complaint to in progress."""
        self._status(Status.IN_PROGRESS)

    def close(self) -> None:
        """Close a resolved complaint."""
        self._status(Status.CLOSED)

    def fulfil(self) -> None:
        """The customer provided what the pointed-at commitment asked."""
        self._on_commitment(commitments.fulfil)

    def not_yet(self) -> None:
        """What the customer sent does not fulfil the pointed-at commitment: still awaited."""
        self._on_commitment(commitments.not_yet)

    def remind(self) -> None:
        """Record that the customer was reminded of the pointed-at commitment."""
        self._on_commitment(commitments.remind)

    def _on_commitment(self, call: Callable[[ServiceContext, Any], object]) -> None:
        detail, commitment = self._shown(), self._workspace.awaited.selected_commitment()
        if commitment is not None:
            work = partial(call, self._ctx, commitment.id)
            self._ops.run(work, Changes.complaint(detail.id))

    # --- actions with a form ---

    def new_complaint(self) -> None:
        """Record a complaint taken on the phone or at the counter."""
        self._ops.read(partial(directory.categories, self._ctx), self._new_complaint_form)

    def _new_complaint_form(self, categories: tuple[Choice, ...]) -> None:
        from complaintdesk.services.complaints import intake
        from complaintdesk.ui.dialogs.new_complaint import NewComplaintDialog

        dialog = NewComplaintDialog(categories, self._window)

        def build() -> Work:
            return partial(intake.record_complaint, self._ctx, dialog.new_complaint())

        self._open(dialog, build, Changes(queues=True, notifications=True), self._recorded)

    def transfer(self) -> None:
        """Hand the complaint to a colleague, with a reason."""
        self._ops.read(partial(directory.possible_owners, self._ctx), self._transfer_form)

    def _transfer_form(self, people: tuple[PersonChoice, ...]) -> None:
        d = self._shown()
        title = self.tr("Transfer {reference}").format(reference=d.reference)
        dialog = OwnerDialog(
            title,
            self.tr("&Transfer"),
            people,
            current_owner=d.owner_id,
            with_reason=True,
            parent=self._window,
        )

        def build() -> Work:
            chosen, reason = dialog.chosen(), dialog.reason.toPlainText()
            return partial(ownership.transfer, self._ctx, d.id, chosen, reason, self._version(d))

        what = self.tr("transfer of {reference}").format(reference=d.reference)
        self._open(dialog, build, Changes.complaint(d.id), partial(self._undo_owner, d, what))

    def assign(self) -> None:
        """Give an unowned complaint to a colleague (supervisors)."""
        self._ops.read(partial(directory.possible_owners, self._ctx), self._assign_form)

    def _assign_form(self, people: tuple[PersonChoice, ...]) -> None:
        d = self._shown()
        title = self.tr("Assign {reference}").format(reference=d.reference)
        dialog = OwnerDialog(
            title,
            self.tr("&Assign"),
            people,
            current_owner=None,
            with_reason=False,
            parent=self._window,
        )

        def build() -> Work:
            return partial(ownership.assign, self._ctx, d.id, dialog.chosen(), self._version(d))

        what = self.tr("assignment of {reference}").format(reference=d.reference)
        self._open(dialog, build, Changes.complaint(d.id), partial(self._undo_owner, d, what))

    def ask(self) -> None:
        """Ask one or more functions a question."""
        self._ops.read(partial(organisation.list_functions, self._ctx), self._ask_form)

    def _ask_form(self, functions: tuple[FunctionView, ...]) -> None:
        d = self._shown()
        dialog = AskDialog(d.reference, functions, self._window)

        def build() -> Work:
            codes, question = dialog.chosen(), dialog.question.toPlainText()
            return partial(contributions.ask, self._ctx, d.id, codes, question, self._version(d))

        self._open(dialog, build, Changes.complaint(d.id))

    def answer(self) -> None:
        """Answer the pointed-at request for the person's function."""
        self._reply(declining=False)

    def decline(self) -> None:
        """Decline the pointed-at request, with a reason."""
        self._reply(declining=True)

    def _reply(self, *, declining: bool) -> None:
        d, request = self._shown(), self._workspace.awaited.selected_request()
        if request is None:
            return
        dialog = ReplyDialog(request, declining=declining, parent=self._window)
        call = contributions.decline if declining else contributions.answer

        def build() -> Work:
            return partial(call, self._ctx, request.id, dialog.text.toPlainText())

        self._open(dialog, build, Changes.complaint(d.id))

    def cancel_request(self) -> None:
        """Withdraw the pointed-at question, with a reason."""
        d, request = self._shown(), self._workspace.awaited.selected_request()
        if request is None:
            return
        dialog = TextDialog(
            self.tr("Cancel the request to {function}").format(function=request.function_name),
            self.tr("Cancel &request"),
            self.tr("&Reason:"),
            self.tr("Why the answer is no longer needed"),
            intro=self.tr("Question: {question}").format(question=request.question),
            parent=self._window,
        )

        def build() -> Work:
            return partial(contributions.cancel, self._ctx, request.id, dialog.value())

        self._open(dialog, build, Changes.complaint(d.id))

    def add_commitment(self) -> None:
        """Record what the customer must provide, and by when."""
        d = self._shown()
        dialog = CommitmentDialog(self._window)

        def build() -> Work:
            what, due = dialog.what.toPlainText(), dialog.due_at()
            return partial(commitments.add, self._ctx, d.id, what, due, self._version(d))

        self._open(dialog, build, Changes.complaint(d.id))

    def respond(self) -> None:
        """Answer the customer in the composer under the timeline (any channel)."""
        composer = self._workspace.composer
        if isinstance(composer, Composer):
            composer.start_reply()

    def letter(self) -> None:
        """Record a regulated letter (final response, holding reply…) or an answer, in a form."""
        d = self._shown()
        offered = LetterKind.SUMMARY_RESOLUTION in d.letters  # the UK's ombudsman wording
        composer = self._workspace.composer
        channel = composer.chosen_channel if isinstance(composer, Composer) else None
        dialog = ResponseDialog(
            channel or d.channel, d.letters, waiver_offered=offered, parent=self._window
        )
        if isinstance(composer, Composer) and composer.text.toPlainText().strip():
            dialog.text.setPlainText(composer.text.toPlainText())  # what they began, to finish

        def draft() -> None:
            letter = dialog.letter()
            if letter is None:
                return
            work = partial(
                template_admin.draft_letter,
                self._ctx,
                d.id,
                letter,
                waives_time_limits=dialog.waiver.isChecked(),
                final_response_by=dialog.promised_by(),
            )
            self._ops.read(work, while_alive(dialog, lambda letter: dialog.set_draft(letter.body)))

        def build() -> Work:
            channel, text = dialog.chosen_channel(), dialog.text.toPlainText()
            return partial(
                messages.record_response,
                self._ctx,
                d.id,
                channel,
                text,
                self._version(d),
                letter=dialog.letter(),
                promised_by=dialog.promised_by(),
            )

        def recorded(_message_id: object) -> None:
            if isinstance(composer, Composer):
                composer.sent_elsewhere(d.id)  # what they began in it went with the letter

        dialog.draft_asked.connect(draft)
        self._open(dialog, build, Changes.complaint(d.id, queues=False), recorded)

    def note(self) -> None:
        """Write an internal note in the composer (never shown to the customer)."""
        composer = self._workspace.composer
        if isinstance(composer, Composer):
            composer.start_note()

    def resolve(self) -> None:
        """Resolve with outcome, remedy, amount and root cause."""
        self._ops.read(partial(root_causes.resolution_choices, self._ctx), self._resolve_form)

    def _resolve_form(self, choices: root_causes.ResolutionChoices) -> None:
        d = self._shown()
        still_open = tuple(r for r in d.requests if r.state == "open")
        dialog = ResolveDialog(
            d.reference, choices.causes, still_open, d.currency, self._window, choices.functions
        )

        def build() -> Work:
            resolution, reason = dialog.resolution(), dialog.reason()
            return partial(lifecycle.resolve, self._ctx, d.id, resolution, self._version(d), reason)

        self._open(dialog, build, Changes.complaint(d.id))

    def withdraw(self) -> None:
        """Record that the customer withdrew the complaint, and why."""
        d = self._shown()
        dialog = TextDialog(
            self.tr("Withdraw {reference}").format(reference=d.reference),
            self.tr("&Withdraw"),
            self.tr("&Reason:"),
            self.tr("What the customer said"),
            intro=self.tr("Open contribution requests are cancelled with it."),
            parent=self._window,
        )

        def build() -> Work:
            return partial(lifecycle.withdraw, self._ctx, d.id, dialog.value(), self._version(d))

        self._open(dialog, build, Changes.complaint(d.id))

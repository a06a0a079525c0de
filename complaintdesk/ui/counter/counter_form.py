"""The counter form: a branch clerk records a complaint face to face, then prints its receipt.

Built for the keyboard: the clerk types a name, phone or email in *Find* and the known
customers appear below (Down and Enter pick one), Tab walks the fields in reading order,
Ctrl+Enter records, Esc asks before throwing away what was typed. It needs nothing but the
local database, so a branch without network keeps working.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from complaintdesk.domain.vocabulary import ContactKind
from complaintdesk.services.complaints import directory
from complaintdesk.services.complaints.directory import Choice
from complaintdesk.services.complaints.intake import IntakeResult
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import counter
from complaintdesk.services.inbound.counter import CounterComplaint, CustomerMatch
from complaintdesk.ui import labels
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.counter.receipt_printing import ReceiptDialog
from complaintdesk.ui.dialogs.customer_lines import add_customer_lines, typed_contacts
from complaintdesk.ui.dialogs.form import FormDialog, MoneyField, combo, line_edit, text_edit
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.tasks import Task, TaskRunner

LANGUAGES = ("en", "fr")
LOOKUP_DELAY_MS = 250
"""Pause in typing before the customers are looked up (one query per pause, not per key)."""
_MATCH_ROLE = Qt.ItemDataRole.UserRole
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CounterDialog(FormDialog):
    """Customer (found or new), what happened, what they want, the amount; OK records it.

    Args:
        categories: the category taxonomy (the category is optional).
        language: the language offered first for a new customer.
        parent: the main window.
    """

    lookup_requested = Signal(str)
    """The clerk paused typing in *Find*: look these customers up."""

    def __init__(
        self, categories: tuple[Choice, ...], language: str = "en", parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Counter complaint"),
            self.tr("&Record complaint"),
            intro=self.tr(
                "Find the customer by name, phone or email, or type a new one. The complaint "
                "is yours once recorded; the customer takes a printed receipt."
            ),
            parent=parent,
        )
        self.chosen: CustomerMatch | None = None
        self.discard_box: QMessageBox | None = None
        self._discard_confirmed = False
        self._timer = QTimer(self, singleShot=True, interval=LOOKUP_DELAY_MS)
        self._timer.timeout.connect(self._request_lookup)
        self._add_find()
        self._add_customer_fields(language)
        self._add_complaint_fields(categories)
        self._order_tabs()
        self.setMinimumWidth(560)
        self.finder.setFocus()

    # --- building ---

    def _add_find(self) -> None:
        self.finder = self.add_field(
            self.tr("&Find customer:"), line_edit(placeholder=self.tr("Name, phone or email"))
        )
        self.matches = QListWidget()
        self.matches.setAccessibleName(self.tr("Known customers"))
        self.matches.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        self.matches.hide()
        self.form.addRow("", self.matches)
        self.match_note = QLabel()
        self.match_note.setTextFormat(Qt.TextFormat.PlainText)
        self.match_note.setWordWrap(True)
        self.form.addRow("", self.match_note)
        self.finder.textEdited.connect(lambda _text: self._timer.start())
        self.matches.itemActivated.connect(self._activated)
        for widget in (self.finder, self.matches):
            widget.installEventFilter(self)

    def _add_customer_fields(self, language: str) -> None:
        self.customer_name, self.phone, self.email = add_customer_lines(self)
        self.postcode = self.add_field(self.tr("Post&code:"), line_edit())
        languages = [(labels.language_label(code), code) for code in LANGUAGES]
        self.language = self.add_field(self.tr("Receipt &language:"), combo(languages, language))

    def _add_complaint_fields(self, categories: tuple[Choice, ...]) -> None:
        choices = [(self.tr("(not known yet)"), None), *((c.label, c.value) for c in categories)]
        self.category = self.add_field(self.tr("Ca&tegory:"), combo(choices))
        self.happened = self.add_field(
            self.tr("&What happened:"), text_edit(self.tr("In the customer's words"), lines=4)
        )
        self.wants = self.add_field(
            self.tr("What they &want:"),
            text_edit(self.tr("A refund, a replacement, an apology…"), lines=2),
        )
        self.money = self.add_field(self.tr("&Amount:"), MoneyField(self.tr("Amount at stake")))

    def _order_tabs(self) -> None:
        chain: list[QWidget] = [
            self.finder,
            self.matches,
            self.customer_name,
            self.phone,
            self.email,
            self.postcode,
            self.language,
            self.category,
            self.happened,
            self.wants,
            self.money.amount,
            self.money.currency,
            self.ok_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- finding the customer ---

    def _request_lookup(self) -> None:
        self.lookup_requested.emit(self.finder.text())

    def show_matches(self, typed: str, found: tuple[CustomerMatch, ...]) -> None:
        """List the customers found for ``typed`` (dropped if the clerk typed on since)."""
        if typed != self.finder.text():
            return
        self.matches.clear()
        for match in found:
            item = QListWidgetItem(self._describe(match))
            item.setData(_MATCH_ROLE, match)
            self.matches.addItem(item)
        self.matches.setVisible(bool(found))
        if found:
            self.matches.setCurrentRow(0)
            self.match_note.setText("")
        elif len(typed.strip()) >= counter.MIN_TYPED:
            self.match_note.setText(self.tr("No known customer: fill in a new one below."))

    def show_lookup_problem(self, message: str) -> None:
        """Say the lookup failed; the clerk can still type a new customer."""
        self.match_note.setText(self.tr("Could not look customers up: {}").format(message))

    def _describe(self, match: CustomerMatch) -> str:
        parts = [match.display_name, match.phone, match.email, match.postcode]
        return " · ".join(part for part in parts if part)

    def _activated(self, item: QListWidgetItem) -> None:
        match = item.data(_MATCH_ROLE)
        if isinstance(match, CustomerMatch):
            self.choose(match)

    def choose(self, match: CustomerMatch) -> None:
        """Fill the customer fields from a known customer and move on to the complaint."""
        self.chosen = match
        self.customer_name.setText(match.display_name)
        self.phone.setText(match.phone or "")
        self.email.setText(match.email or "")
        self.postcode.setText(match.postcode or "")
        self.language.setCurrentIndex(max(self.language.findData(match.language), 0))
        self.matches.hide()
        self.match_note.setText(
            self.tr("Known customer: {name}. The complaint joins their history.").format(
                name=match.display_name
            )
        )
        self.category.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in Find or in the list picks a customer; it must not record the complaint.
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if watched is self.finder and event.key() == Qt.Key.Key_Down and self.matches.count():
                self.matches.setFocus()
                return True
            plain = not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if event.key() in _ENTER and plain and watched in (self.finder, self.matches):
                item = self.matches.currentItem()
                if item is not None and self.matches.isVisible():
                    self._activated(item)
                return True
        return super().eventFilter(watched, event)

    def show_error(self, message: str, field: str = "") -> None:
        """Show ``message``; a refused phone number also says how to write one."""
        if field == ContactKind.PHONE.value:
            message = self.tr(
                "{problem} Type the number as the customer gives it, e.g. 06 12 34 56 78, "
                "or with its country code, e.g. +44 20 7946 0958."
            ).format(problem=message)
        super().show_error(message, field)

    # --- the complaint ---

    def check(self) -> str:
        """Refuse what is plainly missing before asking the services."""
        if not self.customer_name.text().strip() and not self.chosen:
            self.customer_name.setFocus()
            return self.tr("Give the customer's name, or find them above.")
        if not self.happened.toPlainText().strip():
            self.happened.setFocus()
            return self.tr("Write what happened, in the customer's words.")
        if not self.money.is_valid():
            self.money.amount.setFocus()
            return self.tr("The amount is a number such as 42.50.")
        return ""

    def counter_complaint(self) -> CounterComplaint:
        """Return the complaint as typed (read on the GUI thread, before the service runs)."""
        customer = CustomerInput(
            self.customer_name.text().strip(),
            typed_contacts(self.phone, self.email),
            language=str(self.language.currentData()),
            postcode=self.postcode.text().strip() or None,
        )
        amount = self.money.value()
        return CounterComplaint(
            customer=customer,
            what_happened=self.happened.toPlainText(),
            what_they_want=self.wants.toPlainText(),
            category_code=self.category.currentData(),
            amount=amount,
            currency=self.money.currency_code() if amount is not None else None,
        )

    # --- leaving without recording ---

    def has_typed(self) -> bool:
        """True when closing would throw away something the clerk typed."""
        lines = (self.finder, self.customer_name, self.phone, self.email, self.postcode)
        texts = (self.happened, self.wants)
        return (
            any(edit.text().strip() for edit in lines)
            or any(edit.toPlainText().strip() for edit in texts)
            or bool(self.money.amount.text().strip())
        )

    def reject(self) -> None:
        """Esc, Cancel or the close box: ask first when something was typed."""
        if self.busy:
            return
        if self._discard_confirmed or not self.has_typed():
            super().reject()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard this complaint?"),
            self.tr("What you typed has not been recorded and will be lost."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("&Keep typing"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter or Esc keep the form
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(self._discard_answered)
        self.discard_box = box
        box.open()

    def _discard_answered(self, answer: int) -> None:
        if answer == QMessageBox.StandardButton.Discard.value:
            self._discard_confirmed = True
            super().reject()


class CounterDesk(QObject):
    """Opens the counter form, looks customers up as the clerk types, records, offers the receipt.

    Args:
        window: the parent of the forms.
        ctx: the signed-in clerk (or agent).
        operations: runs the recording like every other change.
        recorded: told about the complaint recorded (the window shows it).
    """

    def __init__(
        self,
        window: QWidget,
        ctx: ServiceContext,
        operations: Operations,
        recorded: Callable[[IntakeResult], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._ops = operations
        self._recorded = recorded
        self._lookups = TaskRunner(self, max_threads=1)
        self._lookup: Task[tuple[CustomerMatch, ...]] | None = None
        self.dialog: CounterDialog | None = None
        """The counter form opened last (tests drive it)."""
        self.receipt_dialog: ReceiptDialog | None = None
        """The receipt offered last."""

    def open(self) -> None:
        """Open the counter form once the categories are read."""
        self._ops.read(partial(directory.categories, self._ctx), self._open_form)

    def _open_form(self, categories: tuple[Choice, ...]) -> None:
        dialog = CounterDialog(categories, self._ctx.actor.language, self._window)
        dialog.lookup_requested.connect(self._look_up)
        dialog.submitted.connect(partial(self._record, dialog))
        dialog.finished.connect(self._cancel_lookup)
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def _look_up(self, typed: str) -> None:
        self._cancel_lookup()
        dialog, ctx = self.dialog, self._ctx
        if dialog is None:
            return
        self._lookup = self._lookups.run(
            lambda _task: counter.find_customers(ctx, typed),
            partial(dialog.show_matches, typed),
            lambda error: dialog.show_lookup_problem(str(error)),
        )

    def _cancel_lookup(self) -> None:
        if self._lookup is not None:
            self._lookup.cancel()
            self._lookup = None

    def _record(self, dialog: CounterDialog) -> None:
        work = partial(counter.record_counter_complaint, self._ctx, dialog.counter_complaint())
        self._ops.run(work, Changes(queues=True, notifications=True), form=dialog, done=self._done)

    def _done(self, result: IntakeResult) -> None:
        self._recorded(result)
        if self.receipt_dialog is not None:
            self.receipt_dialog.deleteLater()
        self.receipt_dialog = ReceiptDialog(self._ctx, result.complaint_id, self._window)
        self.receipt_dialog.open()

    def shutdown(self) -> None:
        """Stop the lookups still running (the window is closing)."""
        self._lookups.shutdown()

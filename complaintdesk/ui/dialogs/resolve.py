"""Resolving a complaint: outcome, remedy, money, root cause — and open requests settled."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.vocabulary import Outcome
from complaintdesk.services.complaints.directory import Choice
from complaintdesk.services.read_models import RequestView
from complaintdesk.ui import labels
from complaintdesk.ui.dialogs.form import FormDialog, MoneyField, combo, text_edit


class ResolveDialog(FormDialog):
    """What the customer and a regulator will read about how the complaint was decided.

    Args:
        reference: the complaint's reference (in the title).
        causes: the root causes to choose from.
        open_requests: contribution requests still open (they need a reason to cancel).
        currency: the complaint's currency, if it has one.
        parent: the main window.
    """

    def __init__(
        self,
        reference: str,
        causes: tuple[Choice, ...],
        open_requests: tuple[RequestView, ...],
        currency: str | None = None,
        parent: QWidget | None = None,
        functions: tuple[Choice, ...] = (),
    ) -> None:
        super().__init__(
            self.tr("Resolve {reference}").format(reference=reference),
            self.tr("&Resolve"),
            intro=self._intro(open_requests),
            parent=parent,
        )
        self._add_decision(currency)
        choices = [(self.tr("Choose the root cause…"), None), *((c.label, c.value) for c in causes)]
        self.root_cause = self.add_field(self.tr("Root &cause:"), combo(choices))
        # The function responsible for the cause may not be the one that helped resolve.
        self._cause_functions = {c.value: c.detail for c in causes}
        responsible: list[tuple[str, object]] = [(self.tr("The cause's own function"), None)]
        responsible += [(f.label, f.value) for f in functions]
        self.cause_function = self.add_field(self.tr("Cause is &on:"), combo(responsible))
        self.cause_function.setToolTip(
            self.tr("The function that must fix the cause (it may differ from who helped)")
        )
        self.root_cause.currentIndexChanged.connect(self._cause_chosen)
        self.cancel_reason = text_edit(self.tr("Why the open requests are no longer needed"), 2)
        if open_requests:
            self.add_field(self.tr("Cancel open requests &because:"), self.cancel_reason)
        self.outcome.setFocus()

    def _cause_chosen(self) -> None:
        function = self._cause_functions.get(str(self.root_cause.currentData() or ""))
        index = self.cause_function.findData(function) if function else 0
        self.cause_function.setCurrentIndex(max(index, 0))

    def _add_decision(self, currency: str | None) -> None:
        outcomes = [(labels.outcome_label(o), o) for o in Outcome]
        self.outcome = self.add_field(self.tr("&Outcome:"), combo(outcomes))
        self.remedy = self.add_field(
            self.tr("Re&medy:"),
            text_edit(self.tr("What the customer gets (it may be 'none, explained')"), lines=3),
        )
        self.money_involved = self.add_field(
            self.tr("Mone&y:"), QCheckBox(self.tr("Money is involved"))
        )
        self.money = self.add_field(self.tr("&Amount:"), MoneyField(self.tr("Amount"), currency))
        self.money.setEnabled(False)  # until money is involved
        self.money_involved.toggled.connect(self.money.setEnabled)

    def _intro(self, open_requests: tuple[RequestView, ...]) -> str:
        if not open_requests:
            return self.tr("The customer reads the outcome and the remedy.")
        functions = ", ".join(sorted({r.function_name for r in open_requests}))
        return self.tr(
            "Still waiting for an answer from: {functions}. Resolving cancels what is open, "
            "so say why it is no longer needed."
        ).format(functions=functions)

    def check(self) -> str:
        """Refuse what is plainly missing before asking the services."""
        if self.money_involved.isChecked() and not self.money.is_valid():
            return self.tr("The amount is a number such as 42.50.")
        return ""

    def resolution(self) -> Resolution:
        """Return the resolution as typed; the services check it is complete."""
        involved = self.money_involved.isChecked()
        amount = self.money.value() if involved else None
        return Resolution(
            outcome=Outcome(self.outcome.currentData()),
            remedy=self.remedy.toPlainText(),
            root_cause_code=str(self.root_cause.currentData() or ""),
            amount=amount,
            currency=self.money.currency_code() if amount is not None else None,
            money_involved=involved,
            root_cause_function_code=self.cause_function.currentData() or None,
        )

    def reason(self) -> str | None:
        """Return why open requests are cancelled (None when none is given)."""
        return self.cancel_reason.toPlainText().strip() or None

"""Resolving a complaint: outcome, remedy, money, root cause — and open requests settled."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.vocabulary import Outcome
from complaintdesk.services.directory import Choice
from complaintdesk.services.read_models import RequestView
from complaintdesk.ui import labels
from complaintdesk.ui.dialogs.form import FormDialog, combo, line_edit, text_edit
from complaintdesk.ui.dialogs.new_complaint import AMOUNT, CURRENCIES


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
    ) -> None:
        super().__init__(
            self.tr("Resolve {reference}").format(reference=reference),
            self.tr("&Resolve"),
            intro=self._intro(open_requests),
            parent=parent,
        )
        outcomes = [(labels.outcome_label(o), o) for o in Outcome]
        self.outcome = self.add_field(self.tr("&Outcome:"), combo(outcomes))
        self.remedy = self.add_field(
            self.tr("Re&medy:"),
            text_edit(self.tr("What the customer gets (it may be 'none, explained')"), lines=3),
        )
        self.money = self.add_field(self.tr("Mone&y:"), QCheckBox(self.tr("Money is involved")))
        self.amount = line_edit(placeholder="0.00")
        self.amount.setValidator(QRegularExpressionValidator(AMOUNT, self.amount))
        self.currency = combo([(code, code) for code in CURRENCIES], currency or "EUR")
        self.currency.setAccessibleName(self.tr("Currency"))
        self.add_field(self.tr("&Amount:"), self._amount_row())
        self.amount.setAccessibleName(self.tr("Amount"))
        choices = [(self.tr("Choose the root cause…"), None), *((c.label, c.value) for c in causes)]
        self.root_cause = self.add_field(self.tr("Root &cause:"), combo(choices))
        self.cancel_reason = text_edit(self.tr("Why the open requests are no longer needed"), 2)
        if open_requests:
            self.add_field(self.tr("Cancel open requests &because:"), self.cancel_reason)
        self.money.toggled.connect(self._money_toggled)
        self._money_toggled(False)
        self.outcome.setFocus()

    def _intro(self, open_requests: tuple[RequestView, ...]) -> str:
        if not open_requests:
            return self.tr("The customer reads the outcome and the remedy.")
        functions = ", ".join(sorted({r.function_name for r in open_requests}))
        return self.tr(
            "%n contribution request(s) still open ({functions}): resolving cancels them, "
            "so say why they are no longer needed.",
            "",
            len(open_requests),
        ).format(functions=functions)

    def _amount_row(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.amount, 1)
        line.addWidget(self.currency)
        return row

    def _money_toggled(self, on: bool) -> None:
        self.amount.setEnabled(on)
        self.currency.setEnabled(on)

    def check(self) -> str:
        """Refuse what is plainly missing before asking the services."""
        if self.money.isChecked() and self.amount.text() and self._amount() is None:
            return self.tr("The amount is a number such as 42.50.")
        return ""

    def _amount(self) -> Decimal | None:
        text = self.amount.text().strip().replace(",", ".")
        if not self.money.isChecked() or not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None

    def resolution(self) -> Resolution:
        """Return the resolution as typed; the services check it is complete."""
        amount = self._amount()
        return Resolution(
            outcome=Outcome(self.outcome.currentData()),
            remedy=self.remedy.toPlainText(),
            root_cause_code=str(self.root_cause.currentData() or ""),
            amount=amount,
            currency=str(self.currency.currentData()) if amount is not None else None,
            money_involved=self.money.isChecked(),
        )

    def reason(self) -> str | None:
        """Return why open requests are cancelled (None when none is given)."""
        return self.cancel_reason.toPlainText().strip() or None

"""The base of every form: OK runs a service, the form stays open until it succeeds.

A refused form keeps everything typed; the message appears next to the field it concerns
(an invalid phone number under the phone field) or above the buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from PySide6.QtCore import QLocale, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.ui.session.sign_in import ErrorLabel

W = TypeVar("W", bound=QWidget)
CURRENCIES = ("EUR", "GBP", "USD")
AMOUNT = QRegularExpression(r"^\d{0,9}([.,]\d{0,2})?$")


def line_edit(text: str = "", placeholder: str = "") -> QLineEdit:
    """Return a one-line field."""
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


def text_edit(placeholder: str = "", lines: int = 4) -> QPlainTextEdit:
    """Return a multi-line field where Tab moves on (keyboard-only use) instead of indenting."""
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


def combo(choices: Sequence[tuple[str, object]], current: object = None) -> QComboBox:
    """Return a drop-down of ``(label, value)`` choices, ``current`` selected if present."""
    box = QComboBox()
    for label, value in choices:
        box.addItem(label, value)
    index = box.findData(current) if current is not None else -1
    box.setCurrentIndex(max(index, 0))
    return box


class MoneyField(QWidget):
    """An amount (digits, two decimals at most) and its currency, side by side.

    Args:
        name: what the amount is, for screen readers.
        currency: the currency chosen at first (EUR if None).
    """

    def __init__(self, name: str, currency: str | None = None) -> None:
        super().__init__()
        self.amount = line_edit(placeholder=QLocale().toString(0.0, "f", 2))  # 0,00 in French
        self.amount.setValidator(QRegularExpressionValidator(AMOUNT, self.amount))
        self.amount.setAccessibleName(name)
        self.currency = combo([(code, code) for code in CURRENCIES], currency or "EUR")
        self.currency.setAccessibleName(self.tr("Currency"))
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.amount, 1)
        line.addWidget(self.currency)
        self.setFocusProxy(self.amount)  # the label's mnemonic lands in the amount

    def value(self) -> Decimal | None:
        """Return the amount typed (None when empty or not a number)."""
        text = self.amount.text().strip().replace(",", ".")
        try:
            return Decimal(text) if text else None
        except InvalidOperation:
            return None

    def is_valid(self) -> bool:
        """Return True when the amount is empty or a number."""
        return not self.amount.text().strip() or self.value() is not None

    def currency_code(self) -> str:
        """Return the currency chosen."""
        return str(self.currency.currentData())


class FormDialog(QDialog):
    """A titled form with an inline error, an OK that emits :attr:`submitted`, and Cancel.

    Args:
        title: the window title (what the form does).
        ok_text: the OK button's text, a verb ("Resolve", "Ask").
        intro: a sentence above the fields (plain text), or empty.
        parent: the owning window; the form is modal to it.
    """

    submitted = Signal()
    """OK was pressed and the form's own checks passed: the owner runs the service now."""

    def __init__(
        self, title: str, ok_text: str, *, intro: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.ok_button.setToolTip(self.tr("Ctrl+Enter"))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            layout.addWidget(_intro(intro))
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._field_errors: dict[str, tuple[QWidget, ErrorLabel]] = {}
        self._busy = False
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # submits from inside a multi-line field
            QShortcut(QKeySequence(keys), self).activated.connect(self.submit)
        self.setMinimumWidth(480)

    def add_field(self, label: str, widget: W, *, error_key: str = "") -> W:
        """Add a labelled row; ``error_key`` gives it its own error line under the field.

        Args:
            label: the label with its ``&`` mnemonic ("&Phone:").
            widget: the field.
            error_key: the key under which :meth:`show_error` finds this field.
        """
        if not isinstance(widget, MoneyField):  # its parts carry their own names
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        if not error_key:
            self.form.addRow(label, widget)
            return widget
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        error = ErrorLabel()
        column.addWidget(widget)
        column.addWidget(error)
        self.form.addRow(label, holder)
        buddy = self.form.labelForField(holder)
        if isinstance(buddy, QLabel):
            buddy.setBuddy(widget)  # the mnemonic reaches the field, not its holder
        self._field_errors[error_key] = (widget, error)
        return widget

    @property
    def busy(self) -> bool:
        """True while the service runs: OK is disabled so nothing is sent twice."""
        return self._busy

    def set_busy(self, busy: bool) -> None:
        """Show that the service is running (or has answered)."""
        self._busy = busy
        self.ok_button.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def field_error(self, key: str) -> str:
        """Return the message shown under the field ``key`` (empty if none)."""
        found = self._field_errors.get(key)
        return found[1].text if found and found[1].isVisible() else ""

    def show_error(self, message: str, field: str = "") -> None:
        """Show ``message`` under ``field`` if the form has it, else above the buttons."""
        found = self._field_errors.get(field)
        if found is None:
            self.error.show_message(message)
            return
        widget, label = found
        label.show_message(message)
        widget.setFocus()

    def check(self) -> str:
        """Return why the form cannot be sent as it is (empty when it can); forms override."""
        return ""

    def submit(self) -> None:
        """Check the form and, if it is complete, emit :attr:`submitted`."""
        if self._busy:
            return
        self.error.show_message("")
        for _widget, label in self._field_errors.values():
            label.show_message("")
        problem = self.check()
        if problem:
            self.error.show_message(problem)
            return
        self.submitted.emit()


def _intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label

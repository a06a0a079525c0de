"""The customer's name, phone and email, as the complaint forms ask for them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit

from complaintdesk.domain.vocabulary import ContactKind
from complaintdesk.ui.dialogs.form import FormDialog, line_edit


def _t(text: str) -> str:
    return QCoreApplication.translate("CustomerLines", text)


def add_customer_lines(form: FormDialog) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
    """Add the name, phone and email rows to ``form``; return those three fields.

    Phone and email show their own errors (keys ``phone`` and ``email``).
    """
    name = form.add_field(_t("Customer &name:"), line_edit())
    phone = form.add_field(
        _t("&Phone:"), line_edit(placeholder="06 12 34 56 78"), error_key="phone"
    )
    email = form.add_field(
        _t("&Email:"), line_edit(placeholder="name@example.org"), error_key="email"
    )
    return name, phone, email


def typed_contacts(phone: QLineEdit, email: QLineEdit) -> list[tuple[ContactKind, str]]:
    """Return the contact points typed in ``phone`` and ``email``, blank ones left out."""
    typed = ((ContactKind.PHONE, phone.text()), (ContactKind.EMAIL, email.text()))
    return [(kind, text.strip()) for kind, text in typed if text.strip()]

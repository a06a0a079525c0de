"""The counter form, driven by keys as a clerk at a shop counter drives it.

Set ``COMPLAINTDESK_SHOTS=/some/folder`` to also save what the clerk sees as PNGs.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from complaintdesk.app import Backend
from complaintdesk.domain.vocabulary import Channel, ContactKind
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import counter
from complaintdesk.ui.counter.counter_form import CounterDialog
from complaintdesk.ui.counter.receipt_printing import ReceiptDialog
from complaintdesk.ui.main_window import MainWindow
from tests.support.shop_factory import open_shop
from tests.ui.conftest import Desk
from tests.ui.helpers import CTRL, open_window, press, settle

CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
POINTS_PER_MM = 72 / 25.4


@pytest.fixture
def clerk(sqlite_backend: Backend, cli_ctx: ServiceContext) -> Actor:
    """Julien Petit, clerk at the Paris Opéra shop."""
    return open_shop(sqlite_backend, cli_ctx)


def _shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("COMPLAINTDESK_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _open_counter(qtbot: QtBot, window: MainWindow) -> CounterDialog:
    press(qtbot, window, Qt.Key.Key_N, CTRL_ALT)
    desk = window.complaint_actions.counter
    qtbot.waitUntil(lambda: desk.dialog is not None and desk.dialog.isVisible())
    assert desk.dialog is not None
    return desk.dialog


def _recorded_receipt(qtbot: QtBot, window: MainWindow) -> ReceiptDialog:
    desk = window.complaint_actions.counter
    qtbot.waitUntil(lambda: desk.receipt_dialog is not None)
    dialog = desk.receipt_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.receipt is not None)
    settle(qtbot, window)
    return dialog


def _pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _page_mm(path: Path) -> list[float]:
    box = pypdf.PdfReader(path).pages[0].mediabox
    return [round(float(v) / POINTS_PER_MM, 1) for v in box[2:]]


def test_a_clerk_records_a_known_customer_s_complaint_and_finds_it_in_the_queue(
    qtbot: QtBot,
    connection: Connection,
    clerk: Actor,
    cli_ctx: ServiceContext,
    sqlite_backend: Backend,
    tmp_path: Path,
) -> None:
    emailed = intake.record_complaint(
        cli_ctx,
        intake.NewComplaint(
            channel=Channel.EMAIL,
            subject="Refund still missing",
            description="Bonjour, j'attends toujours mon remboursement.",
            customer=CustomerInput(
                "Élodie Durand",
                [(ContactKind.PHONE, "06 12 34 56 78"), (ContactKind.EMAIL, "elodie@example.org")],
                language="fr",
            ),
        ),
    )
    window = open_window(qtbot, connection, clerk)
    form = _open_counter(qtbot, window)

    qtbot.keyClicks(form.finder, "0612 34")
    qtbot.waitUntil(lambda: form.matches.count() == 1)
    _shot(form, "counter_found")
    qtbot.keyClick(form.finder, Qt.Key.Key_Down)
    qtbot.keyClick(form.matches, Qt.Key.Key_Return)

    assert form.isVisible()  # Enter picked the customer; it did not record anything
    assert form.customer_name.text() == "Élodie Durand"
    assert form.email.text() == "elodie@example.org"
    assert form.language.currentData() == "fr"
    qtbot.keyClicks(form.happened, "Ma carte a ete debitee deux fois pour le meme achat.")
    qtbot.keyClicks(form.wants, "Le remboursement du second debit.")
    qtbot.keyClicks(form.money.amount, "42,50")
    _shot(form, "counter_filled")
    qtbot.keyClick(form.wants, Qt.Key.Key_Return, CTRL)

    receipt_dialog = _recorded_receipt(qtbot, window)
    assert not form.isVisible()
    assert receipt_dialog.receipt is not None
    reference = receipt_dialog.receipt.reference
    assert reference.startswith("PAR01-")
    shown = [window.queue_model.row_at(r) for r in range(window.queue_model.rowCount())]
    assert reference in [row.reference for row in shown if row is not None]
    assert window.detail.shown is not None
    detail = complaints.get_detail(
        ServiceContext(sqlite_backend.uow, clerk), window.detail.shown.id
    )
    assert (detail.reference, detail.channel) == (reference, Channel.SHOP)
    assert detail.customer_id == emailed.customer_id  # one customer, whatever the channel
    assert detail.owner_id == clerk.user_id
    _shot(receipt_dialog, "receipt_offer_a4")

    receipt_dialog.ticket.setChecked(True)
    _shot(receipt_dialog, "receipt_offer_ticket")
    receipt_dialog.ask_path = lambda suggested: str(tmp_path / Path(suggested).name)
    qtbot.mouseClick(receipt_dialog.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / f"{reference}-ticket.pdf"
    assert receipt_dialog.status.text() == f"Saved to {saved}"
    text = _pdf_text(saved)
    assert reference in text
    assert "Nos engagements" in text
    assert _page_mm(saved)[0] == pytest.approx(80, abs=0.5)


def test_a_receipt_prints_on_a_printer_with_the_paper_chosen(
    qtbot: QtBot, clerk: Actor, sqlite_backend: Backend, tmp_path: Path
) -> None:
    ctx = ServiceContext(sqlite_backend.uow, clerk)
    told = counter.CounterComplaint(
        CustomerInput("Oliver Smith", [(ContactKind.EMAIL, "oliver@example.org")]),
        "The phone I bought here stopped charging after two days.",
        "A replacement phone.",
    )
    result = counter.record_counter_complaint(ctx, told)
    dialog = ReceiptDialog(ctx, result.complaint_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded):
        dialog.show()

    for paper_button, name in ((dialog.a4, "a4"), (dialog.ticket, "ticket")):
        paper_button.setChecked(True)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"{name}.pdf"))
        printed = dialog.print_on(printer)
        assert printed is not None
        assert printed.pages == 1

    assert _page_mm(tmp_path / "a4.pdf") == pytest.approx([210, 297], abs=0.5)
    assert _page_mm(tmp_path / "ticket.pdf")[0] == pytest.approx(80, abs=0.5)
    assert "Complaint receipt" in _pdf_text(tmp_path / "ticket.pdf")
    assert result.reference in _pdf_text(tmp_path / "a4.pdf")


def test_an_invalid_phone_keeps_the_form_open_with_everything_typed(
    qtbot: QtBot, connection: Connection, clerk: Actor, sqlite_backend: Backend
) -> None:
    window = open_window(qtbot, connection, clerk)
    form = _open_counter(qtbot, window)
    typed = {
        form.customer_name: "Zoe Martin",
        form.phone: "12 34",
        form.email: "zoe@example.org",
        form.postcode: "75009",
        form.happened: "Le telephone ne charge plus.",
        form.wants: "Un echange.",
        form.money.amount: "89.90",
    }
    form.language.setCurrentIndex(form.language.findData("fr"))
    form.money.currency.setCurrentIndex(form.money.currency.findData("GBP"))
    for field, text in typed.items():
        qtbot.keyClicks(field, text)  # QTest types ASCII only

    qtbot.keyClick(form.happened, Qt.Key.Key_Return, CTRL)
    settle(qtbot, window)

    assert form.isVisible()
    assert "'12 34' is not a valid phone number." in form.field_error("phone")
    assert form.phone.hasFocus()
    for field, text in typed.items():
        value = field.toPlainText() if hasattr(field, "toPlainText") else field.text()
        assert value == text
    assert (form.language.currentData(), form.money.currency_code()) == ("fr", "GBP")
    assert window.complaint_actions.counter.receipt_dialog is None
    ctx = ServiceContext(sqlite_backend.uow, clerk)
    assert counter.find_customers(ctx, "Zoe Martin") == ()  # nothing half-recorded
    _shot(form, "counter_invalid_phone")

    form.phone.clear()
    qtbot.keyClicks(form.phone, "06 11 22 33 44")
    qtbot.keyClick(form.phone, Qt.Key.Key_Return, CTRL)
    receipt_dialog = _recorded_receipt(qtbot, window)
    assert receipt_dialog.receipt is not None
    assert receipt_dialog.receipt.language == "fr"
    assert receipt_dialog.receipt.amount == "89,90\u00a0£"


def test_escape_asks_before_throwing_away_what_was_typed(
    qtbot: QtBot, connection: Connection, clerk: Actor
) -> None:
    window = open_window(qtbot, connection, clerk)
    form = _open_counter(qtbot, window)
    qtbot.keyClick(form.finder, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not form.isVisible())  # nothing typed: nothing to ask

    form = _open_counter(qtbot, window)
    qtbot.keyClicks(form.happened, "Rude answer at the counter.")
    qtbot.keyClick(form.happened, Qt.Key.Key_Escape)
    box = form.discard_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    _shot(box, "counter_discard")
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc again keeps the form
    qtbot.waitUntil(lambda: not box.isVisible())
    assert form.isVisible()
    assert form.happened.toPlainText() == "Rude answer at the counter."

    form.reject()
    box = form.discard_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    discard = box.button(QMessageBox.StandardButton.Discard)
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())


def test_tab_walks_the_form_in_reading_order(
    qtbot: QtBot, connection: Connection, clerk: Actor
) -> None:
    window = open_window(qtbot, connection, clerk)
    form = _open_counter(qtbot, window)
    form.finder.setFocus()
    expected = [
        form.customer_name,
        form.phone,
        form.email,
        form.postcode,
        form.language,
        form.category,
        form.happened,
        form.wants,
        form.money.amount,
    ]
    seen = []
    for _ in expected:
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Tab)
        seen.append(form.focusWidget())
    assert seen == expected  # the hidden list of matches is skipped


def test_the_counter_is_offered_to_those_who_record_complaints_only(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    agent_window = open_window(qtbot, connection, desk.ann)
    action = agent_window.complaint_actions.counter_complaint
    assert action.isVisible()
    assert action.shortcut().toString() == "Ctrl+Alt+N"
    member_window = open_window(qtbot, connection, desk.bea)
    assert not member_window.complaint_actions.counter_complaint.isVisible()

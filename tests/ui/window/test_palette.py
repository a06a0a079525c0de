"""The command palette: actions by (misspelt) name, complaints by reference, customers by phone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from complaintdesk.domain.vocabulary import Channel, ContactKind
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import Connection, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.window.palette import CommandPalette
from complaintdesk.ui.workspace.customer_card import CustomerCardDialog
from tests.ui.conftest import Desk
from tests.ui.helpers import CTRL, open_window, press, record, settle

ENTER = Qt.Key.Key_Return
NONE = Qt.KeyboardModifier.NoModifier


def open_palette(qtbot: QtBot, window: MainWindow) -> CommandPalette:
    press(qtbot, window, Qt.Key.Key_K, CTRL)
    palette = window.help_actions.palette
    assert isinstance(palette, CommandPalette)
    qtbot.waitUntil(palette.isVisible)
    return palette


def test_a_misspelt_action_is_found_and_enter_runs_it(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.ann)
    palette = open_palette(qtbot, window)
    assert len(palette.entries()) > 30  # everything, before anything is typed

    qtbot.keyClicks(palette.query, "refrsh")

    assert palette.entries()[0] == "Refresh  —  File\tF5"
    assert not any(line.startswith("Transfer") for line in palette.entries())  # not a near miss
    with qtbot.waitSignal(window.refresh_action.triggered):
        qtbot.keyClick(palette.query, ENTER)
    assert not palette.isVisible()


def test_a_reference_jumps_to_its_complaint_even_outside_the_queue(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    wanted = record(connection, desk.admin, "Router drops the line every evening")
    record(connection, desk.admin, "Parcel lost")
    window = open_window(qtbot, connection, desk.ann)  # My complaints: empty
    palette = open_palette(qtbot, window)

    qtbot.keyClicks(palette.query, wanted.reference)
    qtbot.waitUntil(lambda: palette.found is not None)
    complaint_line = f"Complaint {wanted.reference}: Router drops the line every evening"
    chosen = palette.entries()[palette.current_row()]
    assert chosen.startswith(complaint_line)  # no action matches a reference
    qtbot.keyClick(palette.query, ENTER)
    settle(qtbot, window)

    assert window.detail.shown is not None
    assert window.detail.shown.id == wanted.complaint_id
    assert window.detail.workspace.value("reference") == wanted.reference


def test_a_customer_found_by_phone_opens_their_card(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    customer = CustomerInput("Élodie Durand", [(ContactKind.PHONE, "+33 6 12 34 56 78")])
    new = intake.NewComplaint(Channel.PHONE, "Charged twice", "Charged twice in May.", customer)
    intake.record_complaint(ServiceContext(connection.uow, desk.admin), new)
    window = open_window(qtbot, connection, desk.ann)
    palette = open_palette(qtbot, window)

    qtbot.keyClicks(palette.query, "06 12 34")
    qtbot.waitUntil(lambda: palette.found is not None)
    lines = palette.entries()
    customer_row = next(i for i, line in enumerate(lines) if line.startswith("Customer Élodie"))
    for _step in range(customer_row - palette.current_row()):
        qtbot.keyClick(palette.query, Qt.Key.Key_Down)
    qtbot.keyClick(palette.query, ENTER)

    card = window.help_actions.card
    assert isinstance(card, CustomerCardDialog)
    qtbot.waitUntil(lambda: "Élodie Durand" in card.windowTitle())
    card.close()


def test_results_follow_the_latest_text_typed(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    first = record(connection, desk.admin, "Router drops the line every evening")
    window = open_window(qtbot, connection, desk.ann)
    palette = open_palette(qtbot, window)

    qtbot.keyClicks(palette.query, first.reference)
    qtbot.keyClicks(palette.query, "zzz")  # typed on before the first answer came back
    qtbot.waitUntil(lambda: palette.found is not None)

    assert palette.found is not None
    assert palette.found.text == f"{first.reference}zzz"
    assert not any(line.startswith("Complaint ") for line in palette.entries())
    assert palette.status.text() == "No complaint or customer matches."

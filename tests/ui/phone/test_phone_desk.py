"""The phone desk: `complaintdesk call` reaches the window, the screen pop, quick capture."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from complaintdesk.app import Backend
from complaintdesk.domain.vocabulary import Channel, ContactKind, Direction, Priority
from complaintdesk.services.admin import organisation
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.customers import callers
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.phone.call_capture import CallComplaintDialog, CallNotesDialog
from complaintdesk.ui.phone.phone_desk import PhoneDesk, attach_phone
from complaintdesk.ui.row_models import Column, RowsModel
from complaintdesk.ui.session.single_instance import server_name
from tests.ui.helpers import CTRL, open_window, press, settle, submit

MOBILE = "+33612345678"


def taken_on_phone(connection: Connection, actor: Actor, subject: str) -> intake.IntakeResult:
    customer = CustomerInput("Léa Martin", [(ContactKind.PHONE, "06 12 34 56 78")])
    new = intake.NewComplaint(Channel.PHONE, subject, f"{subject}, please help.", customer)
    return intake.record_complaint(ServiceContext(connection.uow, actor), new)


@pytest.fixture
def phone(qtbot: QtBot, connection: Connection, agent: Actor) -> tuple[MainWindow, PhoneDesk]:
    window = open_window(qtbot, connection, agent)
    desk = attach_phone(window, connection, ServiceContext(connection.uow, agent))
    return window, desk


def wait_for_card(qtbot: QtBot, desk: PhoneDesk) -> callers.CallerCard:
    qtbot.waitUntil(lambda: desk.pop.isVisible() and desk.pop.card is not None)
    assert desk.pop.card is not None
    return desk.pop.card


def timeline_words(window: MainWindow) -> str:
    content = window.detail.workspace.timeline_area.widget()
    assert content is not None
    return "\n".join(label.text() for label in content.findChildren(QLabel))


def test_the_card_tables_pass_the_model_tester(
    qtmodeltester: ModelTester, connection: Connection, agent: Actor, agent_ctx: ServiceContext
) -> None:
    taken_on_phone(connection, agent, "Charged twice")
    card = callers.screen_pop(agent_ctx, MOBILE)
    model = RowsModel[callers.OpenComplaintLine]([Column("Reference", lambda r: r.reference)])
    qtmodeltester.check(model)
    model.set_rows(card.open_complaints)
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_complaintdesk_call_brings_the_caller_to_the_running_window(
    qtbot: QtBot,
    phone: tuple[MainWindow, PhoneDesk],
    connection: Connection,
    agent: Actor,
    sqlite_backend: Backend,
) -> None:
    window, desk = phone
    taken = taken_on_phone(connection, agent, "Charged twice for March")
    assert desk.listener.name == server_name(connection.description)

    url = sqlite_backend.settings.database_url
    caller = subprocess.Popen(
        [sys.executable, "-m", "complaintdesk", "--database", url, "call", "tel:+33-6-12-34-56-78"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: caller.poll() is not None, timeout=30_000)
    card = wait_for_card(qtbot, desk)

    assert caller.returncode == 0, caller.stderr.read() if caller.stderr else ""
    assert card.name == "Léa Martin"
    assert desk.pop.complaints.row_at(0) is not None
    assert "Léa Martin" in desk.pop.title.text()
    # Enter on the complaint opens it in the main window.
    desk.pop.complaint_table.setFocus()
    qtbot.keyClick(desk.pop.complaint_table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.detail.shown is not None)
    assert window.detail.shown is not None
    assert window.detail.shown.reference == taken.reference


def test_complaintdesk_call_says_so_when_no_window_is_open(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nobody.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "complaintdesk", "--database", url, "call", "0612345678"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "no ComplaintDesk window is open" in done.stderr


def test_an_unknown_number_opens_a_prefilled_new_customer_form(
    qtbot: QtBot, phone: tuple[MainWindow, PhoneDesk], agent_ctx: ServiceContext
) -> None:
    window, desk = phone
    desk.show_caller("06 98 76 54 32")
    card = wait_for_card(qtbot, desk)
    assert not card.known
    assert "Unknown caller" in desk.pop.title.text()
    qtbot.waitUntil(lambda: isinstance(desk.dialog, CallComplaintDialog))
    form = desk.dialog
    assert isinstance(form, CallComplaintDialog)
    qtbot.waitUntil(form.isVisible)
    assert form.phone.text() == "+33698765432"
    assert form.customer_name.text() == ""

    qtbot.keyClicks(form.customer_name, "Tom Roux")
    qtbot.keyClicks(form.subject, "Rude answer on the hotline")
    qtbot.keyClicks(form.notes, "He was hung up on twice.")
    submit(qtbot, form)
    settle(qtbot, window)

    assert not form.isVisible()
    again = callers.screen_pop(agent_ctx, "+33698765432")
    assert again.name == "Tom Roux"
    assert [c.subject for c in again.open_complaints] == ["Rude answer on the hotline"]
    assert window.detail.shown is not None
    assert window.detail.shown.subject == "Rude answer on the hotline"


def test_an_invalid_number_is_explained_on_the_screen_pop(
    qtbot: QtBot, phone: tuple[MainWindow, PhoneDesk]
) -> None:
    _, desk = phone
    desk.show_caller("12")
    qtbot.waitUntil(lambda: "phone number" in desk.pop.warning.text)
    assert desk.pop.card is None
    assert not desk.pop.new_button.isEnabled()
    assert desk.dialog is None


def test_call_notes_from_the_screen_pop_appear_on_the_complaints_timeline(
    qtbot: QtBot, phone: tuple[MainWindow, PhoneDesk], connection: Connection, agent: Actor
) -> None:
    window, desk = phone
    taken = taken_on_phone(connection, agent, "Charged twice for March")
    desk.show_caller(MOBILE)
    wait_for_card(qtbot, desk)

    press(qtbot, desk.pop, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: isinstance(desk.dialog, CallNotesDialog))
    form = desk.dialog
    assert isinstance(form, CallNotesDialog)
    assert form.direction.currentData() == Direction.INBOUND
    qtbot.keyClicks(form.notes, "Still charged twice; sends the bank statement today.")
    submit(qtbot, form)
    settle(qtbot, window)

    window.show_complaint(taken.complaint_id)
    qtbot.waitUntil(lambda: window.detail.shown is not None)
    assert "Still charged twice; sends the bank statement today." in timeline_words(window)
    card = wait_for_card(qtbot, desk)
    assert card.last_contacts[0].summary.startswith("Still charged twice")


def test_an_outbound_call_is_logged_from_the_complaint_shown(
    qtbot: QtBot, phone: tuple[MainWindow, PhoneDesk], connection: Connection, agent: Actor
) -> None:
    window, desk = phone
    taken = taken_on_phone(connection, agent, "Charged twice for March")
    window.show_complaint(taken.complaint_id)
    qtbot.waitUntil(lambda: window.detail.shown is not None)

    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: isinstance(desk.dialog, CallNotesDialog))
    form = desk.dialog
    assert isinstance(form, CallNotesDialog)
    assert form.direction.currentData() == Direction.OUTBOUND
    qtbot.keyClicks(form.notes, "Called her: refund leaves on Monday.")
    press(qtbot, form, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not form.isVisible())
    settle(qtbot, window)

    shown = window.detail.shown
    assert shown is not None
    outbound = [
        m for m in shown.messages if m.channel is Channel.PHONE and m.direction == "outbound"
    ]
    assert [m.body_text for m in outbound] == ["Called her: refund leaves on Monday."]
    assert "Called her: refund leaves on Monday." in timeline_words(window)


def test_a_known_caller_complaint_is_typed_with_the_keyboard_only(
    qtbot: QtBot,
    phone: tuple[MainWindow, PhoneDesk],
    connection: Connection,
    agent: Actor,
    cli_ctx: ServiceContext,
) -> None:
    window, desk = phone
    organisation.add_category(cli_ctx, "billing", "Billing error")
    organisation.add_category(cli_ctx, "delivery", "Delivery problem")
    earlier = taken_on_phone(connection, agent, "Charged twice for March")
    desk.show_caller(MOBILE)
    wait_for_card(qtbot, desk)

    press(qtbot, desk.pop, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(desk.dialog, CallComplaintDialog))
    form = desk.dialog
    assert isinstance(form, CallComplaintDialog)
    qtbot.waitUntil(form.isVisible)
    assert form.customer_name.text() == "Léa Martin"
    assert form.customer_name.isReadOnly()
    qtbot.waitUntil(lambda: form.subject.hasFocus())
    qtbot.keyClicks(form.subject, "Engineer did not come")
    qtbot.keyClick(form.subject, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.notes, "Waited all morning at home.")
    qtbot.keyClick(form.notes, Qt.Key.Key_Tab)
    form.category.setEditText("deliv")  # as typed, without the completion list (offscreen)
    form.priority.setFocus()
    qtbot.keyClicks(form.priority, "U")
    assert form.priority.currentText() == "Urgent"
    submit(qtbot, form)
    settle(qtbot, window)

    shown = window.detail.shown
    assert shown is not None
    assert shown.subject == "Engineer did not come"
    assert shown.customer_id == earlier.customer_id
    assert shown.category_name == "Delivery problem"
    assert shown.priority is Priority.URGENT
    assert shown.owner_id == agent.user_id


def test_the_phone_menu_shares_no_shortcut_with_the_window(
    phone: tuple[MainWindow, PhoneDesk],
) -> None:
    window, desk = phone
    mine = {desk.show_caller_action, desk.outbound_action}
    others = [
        a.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        for a in window.actions()
        if a not in mine and not a.shortcut().isEmpty()
    ]

    assert "F7" not in others
    assert "F8" not in others
    assert desk.show_caller_action.shortcut().toString() == "F7"
    assert desk.outbound_action.shortcut().toString() == "F8"

"""Record response offers the final response; a letter missing or emptying a section is refused.

A London complaint follows the FCA's DISP 1: its final response must say the decision, the
right to refer to the Financial Ombudsman Service within six months, whether we waive the
time limits, the Service's contact details and its leaflet. The agent picks "Final
response", gets the letter from its template, and the check reads what they send.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from complaintdesk.domain.vocabulary import Channel, ClockState, ContactKind, LetterKind, SiteKind
from complaintdesk.services.admin import organisation
from complaintdesk.services.complaints import detail as complaints
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import Connection, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.ui.dialogs.response import ResponseDialog
from complaintdesk.ui.main_window import MainWindow
from tests.ui.conftest import Desk
from tests.ui.helpers import CTRL, open_window, press, settle, submit, wait_for_form

SIX_MONTHS = re.compile(r"Six months to refer your complaint\n.*?\n\n", re.S)
CONTACT = re.compile(r"(How to contact the Financial Ombudsman Service\n).*?\n\n", re.S)
DECISION = "Our decision\nWe uphold your complaint and refund the second payment of £42.10.\n"


def _london_complaint(connection: Connection, desk: Desk, cli_ctx: ServiceContext) -> object:
    organisation.add_site(cli_ctx, "LON01", "London Moorgate", SiteKind.BRANCH, "Europe/London")
    ann = ServiceContext(connection.uow, desk.ann)
    new = intake.NewComplaint(
        channel=Channel.PHONE,
        subject="Card payment taken twice",
        description="The shop took the payment twice on 2 February.",
        customer=CustomerInput("Margaret Shaw", [(ContactKind.PHONE, "+44 20 7946 0000")]),
        site_code="LON01",
    )
    return intake.record_complaint(ann, new).complaint_id


def _open_form(qtbot: QtBot, window: MainWindow) -> ResponseDialog:
    window.go_to_queue(0)  # My complaints: the London complaint, selected
    settle(qtbot, window)
    press(qtbot, window, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.AltModifier)  # the letter form
    return wait_for_form(qtbot, window, ResponseDialog)


def test_a_final_response_missing_or_emptying_a_section_is_refused_and_a_complete_one_kept(
    qtbot: QtBot, connection: Connection, desk: Desk, cli_ctx: ServiceContext
) -> None:
    complaint_id = _london_complaint(connection, desk, cli_ctx)
    window = open_window(qtbot, connection, desk.ann)
    form = _open_form(qtbot, window)

    offered = [form.kind.itemText(i) for i in range(form.kind.count())]
    assert offered == ["An answer", "Final response", "Summary resolution"]
    form.choose(LetterKind.FINAL_RESPONSE)
    qtbot.waitUntil(lambda: "Financial Ombudsman Service" in form.text.toPlainText())
    settle(qtbot, window)
    drafted = form.text.toPlainText().replace("Our decision\n", DECISION, 1)
    assert form.waiver.isVisible()  # the UK wording asks whether we waive the time limits

    without = SIX_MONTHS.sub("", drafted)
    form.text.setPlainText(without)
    submit(qtbot, form)

    assert form.isVisible()
    assert "missing: “Six months to refer your complaint”" in form.field_error("text")
    assert form.text.toPlainText() == without  # nothing typed is lost
    ann = ServiceContext(connection.uow, desk.ann)
    assert not [m for m in complaints.get_detail(ann, complaint_id).messages if m.letter_kind]

    emptied = CONTACT.sub(r"\1\n", drafted)
    form.text.setPlainText(emptied)
    submit(qtbot, form)

    assert form.isVisible()
    assert "left empty: “How to contact the Financial Ombudsman Service”" in form.field_error(
        "text"
    )

    form.text.setPlainText(drafted)
    submit(qtbot, form)

    qtbot.waitUntil(lambda: not form.isVisible())
    detail = complaints.get_detail(ann, complaint_id)
    assert detail.messages[-1].letter_kind == "final_response"
    assert detail.regulatory_state is ClockState.MET
    assert {t.target: t.state.value for t in detail.targets if t.kind == "regulatory"} == {
        "summary_resolution": "met",  # answered within three business days
        "final_response": "met",
    }


def test_an_ordinary_answer_is_not_checked_and_meets_no_final_response(
    qtbot: QtBot, connection: Connection, desk: Desk, cli_ctx: ServiceContext
) -> None:
    complaint_id = _london_complaint(connection, desk, cli_ctx)
    window = open_window(qtbot, connection, desk.ann)
    form = _open_form(qtbot, window)
    qtbot.keyClicks(form.text, "Called back: we are looking into the double payment.")

    submit(qtbot, form)

    qtbot.waitUntil(lambda: not form.isVisible())
    detail = complaints.get_detail(ServiceContext(connection.uow, desk.ann), complaint_id)
    assert detail.messages[-1].letter_kind is None
    assert detail.regulatory_state is ClockState.ON_TRACK


def test_a_letter_dated_two_months_ago_is_late_the_moment_it_is_recorded(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    from PySide6.QtCore import QDate

    from complaintdesk.services.complaints import notifications
    from complaintdesk.ui.dialogs.new_complaint import NewComplaintDialog

    window = open_window(qtbot, connection, desk.ann)
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    form = wait_for_form(qtbot, window, NewComplaintDialog)
    form.channel.setCurrentIndex(form.channel.findData(Channel.LETTER))
    assert form.letter_date.isVisible()
    form.letter_date.setDate(QDate.currentDate().addDays(-70))  # the ACPR's 2 months are over
    qtbot.keyClicks(form.customer_name, "Lea Martin")
    qtbot.keyClicks(form.subject, "Fee charged twice")

    submit(qtbot, form)

    qtbot.waitUntil(lambda: not form.isVisible())
    ann = ServiceContext(connection.uow, desk.ann)
    told = notifications.unread(ann)
    assert [n.kind for n in told if n.kind == "breached"]
    complaint_id = told[0].complaint_id
    assert complaint_id is not None
    detail = complaints.get_detail(ann, complaint_id)
    assert detail.regulatory_state is ClockState.BREACHED
    assert detail.sent_at is not None

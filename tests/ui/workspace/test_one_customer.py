"""The workspace's one-customer panel: linking a sender to a customer found by search."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from complaintdesk.services.context import Connection, ServiceContext
from complaintdesk.storage.models import Complaint
from tests.support.omnichannel import lea_everywhere
from tests.ui.conftest import Desk
from tests.ui.helpers import open_window, settle


def test_the_sender_is_linked_to_a_customer_found_by_phone_and_the_link_is_undone(
    qtbot: QtBot, connection: Connection, desk: Desk, cli_ctx: ServiceContext
) -> None:
    lea = lea_everywhere(cli_ctx)
    window = open_window(qtbot, connection, desk.ann)
    window.show_complaint(lea.facebook.complaint_id)
    settle(qtbot, window)
    panel = window.complaint_actions.one_customer
    qtbot.waitUntil(lambda: "link_other" in panel.buttons)

    panel.buttons["link_other"].click()
    dialog = window.complaint_actions.link_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.search, "06 12 34")
    dialog.look_up()
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    assert dialog.results.item(0).text() == "Léa Martin — +33612345678"
    dialog.submit()
    settle(qtbot, window)

    with cli_ctx.uow() as uow:
        complaint = uow.get(Complaint, lea.facebook.complaint_id)
        assert complaint is not None
        assert complaint.customer_id == lea.phone.customer_id
    last = window.complaint_actions.handlers.last_action
    assert last.last is not None
    assert last.last.what == "link of the sender to Léa Martin"
    last.undo()
    settle(qtbot, window)
    with cli_ctx.uow() as uow:
        complaint = uow.get(Complaint, lea.facebook.complaint_id)
        assert complaint is not None
        assert complaint.customer_id == lea.facebook.customer_id


def test_nothing_is_linked_before_a_customer_is_picked(
    qtbot: QtBot, connection: Connection, desk: Desk, cli_ctx: ServiceContext
) -> None:
    lea = lea_everywhere(cli_ctx)
    window = open_window(qtbot, connection, desk.ann)
    window.show_complaint(lea.x.complaint_id)
    settle(qtbot, window)
    panel = window.complaint_actions.one_customer
    qtbot.waitUntil(lambda: "link_other" in panel.buttons)
    panel.buttons["link_other"].click()
    dialog = window.complaint_actions.link_dialog
    assert dialog is not None

    dialog.submit()

    assert dialog.error.text == "Find and pick the customer first."
    assert dialog.isVisible()

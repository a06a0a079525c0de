"""The reply composer under the timeline: replies on each channel, notes, drafts, Ctrl+Enter."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from complaintdesk.domain.vocabulary import Channel, ContactKind, Status
from complaintdesk.services.complaints import (
    answer_route,
    contributions,
    detail,
    intake,
    lifecycle,
    messages,
    replies,
)
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.outbound import outbox
from complaintdesk.ui.dialogs.concurrent_edit import ConcurrentEditDialog
from complaintdesk.ui.main_window import MainWindow
from tests.ui.conftest import Desk
from tests.ui.helpers import CTRL, CTRL_SHIFT, open_window, press, settle

SENDS = Qt.Key.Key_Return


def phone_complaint(
    connection: Connection, owner: Actor, subject: str, language: str = "en"
) -> intake.IntakeResult:
    """A complaint Ann took on the phone, from Léa, who also wrote from her email address."""
    ctx = ServiceContext(connection.uow, owner)
    recorded = intake.record_complaint(
        ctx,
        intake.NewComplaint(
            Channel.PHONE,
            subject,
            f"{subject}. She wants it sorted out.",
            CustomerInput(
                "Léa Martin",
                [(ContactKind.PHONE, "06 12 34 56 78"), (ContactKind.EMAIL, "lea@example.org")],
                language=language,
            ),
        ),
    )
    messages.record_inbound(
        ctx,
        recorded.complaint_id,
        messages.InboundMessage(
            Channel.EMAIL, "Still nothing.", "Re: refund", sender="lea.martin@example.net"
        ),
    )
    return recorded


def shown_in(qtbot: QtBot, window: MainWindow, complaint_id: uuid.UUID) -> None:
    window.show_complaint(complaint_id)
    settle(qtbot, window)


def send(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.composer.text, SENDS, CTRL)
    settle(qtbot, window)


def test_an_email_reply_leaves_from_the_composer_threaded_on_her_last_email(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    recorded = phone_complaint(connection, desk.ann, "Refund never came")
    window = open_window(qtbot, connection, desk.ann)
    shown_in(qtbot, window, recorded.complaint_id)
    composer = window.composer

    assert composer.isVisible()
    assert composer.chosen_channel is Channel.EMAIL  # she last wrote by email
    assert composer.channel.currentText() == "Email · lea.martin@example.net"
    assert composer.send_button.text() == "Send"
    press(qtbot, window, Qt.Key.Key_R, CTRL)  # Reply to the customer: the focus goes there
    assert composer.text.hasFocus()
    qtbot.keyClicks(composer.text, "We refunded you today.")
    send(qtbot, window)

    [queued] = outbox.list_outbox(ServiceContext(connection.uow, desk.ann))
    assert (queued.recipient, queued.subject) == (
        "lea.martin@example.net",
        f"Re: [{recorded.reference}] refund",
    )
    assert composer.text.toPlainText() == ""
    assert composer.state.text() == "Sent"
    texts = window.detail.workspace.timeline_texts()
    assert texts[-1] == "To the customer — Email"
    card = window.detail.workspace.timeline.message_cards()[-1]
    assert card.property("kind") == "outbound"
    assert "waiting to be sent" in " ".join(label.text() for label in card.findChildren(QLabel))


def test_the_composer_opens_on_the_channel_she_asked_to_be_answered_on(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    recorded = phone_complaint(connection, desk.ann, "Refund never came")
    ctx = ServiceContext(connection.uow, desk.ann)
    shown = detail.get_detail(ctx, recorded.complaint_id)
    answer_route.set_preferred_channel(ctx, shown.customer_id, Channel.PHONE)
    window = open_window(qtbot, connection, desk.ann)
    shown_in(qtbot, window, recorded.complaint_id)

    # She last wrote by email, but asked for a call: the composer and "Reply to the
    # customer" follow the one rule.
    assert window.composer.chosen_channel is Channel.PHONE
    assert window.composer.channel.currentText() == "Phone call (recorded)"
    assert answer_route.route(ctx, recorded.complaint_id).channel is Channel.PHONE


def test_a_phone_call_is_recorded_as_the_first_response(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    recorded = phone_complaint(connection, desk.ann, "Card blocked")
    window = open_window(qtbot, connection, desk.ann)
    shown_in(qtbot, window, recorded.complaint_id)
    composer = window.composer

    composer.channel.choose(Channel.PHONE)
    assert composer.channel.currentText() == "Phone call (recorded)"
    assert composer.send_button.text() == "Record"
    qtbot.keyClicks(composer.text, "Called her: the card works again.")
    send(qtbot, window)

    shown = detail.get_detail(ServiceContext(connection.uow, desk.ann), recorded.complaint_id)
    answer = shown.messages[-1]
    assert (answer.direction, answer.channel, answer.body_text) == (
        "outbound",
        Channel.PHONE,
        "Called her: the card works again.",
    )
    assert any(e.action == "first_response" for e in shown.events)


def test_an_internal_note_looks_like_a_note_and_never_leaves(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    recorded = phone_complaint(connection, desk.ann, "Rude answer on the hotline")
    window = open_window(qtbot, connection, desk.ann)
    shown_in(qtbot, window, recorded.complaint_id)
    composer = window.composer

    press(qtbot, window, Qt.Key.Key_N, CTRL_SHIFT)  # Add note: the composer, in note mode
    assert composer.note_button.isChecked()
    assert not composer.channel.isVisible()
    assert composer.send_button.text() == "Add note"
    assert "background" in composer.text.styleSheet()  # written on the note's colour
    qtbot.keyClicks(composer.text, "She is a journalist: be careful.")
    send(qtbot, window)

    cards = window.detail.workspace.timeline.message_cards()
    kinds = [card.property("kind") for card in cards]
    assert kinds[-1] == "note"
    assert cards[-1].styleSheet() != cards[0].styleSheet()  # not drawn as the customer's
    assert window.detail.workspace.timeline_texts()[-1] == "Internal note"
    assert outbox.list_outbox(ServiceContext(connection.uow, desk.ann)) == ()


def test_a_draft_is_kept_when_moving_away_and_after_a_restart(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    first = phone_complaint(connection, desk.ann, "Refund never came")
    second = phone_complaint(connection, desk.ann, "Parcel lost")
    window = open_window(qtbot, connection, desk.ann)
    shown_in(qtbot, window, first.complaint_id)
    composer = window.composer
    composer.channel.choose(Channel.PHONE)
    qtbot.keyClicks(composer.text, "Half a reply")

    shown_in(qtbot, window, second.complaint_id)
    assert composer.text.toPlainText() == ""
    shown_in(qtbot, window, first.complaint_id)
    qtbot.waitUntil(lambda: composer.text.toPlainText() == "Half a reply")
    assert composer.chosen_channel is Channel.PHONE
    qtbot.keyClicks(composer.text, ", and more")
    window.close()  # kept as the window closes, typed a moment ago

    again = open_window(qtbot, connection, desk.ann)
    shown_in(qtbot, again, first.complaint_id)
    qtbot.waitUntil(lambda: again.composer.text.toPlainText() == "Half a reply, and more")
    assert again.composer.state.text() == "Draft kept"

    carl = ServiceContext(connection.uow, desk.carl)
    assert replies.draft_of(carl, first.complaint_id) is None  # drafts are their writer's only


def test_sending_over_a_colleagues_change_is_a_concurrent_edit_and_keeps_the_text(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    recorded = phone_complaint(connection, desk.ann, "Refund never came")
    window = open_window(qtbot, connection, desk.ann)
    shown_in(qtbot, window, recorded.complaint_id)
    composer = window.composer
    composer.channel.choose(Channel.PHONE)
    qtbot.keyClicks(composer.text, "Called her back")
    ann = ServiceContext(connection.uow, desk.ann)
    version = detail.get_detail(ann, recorded.complaint_id).version
    lifecycle.change_status(ann, recorded.complaint_id, Status.ACKNOWLEDGED, version)  # elsewhere
    press(qtbot, window, Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier)  # the case refreshes
    settle(qtbot, window)
    assert window.detail.workspace.value("status") == "Acknowledged"

    send(qtbot, window)

    conflict = window.operations.last_message
    assert isinstance(conflict, ConcurrentEditDialog)
    assert composer.text.toPlainText() == "Called her back"
    assert composer.state.text() == "Not sent: your text is kept."
    conflict.reload_button.click()
    send(qtbot, window)
    assert composer.text.toPlainText() == ""
    assert window.detail.workspace.timeline_texts()[-1] == "To the customer — Phone"


def test_a_canned_response_is_written_for_the_customer_in_her_language(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    recorded = phone_complaint(connection, desk.ann, "Remboursement", language="fr")
    window = open_window(qtbot, connection, desk.ann)
    shown_in(qtbot, window, recorded.complaint_id)
    button = window.composer.canned_button

    button.fill()
    qtbot.waitUntil(lambda: bool(button.responses))
    names = [response.name for response in button.responses]
    assert "We are looking into it" in names  # named in the screen's language
    button.insert("canned.holding-reply")

    text = window.composer.text
    qtbot.waitUntil(lambda: text.toPlainText().startswith("Bonjour Léa Martin,"))
    assert recorded.reference in text.toPlainText()
    assert "Ann Archer" in text.toPlainText()


def test_nothing_written_is_nothing_sent(qtbot: QtBot, connection: Connection, desk: Desk) -> None:
    recorded = phone_complaint(connection, desk.ann, "Refund never came")
    window = open_window(qtbot, connection, desk.ann)
    shown_in(qtbot, window, recorded.complaint_id)

    send(qtbot, window)

    assert window.composer.state.text() == "Write something first."
    assert window.operations.last_message is None


def test_a_function_member_has_no_composer(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    recorded = phone_complaint(connection, desk.ann, "Charged twice on the invoice")
    ctx = ServiceContext(connection.uow, desk.ann)
    version = detail.get_detail(ctx, recorded.complaint_id).version
    contributions.ask(ctx, recorded.complaint_id, ["billing"], "Twice?", version)
    window = open_window(qtbot, connection, desk.bea)
    window.go_to_queue(0)
    settle(qtbot, window)

    assert window.detail.shown is not None
    assert not window.composer.isVisible()  # Bea answers what is asked of Billing


def test_an_agent_who_does_not_own_it_writes_notes_only(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    recorded = phone_complaint(connection, desk.ann, "Refund never came")
    window = open_window(qtbot, connection, desk.carl)
    shown_in(qtbot, window, recorded.complaint_id)

    assert window.composer.isVisible()
    assert window.composer.note_button.isChecked()
    assert not window.composer.reply_button.isVisible()  # one owner answers to the customer

"""The customer card: one timeline across channels, duplicates proposed, merge and undo."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from complaintdesk.app import Backend
from complaintdesk.domain.vocabulary import Channel, ContactKind, Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.inbound import social
from complaintdesk.services.outbound import social_gateways
from complaintdesk.storage.models import Complaint, Customer
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.workspace.customer_card import CustomerCardDialog
from tests.ui.conftest import PASSWORD
from tests.ui.helpers import CTRL_SHIFT, open_window, press, settle

SHOTS = Path(os.environ.get("COMPLAINTDESK_SHOTS", "/tmp/shots-social"))


def _person(backend: Backend, cli_ctx: ServiceContext, login: str, role: Role) -> Actor:
    users.add_user(cli_ctx, login, PASSWORD, role=role, site_code="HQ", display_name=login.title())
    return auth.sign_in(backend.uow, login, PASSWORD)


def _jane_twice(cli_ctx: ServiceContext) -> tuple[intake.IntakeResult, uuid.UUID]:
    """Jane calls (phone, email, postcode), then tweets under a handle nobody knew."""
    called = intake.record_complaint(
        cli_ctx,
        intake.NewComplaint(
            channel=Channel.PHONE,
            subject="Charged twice for the March invoice",
            description="Called: the direct debit went through twice.",
            customer=CustomerInput(
                "Jane Doe",
                [(ContactKind.PHONE, "06 12 34 56 78"), (ContactKind.EMAIL, "jane@example.com")],
                postcode="75011",
            ),
        ),
    )
    tweet = social.InboundPost(
        platform="x",
        kind="post",
        post_id="1500",
        author_id="7",
        author_handle="janed",
        author_name="Jane Doe",
        text="@acme charged twice and nobody calls back. Disgraceful.",
        occurred_at=None,
        conversation="x:post:1500",
    )
    tweeted = social.ingest_post(cli_ctx, tweet)
    assert tweeted.complaint_id is not None
    with cli_ctx.uow(write=True) as uow:
        complaint = uow.get(Complaint, tweeted.complaint_id)
        assert complaint is not None
        customer = uow.get(Customer, complaint.customer_id)
        assert customer is not None
        customer.postcode = "75011"  # she gave it when asked by direct message
        uow.commit()
        return called, customer.id


def _open_card(qtbot: QtBot, window: MainWindow, complaint_id: uuid.UUID) -> CustomerCardDialog:
    window.show_complaint(complaint_id)
    settle(qtbot, window)
    press(qtbot, window, Qt.Key.Key_K, CTRL_SHIFT)  # Customer card…
    qtbot.waitUntil(lambda: window.complaint_actions.card_dialog is not None)
    card = window.complaint_actions.card_dialog
    assert card is not None
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.card is not None and not window.operations.busy)
    return card


def _texts(card: CustomerCardDialog, column: int) -> list[str]:
    model = card.timeline
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_a_supervisor_sees_one_timeline_merges_the_proposed_duplicate_and_undoes_it(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    sqlite_backend: Backend,
    connection: Connection,
    cli_ctx: ServiceContext,
) -> None:
    called, twin = _jane_twice(cli_ctx)
    sue = _person(sqlite_backend, cli_ctx, "sue", Role.SUPERVISOR)
    window = open_window(qtbot, connection, sue)

    card = _open_card(qtbot, window, called.complaint_id)

    assert card.name.text() == "Jane Doe"
    assert card.contacts.text() == "jane@example.com, +33612345678"
    assert _texts(card, 1) == ["Phone", "Phone"]
    assert card.duplicates.rowCount() == 1
    assert card.duplicates.data(card.duplicates.index(0, 4)) == (
        "same name Jane Doe; Jane Doe is the name the account X @janed gives; same postcode 75011"
    )
    for model in (card.timeline, card.duplicates, card.merges):
        qtmodeltester.check(model)
    assert not card.merge_button.isEnabled(), "nothing is merged before a person chooses"
    SHOTS.mkdir(parents=True, exist_ok=True)
    card.duplicates_view.selectRow(0)
    card.grab().save(str(SHOTS / "customer_card_duplicate_proposed.png"))

    card.merge_button.click()
    assert card.confirmation is not None
    card.confirmation.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: card.merges.rowCount() == 1 and not window.operations.busy)

    assert card.duplicates.rowCount() == 0
    assert sorted(_texts(card, 1)) == ["", "Phone", "Phone", "Social", "Social"]
    whats = _texts(card, 2)
    assert "From the customer · public, anyone can read it" in whats
    assert "Records merged" in whats
    assert card.contacts.text() == "jane@example.com, +33612345678, X @janed"
    for model in (card.timeline, card.duplicates, card.merges):
        qtmodeltester.check(model)
    card.grab().save(str(SHOTS / "customer_card_merged.png"))

    card.merges_view.selectRow(0)
    assert card.undo_button.isEnabled()
    card.undo_button.click()
    qtbot.waitUntil(lambda: card.duplicates.rowCount() == 1 and not window.operations.busy)

    assert _texts(card, 2).count("Merge undone") == 1
    assert card.contacts.text() == "jane@example.com, +33612345678"
    assert card.duplicates.data(card.duplicates.index(0, 0)) == "Jane Doe"
    back = card.duplicates.row_at(0)
    assert back is not None
    assert back.customer_id == twin
    card.merges_view.selectRow(0)
    assert not card.undo_button.isEnabled(), "an undone merge cannot be undone twice"


def test_an_agent_sees_the_proposal_but_not_the_merge_buttons(
    qtbot: QtBot, sqlite_backend: Backend, connection: Connection, cli_ctx: ServiceContext
) -> None:
    called, _ = _jane_twice(cli_ctx)
    ann = _person(sqlite_backend, cli_ctx, "ann", Role.AGENT)
    window = open_window(qtbot, connection, ann)

    card = _open_card(qtbot, window, called.complaint_id)

    assert card.duplicates.rowCount() == 1
    assert not card.merge_button.isVisibleTo(card)
    assert not card.undo_button.isEnabled(), "a merge is undone by a supervisor (a link by anyone)"
    card.grab().save(str(SHOTS / "customer_card_agent.png"))


def test_the_card_action_is_off_until_a_complaint_is_shown(
    qtbot: QtBot, sqlite_backend: Backend, connection: Connection, cli_ctx: ServiceContext
) -> None:
    window = open_window(
        qtbot, connection, _person(sqlite_backend, cli_ctx, "sue", Role.SUPERVISOR)
    )

    assert not window.complaint_actions.customer_card.isEnabled()
    assert window.complaint_actions.customer_card.shortcut().toString() == "Ctrl+Shift+K"


def test_a_reply_to_a_public_post_is_queued_for_the_gateway_and_said_to_be_public(
    qtbot: QtBot, sqlite_backend: Backend, connection: Connection, cli_ctx: ServiceContext
) -> None:
    _, twin = _jane_twice(cli_ctx)
    ann = _person(sqlite_backend, cli_ctx, "ann", Role.AGENT)
    with cli_ctx.uow() as uow:
        [tweeted] = uow.scalars(select(Complaint.id).where(Complaint.customer_id == twin))
    window = open_window(qtbot, connection, ann)
    window.show_complaint(tweeted)
    settle(qtbot, window)
    assert "From the customer — Social (public: anyone can read it)" in (
        window.detail.workspace.timeline_texts()
    )

    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # the owner answers
    settle(qtbot, window)
    router = window.complaint_actions.router
    press(qtbot, window, Qt.Key.Key_Y, CTRL_SHIFT)  # Reply to the customer: the composer
    qtbot.waitUntil(lambda: router.route is not None)
    composer = window.composer
    assert composer.text.hasFocus()
    assert composer.chosen_channel is Channel.SOCIAL
    assert "The customer wrote in public" in composer.hint.text()
    qtbot.keyClicks(composer.text, "Sorry Jane, we refunded the second debit today.")
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "workspace_public_post.png"))
    qtbot.keyClick(composer.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)

    [queued] = social_gateways.list_social_outbox(ServiceContext(connection.uow, ann))
    assert queued.state == "queued"
    assert queued.recipient == "x:janed"
    assert queued.subject == "Sorry Jane, we refunded the second debit today."


def test_a_supervisor_reviews_every_likely_pair_and_opens_one_card(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    sqlite_backend: Backend,
    connection: Connection,
    cli_ctx: ServiceContext,
) -> None:
    _jane_twice(cli_ctx)
    sue = _person(sqlite_backend, cli_ctx, "sue", Role.SUPERVISOR)
    window = open_window(qtbot, connection, sue)

    press(qtbot, window, Qt.Key.Key_J, CTRL_SHIFT)  # Likely duplicate customers…
    dialog = window.duplicate_actions.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.pairs.rowCount() == 1)
    qtmodeltester.check(dialog.pairs)
    assert dialog.status.text() == "1 pair to review: open it to compare and merge."
    assert (
        dialog.pairs.data(dialog.pairs.index(0, 4))
        == "same name Jane Doe; Jane Doe is the name the account X @janed gives; "
        "same postcode 75011"
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "duplicates_list.png"))

    dialog.open_button.click()

    card = dialog.card
    assert card is not None
    qtbot.waitUntil(lambda: card.card is not None)
    assert card.duplicates.rowCount() == 1


def test_an_agent_has_no_duplicate_list(
    qtbot: QtBot, sqlite_backend: Backend, connection: Connection, cli_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, connection, _person(sqlite_backend, cli_ctx, "al", Role.AGENT))

    assert not window.duplicate_actions.action.isEnabled()
    press(qtbot, window, Qt.Key.Key_J, CTRL_SHIFT)
    assert window.duplicate_actions.dialog is None

"""One customer, one case, whatever the channel — as an agent does it in the GUI.

Léa Martin calls from her mobile, emails from lea@…, tweets as @leamartin and writes on
Facebook: four customer records, four complaints. The screen pop of her number proposes the
other records; the workspace of each complaint proposes the caller, and one click links its
sender; the complaints of the one grievance are merged into the first; the answer goes back
on the channel she used last, then on the one she prefers. Every step is undone once
(Ctrl+Z) and done again.
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from complaintdesk.channels.email.parsing import parse
from complaintdesk.domain.vocabulary import Channel, Status
from complaintdesk.services.context import Connection, ServiceContext
from complaintdesk.services.inbound import mail
from complaintdesk.services.outbound import outbox, social_gateways
from complaintdesk.storage.models import Complaint, Customer
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.phone.phone_desk import attach_phone
from complaintdesk.ui.workspace.one_customer import OneCustomerPanel
from tests.support.mail_factory import make_email
from tests.support.omnichannel import EMAIL, MOBILE, Lea, Record, lea_everywhere
from tests.ui.conftest import (
    OFFSCREEN_NOISE,
    OFFSCREEN_RAISE,
    Desk,
    cli_ctx,
    connection,
    desk,
    own_settings,
)
from tests.ui.helpers import CTRL, CTRL_SHIFT, open_window, press, settle

__all__ = ["cli_ctx", "connection", "desk", "own_settings"]  # the GUI tests' fixtures
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, OFFSCREEN_RAISE)
SHOTS = Path(os.environ.get("COMPLAINTDESK_SHOTS", "/tmp/shots-one-customer"))


def _customer_of(ctx: ServiceContext, complaint_id: uuid.UUID) -> uuid.UUID:
    with ctx.uow() as uow:
        complaint = uow.get(Complaint, complaint_id)
        assert complaint is not None
        return complaint.customer_id


def _status(ctx: ServiceContext, complaint_id: uuid.UUID) -> str:
    with ctx.uow() as uow:
        complaint = uow.get(Complaint, complaint_id)
        assert complaint is not None
        return complaint.status


def _show(qtbot: QtBot, window: MainWindow, complaint_id: uuid.UUID) -> OneCustomerPanel:
    window.show_complaint(complaint_id)
    settle(qtbot, window)
    panel = window.complaint_actions.one_customer
    qtbot.waitUntil(lambda: panel.loaded is not None and panel.loaded.complaint_id == complaint_id)
    return panel


def _click(qtbot: QtBot, window: MainWindow, panel: OneCustomerPanel, key: str) -> None:
    assert key in panel.buttons, f"{key} not offered: {sorted(panel.buttons)}"
    panel.buttons[key].click()
    settle(qtbot, window)


def _undo(qtbot: QtBot, window: MainWindow) -> None:
    assert window.complaint_actions.handlers.last_action.last is not None
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    settle(qtbot, window)


def _link(
    qtbot: QtBot, window: MainWindow, ctx: ServiceContext, record: Record, caller: uuid.UUID
) -> None:
    """Link the record's sender to the caller from its workspace; undo once, link again."""
    panel = _show(qtbot, window, record.complaint_id)
    assert any(line.startswith("This may be Léa Martin") for line in panel.lines), panel.lines
    _click(qtbot, window, panel, f"link:{caller}")
    assert _customer_of(ctx, record.complaint_id) == caller
    _undo(qtbot, window)
    assert _customer_of(ctx, record.complaint_id) == record.customer_id, "undone exactly"
    panel = _show(qtbot, window, record.complaint_id)
    _click(qtbot, window, panel, f"link:{caller}")
    assert _customer_of(ctx, record.complaint_id) == caller


def _merge(
    qtbot: QtBot, window: MainWindow, ctx: ServiceContext, kept: Record, other: Record
) -> None:
    """Merge ``other`` into ``kept`` from the kept complaint's workspace; undo, merge again."""
    panel = _show(qtbot, window, kept.complaint_id)
    _click(qtbot, window, panel, f"merge_complaint:{other.reference}")
    assert _status(ctx, other.complaint_id) == Status.MERGED.value
    _undo(qtbot, window)
    assert _status(ctx, other.complaint_id) != Status.MERGED.value
    panel = _show(qtbot, window, kept.complaint_id)
    _click(qtbot, window, panel, f"merge_complaint:{other.reference}")
    assert _status(ctx, other.complaint_id) == Status.MERGED.value


def _reply(qtbot: QtBot, window: MainWindow, text: str) -> str:
    """Answer with Ctrl+Shift+Y; return where the composer said the answer goes."""
    router = window.complaint_actions.router
    router.route = None
    press(qtbot, window, Qt.Key.Key_Y, CTRL_SHIFT)
    qtbot.waitUntil(lambda: router.route is not None)
    composer = window.composer
    said = composer.hint.text()
    qtbot.keyClicks(composer.text, text)
    qtbot.keyClick(composer.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    return said


@pytest.fixture
def lea(cli_ctx: ServiceContext, desk: Desk) -> Lea:
    return lea_everywhere(cli_ctx)


def test_one_person_on_four_channels_becomes_one_customer_and_one_case(
    qtbot: QtBot, connection: Connection, desk: Desk, cli_ctx: ServiceContext, lea: Lea
) -> None:
    ann = ServiceContext(connection.uow, desk.ann)
    window = open_window(qtbot, connection, desk.ann)
    phone = attach_phone(window, connection, ann)
    SHOTS.mkdir(parents=True, exist_ok=True)

    # The phone rings: the screen pop proposes her other records.
    phone.show_caller(MOBILE)
    qtbot.waitUntil(lambda: phone.pop.card is not None)
    lines = phone.pop.proposals.texts()
    assert len(lines) == 3, lines  # X, Facebook, and the email whose sender name is hers
    assert all(line.startswith("Léa Martin (") and "1 open complaint" in line for line in lines)
    phone.pop.grab().save(str(SHOTS / "screen_pop_proposals.png"))
    phone.pop.proposals.open_button.click()  # her most likely other record's complaint
    settle(qtbot, window)
    assert window.detail.shown is not None
    assert window.detail.shown.id in {lea.x.complaint_id, lea.facebook.complaint_id}
    phone.pop.close()

    # One customer: each sender linked to the caller in one action (undone once, redone).
    caller = lea.phone.customer_id
    panel = _show(qtbot, window, lea.x.complaint_id)
    window.grab().save(str(SHOTS / "workspace_may_be_lea.png"))
    for record in (lea.x, lea.facebook, lea.email):
        _link(qtbot, window, ann, record, caller)
    with cli_ctx.uow() as uow:
        live = uow.scalars(select(Customer.id).where(Customer.merged_into_id.is_(None)))
        assert caller in live
        assert not {lea.x.customer_id, lea.facebook.customer_id, lea.email.customer_id} & set(
            live
        ), "the three other records point to the caller's"

    # One case: the same refund told four times is merged into the call (undone, redone).
    for other in (lea.email, lea.x, lea.facebook):
        _merge(qtbot, window, ann, lea.phone, other)
    panel = _show(qtbot, window, lea.phone.complaint_id)
    assert (
        sum(line.endswith(")") and "merged into this complaint" in line for line in panel.lines)
        == 3
    )
    kinds = window.detail.workspace.timeline_texts()
    for channel in ("Phone", "Email", "Social"):
        assert any(channel in kind for kind in kinds), kinds
    window.grab().save(str(SHOTS / "workspace_one_case.png"))
    window.show_complaint(lea.email.complaint_id)  # the old reference lands on the kept one
    settle(qtbot, window)
    assert window.detail.shown is not None
    assert window.detail.shown.id == lea.phone.complaint_id

    # The answer goes where she wrote last (she emails again), then where she prefers.
    again = make_email(
        "Re: Commande 4411", "Alors ?", sender=EMAIL, in_reply_to=lea.email.message_id
    )
    mail.ingest_email(cli_ctx, parse(again, received_at=datetime.now(UTC)))
    window.show_complaint(lea.phone.complaint_id)
    settle(qtbot, window)
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # she answers for it
    settle(qtbot, window)
    said = _reply(qtbot, window, "Le remboursement est parti ce matin.")
    assert said.startswith(f"Goes by email to {EMAIL} — the channel the customer used last.")
    [sent] = [i for i in outbox.list_outbox(ann) if i.subject and "Re:" in i.subject]
    assert (sent.recipient, lea.phone.reference in (sent.subject or "")) == (EMAIL, True)

    press(qtbot, window, Qt.Key.Key_K, CTRL_SHIFT)  # Customer card…
    qtbot.waitUntil(lambda: window.complaint_actions.card_dialog is not None)
    card = window.complaint_actions.card_dialog
    assert card is not None
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.card is not None and not window.operations.busy)
    assert card.contacts.text().count(",") == 3, card.contacts.text()
    card.answer_on.choose(Channel.SOCIAL)
    settle(qtbot, window)
    card.grab().save(str(SHOTS / "customer_card_one_customer.png"))
    card.close()
    said = _reply(qtbot, window, "Nous vous confirmons le remboursement.")
    assert said.startswith("Goes on social media to ")
    assert "the channel the customer prefers" in said
    [queued] = social_gateways.list_social_outbox(ann)
    assert queued.subject == "Nous vous confirmons le remboursement."

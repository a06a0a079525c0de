"""The audit viewer: a complaint's or a user's events, newest first, before → after, each
checked against the hash chain, fetched a page at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from complaintdesk.app import Backend
from complaintdesk.domain.errors import PermissionDenied
from complaintdesk.domain.vocabulary import Channel, ContactKind, Role, Status
from complaintdesk.services.admin import audit_log, auth, organisation, users
from complaintdesk.services.admin.audit_log import AuditQuery
from complaintdesk.services.complaints import contributions, detail, intake, lifecycle, messages
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.storage.models import AuditEvent
from complaintdesk.ui.admin.audit_viewer import AuditDialog, AuditModel
from tests.ui.conftest import PASSWORD
from tests.ui.helpers import CTRL_SHIFT, open_window, press

SHOTS = Path("/tmp/shots-security")


@pytest.fixture
def complaint(agent_ctx: ServiceContext) -> Any:
    recorded = intake.record_complaint(
        agent_ctx,
        intake.NewComplaint(
            Channel.PHONE,
            "Card blocked",
            "Cannot pay at the shop",
            CustomerInput("Léa Martin", [(ContactKind.EMAIL, "lea@example.org")]),
        ),
    )
    for n in range(5):
        messages.add_note(agent_ctx, recorded.complaint_id, f"Note {n}")
    return recorded


def _column(model: AuditModel, name: str) -> list[str]:
    column = ("when", "who", "what", "changes", "check").index(name)
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_the_model_pages_through_a_complaint_s_events_newest_first(
    qtbot: QtBot, qtmodeltester: Any, agent_ctx: ServiceContext, complaint: Any
) -> None:
    model = AuditModel(agent_ctx, AuditQuery(complaint_id=complaint.complaint_id), page_size=3)

    assert model.rowCount() == 3
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())

    whats = _column(model, "what")
    assert whats[0] == "note added (message)"
    assert whats[-1] == "complaint recorded (complaint)"
    assert len(whats) == 1 + 1 + 5 + 1  # complaint, routing, notes, first message at least
    assert set(_column(model, "who")) == {"alice"}
    assert set(_column(model, "check")) == {"✓ intact"}
    assert "body_text: Note 4" in _column(model, "changes")[0]


def test_a_change_shows_before_and_after(
    qtbot: QtBot,
    sqlite_backend: Backend,
    agent_ctx: ServiceContext,
    cli_ctx: ServiceContext,
    complaint: Any,
) -> None:
    cid = complaint.complaint_id
    lifecycle.change_status(
        agent_ctx, cid, Status.ACKNOWLEDGED, detail.get_detail(agent_ctx, cid).version
    )

    model = AuditModel(agent_ctx, AuditQuery(complaint_id=complaint.complaint_id))

    changes = _column(model, "changes")[0]
    assert "status: new → acknowledged" in changes


def test_an_event_edited_behind_the_app_shows_as_altered(
    qtbot: QtBot, sqlite_backend: Backend, agent_ctx: ServiceContext, complaint: Any
) -> None:
    with sqlite_backend.engine.begin() as connection:
        connection.execute(
            update(AuditEvent)
            .where(
                AuditEvent.action == "note_added",
                AuditEvent.after["body_text"].as_string() == "Note 2",
            )
            .values(login="mallory")
        )

    dialog = AuditDialog(agent_ctx, AuditQuery(complaint_id=complaint.complaint_id), "X")
    qtbot.addWidget(dialog)

    checks = _column(dialog.model, "check")
    assert checks.count("✗ altered") == 1
    assert "1 event was changed" in dialog.check.text()
    dialog.show()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "audit-altered.png"))


def test_a_user_s_trail_is_for_administrators(
    qtbot: QtBot,
    sqlite_backend: Backend,
    agent_ctx: ServiceContext,
    cli_ctx: ServiceContext,
    complaint: Any,
) -> None:
    with pytest.raises(PermissionDenied):
        audit_log.audit_page(agent_ctx, AuditQuery(login="alice"))

    model = AuditModel(cli_ctx, AuditQuery(login="alice"))

    assert model.rowCount() >= 7
    assert set(_column(model, "who")) == {"alice"}


def test_a_function_member_sees_the_history_without_contact_details(
    qtbot: QtBot,
    sqlite_backend: Backend,
    cli_ctx: ServiceContext,
    agent_ctx: ServiceContext,
    complaint: Any,
) -> None:
    organisation.add_function(cli_ctx, "billing", "Billing")
    users.add_user(cli_ctx, "bea", PASSWORD, role=Role.FUNCTION_MEMBER, site_code="HQ")
    organisation.add_member(cli_ctx, "billing", "bea")
    cid = complaint.complaint_id
    for status in (Status.ACKNOWLEDGED, Status.IN_PROGRESS):
        lifecycle.change_status(agent_ctx, cid, status, detail.get_detail(agent_ctx, cid).version)
    contributions.ask(
        agent_ctx, cid, ["billing"], "Why?", detail.get_detail(agent_ctx, cid).version
    )
    inbound = messages.InboundMessage(Channel.EMAIL, "Any news?", sender="lea@example.org")
    messages.record_inbound(agent_ctx, cid, inbound)
    bea = ServiceContext(sqlite_backend.uow, auth.sign_in(sqlite_backend.uow, "bea", PASSWORD))

    text = "\n".join(_column(AuditModel(bea, AuditQuery(complaint_id=cid)), "changes"))

    assert "lea@example.org" in "\n".join(
        _column(AuditModel(agent_ctx, AuditQuery(complaint_id=cid)), "changes")
    )
    assert "lea@example.org" not in text
    assert "(hidden)" in text


def test_ctrl_shift_h_opens_the_trail_of_the_complaint_on_screen(
    qtbot: QtBot, connection: Connection, agent: Actor, complaint: Any
) -> None:
    window = open_window(qtbot, connection, agent)
    window.show_complaint(complaint.complaint_id)
    qtbot.waitUntil(lambda: window.detail.shown is not None)

    press(qtbot, window, Qt.Key.Key_H, CTRL_SHIFT)

    dialog = window.security.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert complaint.reference in dialog.windowTitle()
    assert dialog.model.rowCount() > 0

"""The regulatory clock in sight: its own badge, its own queue column and filter, and the
supervisors' queue of deadlines at risk or missed — apart from the company's promises."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from complaintdesk.app import Backend
from complaintdesk.domain.vocabulary import Channel, ContactKind, Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.read_models import QueueKind
from complaintdesk.storage.models import Complaint, ComplaintTarget
from complaintdesk.ui import labels
from complaintdesk.ui.queues.queue_model import Column
from tests.ui.conftest import PASSWORD, Desk
from tests.ui.helpers import open_window, settle

QUEUE = "Regulatory deadline at risk or missed"


def received(connection: Connection, owner: Actor, days_ago: int, subject: str) -> uuid.UUID:
    """A complaint taken on the phone ``days_ago`` days ago (French rules: ACPR applies)."""
    new = intake.NewComplaint(
        Channel.PHONE,
        subject,
        f"{subject}. Nothing since.",
        CustomerInput("Léa Martin", [(ContactKind.EMAIL, f"{uuid.uuid4().hex[:6]}@example.org")]),
        received_at=datetime.now(UTC) - timedelta(days=days_ago, hours=1),
    )
    return intake.record_complaint(ServiceContext(connection.uow, owner), new).complaint_id


def promises_kept_regulatory_at_risk(backend: Backend, complaint_id: uuid.UUID) -> datetime:
    """The company answered in time, but the final response letter the rule asks for is not
    sent yet and its deadline comes close: the states a check writes, set directly."""
    due = datetime.now(UTC) + timedelta(days=3)
    with backend.uow(write=True) as uow:
        uow.execute(
            update(ComplaintTarget)
            .where(ComplaintTarget.complaint_id == complaint_id, ComplaintTarget.kind == "service")
            .values(state="met", met_at=datetime.now(UTC) - timedelta(days=40))
        )
        uow.execute(
            update(ComplaintTarget)
            .where(
                ComplaintTarget.complaint_id == complaint_id,
                ComplaintTarget.kind == "regulatory",
            )
            .values(state="at_risk", due_at=due, met_at=None)
        )
        uow.execute(
            update(Complaint)
            .where(Complaint.id == complaint_id)
            .values(clock_state="at_risk", regulatory_state="at_risk", regulatory_next_due_at=due)
        )
        uow.commit()
    return due


def supervisor(backend: Backend, cli_ctx: ServiceContext) -> Actor:
    users.add_user(
        cli_ctx, "sue", PASSWORD, role=Role.SUPERVISOR, site_code="HQ", display_name="Sue Super"
    )
    return auth.sign_in(backend.uow, "sue", PASSWORD)


def test_the_regulatory_clock_has_its_own_badge_apart_from_the_company_promise(
    qtbot: QtBot, sqlite_backend: Backend, connection: Connection, desk: Desk
) -> None:
    complaint = received(connection, desk.ann, 40, "Refund never came")
    due = promises_kept_regulatory_at_risk(sqlite_backend, complaint)
    window = open_window(qtbot, connection, desk.ann)
    window.show_complaint(complaint)
    settle(qtbot, window)
    workspace = window.detail.workspace

    assert workspace.value("clock") == "Promises kept"  # the company's own promise
    assert workspace.value("regulatory") == f"At risk · {labels.due_text(due)}"
    assert workspace.tooltip("regulatory").startswith("Due ")
    assert "Central European" in workspace.tooltip("regulatory")  # in the site's zone
    badge = workspace._values["regulatory"].styleSheet()
    assert "background" in badge  # at risk: it catches the eye before it is read


def test_no_regulatory_badge_where_no_rule_applies(
    qtbot: QtBot, sqlite_backend: Backend, connection: Connection, desk: Desk
) -> None:
    complaint = received(connection, desk.ann, 0, "Rude answer")
    with sqlite_backend.uow(write=True) as uow:
        uow.execute(
            update(Complaint)
            .where(Complaint.id == complaint)
            .values(regulatory_policy_id=None, regulatory_due_at=None, regulatory_state="stopped")
        )
        uow.commit()
    window = open_window(qtbot, connection, desk.ann)
    window.show_complaint(complaint)
    settle(qtbot, window)

    assert not window.detail.workspace._values["regulatory"].isVisible()


def test_supervisors_watch_the_regulatory_queue_and_filter_on_the_regulatory_clock(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    sqlite_backend: Backend,
    connection: Connection,
    desk: Desk,
    cli_ctx: ServiceContext,
) -> None:
    late = received(connection, desk.ann, 75, "Charged twice in September")  # 2 months gone
    close = received(connection, desk.ann, 40, "Parcel lost")
    promises_kept_regulatory_at_risk(sqlite_backend, close)
    received(connection, desk.ann, 0, "Card blocked today")  # on track everywhere
    sue = open_window(qtbot, connection, supervisor(sqlite_backend, cli_ctx))
    ann = open_window(qtbot, connection, desk.ann)

    names = [sue.navigation.item(r).text() for r in range(sue.navigation.count())]
    assert f"{QUEUE} (2)" in names
    assert not any(
        ann.navigation.item(r).text().startswith(QUEUE) for r in range(ann.navigation.count())
    ), "agents watch their own queues; the regulatory one is the supervisors'"

    sue.go_to_queue(names.index(f"{QUEUE} (2)"))
    settle(qtbot, sue)
    model = sue.queue_model
    qtmodeltester.check(model)
    assert model.request is not None
    assert model.request.queue is QueueKind.REGULATORY
    sue.table.sortByColumn(Column.REGULATORY, Qt.SortOrder.AscendingOrder)
    settle(qtbot, sue)
    rows = [model.row_at(r) for r in range(model.rowCount())]
    assert [r.id for r in rows if r] == [late, close]  # the missed one first
    cells = [model.index(r, Column.REGULATORY).data() for r in range(model.rowCount())]
    assert cells[0].startswith("overdue by")
    assert model.headerData(Column.REGULATORY, Qt.Orientation.Horizontal) == "Regulatory"
    tip = model.index(1, Column.REGULATORY).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Regulatory deadline (At risk): due")

    sue.go_to_queue(2)  # All open: three complaints, narrowed to the missed one
    settle(qtbot, sue)
    menu = sue.cockpit.filter_bar.buttons["regulatory_states"].menu()
    next(a for a in menu.actions() if a.text() == "Missed").trigger()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    only = model.row_at(0)
    assert only is not None
    assert only.id == late

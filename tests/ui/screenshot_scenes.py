"""Scenes for the screenshots of the agent screens: a complaint with a history, the forms.

Used by ``tests/ui/screenshots.py``; everything goes through the services, as in real use.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from complaintdesk.domain.errors import ConcurrentEditError
from complaintdesk.domain.vocabulary import Channel, ContactKind, Role, Segment, Status
from complaintdesk.services.admin import auth, organisation, routing_rules, team_queues, users
from complaintdesk.services.complaints import (
    commitments,
    contributions,
    detail,
    intake,
    lifecycle,
    messages,
)
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.ui.dialogs.concurrent_edit import ConcurrentEditDialog
from complaintdesk.ui.dialogs.new_complaint import NewComplaintDialog
from complaintdesk.ui.dialogs.resolve import ResolveDialog
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.operations import concurrent_edit_names
from tests.conftest import command_line_actor

PASSWORD = "correct horse"
Grab = Callable[[QWidget, Path], None]
Wait = Callable[[Callable[[], bool]], None]


def staff(connection: Connection) -> dict[str, Actor]:
    """Add a small desk (agents, billing and logistics members, an administrator)."""
    admin = ServiceContext(connection.uow, command_line_actor())
    people = [
        ("camille", "Camille Bonnefoy", Role.AGENT),
        ("bea", "Béatrice Roux", Role.FUNCTION_MEMBER),
        ("luc", "Luc Moreau", Role.FUNCTION_MEMBER),
        ("rita", "Rita Root", Role.ADMIN),
    ]
    for login, name, role in people:
        users.add_user(
            admin, login, PASSWORD, role=role, site_code="HQ", display_name=name, team_queue="care"
        )
    team_queues.name_team_queue(admin, "care", "Customer care")
    organisation.add_function(admin, "billing", "Billing", answer_within_hours=8)
    organisation.add_function(admin, "logistics", "Logistics", answer_within_hours=24)
    organisation.add_member(admin, "billing", "bea")
    organisation.add_member(admin, "logistics", "luc")
    organisation.add_root_cause(admin, "billing-error", "Billing error", "billing")
    organisation.add_root_cause(admin, "late-delivery", "Late delivery", "logistics")
    invoices = routing_rules.RuleSpec(
        "Invoices", {"keywords": ["facture", "invoice", "charged"]}, "billing", 2, "care"
    )
    routing_rules.add_rule(admin, invoices)
    parcels = routing_rules.RuleSpec(
        "Parcels", {"keywords": ["parcel", "colis"], "channels": ["email"]}, "logistics"
    )
    routing_rules.add_rule(admin, parcels)
    everything = routing_rules.RuleSpec("Everything else", {}, team_queue="care", is_default=True)
    routing_rules.add_rule(admin, everything)
    return {login: auth.sign_in(connection.uow, login, PASSWORD) for login, *_ in people}


def _current_version(ctx: ServiceContext, complaint_id: uuid.UUID) -> int:
    return detail.get_detail(ctx, complaint_id).version


def busy_complaint(connection: Connection, people: dict[str, Actor]) -> intake.IntakeResult:
    """A phone complaint with messages, two requests, a commitment and a history."""
    owner = ServiceContext(connection.uow, people["camille"])
    recorded = intake.record_complaint(
        owner,
        intake.NewComplaint(
            channel=Channel.PHONE,
            subject="Charged twice for the March invoice, and the refund parcel never came",
            description=(
                "The customer says the March invoice was taken twice from her account. "
                "The shop promised a refund voucher by post; nothing arrived after three weeks."
            ),
            customer=CustomerInput(
                "Léa Martin",
                [(ContactKind.PHONE, "06 12 34 56 78"), (ContactKind.EMAIL, "lea@example.org")],
                segment=Segment.PREMIUM,
                language="fr",
            ),
        ),
    )
    cid = recorded.complaint_id
    _version = partial(_current_version, owner, cid)
    lifecycle.change_status(owner, cid, Status.ACKNOWLEDGED, _version())
    lifecycle.change_status(owner, cid, Status.IN_PROGRESS, _version())
    messages.record_response(
        owner, cid, Channel.PHONE, "Called her back: we are checking with Billing.", _version()
    )
    contributions.ask(owner, cid, ["billing"], "Was the March invoice charged twice?", _version())
    billing = ServiceContext(connection.uow, people["bea"])
    request = contributions.asked_of_my_functions(billing)[0]
    contributions.answer(billing, request.id, "Yes, twice on 3 March. Refund of 42.50 EUR issued.")
    contributions.ask(owner, cid, ["logistics"], "Where is the refund voucher parcel?", _version())
    messages.add_note(owner, cid, "Premium customer: call before 18:00.")
    messages.record_inbound(
        owner,
        cid,
        messages.InboundMessage(
            Channel.EMAIL, "Bonjour, toujours rien reçu. Merci de me rappeler.", "Re: refund"
        ),
    )
    return recorded


def commitment_complaint(connection: Connection, people: dict[str, Actor]) -> None:
    """A second complaint waiting on the customer (for the queue's sake)."""
    owner = ServiceContext(connection.uow, people["camille"])
    recorded = intake.record_complaint(
        owner,
        intake.NewComplaint(
            Channel.SHOP,
            "Card blocked at the counter",
            "The card was refused twice at the counter.",
            CustomerInput("Bruno Lefèvre", [(ContactKind.PHONE, "06 98 76 54 32")]),
        ),
    )
    cid = recorded.complaint_id
    _version = partial(_current_version, owner, cid)
    lifecycle.change_status(owner, cid, Status.ACKNOWLEDGED, _version())
    lifecycle.change_status(owner, cid, Status.IN_PROGRESS, _version())
    due = datetime.now(UTC) + timedelta(days=5)
    commitments.add(owner, cid, "A copy of the bank statement for March", due, _version())


def agent_screens(connection: Connection, out: Path, grab: Grab, wait: Wait) -> None:
    """Workspace, New complaint (fresh and refused), Resolve and a conflict, as the agent."""
    people = staff(connection)
    recorded = busy_complaint(connection, people)
    commitment_complaint(connection, people)
    window = MainWindow(connection, people["camille"])
    window.show()
    QTest.qWaitForWindowExposed(window)
    wait(lambda: window.tasks.pending == 0)
    window.show_complaint(recorded.complaint_id)
    grab(window, out / "workspace.png")
    _new_complaint_shots(window, out, grab, wait)
    _resolve_shot(window, out, grab, wait)
    _conflict_shot(window, connection, people, out, grab)
    window.close()
    member = MainWindow(connection, people["luc"])
    member.show()
    wait(lambda: member.tasks.pending == 0)
    grab(member, out / "asked_of_my_function.png")
    member.close()


def _new_complaint_shots(window: MainWindow, out: Path, grab: Grab, wait: Wait) -> None:
    window.complaint_actions.new_complaint.trigger()
    wait(lambda: isinstance(window.complaint_actions.handlers.dialog, NewComplaintDialog))
    form = window.complaint_actions.handlers.dialog
    assert isinstance(form, NewComplaintDialog)
    grab(form, out / "new_complaint.png")
    form.customer_name.setText("Marc Dupuis")
    form.phone.setText("12 34")
    form.subject.setText("Rude answer on the hotline")
    form.description.setPlainText("He was hung up on twice.")
    form.submit()
    wait(lambda: bool(form.field_error("phone")))
    grab(form, out / "new_complaint_invalid_phone.png")
    form.reject()


def _resolve_shot(window: MainWindow, out: Path, grab: Grab, wait: Wait) -> None:
    window.complaint_actions.handlers.resolve()
    wait(lambda: isinstance(window.complaint_actions.handlers.dialog, ResolveDialog))
    form = window.complaint_actions.handlers.dialog
    assert isinstance(form, ResolveDialog)
    form.remedy.setPlainText("Refund of the duplicate payment and a 20 EUR voucher.")
    form.money_involved.setChecked(True)
    form.money.amount.setText("62.50")
    form.root_cause.setCurrentIndex(1)
    grab(form, out / "resolve.png")
    form.reject()


def _conflict_shot(
    window: MainWindow,
    connection: Connection,
    people: dict[str, Actor],
    out: Path,
    grab: Grab,
) -> None:
    shown = window.detail.shown
    assert shown is not None
    owner = ServiceContext(connection.uow, people["camille"])
    try:
        messages.record_response(owner, shown.id, Channel.PHONE, "-", 1)
    except ConcurrentEditError as error:
        dialog = ConcurrentEditDialog(error, concurrent_edit_names(owner), lambda: None, window)
        dialog.show()
        grab(dialog, out / "conflict.png")
        dialog.close()


def admin_screens(connection: Connection, out: Path, grab: Grab, wait: Wait) -> None:
    """The configuration dialog's tabs, the rules tried on the selected complaint."""
    root = auth.sign_in(connection.uow, "rita", PASSWORD)
    window = MainWindow(connection, root)
    window.show()
    wait(lambda: window.tasks.pending == 0)
    window.go_to_queue(2)  # All open
    window.open_configuration()
    dialog = window.admin_dialog
    assert dialog is not None
    wait(lambda: dialog.rules.model.rowCount() > 0)
    grab(dialog, out / "admin_functions.png")
    dialog.tabs.setCurrentWidget(dialog.rules)
    dialog.rules.try_button.click()
    routed = QCoreApplication.translate("RulesTab", "If routed now: {why}").split("{why}")[0]
    wait(lambda: routed in dialog.rules.preview.text())
    grab(dialog, out / "admin_rules.png")
    dialog.rules.add_button.click()
    wait(lambda: dialog.form is not None and dialog.form.isVisible())
    assert dialog.form is not None
    grab(dialog.form, out / "admin_add_rule.png")
    dialog.form.reject()
    dialog.tabs.setCurrentWidget(dialog.policies)
    dialog.policies.select("fr-acpr")
    dialog.policies.received.setDateTime(QDateTime(QDate(2025, 7, 11), QTime(9, 30)))
    wait(lambda: "2025-07-24" in str(dialog.policies.preview_rows()))
    grab(dialog, out / "admin_promises.png")
    dialog.close()
    window.close()

"""The Problems window, "Attach to problem…", satisfaction, root causes and the voice (PDF)."""

from __future__ import annotations

import uuid
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from complaintdesk.app import Backend
from complaintdesk.domain.lifecycle import Resolution
from complaintdesk.domain.vocabulary import Channel, Outcome, Role
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.complaints import detail, lifecycle, ownership
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.insight import problems, satisfaction
from complaintdesk.services.insight.problems import NewProblem
from complaintdesk.services.insight.satisfaction import Scores
from complaintdesk.storage.models import Complaint
from complaintdesk.ui.admin.root_causes import CauseDialog
from complaintdesk.ui.dialogs.resolve import ResolveDialog
from complaintdesk.ui.dialogs.satisfaction import SatisfactionDialog
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.problems.problem_actions import AttachDialog
from complaintdesk.ui.problems.problems_window import ProblemsWindow
from tests.ui.conftest import PASSWORD, Desk
from tests.ui.helpers import CTRL, open_window, press, record, settle, submit, wait_for_form

ALL_OPEN_ROW = 2
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def _supervisor(backend: Backend, cli_ctx: ServiceContext) -> Actor:
    users.add_user(
        cli_ctx,
        "sue",
        PASSWORD,
        role=Role.SUPERVISOR,
        site_code="HQ",
        display_name="Sue Supervisor",
        team_queue="care",
    )
    return auth.sign_in(backend.uow, "sue", PASSWORD)


def _resolved(connection: Connection, actor: Actor, subject: str, email: str) -> uuid.UUID:
    recorded = record(connection, actor, subject, channel=Channel.PHONE, email=email)
    ctx = ServiceContext(connection.uow, actor)
    ownership.take(
        ctx, recorded.complaint_id, detail.get_detail(ctx, recorded.complaint_id).version
    )
    version = detail.get_detail(ctx, recorded.complaint_id).version
    resolution = Resolution(Outcome.UPHELD, "Refunded", "billing-error")
    lifecycle.resolve(ctx, recorded.complaint_id, resolution, version)
    return recorded.complaint_id


def _open_problems(qtbot: QtBot, window: MainWindow) -> ProblemsWindow:
    press(qtbot, window, Qt.Key.Key_P, CTRL_ALT)
    shown = window.problem_actions.problems_window
    assert shown is not None
    qtbot.waitUntil(shown.isVisible)
    settle(qtbot, window)
    return shown


def test_complaints_picked_in_the_queue_become_a_problem_with_dated_actions(
    qtbot: QtBot,
    connection: Connection,
    desk: Desk,
    sqlite_backend: Backend,
    cli_ctx: ServiceContext,
    qtmodeltester: ModelTester,
) -> None:
    sue = _supervisor(sqlite_backend, cli_ctx)
    first = record(connection, desk.ann, "Parcel stuck at the Lyon depot", email="a@x.org")
    second = record(connection, desk.ann, "Lyon depot holds my parcel", email="b@x.org")
    record(connection, desk.ann, "Rude staff at the counter", email="c@x.org")
    window = open_window(qtbot, connection, sue)
    window.go_to_queue(ALL_OPEN_ROW)
    settle(qtbot, window)
    model = window.queue_model
    rows = [model.row_of(first.complaint_id), model.row_of(second.complaint_id)]
    selection = window.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag
    for row in rows:
        selection.select(model.index(row, 0), flags.Select | flags.Rows)

    press(qtbot, window, Qt.Key.Key_A, CTRL_ALT)
    qtbot.waitUntil(lambda: isinstance(window.problem_actions.dialog, AttachDialog))
    form = window.problem_actions.dialog
    assert isinstance(form, AttachDialog)
    assert form.windowTitle() == "Attach 2 complaints to a problem"
    qtbot.keyClicks(form.title, "Parcels stuck at the Lyon depot")
    submit(qtbot, form)
    settle(qtbot, window)

    shown = _open_problems(qtbot, window)
    tab = shown.problems
    qtbot.waitUntil(lambda: tab.detail is not None)
    assert tab.detail is not None
    assert tab.detail.summary.title == "Parcels stuck at the Lyon depot"
    assert {c.reference for c in tab.detail.complaints} == {first.reference, second.reference}
    assert tab.linked.rowCount() == 2
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.linked)

    tab.add_action()
    action_form = tab.form
    assert action_form is not None
    qtbot.keyClicks(action_form.text, "Depot manager called; extra shift on Saturday")
    submit(qtbot, action_form)
    qtbot.waitUntil(lambda: "extra shift" in tab.actions_text.toPlainText())
    assert "Sue Supervisor" in tab.actions_text.toPlainText()
    shown.close()


def test_a_candidate_found_by_similarity_is_made_a_problem_in_one_action(
    qtbot: QtBot,
    connection: Connection,
    desk: Desk,
    sqlite_backend: Backend,
    cli_ctx: ServiceContext,
    qtmodeltester: ModelTester,
) -> None:
    sue = _supervisor(sqlite_backend, cli_ctx)
    for n, (text, channel) in enumerate(
        [
            ("Charged twice for one purchase on my card", Channel.PHONE),
            ("My card was charged twice for the same purchase", Channel.EMAIL),
            ("Same purchase charged twice on card", Channel.SHOP),
        ]
    ):
        record(connection, desk.ann, text, channel=channel, email=f"{n}@x.org")
    record(connection, desk.ann, "Branch closed early on Saturday", email="z@x.org")
    window = open_window(qtbot, connection, sue)
    shown = _open_problems(qtbot, window)
    candidates = shown.candidates
    assert candidates is not None
    shown.tabs.setCurrentWidget(candidates)

    with qtbot.waitSignal(candidates.found):
        candidates.detect()

    assert candidates.model.rowCount() == 1
    assert candidates.members.rowCount() == 3
    qtmodeltester.check(candidates.model)
    qtmodeltester.check(candidates.members)
    assert (
        "Charged twice" in candidates.summary.text() or "3 complaints" in candidates.summary.text()
    )
    qtbot.mouseClick(candidates.make_button, Qt.MouseButton.LeftButton)
    form = candidates.form
    assert form is not None
    submit(qtbot, form)
    qtbot.waitUntil(lambda: shown.problems.detail is not None)
    assert shown.tabs.currentWidget() is shown.problems
    assert shown.problems.detail is not None
    assert shown.problems.detail.summary.complaints == 3
    qtbot.waitUntil(lambda: candidates.model.rowCount() == 0)
    shown.close()


def test_satisfaction_given_on_the_phone_is_recorded_from_the_workspace(
    qtbot: QtBot,
    connection: Connection,
    desk: Desk,
    sqlite_backend: Backend,
) -> None:
    complaint_id = _resolved(connection, desk.ann, "Facture payée deux fois", "s@x.org")
    window = open_window(qtbot, connection, desk.ann)
    window.show_complaint(complaint_id)
    qtbot.waitUntil(lambda: window.detail.shown is not None)

    press(qtbot, window, Qt.Key.Key_S, CTRL_ALT)
    qtbot.waitUntil(lambda: isinstance(window.problem_actions.dialog, SatisfactionDialog))
    form = window.problem_actions.dialog
    assert isinstance(form, SatisfactionDialog)
    form.satisfaction.setValue(4)
    form.recommendation.setValue(6)
    submit(qtbot, form)
    settle(qtbot, window)

    with sqlite_backend.uow() as uow:
        stored = uow.get(Complaint, complaint_id)
        assert stored is not None
        assert (stored.satisfaction, stored.recommendation) == (4, 6)
        assert stored.satisfaction_channel == "phone"


def test_the_satisfaction_tab_and_the_voice_page_show_the_function_s_figures(
    qtbot: QtBot,
    connection: Connection,
    desk: Desk,
    sqlite_backend: Backend,
    cli_ctx: ServiceContext,
    qtmodeltester: ModelTester,
    tmp_path: Path,
) -> None:
    sue = _supervisor(sqlite_backend, cli_ctx)
    complaint_id = _resolved(connection, desk.ann, "Facture payée deux fois", "v@x.org")
    ann = ServiceContext(connection.uow, desk.ann)
    satisfaction.record_scores(ann, complaint_id, Scores(9, 10), Channel.PHONE)
    problems.create(
        ServiceContext(connection.uow, sue),
        NewProblem("Billing run failed", function_code="billing"),
    )
    window = open_window(qtbot, connection, sue)
    shown = _open_problems(qtbot, window)
    tab = shown.satisfaction
    qtbot.waitUntil(lambda: tab.by_function.rowCount() == 1)
    for model in (tab.by_function, tab.by_channel, tab.by_agent):
        qtmodeltester.check(model)
    assert tab.by_function.data(tab.by_function.index(0, 0)) == "Billing"
    assert tab.by_function.data(tab.by_function.index(0, 2)) == "9"
    assert tab.by_agent.data(tab.by_agent.index(0, 0)) == "Ann Archer"

    voice = shown.voice
    qtbot.waitUntil(lambda: voice.voice is not None)
    text = voice.page.toPlainText()
    assert "Voice of the customer — Billing" in text
    assert "Complaints received: 1 (+1 compared with the month before)" in text
    assert "Billing error" in text
    assert "Billing run failed" in text
    target = tmp_path / "voice.pdf"
    voice.save_pdf(target)
    pdf = " ".join(" ".join(page.extract_text() for page in PdfReader(target).pages).split())
    assert "Voice of the customer — Billing" in pdf
    assert "Complaints received: 1" in pdf
    assert "Billing error" in pdf
    assert "Billing run failed" in pdf
    assert "Mean satisfaction 9 / 10 over 1 responses" in pdf
    shown.close()


def test_an_administrator_adds_a_bilingual_cause_and_resolve_asks_whose_it_is(
    qtbot: QtBot, connection: Connection, desk: Desk
) -> None:
    window = open_window(qtbot, connection, desk.admin)
    press(qtbot, window, Qt.Key.Key_Comma, CTRL)
    dialog = window.admin_dialog
    assert dialog is not None
    causes = dialog.causes
    dialog.tabs.setCurrentWidget(causes)
    qtbot.waitUntil(lambda: causes.tree.topLevelItemCount() == 1)
    causes.add()
    form = causes.form
    assert isinstance(form, CauseDialog)
    qtbot.keyClicks(form.code, "late-parcel")
    qtbot.keyClicks(form.name, "Late parcel")
    qtbot.keyClicks(form.name_fr, "Colis en retard")
    form.function.setCurrentIndex(form.function.findData("billing"))
    submit(qtbot, form)
    qtbot.waitUntil(lambda: causes.tree.topLevelItemCount() == 2)
    texts = {causes.tree.topLevelItem(i).text(1) for i in range(2)}  # type: ignore[union-attr]
    assert "Colis en retard" in texts

    found = causes.tree.findItems("Billing error", Qt.MatchFlag.MatchExactly, 0)
    causes.tree.setCurrentItem(found[0])
    qtbot.mouseClick(causes.retire_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: causes.current() is not None and not causes.current().active)
    assert causes.retire_button.text() == "Reac&tivate"
    causes.edit()
    edit = causes.form
    assert isinstance(edit, CauseDialog)
    assert not edit.code.isEnabled()
    edit.parent_cause.setCurrentIndex(edit.parent_cause.findData("late-parcel"))
    submit(qtbot, edit)
    qtbot.waitUntil(lambda: causes.tree.topLevelItemCount() == 1)
    top = causes.tree.topLevelItem(0)
    assert top is not None
    assert top.text(0) == "Late parcel"
    assert top.child(0).text(0) == "Billing error (retired)"
    dialog.close()

    recorded = record(connection, desk.admin, "Parcel late", email="r@x.org")
    window.show_complaint(recorded.complaint_id)
    qtbot.waitUntil(lambda: window.detail.shown is not None)
    window.complaint_actions.handlers.resolve()
    resolve = wait_for_form(qtbot, window, ResolveDialog)
    resolve.root_cause.setCurrentIndex(resolve.root_cause.findData("late-parcel"))
    assert resolve.cause_function.currentData() == "billing"  # the cause's own function
    resolve.reject()


def test_a_function_member_reads_their_function_only_and_proposes_nothing(
    qtbot: QtBot, connection: Connection, desk: Desk, sqlite_backend: Backend
) -> None:
    organisation.add_function(ServiceContext(connection.uow, desk.admin), "logistics", "Logistics")
    window = open_window(qtbot, connection, desk.bea)
    assert not window.problem_actions.attach_action.isEnabled()

    shown = _open_problems(qtbot, window)

    assert shown.candidates is None
    qtbot.waitUntil(lambda: shown.voice.function.count() == 1)
    assert shown.voice.function.itemText(0) == "Billing"
    shown.close()

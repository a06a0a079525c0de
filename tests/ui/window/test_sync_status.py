"""A branch workstation's window: the sync fact in the status bar, Sync now, the Conflicts view."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import make_url

from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import users
from complaintdesk.services.complaints import messages
from complaintdesk.services.context import Connection
from complaintdesk.services.replicas.replication import RoundSummary, SyncFacts
from complaintdesk.storage.models import Customer
from complaintdesk.sync.branch import Branch
from complaintdesk.ui import i18n
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.window.sync_status import ROUND_EVERY_MS, describe
from tests.support import sync_world as w
from tests.ui.helpers import open_window, press, settle

pytestmark = pytest.mark.postgres
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


class WatchedBranch:
    """The real link, noting which thread each round ran on."""

    def __init__(self, branch: Branch) -> None:
        self.branch = branch
        self.round_threads: list[threading.Thread] = []
        self.probes = 0

    def facts(self) -> SyncFacts:
        return self.branch.facts()

    def run_round(self) -> RoundSummary:
        self.round_threads.append(threading.current_thread())
        return self.branch.run_round()

    def probe(self) -> bool:
        self.probes += 1
        return self.branch.probe()


@pytest.fixture
def world(migrated_postgres_url: str, tmp_path: Path) -> Iterator[tuple[w.Replica, w.Replica]]:
    central = w.open_central(migrated_postgres_url, tmp_path / "central", ["PAR"])
    paris = w.make_branch(migrated_postgres_url, tmp_path / "PAR", "PAR")
    yield central, paris
    for replica in (central, paris):
        replica.engine.dispose()


@pytest.fixture(autouse=True)
def english() -> None:
    """The English catalogue, as the application installs it: "1 complaint", "2 messages"."""
    i18n.install("en")


def window_of(qtbot: QtBot, paris: w.Replica, login: str) -> tuple[MainWindow, WatchedBranch]:
    assert paris.branch is not None
    link = WatchedBranch(paris.branch)
    connection = Connection(paris.backend.uow, paris.backend.description, "branch", link)
    return open_window(qtbot, connection, paris.people[login]), link


def test_the_status_bar_tells_mode_reachability_waiting_changes_and_last_sync(
    qtbot: QtBot, world: tuple[w.Replica, w.Replica]
) -> None:
    central, paris = world
    w.record_complaint(paris, "clerk-par", "Recorded before the window opened", "a@example.org")
    window, link = window_of(qtbot, paris, "clerk-par")
    assert window.sync is not None
    label = window.sync.label
    qtbot.waitUntil(lambda: link.probes >= 1)  # a probe as the window opens: cheap, no round
    qtbot.waitUntil(lambda: "Branch: central reachable" in label.text())
    assert "1 complaint and 1 message waiting" in label.text()
    assert "never synced" in label.text()
    assert not link.round_threads
    assert window.sync.timer.isActive()
    assert window.sync.timer.interval() == ROUND_EVERY_MS
    assert window.sync.conflicts_action is None  # clerks have no Conflicts view

    press(qtbot, window, Qt.Key.Key_F9, NO_MODIFIER)
    qtbot.waitUntil(lambda: "synced " in label.text(), timeout=20_000)
    settle(qtbot, window)
    assert "central reachable" in label.text()
    assert "nothing waiting" in label.text()
    assert link.round_threads
    assert threading.main_thread() not in link.round_threads
    assert w.differences(central.engine, paris.engine) == {}

    # The network goes: the next (background) round says so, and nothing waits in vain.
    gone = make_url(str(central.engine.url)).set(host="127.0.0.1", port=9, query={})
    with paris.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE replica_state SET central_url = ?", (gone.render_as_string(False),)
        )
    # The probe notices before any round, and what waits is counted the moment it is made.
    window.sync.probe_timer.timeout.emit()
    qtbot.waitUntil(lambda: "central unreachable" in label.text(), timeout=20_000)
    assert not window.statusBar().currentMessage()  # no round was tried
    offline = w.record_complaint(paris, "clerk-par", "Off", "b@x.org")
    note = partial(messages.add_note, window.sync._ctx, offline, "Customer rang back.")
    window.operations.run(note, Changes.complaint(offline))
    qtbot.waitUntil(lambda: "1 complaint and 2 messages waiting" in label.text())
    assert "does not answer" in label.toolTip()
    window.sync.timer.timeout.emit()
    qtbot.waitUntil(lambda: "Sync failed" in window.statusBar().currentMessage(), timeout=20_000)
    settle(qtbot, window)
    assert "1 complaint and 2 messages waiting" in label.text()


def test_a_supervisor_keeps_the_other_version_of_a_customer_edited_in_two_places(
    qtbot: QtBot, qtmodeltester: ModelTester, world: tuple[w.Replica, w.Replica]
) -> None:
    central, paris = world
    complaint = w.record_complaint(paris, "clerk-par", "Parcel lost", "c@example.org")
    assert paris.branch is not None
    paris.branch.run_round()
    customer = w.customer_of(paris, complaint)
    w.rename_customer(central, "hq", customer, "Chloé Martin")
    w.rename_customer(paris, "clerk-par", customer, "Chloe Martin-Durand")
    paris.branch.run_round()

    window, _link = window_of(qtbot, paris, "lead-par")
    assert window.sync is not None
    assert window.sync.conflicts_action is not None
    press(qtbot, window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.sync is not None and window.sync.dialog is not None)
    dialog = window.sync.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    qtmodeltester.check(dialog.model)
    model = dialog.model
    assert model.index(0, 0).data() == "Customer edited in two places"
    assert model.index(0, 2).data() == "Name: Chloe Martin-Durand"  # the branch wrote last
    assert model.index(0, 3).data() == "Name: Chloé Martin"
    assert dialog.keep_other.isEnabled()

    qtbot.mouseClick(dialog.keep_other, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)
    assert dialog.empty.isVisibleTo(dialog)
    settle(qtbot, window)
    paris.branch.run_round()
    for replica in (central, paris):
        with replica.backend.uow() as uow:
            found = uow.get(Customer, customer)
            assert found is not None
            assert found.display_name == "Chloé Martin"
    assert w.differences(central.engine, paris.engine) == {}


def test_a_workstation_whose_clock_is_two_years_ahead_is_told_so_in_both_languages(
    qtbot: QtBot, migrated_postgres_url: str, tmp_path: Path
) -> None:
    central = w.open_central(migrated_postgres_url, tmp_path / "central", ["PAR"])
    ahead = w.make_branch(
        migrated_postgres_url, tmp_path / "PAR", "PAR", w.skewed(timedelta(days=731))
    )
    try:
        window, _link = window_of(qtbot, ahead, "clerk-par")
        assert window.sync is not None
        label = window.sync.label
        qtbot.waitUntil(lambda: "clock 2 years ahead" in label.text())  # measured at init
        assert "set it right" in label.toolTip()
        assert "dated by the central server's time" in label.toolTip()
        facts = window.sync.facts
        assert facts is not None
        i18n.install("fr")
        text, tip = describe(facts)
        assert "horloge en avance de 2 ans" in text
        assert "remettez-la à l'heure" in tip
        assert "1 réclamation" not in text  # nothing recorded: nothing waits
        assert "rien en attente" in text
    finally:
        for replica in (central, ahead):
            replica.engine.dispose()


def test_a_change_the_central_server_cannot_apply_is_listed_for_a_supervisor_in_words(
    qtbot: QtBot, qtmodeltester: ModelTester, world: tuple[w.Replica, w.Replica]
) -> None:
    central, paris = world
    users.add_user(w.admin(central.backend), "marie", w.PASSWORD, role=Role.AGENT, site_code="HQ")
    users.add_user(w.admin(paris.backend), "marie", w.PASSWORD, role=Role.AGENT, site_code="PAR")
    assert paris.branch is not None
    paris.branch.run_round()

    window, _link = window_of(qtbot, paris, "lead-par")
    assert window.sync is not None
    press(qtbot, window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.sync is not None and window.sync.dialog is not None)
    dialog = window.sync.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 1)
    qtmodeltester.check(dialog.model)
    rows = [dialog.model.row_at(r) for r in range(dialog.model.rowCount())]
    here = next(r for r in rows if r.kind == "set_aside_here")
    index = rows.index(here)
    assert dialog.model.index(index, 0).data() == (
        "A change from the central server set aside here\n"
        "Another record already has the same login."
    )
    assert dialog.model.index(index, 1).data() == "user marie"
    assert "Login: marie" in dialog.model.index(index, 3).data()
    assert "password" not in dialog.model.index(index, 3).data()
    dialog.table.selectRow(index)
    assert dialog.keep_settled.isEnabled()
    assert not dialog.keep_other.isEnabled()  # sync retries it by itself
    qtbot.mouseClick(dialog.keep_settled, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(r.kind != "set_aside_here" for r in dialog.model.rows()))
    assert paris.branch.facts().set_aside == 0

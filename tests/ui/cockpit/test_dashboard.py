"""The dashboard through clicks: its bars match the data, a bar opens its filtered queue."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from complaintdesk.app import Backend
from complaintdesk.domain.vocabulary import Channel, Role
from complaintdesk.services.admin import auth, organisation, users
from complaintdesk.services.context import Actor, Connection, ServiceContext
from complaintdesk.services.read_models import QueueKind
from complaintdesk.ui.cockpit.dashboard import DashboardWindow
from complaintdesk.ui.main_window import MainWindow
from complaintdesk.ui.queues.queue_model import Column
from complaintdesk.ui.tasks import TaskRunner
from tests.support.report_factory import Facts, add
from tests.ui.conftest import PASSWORD
from tests.ui.helpers import CTRL, open_window, press, settle

NOW = datetime.now(UTC).replace(microsecond=0)


def _ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


@pytest.fixture
def sue(sqlite_backend: Backend, cli_ctx: ServiceContext) -> Actor:
    """A signed-in supervisor, with two functions and their root causes in the catalogue."""
    users.add_user(
        cli_ctx, "sue", PASSWORD, role=Role.SUPERVISOR, site_code="HQ", display_name="Sue Super"
    )
    organisation.add_function(cli_ctx, "billing", "Billing", answer_within_hours=8)
    organisation.add_function(cli_ctx, "logistics", "Logistics", answer_within_hours=8)
    organisation.add_root_cause(cli_ctx, "billing-error", "Billing error", "billing")
    organisation.add_root_cause(cli_ctx, "carrier-delay", "Carrier delay", "logistics")
    return auth.sign_in(sqlite_backend.uow, "sue", PASSWORD)


@pytest.fixture
def recent(sqlite_backend: Backend, sue: Actor) -> None:
    """Complaints of the last three weeks, each figure known."""
    add(
        sqlite_backend.uow,
        Facts(_ago(20), "email", _ago(17), _ago(15), "billing", "billing-error", 8),
        Facts(_ago(20), "phone", _ago(5), _ago(12), "billing", "billing-error", 2),
        Facts(_ago(19), "email", _ago(16), _ago(14), "logistics", "carrier-delay", 9),
        Facts(_ago(10), "phone", due=_ago(3), clock_state="breached"),
        Facts(_ago(10), "phone", subject="Second call about the same parcel"),
        Facts(_ago(1), "shop"),
    )


def _dashboard(qtbot: QtBot, ctx: ServiceContext) -> DashboardWindow:
    tasks = TaskRunner()
    dashboard = DashboardWindow(ctx, tasks, now=lambda: NOW)
    qtbot.addWidget(dashboard)
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        dashboard.show()
        dashboard.load()
    qtbot.waitUntil(lambda: tasks.pending == 0)
    return dashboard


def _values(chart_sets: list, index: int = 0) -> list[float]:  # type: ignore[type-arg]
    bar_set = chart_sets[index]
    return [bar_set.at(i) for i in range(bar_set.count())]


def test_the_charts_show_the_figures_of_the_database(
    qtbot: QtBot, sqlite_backend: Backend, sue: Actor, recent: None
) -> None:
    dashboard = _dashboard(qtbot, ServiceContext(sqlite_backend.uow, sue))

    assert not dashboard.empty.isVisible()
    inflow = {s.label(): sum(_values([s])) for s in dashboard.inflow.sets}
    assert inflow == {"Email": 2, "Phone": 3, "Shop": 1}
    assert dashboard.backlog.categories == dashboard.age_band_labels()
    assert _values(dashboard.backlog.sets) == [1, 0, 2, 0, 0, 0]
    assert dashboard.compliance_function.categories == ["Billing", "Logistics"]
    assert _values(dashboard.compliance_function.sets) == [50.0, 100.0]
    assert dashboard.pareto.categories == ["Billing error", "Carrier delay"]
    assert [s.label() for s in dashboard.pareto.sets] == ["Billing", "Logistics"]
    scores = [
        sum(v) for v in zip(*(_values([s]) for s in dashboard.satisfaction.sets), strict=True)
    ]
    assert scores == [0, 1, 0, 0, 0, 0, 0, 1, 1, 0]
    assert "average 6.3 / 10" in dashboard.satisfaction.chart.title()
    assert sum(_values(dashboard.breaches.sets)) == 2


def test_a_period_without_complaints_says_so(
    qtbot: QtBot, sqlite_backend: Backend, sue: Actor
) -> None:
    dashboard = _dashboard(qtbot, ServiceContext(sqlite_backend.uow, sue))

    assert dashboard.empty.isVisible()
    assert "No complaints in this period" in dashboard.empty.text()


def test_clicking_a_bar_lands_in_its_filtered_queue(
    qtbot: QtBot, sqlite_backend: Backend, connection: Connection, sue: Actor, recent: None
) -> None:
    window = open_window(qtbot, connection, sue)
    press(qtbot, window, Qt.Key.Key_D, CTRL)
    dashboard = window.report_actions.dashboard
    assert dashboard is not None
    qtbot.waitUntil(lambda: dashboard.shown is not None, timeout=10_000)
    phone = next(i for i, s in enumerate(dashboard.inflow.sets) if s.label() == "Phone")
    ten_days_ago = next(
        i for i, b in enumerate(dashboard.shown.inflow)
        if b.group == "phone" and b.count == 2
    ) % len(dashboard.shown.buckets)  # fmt: skip

    dashboard.inflow.click(phone, ten_days_ago)
    settle(qtbot, window)

    request = window.queue_model.request
    assert request is not None
    assert request.queue is QueueKind.ALL_OPEN
    assert request.filters.channels == frozenset({Channel.PHONE})
    subjects = sorted(
        window.queue_model.data(window.queue_model.index(row, Column.SUBJECT))
        for row in range(window.queue_model.rowCount())
    )
    assert subjects == ["Charged twice for the March invoice", "Second call about the same parcel"]


def test_an_agent_has_no_reports_menu(qtbot: QtBot, connection: Connection, agent: Actor) -> None:
    window = open_window(qtbot, connection, agent)

    assert not hasattr(window, "report_actions")
    assert "&Reports" not in [a.text() for a in window.menuBar().actions()]


def test_the_export_holds_the_rows_of_the_table(
    qtbot: QtBot, sqlite_backend: Backend, connection: Connection, sue: Actor, recent: None,
    tmp_path: Path,
) -> None:  # fmt: skip
    add(sqlite_backend.uow, Facts(_ago(2), "email", subject='=HYPERLINK("http://x","refund")'))
    window: MainWindow = open_window(qtbot, connection, sue)
    all_open = next(
        row for row in range(window.navigation.count())
        if window.navigation.item(row).text().startswith("All open")
    )  # fmt: skip
    window.go_to_queue(all_open)
    settle(qtbot, window)
    model = window.queue_model
    shown = [
        [model.data(model.index(row, column)) for column in range(Column.SITE + 1)]
        for row in range(model.rowCount())
    ]
    exporter = window.report_actions.exporter

    with qtbot.waitSignal(exporter.finished, timeout=10_000):
        exporter.start(tmp_path / "queue.csv")

    with (tmp_path / "queue.csv").open(newline="", encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][: Column.SITE + 1] == [
        model.headerData(c, Qt.Orientation.Horizontal) for c in range(Column.SITE + 1)
    ]
    exported = [line[: Column.SITE + 1] for line in lines[1:]]
    neutral = [[("'" + cell if cell.startswith("=") else cell) for cell in row] for row in shown]
    assert exported == neutral
    assert any(row[Column.SUBJECT].startswith("'=HYPERLINK") for row in exported)

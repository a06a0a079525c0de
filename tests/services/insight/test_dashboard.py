"""The dashboard's figures and the CFPB export on real databases (the FCA return: its own file)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.channels import cfpb
from complaintdesk.domain.errors import PermissionDenied
from complaintdesk.domain.vocabulary import Role
from complaintdesk.resources import load_json
from complaintdesk.services.admin import organisation
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import imports
from complaintdesk.services.insight import cfpb_export, dashboard
from complaintdesk.services.insight.dashboard import DashboardRequest, Grain
from complaintdesk.services.read_models import QueueKind
from tests.support.report_factory import NOW, Facts, add

JUNE = DashboardRequest(datetime(2025, 6, 1, tzinfo=UTC), datetime(2025, 7, 1, tzinfo=UTC))
CFPB_SAMPLE = Path("/work/shared/data/cfpb_complaints_sample.csv")


def _at(day: int, hour: int = 10, month: int = 6) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=UTC)


@pytest.fixture
def june(backend: Backend, admin_ctx: ServiceContext) -> ServiceContext:
    """Six complaints whose every figure is known (see each line)."""
    organisation.add_function(admin_ctx, "billing", "Billing", answer_within_hours=8)
    organisation.add_function(admin_ctx, "logistics", "Logistics", answer_within_hours=8)
    organisation.add_root_cause(admin_ctx, "billing-error", "Billing error", "billing")
    organisation.add_root_cause(admin_ctx, "carrier-delay", "Carrier delay", "logistics")
    add(
        backend.uow,
        # Resolved before its due: kept; billing; 8/10.
        Facts(_at(2), "email", _at(5), _at(10), "billing", "billing-error", 8),
        # Resolved after its due (12 June): broken; billing; 3/10.
        Facts(_at(2, 11), "phone", _at(20), _at(12), "billing", "billing-error", 3),
        # Kept; logistics; 9/10.
        Facts(_at(3), "email", _at(10), _at(13), "logistics", "carrier-delay", 9),
        # Open, 10 days old, due 25 June and not resolved: a breach.
        Facts(_at(20), "phone", due=_at(25), clock_state="breached"),
        # Open since January: the oldest band, received outside the period.
        Facts(_at(10, month=1), "letter"),
        # Open, one day old.
        Facts(_at(29), "shop"),
    )
    return admin_ctx


def _counts(bars: tuple[dashboard.Bar, ...]) -> dict[str, int]:
    return {b.key: b.count for b in bars if b.count}


def test_every_chart_counts_what_happened_in_the_period(june: ServiceContext) -> None:
    figures = dashboard.dashboard(june, JUNE, NOW)

    assert figures.grain is Grain.DAY
    assert figures.received == 5
    inflow = {(b.group, b.key): b.count for b in figures.inflow if b.count}
    assert inflow == {
        ("email", "2025-06-02"): 1,
        ("email", "2025-06-03"): 1,
        ("phone", "2025-06-02"): 1,
        ("phone", "2025-06-20"): 1,
        ("shop", "2025-06-29"): 1,
    }
    assert _counts(figures.backlog) == {"0": 1, "2": 1, "5": 1}
    assert {b.key: b.value for b in figures.compliance_by_function} == {
        "Billing": 50.0,
        "Logistics": 100.0,
    }
    assert {b.key: b.value for b in figures.compliance_by_channel} == {
        "phone": 0.0,
        "email": 100.0,
    }
    assert _counts(figures.breaches) == {"2025-06-12": 1, "2025-06-25": 1}
    pareto = [(b.key, b.group, b.count, b.value) for b in figures.root_causes]
    assert pareto == [
        ("Billing error", "Billing", 2, 66.7),
        ("Carrier delay", "Logistics", 1, 100.0),
    ]
    assert _counts(figures.satisfaction) == {"3": 1, "8": 1, "9": 1}
    assert figures.satisfaction_average == pytest.approx(6.67)
    assert not figures.empty


def test_weeks_group_the_days_of_a_longer_period(june: ServiceContext) -> None:
    spring = DashboardRequest(datetime(2025, 4, 1, tzinfo=UTC), datetime(2025, 7, 1, tzinfo=UTC))

    figures = dashboard.dashboard(june, spring, NOW)

    assert figures.grain is Grain.WEEK
    assert all(day.weekday() == 0 for day in figures.buckets)
    inflow = {(b.group, b.key): b.count for b in figures.inflow if b.count}
    assert inflow[("email", "2025-06-02")] == 2  # Monday 2 and Tuesday 3 June: one week


def test_a_bar_carries_the_queue_filter_of_its_complaints(june: ServiceContext) -> None:
    figures = dashboard.dashboard(june, JUNE, NOW)
    phone_on_the_20th = next(
        b for b in figures.inflow if (b.group, b.key) == ("phone", "2025-06-20")
    )

    request = dashboard.queue_request(phone_on_the_20th.drill)

    assert request.queue is QueueKind.ALL_OPEN
    assert {c.value for c in request.filters.channels} == {"phone"}
    assert request.filters.received_after == _at(20, 0)
    assert request.filters.received_before == _at(21, 0)
    breach = next(b for b in figures.breaches if b.count)
    assert dashboard.queue_request(breach.drill).queue is QueueKind.BREACHED


def test_a_period_without_complaints_is_empty(june: ServiceContext) -> None:
    long_ago = DashboardRequest(datetime(2020, 1, 1, tzinfo=UTC), datetime(2020, 2, 1, tzinfo=UTC))

    figures = dashboard.dashboard(june, long_ago, NOW)

    assert figures.empty
    assert figures.satisfaction_average is None


def test_one_site_counts_only_its_complaints(june: ServiceContext, backend: Backend) -> None:
    from complaintdesk.domain.vocabulary import SiteKind

    shop = organisation.add_site(june, "PAR01", "Paris", SiteKind.BRANCH, "Europe/Paris")
    add(backend.uow, Facts(_at(4), "shop", site="PAR01"))

    figures = dashboard.dashboard(june, DashboardRequest(JUNE.start, JUNE.end, shop), NOW)

    assert figures.received == 1
    assert _counts(figures.backlog) == {"3": 1}  # 26 days old: the 15-30 days band


def test_agents_may_not_read_the_dashboard(june: ServiceContext) -> None:
    from dataclasses import replace

    agent = ServiceContext(june.uow, replace(june.actor, role=Role.AGENT))

    with pytest.raises(PermissionDenied):
        dashboard.dashboard(agent, JUNE, NOW)


# --- the CFPB export ---


def _sample(tmp_path: Path, rows: int) -> Path:
    with CFPB_SAMPLE.open(newline="", encoding="utf-8-sig") as source:
        lines = list(csv.reader(source))
    path = tmp_path / "sample.csv"
    with path.open("w", newline="", encoding="utf-8") as target:
        csv.writer(target).writerows(lines[: rows + 1])
    return path


@pytest.mark.skipif(not CFPB_SAMPLE.is_file(), reason="the shared CFPB sample is not here")
def test_an_imported_cfpb_file_comes_back_as_the_importer_read_it(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    from tests.conftest import command_line_actor

    ctx = ServiceContext(sqlite_backend.uow, command_line_actor())
    sample = _sample(tmp_path, 300)
    from complaintdesk.services.admin import routing_rules

    routing_rules.install_rule_set(ctx, load_json("routing/cfpb.json"))
    summary = imports.import_complaints(ctx, cfpb.read(sample))
    exported = tmp_path / "export.csv"

    written = cfpb_export.export_cfpb(ctx, exported)

    assert written.rows == summary.imported > 250
    with sample.open(newline="", encoding="utf-8") as handle:
        originals = {row["Complaint ID"]: row for row in csv.DictReader(handle)}
    with exported.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == cfpb_export.FIELDS
        again = list(reader)
    assert len(again) == written.rows
    for row in again:
        original = originals[row["Complaint ID"]]
        assert cfpb.parse_row(1, dict(row)) == cfpb.parse_row(1, dict(original))
        assert row["Company"] == original["Company"]
        assert row["State"] == original["State"]
        assert row["Date received"] == original["Date received"]


def test_the_cfpb_command_writes_the_period_s_complaints(
    june: ServiceContext, database_url: str, tmp_path: Path, cli_sign_in: Any
) -> None:
    cli_sign_in(database_url)
    out = tmp_path / "cfpb.csv"
    code = cli.run(["report", "cfpb", "--out", str(out), "--from", "2025-06-01",
                    "--to", "2025-06-30", "--database", database_url])  # fmt: skip

    assert code == 0
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5  # the January complaint is outside the period
    assert {r["Submitted via"] for r in rows} == {"Email", "Phone", "Referral"}
    assert {r["Company response to consumer"] for r in rows} == {
        "In progress",
        "Closed",
    }

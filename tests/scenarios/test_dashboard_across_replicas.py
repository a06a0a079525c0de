"""A supervisor's dashboard on the central server and on a branch, after offline work synced.

Complaints recorded, resolved and scored at a shop while offline reach the central
PostgreSQL server by sync (the shop holds its own site's part): each database's triggers keep
its own figures from the rows sync wrote, and each dashboard shows what the GROUP BY over its
complaints says.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import true

from complaintdesk.domain.vocabulary import Channel
from complaintdesk.services.insight import dashboard, satisfaction
from complaintdesk.services.insight import dashboard_figures as figures
from complaintdesk.services.insight.dashboard_models import DashboardRequest
from tests.services.insight.test_dashboard_figures import _normal
from tests.support import sync_world as w

pytestmark = pytest.mark.postgres


@pytest.fixture
def central(migrated_postgres_url: str, data_dir: Path) -> Iterator[w.Replica]:
    replica = w.open_central(migrated_postgres_url, data_dir, ["PAR"])
    yield replica
    replica.engine.dispose()


@pytest.fixture
def paris(central: w.Replica, migrated_postgres_url: str, tmp_path: Path) -> Iterator[w.Replica]:
    replica = w.make_branch(migrated_postgres_url, tmp_path / "PAR", "PAR")
    yield replica
    replica.engine.dispose()


def _work(replica: w.Replica, login: str, prefix: str) -> None:
    """Record four complaints; resolve two, score one, leave two open."""
    ids = [
        w.record_complaint(replica, login, f"{prefix} case {n}", f"{prefix}{n}@example.org")
        for n in range(4)
    ]
    for cid in ids[:3]:
        w.take(replica, login, cid)
        w.start(replica, login, cid)
    for cid in ids[:2]:
        w.resolve(replica, login, cid)
    satisfaction.record_scores(
        replica.ctx(login),
        ids[0],
        satisfaction.Scores(9, 10),
        Channel.SHOP,
        w.version(replica, ids[0]),
    )


def _shown_equals_counted(replica: w.Replica, login: str) -> int:
    now = datetime.now(UTC)
    request = DashboardRequest(now - timedelta(days=30), now + timedelta(days=2))
    shown = dashboard.dashboard(replica.ctx(login), request, now)
    with replica.backend.uow() as uow:
        counted = figures.gather(uow, request, now, [true()])
        kept = figures.gather(uow, request, now, [])
    assert _normal(kept) == _normal(counted)
    assert shown.received == sum(counted.inflow.values())
    assert {b.key: b.count for b in shown.satisfaction if b.count} == {
        str(score): n for score, n in counted.scores.items() if n
    }
    return shown.received


def test_each_replica_keeps_its_figures_from_what_sync_merged(
    central: w.Replica, paris: w.Replica
) -> None:
    _work(paris, "clerk-par", "paris")
    _work(central, "hq", "hq")
    assert paris.branch is not None

    paris.branch.run_round()  # pushes the shop's work, pulls the shop's part of central's
    paris.branch.run_round()

    assert _shown_equals_counted(central, "boss") == 8  # its own four and the shop's four
    # A branch holds its own site's part: the shop's figures are its four, kept as counted.
    assert _shown_equals_counted(paris, "lead-par") == 4

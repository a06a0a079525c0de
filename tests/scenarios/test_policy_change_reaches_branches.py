"""An administrator lengthens a promise at the central server and recomputes: after a sync,
the branch shows the same due dates as the central server, down to every target's clock."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from complaintdesk.services.promises import catalogue, recompute
from complaintdesk.storage.models import Complaint, ComplaintTarget, ServiceLevelPolicy
from tests.support import sync_world as w

pytestmark = pytest.mark.postgres

DUES = ("acknowledge_due_at", "response_due_at", "resolution_due_at", "next_due_at")


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


def _clocks(replica: w.Replica, complaint_id: uuid.UUID) -> dict[str, Any]:
    with replica.backend.uow() as uow:
        found = uow.get(Complaint, complaint_id)
        assert found is not None
        targets = uow.rows(
            select(ComplaintTarget.target, ComplaintTarget.due_at, ComplaintTarget.state)
            .where(ComplaintTarget.complaint_id == complaint_id)
            .order_by(ComplaintTarget.kind, ComplaintTarget.target)
        )
        return {
            **{name: getattr(found, name) for name in DUES},
            "targets": [tuple(row) for row in targets],
        }


def _lengthen_the_promise_of(central: w.Replica, complaint_id: uuid.UUID) -> None:
    admin = w.admin(central.backend)
    with central.backend.uow() as uow:
        code = uow.execute(
            select(ServiceLevelPolicy.code)
            .join(Complaint, Complaint.policy_id == ServiceLevelPolicy.id)
            .where(Complaint.id == complaint_id)
        ).scalar_one()
    policy = next(p for p in catalogue.list_policies(admin) if p.code == code)
    longer = [{**t, "amount": int(t["amount"]) + 2} for t in policy.targets["targets"]]
    catalogue.save_targets(
        admin, code, longer, policy.calendar_code, policy.warning_ratio, policy.pauses_on_customer
    )
    assert recompute.recompute(admin) >= 1


def test_a_branch_shows_the_central_due_dates_after_a_policy_change_syncs(
    central: w.Replica, paris: w.Replica
) -> None:
    complaint = w.record_complaint(paris, "clerk-par", "Card swallowed", "ana@example.org")
    assert paris.branch is not None
    paris.branch.run_round()
    before = _clocks(paris, complaint)
    assert _clocks(central, complaint) == before

    _lengthen_the_promise_of(central, complaint)
    at_central = _clocks(central, complaint)
    assert at_central["resolution_due_at"] > before["resolution_due_at"]
    assert _clocks(paris, complaint) == before  # not synced yet

    paris.branch.run_round()

    assert _clocks(paris, complaint) == at_central
    again = paris.branch.run_round()  # the branch's own recompute sends nothing back
    assert again.pushed == 0
    assert _clocks(paris, complaint) == at_central


def test_a_round_cut_short_before_the_branch_recomputed_recomputes_at_the_next(
    central: w.Replica, paris: w.Replica, monkeypatch: pytest.MonkeyPatch
) -> None:
    complaint = w.record_complaint(paris, "clerk-par", "Card swallowed", "ana@example.org")
    assert paris.branch is not None
    paris.branch.run_round()
    _lengthen_the_promise_of(central, complaint)
    at_central = _clocks(central, complaint)

    def cut_short(*_args: object, **_kwargs: object) -> int:
        raise ConnectionResetError("the laptop's lid was closed")

    with monkeypatch.context() as patched:
        patched.setattr(recompute, "recompute", cut_short)
        with pytest.raises(ConnectionResetError):
            paris.branch.run_round()  # the stamp arrived, the recompute did not happen
    assert _clocks(paris, complaint) != at_central

    paris.branch.run_round()

    assert _clocks(paris, complaint) == at_central

"""The dashboard's figures kept by day equal the GROUP BY over the complaints, on both databases.

After every kind of write a database sees (demo seeding in bulk, the services recording,
taking, resolving, scoring, withdrawing and reopening complaints, an import, a policy change
and its recompute, sync-style updates and deletions straight on the table), for periods of
every shape (whole days or not, ending in the future, one site or all), folded or not.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select, true, update

from complaintdesk.app import Backend
from complaintdesk.channels import cfpb
from complaintdesk.demo import seed as demo
from complaintdesk.domain.vocabulary import Channel
from complaintdesk.resources import load_json
from complaintdesk.services.admin import routing_rules, users
from complaintdesk.services.complaints import lifecycle, merging
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.inbound import imports
from complaintdesk.services.insight import dashboard, satisfaction
from complaintdesk.services.insight import dashboard_figures as figures
from complaintdesk.services.insight.dashboard_models import AGE_BANDS, DashboardRequest
from complaintdesk.services.promises import catalogue, recompute
from complaintdesk.storage import report_queries as daily_figures
from complaintdesk.storage.models import Complaint, Customer, Site, daily_figure
from tests.support import sync_world as w

NOW = datetime(2026, 3, 15, 10, 30, tzinfo=UTC)
CFPB_SAMPLE = Path("/work/shared/data/cfpb_complaints_sample.csv")
PERIODS = (
    (NOW - timedelta(days=7), NOW),
    (NOW - timedelta(days=30), NOW),
    (NOW - timedelta(days=365), NOW),
    (NOW - timedelta(days=400), NOW - timedelta(days=35)),
    (datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC)),
    (NOW - timedelta(days=10), NOW + timedelta(days=20)),
    (NOW - timedelta(hours=3), NOW),
)
"""Part-days at both ends or none, past, ending after now, within one day."""


def _normal(tallies: figures.Tallies) -> dict[str, dict[Any, Any]]:
    """The tallies without the keys that count nothing (deltas that cancelled out)."""
    return {
        "inflow": {k: n for k, n in tallies.inflow.items() if n},
        "by_function": {k: tuple(v) for k, v in tallies.by_function.items() if any(v)},
        "by_channel": {k: tuple(v) for k, v in tallies.by_channel.items() if any(v)},
        "causes": {k: n for k, n in tallies.causes.items() if n},
        "scores": {k: n for k, n in tallies.scores.items() if n},
        "breaches": {k: n for k, n in tallies.breaches.items() if n},
    }


def _assert_kept_equals_counted(backend: Backend) -> int:
    """Compare every period and site; return how many complaints the periods held.

    The demo's complaints tell their story up to NOW; the services and the import write
    at the real time, so the periods are taken back from both.
    """
    real_now = datetime.now(UTC)
    moments = [(NOW, start, end) for start, end in PERIODS]
    moments += [(real_now, real_now + (a - NOW), real_now + (b - NOW)) for a, b in PERIODS]
    with backend.uow() as uow:
        sites: list[uuid.UUID | None] = [None, *uow.scalars(select(Site.id))]
        seen = 0
        for now, start, end in moments:
            for site in sites:
                request = DashboardRequest(start, end, site)
                counted = figures.gather(uow, request, now, [true()])  # GROUP BY, no figures
                kept = figures.gather(uow, request, now, [])
                assert _normal(kept) == _normal(counted), (now, start, end, site)
                seen += sum(counted.inflow.values())
            for site in sites:
                ages = figures.backlog(uow, now, AGE_BANDS, site, [])
                counted_ages = figures.backlog(uow, now, AGE_BANDS, site, [true()])
                assert {b: n for b, n in ages.items() if n} == counted_ages, (now, site)
    return seen


def _writes_of_the_services(backend: Backend) -> None:
    """Record, take, resolve, score, withdraw and reopen complaints as agents do."""
    admin = w.admin(backend)
    from complaintdesk.domain.vocabulary import Role

    users.add_user(admin, "hq", w.PASSWORD, role=Role.AGENT, site_code="HQ")
    if "process" not in {c.code for c in _causes(backend)}:
        from complaintdesk.services.admin import organisation

        organisation.add_root_cause(admin, w.ROOT_CAUSE, "Process failure", None)
    here = w.Replica("here", backend, w.actors(backend))
    ids = [w.record_complaint(here, "hq", f"Case {n}", f"c{n}@example.org") for n in range(6)]
    for cid in ids[:5]:
        w.take(here, "hq", cid)
        w.start(here, "hq", cid)
    for cid in ids[:4]:
        w.resolve(here, "hq", cid)
    for cid in ids[:2]:
        satisfaction.record_scores(
            here.ctx("hq"), cid, satisfaction.Scores(8, 9), Channel.PHONE, w.version(here, cid)
        )
    lifecycle.withdraw(
        here.ctx("hq"), ids[4], "The customer changed their mind.", w.version(here, ids[4])
    )
    w.inbound(here, "hq", ids[3], "It happened again.")  # reopens the resolved complaint
    _merges(here, admin)


def _merges(here: w.Replica, admin: ServiceContext) -> None:
    """One customer's complaints merged (one merge undone): the merged one closes, not resolved."""
    same = [w.record_complaint(here, "hq", f"Twice {n}", "twice@example.org") for n in range(4)]
    merging.merge(admin, same[0], same[1], "The same grievance.")
    undone = merging.merge(admin, same[2], same[3], "The same grievance.")
    merging.undo(admin, undone.merge_id)


def _causes(backend: Backend) -> list[Any]:
    from complaintdesk.storage.models import RootCause

    with backend.uow() as uow:
        return list(uow.scalars(select(RootCause)))


def _policy_change_and_recompute(backend: Backend) -> None:
    ctx = w.admin(backend)
    policy = next(p for p in catalogue.list_policies(ctx) if p.code == "iso-10002")
    longer = [{**t, "amount": int(t["amount"]) + 3} for t in policy.targets["targets"]]
    catalogue.save_targets(
        ctx, policy.code, longer, policy.calendar_code, policy.warning_ratio, True
    )
    recompute.recompute(ctx)


def _import(backend: Backend, tmp_path: Path) -> None:
    if not CFPB_SAMPLE.is_file():
        return
    ctx = w.admin(backend)
    lines = CFPB_SAMPLE.read_text(encoding="utf-8-sig").splitlines()
    sample = tmp_path / "cfpb.csv"
    sample.write_text("\n".join(lines[:81]) + "\n", encoding="utf-8")
    routing_rules.install_rule_set(ctx, load_json("routing/cfpb.json"))
    imports.import_complaints(ctx, cfpb.read(sample))


def _sync_style_writes(backend: Backend) -> None:
    """Updates and deletions straight on the table, as sync merges and erasures write."""
    with backend.uow(write=True) as uow:
        sites = list(uow.scalars(select(Site.id)))
        resolved = uow.scalars(
            select(Complaint.id).where(Complaint.resolved_at.is_not(None)).limit(6)
        )
        table = Complaint.__table__
        for n, cid in enumerate(resolved):
            values: dict[str, Any] = {"satisfaction": 7, "channel": "letter"}
            if n % 2:
                values["resolved_at"] = NOW - timedelta(days=40 + n, hours=5)
                values["site_id"] = sites[n % len(sites)]
            uow.execute(update(table).where(table.c.id == cid).values(**values))
        still_open = uow.scalars(select(Complaint.id).where(Complaint.is_open.is_(True)).limit(3))
        for cid in still_open:  # closed by a merge: its broken promise is now kept by day
            uow.execute(
                update(table)
                .where(table.c.id == cid)
                .values(status="closed", is_open=False, resolved_at=NOW - timedelta(days=2))
            )
        uow.commit()
    day = timedelta(days=1)
    gone = _bare(
        backend, [(NOW - 20 * day, NOW - 5 * day, NOW - 11 * day), (NOW - 3 * day, None, None)]
    )
    with backend.uow(write=True) as uow:
        uow.execute(delete(Complaint.__table__).where(Complaint.__table__.c.id.in_(gone)))
        uow.commit()
    hour = timedelta(hours=1)
    # Promises broken on the part-days the periods begin and end with.
    _bare(
        backend,
        [
            (NOW - 10 * day, NOW - hour, NOW - 3 * hour),
            (NOW - 10 * day, None, NOW - 2 * hour, "withdrawn"),
            (NOW - 9 * day, NOW - 6 * day, NOW - 7 * day + 2 * hour),
        ],
    )


def _bare(backend: Backend, specs: list[tuple[Any, ...]]) -> list[uuid.UUID]:
    """Complaints with nothing hanging from them: (received, resolved, due[, status])."""
    ids = []
    with backend.uow(write=True) as uow:
        site = uow.scalars(select(Site.id).where(Site.code == "HQ"))[0]
        for received, resolved, due, *status in specs:
            customer = Customer(display_name="Bare customer", segment="standard")
            uow.add(customer)
            uow.flush()
            stated = status[0] if status else "resolved" if resolved else "in_progress"
            complaint = Complaint(
                reference=f"BARE-{uuid.uuid4().hex[:8]}",
                customer_id=customer.id,
                channel="phone",
                site_id=site,
                subject="Bare",
                status=stated,
                is_open=stated == "in_progress",
                received_at=received,
                resolved_at=resolved,
                resolution_due_at=due,
                next_due_at=due or received + timedelta(days=9),
            )
            uow.add(complaint)
            uow.flush()
            ids.append(complaint.id)
        uow.commit()
    return ids


def _unfolded(backend: Backend) -> int:
    with backend.uow() as uow:
        return daily_figures.unfolded(uow)


def test_kept_figures_equal_the_group_by_after_every_kind_of_write(
    backend: Backend, tmp_path: Path
) -> None:
    demo.seed(backend.uow, complaints=300, seed=5, now=NOW)
    assert _unfolded(backend) == 0  # the seed folds each batch
    _writes_of_the_services(backend)
    _policy_change_and_recompute(backend)
    _import(backend, tmp_path)
    _sync_style_writes(backend)
    assert _unfolded(backend) > 0

    unfolded_seen = _assert_kept_equals_counted(backend)
    with backend.uow(write=True) as uow:
        daily_figures.fold(uow)
        uow.commit()

    assert _unfolded(backend) == 0
    assert _assert_kept_equals_counted(backend) == unfolded_seen > 300


def test_the_dashboard_reads_the_kept_figures_and_folds_them_when_many_wait(
    backend: Backend, admin_ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo.seed(backend.uow, complaints=200, seed=6, now=NOW)
    _sync_style_writes(backend)
    monkeypatch.setattr(figures, "FOLD_AT", 1)
    request = DashboardRequest(NOW - timedelta(days=365), NOW)

    shown = dashboard.dashboard(admin_ctx, request, NOW)

    assert _unfolded(backend) == 0
    with backend.uow() as uow:
        counted = figures.gather(uow, request, NOW, [true()])
    assert shown.received == sum(counted.inflow.values()) > 0
    assert sum(b.count for b in shown.breaches) == sum(counted.breaches.values())


def test_recomputing_open_complaints_writes_no_figure(backend: Backend) -> None:
    """Their promises are counted live: a policy change costs the figures nothing."""
    demo.seed(backend.uow, complaints=150, seed=7, now=NOW)
    with backend.uow() as uow:
        before = uow.execute(select(func.count()).select_from(daily_figure)).scalar_one()
        open_count = uow.execute(
            select(func.count()).where(Complaint.is_open.is_(True))
        ).scalar_one()

    _policy_change_and_recompute(backend)

    with backend.uow() as uow:
        after = uow.execute(select(func.count()).select_from(daily_figure)).scalar_one()
    assert open_count > 0
    assert after == before

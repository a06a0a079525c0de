"""The retention policy: customers whose every complaint ended more than N years ago are
anonymised; a dry run lists them and changes nothing."""

from __future__ import annotations

import io
import json
import sys
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import inspect, text, update

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.domain.errors import PermissionDenied, ValidationError
from complaintdesk.domain.vocabulary import Channel, ContactKind, Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.complaints import detail, intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.privacy import retention
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.storage.models import Complaint
from tests.conftest import JOURNAL_TABLES, count_rows

NOW = datetime(2031, 6, 1, 12, tzinfo=UTC)


def _complaint(ctx: ServiceContext, name: str, phone: str) -> uuid.UUID:
    return intake.record_complaint(
        ctx,
        intake.NewComplaint(
            Channel.PHONE,
            f"Complaint of {name}",
            "",
            CustomerInput(name, [(ContactKind.PHONE, phone)]),
        ),
    ).complaint_id


def _closed(backend: Backend, complaint_id: uuid.UUID, when: datetime) -> None:
    """Close a complaint at ``when`` (behind the app: the test needs it years ago)."""
    with backend.engine.begin() as connection:
        connection.execute(
            update(Complaint)
            .where(Complaint.id == complaint_id)
            .values(status="closed", is_open=False, resolved_at=when, closed_at=when)
        )


@pytest.fixture
def people(backend: Backend, admin_ctx: ServiceContext) -> dict[str, uuid.UUID]:
    """Customer name → customer id: old (closed 6 years ago), recent (2 years), mixed (an old
    closed complaint and an open one)."""
    ids = {}
    for n, (name, ages) in enumerate(
        {"Old Olga": [6, 7], "Recent Rita": [2], "Mixed Max": [6, None]}.items()
    ):
        for age in ages:
            complaint_id = _complaint(admin_ctx, name, f"+3361234567{n}")
            if age is not None:
                _closed(backend, complaint_id, NOW - timedelta(days=365 * age + 3))
            ids[name] = detail.get_detail(admin_ctx, complaint_id).customer_id
    return ids


def test_a_dry_run_lists_the_customers_past_retention_and_changes_nothing(
    backend: Backend, admin_ctx: ServiceContext, people: dict[str, uuid.UUID]
) -> None:
    before = count_rows(backend, "customer", *JOURNAL_TABLES)

    summary = retention.apply_retention(admin_ctx, dry_run=True, now=NOW)

    assert [c.customer_id for c in summary.candidates] == [people["Old Olga"]]
    assert summary.candidates[0].complaints == 2
    assert count_rows(backend, "customer", *JOURNAL_TABLES) == before
    assert summary.as_json()["erased"] == 0


def test_applying_the_policy_erases_them_and_only_them(
    backend: Backend, admin_ctx: ServiceContext, people: dict[str, uuid.UUID]
) -> None:
    summary = retention.apply_retention(admin_ctx, now=NOW)

    assert summary.as_json()["erased"] == 1
    names = {c.customer_name for c in _rows(admin_ctx)}
    assert names == {"Erased customer", "Recent Rita", "Mixed Max"}
    again = retention.apply_retention(admin_ctx, now=NOW)
    assert again.candidates == ()


def test_a_shorter_policy_reaches_more_customers(
    admin_ctx: ServiceContext, people: dict[str, uuid.UUID]
) -> None:
    summary = retention.apply_retention(admin_ctx, years=1, dry_run=True, now=NOW)

    assert {c.customer_id for c in summary.candidates} == {
        people["Old Olga"],
        people["Recent Rita"],
    }


def test_the_policy_keeps_at_least_a_year_and_is_for_administrators(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    with pytest.raises(ValidationError):
        retention.apply_retention(admin_ctx, years=0)
    users.add_user(admin_ctx, "sue", "correct horse battery", role=Role.SUPERVISOR, site_code="HQ")
    supervisor = ServiceContext(
        backend.uow, auth.sign_in(backend.uow, "sue", "correct horse battery")
    )
    with pytest.raises(PermissionDenied):
        retention.apply_retention(supervisor, dry_run=True)


def test_retention_apply_on_the_command_line(
    backend: Backend,
    people: dict[str, uuid.UUID],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cli_sign_in: Any,
) -> None:
    cli_sign_in(backend.settings.database_url)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    url = backend.settings.database_url

    code = cli.run(["--database", url, "retention", "apply", "--dry-run", "--years", "1", "--json"])

    out, err = capsys.readouterr()
    assert code == 0, err
    summary = json.loads(out)
    # Measured from today (2026 or later): Olga's complaints ended in 2024 and 2025, Rita's
    # end in 2029, Max has one open.
    assert summary["dry_run"] is True
    assert summary["erased"] == 0
    assert [c["customer_id"] for c in summary["candidates"]] == [str(people["Old Olga"])]


def _rows(ctx: ServiceContext) -> list[ComplaintDetail]:
    with ctx.uow() as uow:
        ids = uow.scalars(Complaint.__table__.select().with_only_columns(Complaint.id))
    return [detail.get_detail(ctx, i) for i in ids]


def test_after_the_policy_the_search_index_holds_no_trace_of_the_erased(
    backend: Backend, admin_ctx: ServiceContext, people: dict[str, uuid.UUID]
) -> None:
    retention.apply_retention(admin_ctx, now=NOW)

    with backend.engine.connect() as connection:
        tables = [t for t in inspect(connection).get_table_names() if "search" in t]
        cells = [
            str(bytes(v) if isinstance(v, memoryview) else v)
            for t in tables
            for row in connection.execute(text(f'SELECT * FROM "{t}"'))
            for v in row
        ]
    assert tables
    assert not [c for c in cells if "olga" in c.lower()]
    assert [c for c in cells if "rita" in c.lower()]

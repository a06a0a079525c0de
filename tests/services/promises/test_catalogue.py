"""The policy editor's services: copying a preset, editing its targets, previewing due dates."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from complaintdesk.app import Backend
from complaintdesk.domain.errors import PermissionDenied, ValidationError
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import catalogue
from complaintdesk.storage.models import AuditEvent, ServiceLevelPolicy

PARIS = ZoneInfo("Europe/Paris")
FRIDAY_MORNING = datetime(2025, 7, 11, 9, 30, tzinfo=PARIS)
"""Friday 11 July 2025, 09:30 in Paris: Monday 14 July is a public holiday."""
FAST = [
    {"target": "acknowledge", "amount": 5, "unit": "working_days", "due_by": "end_of_day"},
    {"target": "response", "amount": 1, "unit": "months", "due_by": "end_of_day"},
]


def _dates(ctx: ServiceContext, code: str) -> dict[str, date]:
    return {d.target: d.due_date for d in catalogue.preview_due(ctx, code, FRIDAY_MORNING, None)}


def _policy(backend: Backend, code: str) -> ServiceLevelPolicy:
    with backend.uow() as uow:
        found: list[ServiceLevelPolicy] = uow.scalars(
            select(ServiceLevelPolicy).where(ServiceLevelPolicy.code == code)
        )
        return found[0]


def test_the_acpr_preset_previews_its_hand_computed_dates(admin_ctx: ServiceContext) -> None:
    # 10 jours ouvrables: Sat 12, (Sun 13, 14 July off), Tue 15 … Sat 19, Mon 21 … Thu 24.
    assert _dates(admin_ctx, "fr-acpr") == {
        "acknowledge": date(2025, 7, 24),
        "response": date(2025, 9, 11),
    }


def test_a_copy_starts_inactive_and_its_edited_targets_change_the_preview(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    catalogue.copy_policy(admin_ctx, "fr-acpr", "fr-acpr-fast", "Faster than ACPR")
    copied = {p.code: p for p in catalogue.list_policies(admin_ctx)}["fr-acpr-fast"]
    assert (copied.name, copied.kind, copied.active) == ("Faster than ACPR", "regulatory", False)
    assert _dates(admin_ctx, "fr-acpr-fast") == _dates(admin_ctx, "fr-acpr")

    catalogue.save_targets(admin_ctx, "fr-acpr-fast", FAST, "FR", 0.5, pauses_on_customer=True)

    # 5 jours ouvrables: Sat 12, Tue 15, Wed 16, Thu 17, Fri 18; one month: 11 August.
    assert _dates(admin_ctx, "fr-acpr-fast") == {
        "acknowledge": date(2025, 7, 18),
        "response": date(2025, 8, 11),
    }
    assert _dates(admin_ctx, "fr-acpr")["acknowledge"] == date(2025, 7, 24)
    row = _policy(backend, "fr-acpr-fast")
    assert row.warning_ratio == 0.5
    assert row.pauses_on_customer is False  # regulatory deadlines never pause
    assert row.targets["letters"]  # what it kept of the preset
    with backend.uow() as uow:
        actions = set(uow.scalars(select(AuditEvent.action)))
    assert {"policy_copied", "policy_targets_changed"} <= actions


def test_a_copy_on_another_calendar_counts_its_holidays(admin_ctx: ServiceContext) -> None:
    catalogue.copy_policy(admin_ctx, "fr-acpr", "acpr-london", "ACPR counted in London")
    targets = [{"target": "acknowledge", "amount": 2, "unit": "business_days"}]
    catalogue.save_targets(admin_ctx, "acpr-london", targets, "GB-ENG", 0.75, False)

    (due,) = catalogue.preview_due(admin_ctx, "acpr-london", FRIDAY_MORNING, None)

    # In London 14 July is a working day: Mon 14, Tue 15.
    assert due.due_date == date(2025, 7, 15)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            {"target": "acknowledge", "amount": 5, "unit": "fortnights"},
            "Target 'acknowledge': unknown unit 'fortnights'; use one of calendar_days",
        ),
        (
            {"target": "acknowledge", "amount": 0, "unit": "working_days"},
            "Target 'acknowledge': the amount must be a whole number of at least 1, not 0.",
        ),
    ],
)
def test_a_bad_target_is_refused_and_nothing_changes(
    backend: Backend, admin_ctx: ServiceContext, target: dict[str, object], message: str
) -> None:
    before = _policy(backend, "fr-acpr").targets

    with pytest.raises(ValidationError) as refused:
        catalogue.save_targets(admin_ctx, "fr-acpr", [target], "FR", 0.75, False)

    assert str(refused.value).startswith(message)
    assert _policy(backend, "fr-acpr").targets == before


def test_an_unknown_calendar_and_a_taken_code_are_refused(admin_ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError, match="Unknown calendar 'MARS'"):
        catalogue.save_targets(admin_ctx, "fr-acpr", FAST, "MARS", 0.75, False)
    with pytest.raises(ValidationError, match="already exists"):
        catalogue.copy_policy(admin_ctx, "fr-acpr", "uk-fca", "Clash")


def test_an_agent_may_not_copy_edit_or_preview(backend: Backend, admin_ctx: ServiceContext) -> None:
    users.add_user(admin_ctx, "ann", "correct horse", role=Role.AGENT, site_code="HQ")
    agent = ServiceContext(backend.uow, auth.sign_in(backend.uow, "ann", "correct horse"))

    with pytest.raises(PermissionDenied):
        catalogue.copy_policy(agent, "fr-acpr", "mine", "Mine")
    with pytest.raises(PermissionDenied):
        catalogue.save_targets(agent, "fr-acpr", FAST, "FR", 0.75, False)
    with pytest.raises(PermissionDenied):
        catalogue.preview_due(agent, "fr-acpr", FRIDAY_MORNING, None)
    assert "mine" not in {p.code for p in catalogue.list_policies(admin_ctx)}

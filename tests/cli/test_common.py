"""The one way a command opens the database: signed in as a person, closed whatever happens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from complaintdesk.app import Backend, Settings
from complaintdesk.cli.common import command_line, is_first_run
from complaintdesk.domain.errors import PermissionDenied, SignInFailed, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import users
from complaintdesk.storage.database import sqlite_url


@pytest.fixture
def closed(monkeypatch: pytest.MonkeyPatch) -> list[Backend]:
    """The backends closed during the test, in order."""
    found: list[Backend] = []
    close = Backend.close

    def spied(backend: Backend) -> None:
        found.append(backend)
        close(backend)

    monkeypatch.setattr(Backend, "close", spied)
    return found


@pytest.fixture
def settings(sqlite_database: Path, data_dir: Path) -> Settings:
    return Settings(sqlite_url(sqlite_database), data_dir)


def test_a_command_acts_as_the_person_signed_in_then_closes_the_database(
    settings: Settings, cli_sign_in: Any, closed: list[Backend]
) -> None:
    login = cli_sign_in(role=Role.ADMIN)

    with command_line(settings) as ctx:
        added = users.add_user(ctx, "alice", "correct horse", role=Role.AGENT, site_code="HQ")

    assert (ctx.actor.login, ctx.actor.role, ctx.actor.user_id is not None) == (
        login,
        Role.ADMIN,
        True,
    )
    assert added.login == "alice"
    assert len(closed) == 2  # the sign-in fixture's, then the command's


def test_without_a_sign_in_a_command_is_refused_and_the_database_closed(
    settings: Settings, closed: list[Backend]
) -> None:
    with (
        pytest.raises(SignInFailed, match="complaintdesk login"),
        command_line(settings),
    ):
        pytest.fail("the command ran without anyone signed in")

    assert len(closed) == 1


def test_a_role_without_the_permission_a_command_needs_is_refused(
    settings: Settings, cli_sign_in: Any
) -> None:
    cli_sign_in(role=Role.AGENT)

    with (
        pytest.raises(PermissionDenied, match="agent"),
        command_line(settings, requires=Permission.ADMINISTER_DATABASE),
    ):
        pytest.fail("an agent administered the database")


def test_a_database_without_users_acts_as_its_first_run_only_where_asked(
    settings: Settings,
) -> None:
    with command_line(settings, first_run=True) as ctx:
        assert is_first_run(ctx)
    with pytest.raises(SignInFailed), command_line(settings):
        pytest.fail("a command ran signed in as nobody")


def test_the_database_is_closed_when_a_command_fails(
    settings: Settings, cli_sign_in: Any, closed: list[Backend]
) -> None:
    cli_sign_in()
    with pytest.raises(ValidationError, match="wrong"), command_line(settings):
        raise ValidationError("wrong")

    assert closed[-1].settings == settings


def test_a_person_reads_labels_words_and_local_minutes_never_codes_or_dicts() -> None:
    from datetime import UTC, datetime

    from complaintdesk.cli.common import human_lines, zoned

    due = zoned(datetime(2026, 12, 7, 13, 5, 7, 123456, tzinfo=UTC), "Europe/Paris")
    summary = {
        "known": False,
        "contacts": ["lea@example.org", "+33612345678"],
        "open_complaints": [
            {"reference": "HQ-26-00001", "status": "waiting_on_customer", "next_due": due}
        ],
        "promises": {"acknowledge": due},
        "segment": None,
    }

    assert human_lines(summary) == [
        "Known: no",
        "Contacts: lea@example.org, +33612345678",
        "Open complaints:",
        "  Reference: HQ-26-00001, Status: Waiting on customer, Next due: 2026-12-07 14:05 CET",
        "Promises:",
        "  Acknowledge: 2026-12-07 14:05 CET",
        "Segment: —",
    ]

"""The one way a command opens the database: as the command line, closed whatever happens."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintdesk.app import Backend, Settings
from complaintdesk.cli.common import command_line
from complaintdesk.domain.errors import ValidationError
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


def test_a_command_acts_as_the_command_line_administrator_then_closes_the_database(
    sqlite_database: Path, data_dir: Path, closed: list[Backend]
) -> None:
    with command_line(Settings(sqlite_url(sqlite_database), data_dir)) as ctx:
        added = users.add_user(ctx, "alice", "correct horse", role=Role.AGENT, site_code="HQ")

    assert (ctx.actor.login, ctx.actor.role) == ("cli", Role.ADMIN)
    assert added.login == "alice"
    assert len(closed) == 1


def test_the_database_is_closed_when_a_command_fails(
    sqlite_database: Path, data_dir: Path, closed: list[Backend]
) -> None:
    with (
        pytest.raises(ValidationError, match="wrong"),
        command_line(Settings(sqlite_url(sqlite_database), data_dir)),
    ):
        raise ValidationError("wrong")

    assert len(closed) == 1


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

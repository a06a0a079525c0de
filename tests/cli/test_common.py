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

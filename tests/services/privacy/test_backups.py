"""Backups made before an erasure still hold the person: listed, then cleaned or deleted."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from complaintdesk import cli
from complaintdesk.app import Backend
from complaintdesk.domain.vocabulary import Channel, ContactKind
from complaintdesk.services.complaints import intake
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.customers.matching import CustomerInput
from complaintdesk.services.privacy import retention, subject_rights
from complaintdesk.storage import schema
from tests.conftest import command_line_actor

NAME = "Léa Martin-Oberkampf"


def lea(admin_ctx: ServiceContext) -> intake.IntakeResult:
    return intake.record_complaint(
        admin_ctx,
        intake.NewComplaint(
            Channel.PHONE,
            "Card blocked",
            f"{NAME} cannot pay",
            CustomerInput(NAME, [(ContactKind.EMAIL, "lea.mo@example.org")]),
        ),
    )


def holds_lea(path: Path) -> bool:
    return NAME.encode() in path.read_bytes()


@pytest.fixture
def admin_ctx(sqlite_backend: Backend) -> ServiceContext:
    """The command-line administrator on an embedded database (its backups are in the data
    folder)."""
    return ServiceContext(sqlite_backend.uow, command_line_actor())


def test_a_backup_made_before_an_erasure_is_listed_then_cleaned(
    sqlite_backend: Backend, admin_ctx: ServiceContext, data_dir: Path
) -> None:
    made = lea(admin_ctx)
    copy = schema.backup(sqlite_backend.engine, data_dir / "backups" / "before-0019.db")
    old = data_dir / "backups" / "before-0014.db"
    schema.backup(sqlite_backend.engine, old)
    with closing(sqlite3.connect(old)) as connection:  # a copy taken before an upgrade
        connection.execute("UPDATE alembic_version SET version_num = '0014'")
        connection.commit()
    assert holds_lea(copy)
    assert retention.backups_predating_erasures(admin_ctx, data_dir / "backups")[0].erasures == ()

    subject_rights.erase_customer(admin_ctx, made.customer_id, "asked by letter")
    listed = retention.backups_predating_erasures(admin_ctx, data_dir / "backups")
    assert {s.path.name: len(s.erasures) for s in listed} == {
        "before-0019.db": 1,
        "before-0014.db": 1,
    }
    dry = retention.handle_backups(admin_ctx, data_dir / "backups", dry_run=True)
    assert {s.path.name: s.action for s in dry} == {
        "before-0019.db": "would erase",
        "before-0014.db": "would delete",
    }
    assert holds_lea(copy)
    assert old.exists()

    done = retention.handle_backups(admin_ctx, data_dir / "backups")
    assert {s.path.name: s.action for s in done} == {
        "before-0019.db": "erased",
        "before-0014.db": "deleted",
    }
    assert not holds_lea(copy)
    assert not old.exists()
    again = retention.backups_predating_erasures(admin_ctx, data_dir / "backups")
    assert [(s.path.name, s.erasures) for s in again] == [("before-0019.db", ())]


def test_db_backups_and_retention_apply_on_the_command_line(
    sqlite_backend: Backend,
    admin_ctx: ServiceContext,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli_sign_in: Any,
) -> None:
    made = lea(admin_ctx)
    cli_sign_in()  # an administrator runs both commands
    schema.backup(sqlite_backend.engine, data_dir / "backups" / "nightly.db")
    subject_rights.erase_customer(admin_ctx, made.customer_id, "asked")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    assert cli.run(["db", "backups", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["path"].endswith("nightly.db")
    assert len(listed["erasures_predated"]) == 1

    assert cli.run(["retention", "apply", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert [b["action"] for b in summary["backups"]] == ["erased"]
    assert not holds_lea(data_dir / "backups" / "nightly.db")

"""Adding users: clear refusals that write nothing, and an audit trail without secrets."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from complaintdesk.app import Backend
from complaintdesk.domain.errors import ComplaintDeskError, NotFound, PermissionDenied
from complaintdesk.domain.errors import ValidationError as Invalid
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import AuditEvent, ChangeLogEntry, User
from tests.conftest import JOURNAL_TABLES, count_rows

PASSWORD = "correct horse"
TABLES = ("app_user", *JOURNAL_TABLES)


def test_an_added_user_is_described_and_can_sign_in(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    view = users.add_user(
        admin_ctx, " alice ", PASSWORD, role=Role.SUPERVISOR, site_code="hq", display_name="Alice"
    )

    assert (view.login, view.display_name, view.role, view.site_code, view.active) == (
        "alice",
        "Alice",
        "supervisor",
        "HQ",
        True,
    )
    actor = auth.sign_in(backend.uow, "alice", PASSWORD)
    assert (actor.user_id, actor.role, actor.site_code) == (view.id, Role.SUPERVISOR, "HQ")


@pytest.mark.parametrize(
    ("login", "password", "site", "error", "message"),
    [
        ("bob", "short", "HQ", Invalid, "at least 8 characters"),
        ("bob", PASSWORD, "ZZ", NotFound, "No site has the code 'ZZ'"),
        ("", PASSWORD, "HQ", Invalid, "1 to 80 characters without spaces"),
        ("   ", PASSWORD, "HQ", Invalid, "1 to 80 characters without spaces"),
        ("bob smith", PASSWORD, "HQ", Invalid, "1 to 80 characters without spaces"),
        ("bob\tsmith", PASSWORD, "HQ", Invalid, "1 to 80 characters without spaces"),
        ("b" * 81, PASSWORD, "HQ", Invalid, "1 to 80 characters without spaces"),
    ],
    ids=["short password", "unknown site", "empty", "blank", "space", "tab", "too long"],
)
def test_a_refused_user_is_explained_and_nothing_is_written(
    backend: Backend,
    admin_ctx: ServiceContext,
    login: str,
    password: str,
    site: str,
    error: type[ComplaintDeskError],
    message: str,
) -> None:
    before = count_rows(backend, *TABLES)

    with pytest.raises(error, match=message):
        users.add_user(admin_ctx, login, password, role=Role.AGENT, site_code=site)

    assert count_rows(backend, *TABLES) == before


def test_a_taken_login_is_refused_and_the_first_user_keeps_their_password(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    users.add_user(admin_ctx, "alice", PASSWORD, role=Role.AGENT, site_code="HQ")
    before = count_rows(backend, *TABLES)

    with pytest.raises(Invalid, match="'alice' is already taken"):
        users.add_user(admin_ctx, "alice", "another password", role=Role.ADMIN, site_code="HQ")

    assert count_rows(backend, *TABLES) == before
    assert auth.sign_in(backend.uow, "alice", PASSWORD).role is Role.AGENT


def test_a_login_is_the_longest_allowed_at_80_characters(admin_ctx: ServiceContext) -> None:
    assert users.add_user(admin_ctx, "a" * 80, PASSWORD, role=Role.AGENT, site_code="HQ")


def test_an_agent_may_not_add_users(backend: Backend, admin_ctx: ServiceContext) -> None:
    users.add_user(admin_ctx, "alice", PASSWORD, role=Role.AGENT, site_code="HQ")
    agent = ServiceContext(backend.uow, auth.sign_in(backend.uow, "alice", PASSWORD))
    before = count_rows(backend, *TABLES)

    with pytest.raises(PermissionDenied, match=r"Your role \(agent\) does not allow"):
        users.add_user(agent, "mallory", PASSWORD, role=Role.ADMIN, site_code="HQ")

    assert count_rows(backend, *TABLES) == before


@pytest.mark.parametrize("role", [Role.BRANCH_CLERK, Role.FUNCTION_MEMBER, Role.SUPERVISOR])
def test_only_administrators_add_users(
    backend: Backend, admin_ctx: ServiceContext, role: Role
) -> None:
    users.add_user(admin_ctx, "carol", PASSWORD, role=role, site_code="HQ")
    caller = ServiceContext(backend.uow, auth.sign_in(backend.uow, "carol", PASSWORD))

    with pytest.raises(PermissionDenied):
        users.add_user(caller, "mallory", PASSWORD, role=Role.ADMIN, site_code="HQ")


def test_adding_a_user_writes_one_audit_event_and_one_change_log_entry(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    before = count_rows(backend, *TABLES)

    view = users.add_user(admin_ctx, "alice", PASSWORD, role=Role.AGENT, site_code="HQ")

    after = count_rows(backend, *TABLES)
    assert {table: after[table] - before[table] for table in TABLES} == dict.fromkeys(TABLES, 1)
    with backend.engine.connect() as connection:
        audited = connection.execute(
            select(AuditEvent.action, AuditEvent.login, AuditEvent.entity).where(
                AuditEvent.entity_id == view.id
            )
        ).one()
        logged = connection.execute(
            select(ChangeLogEntry.entity, ChangeLogEntry.operation).where(
                ChangeLogEntry.entity_id == view.id
            )
        ).one()
    assert tuple(audited) == ("user_added", "cli", "app_user")
    assert tuple(logged) == ("app_user", "insert")


def test_the_audit_trail_never_holds_a_password_or_its_hash(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    view = users.add_user(admin_ctx, "alice", PASSWORD, role=Role.AGENT, site_code="HQ")
    auth.sign_in(backend.uow, "alice", PASSWORD)

    with backend.engine.connect() as connection:
        stored_hash = connection.execute(
            select(User.password_hash).where(User.id == view.id)
        ).scalar_one()
        audit_rows = connection.execute(text("SELECT * FROM audit_event")).all()
        everything = "\n".join(str(value) for row in audit_rows for value in row)
        added = connection.execute(
            text("SELECT after FROM audit_event WHERE action = 'user_added'")
        ).scalar_one()

    assert stored_hash.startswith("$argon2")
    assert stored_hash not in everything
    assert PASSWORD not in everything
    assert "<redacted>" in str(added)

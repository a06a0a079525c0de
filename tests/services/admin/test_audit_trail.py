"""The stored audit trail verifies after real use, and shows tampering done behind the app."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update

from complaintdesk.app import Backend
from complaintdesk.domain.errors import PermissionDenied, SignInFailed
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.admin.audit_trail import verify_audit_trail
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import AuditEvent
from tests.conftest import count_rows

PASSWORD = "correct horse"


@pytest.fixture
def used(backend: Backend, admin_ctx: ServiceContext) -> int:
    """A database after a morning's work; returns how many audit events it holds."""
    users.add_user(admin_ctx, "alice", PASSWORD, role=Role.AGENT, site_code="HQ")
    users.add_user(admin_ctx, "bob", PASSWORD, role=Role.SUPERVISOR, site_code="HQ")
    auth.sign_in(backend.uow, "alice", PASSWORD)
    with pytest.raises(SignInFailed):
        auth.sign_in(backend.uow, "bob", "wrong password")
    auth.sign_in(backend.uow, "bob", PASSWORD)
    return count_rows(backend, "audit_event")["audit_event"]


def _tamper(backend: Backend, statement: object) -> None:
    with backend.engine.begin() as connection:
        connection.execute(statement)  # type: ignore[call-overload]


def test_the_trail_verifies_after_several_operations(admin_ctx: ServiceContext, used: int) -> None:
    (check,) = verify_audit_trail(admin_ctx).values()

    assert (check.ok, check.events, check.first_broken) == (True, used, None)
    assert used >= 6


def test_an_event_edited_with_sql_breaks_the_trail_there(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    _tamper(backend, update(AuditEvent).where(AuditEvent.seq == 3).values(login="mallory"))

    (check,) = verify_audit_trail(admin_ctx).values()

    assert (check.ok, check.first_broken) == (False, 3)


def test_an_edited_change_breaks_the_trail(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    target = AuditEvent.action == "user_added"
    _tamper(backend, update(AuditEvent).where(target).values(after={"role": "admin"}))

    (check,) = verify_audit_trail(admin_ctx).values()

    assert not check.ok


def test_an_event_deleted_with_sql_breaks_the_trail(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    _tamper(backend, delete(AuditEvent).where(AuditEvent.seq == 2))

    (check,) = verify_audit_trail(admin_ctx).values()

    assert (check.ok, check.events) == (False, 2)
    assert check.first_broken == 3


def test_only_administrators_may_check_the_trail(
    backend: Backend, admin_ctx: ServiceContext, used: int
) -> None:
    supervisor = auth.sign_in(backend.uow, "bob", PASSWORD)

    with pytest.raises(PermissionDenied):
        verify_audit_trail(ServiceContext(backend.uow, supervisor))

"""Signing in: the same answer for an unknown login and a wrong password, and a lock-out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from complaintdesk.app import Backend
from complaintdesk.domain.errors import SignInFailed, ValidationError
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import auth, users
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import AuditEvent, User
from tests.support import parallel

PASSWORD = "correct horse"
WRONG = "battery staple"


@pytest.fixture
def alice(backend: Backend, admin_ctx: ServiceContext) -> str:
    """The login of an agent whose password is ``PASSWORD``."""
    return users.add_user(admin_ctx, "alice", PASSWORD, role=Role.AGENT, site_code="HQ").login


def _fail(backend: Backend, login: str, times: int) -> list[str]:
    messages = []
    for _ in range(times):
        with pytest.raises(SignInFailed) as failed:
            auth.sign_in(backend.uow, login, WRONG)
        messages.append(str(failed.value))
    return messages


def _set(backend: Backend, login: str, **values: object) -> None:
    with backend.engine.begin() as connection:
        connection.execute(update(User).where(User.login == login).values(**values))


def _actions(backend: Backend) -> list[str]:
    with backend.engine.connect() as connection:
        query = select(AuditEvent.action).order_by(AuditEvent.chain, AuditEvent.seq)
        return list(connection.execute(query).scalars())


def test_the_right_password_signs_in_and_is_audited(backend: Backend, alice: str) -> None:
    actor = auth.sign_in(backend.uow, "  alice ", PASSWORD)

    assert (actor.login, actor.role, actor.site_code) == ("alice", Role.AGENT, "HQ")
    assert _actions(backend)[-1] == "signed_in"


def test_an_unknown_login_and_a_wrong_password_get_the_same_answer(
    backend: Backend, alice: str
) -> None:
    with pytest.raises(SignInFailed) as unknown:
        auth.sign_in(backend.uow, "nobody", WRONG)
    (wrong,) = _fail(backend, alice, 1)

    assert str(unknown.value) == wrong == "Unknown login or wrong password."


def test_four_failures_then_the_right_password_still_signs_in(backend: Backend, alice: str) -> None:
    _fail(backend, alice, auth.MAX_FAILURES - 1)

    assert auth.sign_in(backend.uow, alice, PASSWORD).login == alice


def test_a_successful_sign_in_starts_the_failure_count_again(backend: Backend, alice: str) -> None:
    _fail(backend, alice, auth.MAX_FAILURES - 1)
    auth.sign_in(backend.uow, alice, PASSWORD)
    _fail(backend, alice, auth.MAX_FAILURES - 1)

    assert auth.sign_in(backend.uow, alice, PASSWORD).login == alice


def test_five_failures_lock_the_account_even_against_the_right_password(
    backend: Backend, alice: str
) -> None:
    _fail(backend, alice, auth.MAX_FAILURES)

    with pytest.raises(SignInFailed, match="locked after repeated failures"):
        auth.sign_in(backend.uow, alice, PASSWORD)


def test_every_failure_and_the_lock_are_in_the_audit_trail(backend: Backend, alice: str) -> None:
    _fail(backend, alice, auth.MAX_FAILURES)

    failures = [a for a in _actions(backend) if a.startswith("sign_in_")]
    assert failures == ["sign_in_failed"] * (auth.MAX_FAILURES - 1) + ["sign_in_locked"]


def test_the_lock_ends_after_its_time(backend: Backend, alice: str) -> None:
    _fail(backend, alice, auth.MAX_FAILURES)
    _set(backend, alice, locked_until=datetime.now(UTC) - timedelta(seconds=1))

    assert auth.sign_in(backend.uow, alice, PASSWORD).login == alice


def test_the_lock_lasts_a_quarter_of_an_hour(backend: Backend, alice: str) -> None:
    started = datetime.now(UTC)
    _fail(backend, alice, auth.MAX_FAILURES)

    with backend.engine.connect() as connection:
        until = connection.execute(
            select(User.locked_until).where(User.login == alice)
        ).scalar_one()
    assert started + timedelta(minutes=15) <= until <= datetime.now(UTC) + timedelta(minutes=15)


def test_a_disabled_account_cannot_sign_in(backend: Backend, alice: str) -> None:
    _set(backend, alice, active=False)

    with pytest.raises(SignInFailed, match="disabled"):
        auth.sign_in(backend.uow, alice, PASSWORD)


def test_a_disabled_account_does_not_say_so_to_a_wrong_password(
    backend: Backend, alice: str
) -> None:
    _set(backend, alice, active=False)

    assert _fail(backend, alice, 1) == ["Unknown login or wrong password."]


def test_the_first_run_knows_whether_anyone_can_sign_in(
    backend: Backend, admin_ctx: ServiceContext
) -> None:
    assert not auth.has_users(backend.uow)

    users.add_user(admin_ctx, "alice", PASSWORD, role=Role.ADMIN, site_code="HQ")

    assert auth.has_users(backend.uow)


def test_after_the_lock_expires_a_new_series_of_tries_starts(backend: Backend, alice: str) -> None:
    _fail(backend, alice, auth.MAX_FAILURES)
    _set(backend, alice, locked_until=datetime.now(UTC) - timedelta(seconds=1))

    (message,) = _fail(backend, alice, 1)

    assert "locked" not in message
    assert auth.sign_in(backend.uow, alice, PASSWORD).login == alice


def test_logins_ignore_case(backend: Backend, admin_ctx: ServiceContext, alice: str) -> None:
    assert auth.sign_in(backend.uow, "ALICE", PASSWORD).login == "alice"
    with pytest.raises(ValidationError, match="taken"):
        users.add_user(admin_ctx, "Alice", PASSWORD, role=Role.AGENT, site_code="HQ")


def test_ten_wrong_passwords_at_once_from_ten_processes_all_count_and_lock(
    backend: Backend, database_url: str, alice: str
) -> None:
    answers = parallel.at_once(parallel.wrong_password, [(database_url, alice)] * 10)

    assert set(answers) <= {"Unknown login or wrong password.", auth.LOCKED_MESSAGE}
    with backend.engine.connect() as connection:
        failures, locked_until = connection.execute(
            select(User.failed_sign_ins, User.locked_until).where(User.login == alice)
        ).one()
    # Every attempt was counted, or refused because the account was locked by then: none was
    # lost to another process writing the same count.
    assert failures + answers.count(auth.LOCKED_MESSAGE) == 10
    assert failures >= auth.MAX_FAILURES
    assert locked_until is not None
    assert locked_until > datetime.now(UTC)
    with pytest.raises(SignInFailed, match="locked"):
        auth.sign_in(backend.uow, alice, PASSWORD)
    audited = [a for a in _actions(backend) if a.startswith("sign_in_")]
    assert audited.count("sign_in_failed") == auth.MAX_FAILURES - 1
    assert audited.count("sign_in_locked") == failures - auth.MAX_FAILURES + 1

"""Sign-in: who you are decides what services let you do."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import Table, case, func, or_, select, update

from complaintdesk.domain.errors import SignInFailed
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import passwords
from complaintdesk.services.context import Actor
from complaintdesk.storage.models import FunctionMembership, User
from complaintdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)
_WRONG = "Unknown login or wrong password."
USERS: Table = User.__table__  # type: ignore[assignment]
LOCKED_MESSAGE = "This account is locked after repeated failures; try again later."


def sign_in(uow_factory: UnitOfWorkFactory, login: str, password: str) -> Actor:
    """Check a login and password and return the signed-in actor.

    After ``MAX_FAILURES`` wrong passwords in a row the account is locked for
    ``LOCK_DURATION`` (and the person is told so); a wrong password or an unknown login
    get the same message, so it never says which logins exist. Logins ignore case.

    The password is checked outside any transaction (argon2 takes a fifth of a second), and
    the failure count moves by one atomic ``UPDATE``: attempts made at once from many
    processes are all counted, so the fifth wrong password locks the account wherever it was
    typed.

    Raises:
        SignInFailed: unknown login, wrong password, inactive or locked account.
    """
    now = datetime.now(UTC)
    with uow_factory() as uow:
        found = uow.rows(
            select(User.id, User.password_hash, User.locked_until).where(
                User.login == login.strip().lower()
            )
        )
    if not found:
        passwords.verify(_dummy_hash(), password)  # same time as a real check
        raise SignInFailed(_WRONG)
    user_id, stored_hash, locked_until = found[0]
    if locked_until is not None and locked_until > now:
        raise SignInFailed(LOCKED_MESSAGE)
    if not passwords.verify(stored_hash, password):
        _count_failure(uow_factory, user_id, now)
        raise SignInFailed(_WRONG)
    return _signed_in(uow_factory, user_id, now)


def _count_failure(uow_factory: UnitOfWorkFactory, user_id: uuid.UUID, now: datetime) -> None:
    """Add one failure (a lock that has expired starts a fresh series); lock at the limit."""
    with uow_factory(write=True) as uow:
        expired = (USERS.c.locked_until.is_not(None)) & (USERS.c.locked_until <= now)
        failures = uow.execute(
            update(USERS)
            .where(USERS.c.id == user_id)
            .values(
                failed_sign_ins=case((expired, 1), else_=USERS.c.failed_sign_ins + 1),
                locked_until=case((expired, None), else_=USERS.c.locked_until),
            )
            .returning(USERS.c.failed_sign_ins, USERS.c.login)
        ).one()
        locked = failures[0] >= MAX_FAILURES
        if locked:
            uow.execute(
                update(USERS).where(USERS.c.id == user_id).values(locked_until=now + LOCK_DURATION)
            )
        uow.audit(
            "sign_in_locked" if locked else "sign_in_failed",
            "app_user",
            user_id,
            user_id=user_id,
            login=failures[1],
            after={"failed_sign_ins": failures[0]},
        )
        uow.commit()


def _signed_in(uow_factory: UnitOfWorkFactory, user_id: uuid.UUID, now: datetime) -> Actor:
    """Clear the failures of a right password, unless the account was locked meanwhile."""
    with uow_factory(write=True) as uow:
        cleared = uow.execute(
            update(USERS)
            .where(
                USERS.c.id == user_id,
                or_(USERS.c.locked_until.is_(None), USERS.c.locked_until <= now),
            )
            .values(failed_sign_ins=0, locked_until=None, last_sign_in_at=now)
            .returning(USERS.c.active)
        ).first()
        if cleared is None:
            raise SignInFailed(LOCKED_MESSAGE)
        if not cleared[0]:
            raise SignInFailed("This account is disabled; ask an administrator.")
        user = uow.get(User, user_id)
        assert user is not None
        uow.audit("signed_in", "app_user", user.id, user_id=user.id, login=user.login)
        actor = actor_for(uow, user)
        uow.commit()
        return actor


def actor_for(uow: UnitOfWork, user: User) -> Actor:
    """Build the actor of ``user`` with their function memberships."""
    functions = uow.scalars(
        select(FunctionMembership.function_id).where(FunctionMembership.user_id == user.id)
    )
    return Actor(
        user_id=user.id,
        login=user.login,
        display_name=user.display_name,
        role=Role(user.role.code),
        site_id=user.site_id,
        site_code=user.site.code,
        team_queue=user.team_queue,
        function_ids=frozenset(functions),
        language=user.preferred_language,
    )


def has_users(uow_factory: UnitOfWorkFactory) -> bool:
    """Return True once at least one user exists (else the first run creates one)."""
    with uow_factory() as uow:
        return bool(uow.execute(select(func.count()).select_from(User)).scalar_one())


@cache
def _dummy_hash() -> str:
    return passwords.hash_password("not a real password")

"""Sign-in: who you are decides what services let you do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import func, select

from complaintdesk.domain.errors import SignInFailed
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.admin import passwords
from complaintdesk.services.context import Actor
from complaintdesk.storage import lookups
from complaintdesk.storage.models import FunctionMembership, User
from complaintdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)
_WRONG = "Unknown login or wrong password."


def sign_in(uow_factory: UnitOfWorkFactory, login: str, password: str) -> Actor:
    """Check a login and password and return the signed-in actor.

    After ``MAX_FAILURES`` wrong passwords in a row the account is locked for
    ``LOCK_DURATION`` (and the person is told so); a wrong password or an unknown login
    get the same message, so it never says which logins exist. Logins ignore case.

    Raises:
        SignInFailed: unknown login, wrong password, inactive or locked account.
    """
    now = datetime.now(UTC)
    with uow_factory(write=True) as uow:
        user = lookups.user_by_login(uow, login.strip().lower())
        if user is None:
            passwords.verify(_dummy_hash(), password)  # same time as a real check
            raise SignInFailed(_WRONG)
        if user.locked_until is not None and user.locked_until > now:
            raise SignInFailed("This account is locked after repeated failures; try again later.")
        if user.locked_until is not None:  # the lock has expired: a fresh series of tries
            user.locked_until = None
            user.failed_sign_ins = 0
        if not passwords.verify(user.password_hash, password):
            _count_failure(uow, user, now)
            raise SignInFailed(_WRONG)
        if not user.active:
            raise SignInFailed("This account is disabled; ask an administrator.")
        user.failed_sign_ins = 0
        user.locked_until = None
        user.last_sign_in_at = now
        uow.audit("signed_in", "app_user", user.id, user_id=user.id, login=user.login)
        actor = actor_for(uow, user)
        uow.commit()
        return actor


def _count_failure(uow: UnitOfWork, user: User, now: datetime) -> None:
    user.failed_sign_ins += 1
    locked = user.failed_sign_ins >= MAX_FAILURES
    if locked:
        user.locked_until = now + LOCK_DURATION
    uow.audit(
        "sign_in_locked" if locked else "sign_in_failed",
        "app_user",
        user.id,
        user_id=user.id,
        login=user.login,
        after={"failed_sign_ins": user.failed_sign_ins},
    )
    uow.commit()


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

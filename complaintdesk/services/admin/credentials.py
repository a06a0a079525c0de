"""Passwords after the first one: a person changes theirs, an administrator resets one.

An administrator never sees, reads or chooses a lasting password: a reset sets a temporary
one that works only to choose a new one at the next sign-in. The screen lock asks the
signed-in person's password again through :func:`confirm`, with the lock-out rules of a
sign-in.
"""

from __future__ import annotations

from datetime import UTC, datetime

from complaintdesk.domain.errors import NotFound, PermissionDenied, SignInFailed, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.admin import auth, passwords
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage import lookups
from complaintdesk.storage.models import User


def change_password(ctx: ServiceContext, current: str, new: str) -> None:
    """Replace the caller's password after checking the current one.

    Raises:
        SignInFailed: the current password is wrong (it counts towards the lock-out).
        ValidationError: the new password is too weak or the same as the current one.
    """
    if ctx.actor.user_id is None:
        raise PermissionDenied("The command line has no password to change.")
    passwords.check_strength(new)
    if new == current:
        raise ValidationError("Choose a password different from the current one.")
    confirm(ctx, current)
    with ctx.uow(write=True) as uow:
        user = _user(uow.get(User, ctx.actor.user_id))
        user.password_hash = passwords.hash_password(new)
        user.password_changed_at = datetime.now(UTC)
        user.must_change_password = False
        uow.record(user, "password_changed", user_id=ctx.actor.user_id, login=ctx.actor.login)
        uow.commit()


def reset_password(ctx: ServiceContext, login: str, temporary: str) -> None:
    """Give ``login`` a temporary password to be changed at their next sign-in.

    The old password is neither read nor shown; the new one is only hashed. A locked
    account is unlocked.

    Raises:
        PermissionDenied: the caller may not manage users.
        NotFound: no such login.
        ValidationError: the temporary password is too weak.
    """
    ctx.actor.require(Permission.MANAGE_USERS)
    passwords.check_strength(temporary)
    with ctx.uow(write=True) as uow:
        user = _user(lookups.user_by_login(uow, login.strip().lower()))
        user.password_hash = passwords.hash_password(temporary)
        user.password_changed_at = datetime.now(UTC)
        user.must_change_password = True
        user.failed_sign_ins = 0
        user.locked_until = None
        uow.record(user, "password_reset", user_id=ctx.actor.user_id, login=ctx.actor.login)
        uow.commit()


def must_change(ctx: ServiceContext) -> bool:
    """Return True if the caller signed in with a temporary password."""
    if ctx.actor.user_id is None:
        return False
    with ctx.uow() as uow:
        return _user(uow.get(User, ctx.actor.user_id)).must_change_password


def confirm(ctx: ServiceContext, password: str) -> None:
    """Check the signed-in person's password again (screen lock), with the lock-out rules.

    Raises:
        SignInFailed: wrong password, or the account is locked or disabled meanwhile.
    """
    checked = auth.sign_in(ctx.uow, ctx.actor.login, password)
    if checked.user_id != ctx.actor.user_id:  # pragma: no cover - logins are unique
        raise SignInFailed("This is not your account.")


def _user(user: User | None) -> User:
    if user is None:
        raise NotFound("No such user.")
    return user

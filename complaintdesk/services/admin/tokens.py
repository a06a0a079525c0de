"""Sign-ins kept by the command line: a token made by ``complaintdesk login``.

The token is shown once (to be kept in the keyring, or in a script's environment); the
database keeps only its SHA-256, so a copy of the database signs nobody in. A token stands for
its person until it expires or they sign out: it is refused as soon as their account is
disabled or locked, and every command run with it acts, and is audited, under their name.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from complaintdesk.domain.errors import SignInFailed
from complaintdesk.services.admin.auth import actor_for
from complaintdesk.services.context import Actor
from complaintdesk.storage.models import SignInToken, User
from complaintdesk.storage.unit_of_work import UnitOfWorkFactory

DEFAULT_DAYS = 7
MAX_DAYS = 90
_EXPIRED = (
    "Your command-line sign-in has expired or was ended: sign in again (complaintdesk login)."
)


def issue_token(
    uow_factory: UnitOfWorkFactory, actor: Actor, label: str, days: int = DEFAULT_DAYS
) -> tuple[str, datetime]:
    """Return a new token for ``actor`` (already signed in) and when it expires."""
    days = max(1, min(days, MAX_DAYS))
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    expires = now + timedelta(days=days)
    with uow_factory(write=True) as uow:
        row = SignInToken(
            user_id=actor.user_id,
            token_hash=_digest(token),
            label=label[:120],
            created_at=now,
            expires_at=expires,
        )
        uow.add(row)
        uow.audit(
            "command_line_signed_in",
            "sign_in_token",
            row.id,
            user_id=actor.user_id,
            login=actor.login,
            after={"label": row.label, "expires_at": expires.isoformat()},
        )
        uow.commit()
    return token, expires


def resume(uow_factory: UnitOfWorkFactory, token: str) -> Actor:
    """Return the person a token stands for.

    Raises:
        SignInFailed: unknown, expired or ended token; disabled or locked account.
    """
    now = datetime.now(UTC)
    with uow_factory(write=True) as uow:
        found = uow.scalars(
            select(SignInToken).where(SignInToken.token_hash == _digest(token.strip()))
        )
        row = found[0] if found else None
        if row is None or row.revoked_at is not None or row.expires_at <= now:
            raise SignInFailed(_EXPIRED)
        user = uow.get(User, row.user_id)
        if user is None or not user.active:
            raise SignInFailed("This account is disabled; ask an administrator.")
        if user.locked_until is not None and user.locked_until > now:
            raise SignInFailed("This account is locked after repeated failures; try again later.")
        row.last_used_at = now
        actor = actor_for(uow, user)
        uow.commit()
        return actor


def revoke(uow_factory: UnitOfWorkFactory, token: str) -> bool:
    """End a token's sign-in; return False if it was unknown or ended already."""
    now = datetime.now(UTC)
    with uow_factory(write=True) as uow:
        ended = uow.execute(
            update(SignInToken)
            .where(
                SignInToken.token_hash == _digest(token.strip()), SignInToken.revoked_at.is_(None)
            )
            .values(revoked_at=now)
            .returning(SignInToken.id, SignInToken.user_id)
        ).first()
        if ended is None:
            return False
        login = uow.scalars(select(User.login).where(User.id == ended[1]))
        uow.audit(
            "command_line_signed_out",
            "sign_in_token",
            ended[0],
            user_id=ended[1],
            login=login[0] if login else None,
        )
        uow.commit()
        return True


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()

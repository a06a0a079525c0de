"""Users and the installation's first site: what administrators manage."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from complaintdesk.domain.errors import NotFound, PermissionDenied, ValidationError
from complaintdesk.domain.ids import stable_id
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.promises import presets
from complaintdesk.domain.vocabulary import Role, SiteKind
from complaintdesk.services.admin import passwords
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.read_models import UserView
from complaintdesk.storage import lookups
from complaintdesk.storage.models import Site, User
from complaintdesk.storage.unit_of_work import UnitOfWorkFactory

DEFAULT_SITE = ("HQ", "Headquarters")


def add_user(
    ctx: ServiceContext,
    login: str,
    password: str,
    *,
    role: Role,
    site_code: str,
    display_name: str | None = None,
    team_queue: str | None = None,
) -> UserView:
    """Create a user who can sign in at once.

    Raises:
        PermissionDenied: the caller may not manage users.
        ValidationError: the login is taken or malformed, or the password too short.
        NotFound: no site has ``site_code``.
    """
    ctx.actor.require(Permission.MANAGE_USERS)
    login = _checked_login(login)
    passwords.check_strength(password)
    with ctx.uow(write=True) as uow:
        if lookups.user_by_login(uow, login) is not None:
            raise ValidationError(f"The login {login!r} is already taken.")
        site = lookups.require_site(uow, site_code)
        user = User(
            login=login,
            display_name=display_name or login,
            password_hash=passwords.hash_password(password),
            role_id=stable_id("role", role.value),
            site_id=site.id,
            team_queue=team_queue,
        )
        uow.record(user, "user_added", user_id=ctx.actor.user_id, login=ctx.actor.login)
        view = UserView(user.id, user.login, user.display_name, role.value, site.code, True)
        uow.commit()
        return view


FIRST_RUN = "first-run"
"""Who the audit trail names for the first administrator, made before anyone could sign in."""


def first_run_actor() -> Actor:
    """Who a new installation acts as until it has a user of its own (adds the first one)."""
    return Actor(
        user_id=None,
        login=FIRST_RUN,
        display_name="First run",
        role=Role.ADMIN,
        site_id=uuid.UUID(int=0),  # not read by add_first_administrator
        site_code=DEFAULT_SITE[0],
        team_queue=None,
        function_ids=frozenset(),
    )


def add_first_administrator(
    uow_factory: UnitOfWorkFactory, login: str, password: str, display_name: str | None = None
) -> UserView:
    """Create the first administrator of a database that has no user yet (first run).

    Nobody can sign in yet, so nobody is asked to: this is refused as soon as any user
    exists, checked in the same transaction that adds the administrator (two first runs at
    once make one).

    Raises:
        PermissionDenied: the database has users already: an administrator adds others.
        ValidationError: the login is malformed or the password too short.
    """
    login = _checked_login(login)
    passwords.check_strength(password)
    with uow_factory(write=True) as uow:
        uow.lock_first_start()
        if uow.scalars(select(User.id).limit(1)):
            raise PermissionDenied(
                "This database has users already: sign in as an administrator to add one."
            )
        code = DEFAULT_SITE[0]
        site = _site(uow.scalars(select(Site).where(Site.code == code)), code)
        user = User(
            login=login,
            display_name=display_name or login,
            password_hash=passwords.hash_password(password),
            role_id=stable_id("role", Role.ADMIN.value),
            site_id=site.id,
        )
        uow.record(user, "user_added", user_id=None, login=FIRST_RUN)
        view = UserView(user.id, user.login, user.display_name, Role.ADMIN.value, code, True)
        uow.commit()
        return view


def _checked_login(login: str) -> str:
    login = login.strip().lower()
    if not login or len(login) > 80 or any(c.isspace() for c in login):
        raise ValidationError("A login is 1 to 80 characters without spaces.")
    return login


def _site(found: list[Site], code: str) -> Site:
    if not found:
        raise NotFound(f"No site has the code {code!r}.")
    return found[0]


def ensure_first_site(uow_factory: UnitOfWorkFactory) -> None:
    """Give a new installation its headquarters site, so a first user can be added.

    Safe when several clients start at once on a new database: one makes it.
    """
    with uow_factory() as uow:
        if uow.scalars(select(Site.id).limit(1)):
            return
    with uow_factory(write=True) as uow:
        uow.lock_first_start()
        if uow.scalars(select(Site.id).limit(1)):
            return
        code, name = DEFAULT_SITE
        site = Site(code=code, name=name, kind=SiteKind.HQ.value, timezone="Europe/Paris")
        site.country = presets.country_of_zone(site.timezone)
        uow.record(site, "site_added", user_id=None, login="system")
        uow.commit()

"""Users and the installation's first site: what administrators manage."""

from __future__ import annotations

from sqlalchemy import select

from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.ids import stable_id
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import Role, SiteKind
from complaintdesk.services.admin import passwords
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.read_models import UserView
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
    login = login.strip().lower()
    if not login or len(login) > 80 or any(c.isspace() for c in login):
        raise ValidationError("A login is 1 to 80 characters without spaces.")
    passwords.check_strength(password)
    with ctx.uow(write=True) as uow:
        if uow.scalars(select(User.id).where(User.login == login)):
            raise ValidationError(f"The login {login!r} is already taken.")
        site = _site(uow.scalars(select(Site).where(Site.code == site_code.upper())), site_code)
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
        site = Site(code=code, name=name, kind=SiteKind.HQ.value)
        uow.record(site, "site_added", user_id=None, login="system")
        uow.commit()

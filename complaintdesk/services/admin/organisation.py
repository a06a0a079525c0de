"""Administering who does what: sites, functions and their members, categories, causes."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.promises import presets
from complaintdesk.domain.reference import SITE_CODE
from complaintdesk.domain.vocabulary import SiteKind
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import catalogue
from complaintdesk.storage import lookups
from complaintdesk.storage.models import (
    Category,
    Function,
    FunctionMembership,
    RootCause,
    Site,
    User,
)


@dataclass(frozen=True)
class FunctionView:
    """A function and who belongs to it."""

    id: uuid.UUID
    code: str
    name: str
    name_fr: str | None
    answer_within_hours: int
    members: tuple[str, ...]
    """Members' logins (what the command line names them by)."""
    member_names: tuple[str, ...] = ()
    """Members' display names, as screens show them."""


def add_site(
    ctx: ServiceContext,
    code: str,
    name: str,
    kind: SiteKind,
    timezone: str,
    country: str | None = None,
) -> uuid.UUID:
    """Add a site; its code prefixes the references of complaints recorded there.

    The site follows its country's regulator: when no active regulatory policy covers the
    country yet, the country's shipped preset is activated for it (DESIGN.md section 6).

    Args:
        country: ISO 3166 alpha-2 (``GB``); read from the time zone when not given.

    Raises:
        ValidationError: a malformed or taken code, an unknown time zone or country.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    code = code.strip().upper()
    if not SITE_CODE.match(code):
        raise ValidationError(
            "A site code is 2 to 10 capital letters or digits, starting with a letter."
        )
    country = _country(timezone, country)
    with ctx.uow(write=True) as uow:
        if lookups.site_by_code(uow, code) is not None:
            raise ValidationError(f"The site code {code} is taken.")
        site = Site(
            code=code, name=name.strip(), kind=kind.value, timezone=timezone, country=country
        )
        record(uow, ctx.actor, site, "site_added")
        catalogue.ensure_country_preset(uow, ctx.actor, country)
        uow.commit()
        return site.id


def site_for_country(ctx: ServiceContext, country: str, code: str, name: str, timezone: str) -> str:
    """Return the code of a site in ``country``, adding one (``code``, ``name``) if none.

    Imports from a country's regulator (the CFPB) land at a site of that country, so they
    follow that country's rule and calendar.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow() as uow:
        found: list[str] = uow.scalars(
            select(Site.code).where(Site.country == country.upper()).order_by(Site.code)
        )
    if found:
        return found[0]
    add_site(ctx, code, name, SiteKind.CALL_CENTRE, timezone, country)
    return code.upper()


def _country(timezone: str, country: str | None) -> str | None:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"Unknown time zone {timezone!r} (e.g. Europe/London).") from None
    if country is None or not country.strip():
        return presets.country_of_zone(timezone)
    country = country.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise ValidationError(f"A country is two letters (GB, FR, US), not {country!r}.")
    return country


def add_function(
    ctx: ServiceContext,
    code: str,
    name: str,
    *,
    name_fr: str | None = None,
    answer_within_hours: int = 16,
) -> uuid.UUID:
    """Add a function that owners can ask, with its internal service level."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    code = code.strip().lower()
    if not code or not name.strip():
        raise ValidationError("A function needs a code and a name.")
    if answer_within_hours <= 0:
        raise ValidationError("The function's answer time must be positive.")
    with ctx.uow(write=True) as uow:
        if lookups.function_by_code(uow, code) is not None:
            raise ValidationError(f"The function code {code!r} is taken.")
        function = Function(
            code=code, name=name.strip(), name_fr=name_fr, answer_within_hours=answer_within_hours
        )
        record(uow, ctx.actor, function, "function_added")
        uow.commit()
        return function.id


def add_member(ctx: ServiceContext, function_code: str, login: str) -> None:
    """Make a user a member of a function: they see what is asked of it."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow(write=True) as uow:
        function = lookups.require_function(uow, function_code)
        user = lookups.user_by_login(uow, login)
        if user is None:
            raise NotFound(f"No user {login!r} exists.")
        exists = uow.scalars(
            select(FunctionMembership.id).where(
                FunctionMembership.function_id == function.id,
                FunctionMembership.user_id == user.id,
            )
        )
        if exists:
            return
        membership = FunctionMembership(function_id=function.id, user_id=user.id)
        record(uow, ctx.actor, membership, "function_member_added")
        uow.commit()


def list_functions(ctx: ServiceContext) -> tuple[FunctionView, ...]:
    """Return every active function with its members' logins."""
    with ctx.uow() as uow:
        functions = lookups.active_functions(uow)
        members = uow.execute(
            select(FunctionMembership.function_id, User.login, User.display_name).join(
                User, User.id == FunctionMembership.user_id
            )
        ).all()
        by_function: dict[uuid.UUID, list[str]] = {}
        names: dict[uuid.UUID, list[str]] = {}
        for function_id, login, name in members:
            by_function.setdefault(function_id, []).append(login)
            names.setdefault(function_id, []).append(name)
        return tuple(
            FunctionView(
                f.id,
                f.code,
                f.name,
                f.name_fr,
                f.answer_within_hours,
                tuple(sorted(by_function.get(f.id, []))),
                tuple(sorted(names.get(f.id, []))),
            )
            for f in functions
        )


def add_root_cause(
    ctx: ServiceContext, code: str, name: str, function_code: str | None, name_fr: str | None = None
) -> uuid.UUID:
    """Add a root cause, with the function responsible for fixing it."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow(write=True) as uow:
        function_id = None
        if function_code:
            function = lookups.function_by_code(uow, function_code)
            if function is None:
                raise NotFound("No function exists.")
            function_id = function.id
        cause = RootCause(code=code, name=name, name_fr=name_fr, function_id=function_id)
        record(uow, ctx.actor, cause, "root_cause_added")
        uow.commit()
        return cause.id


def add_category(
    ctx: ServiceContext,
    code: str,
    name: str,
    *,
    name_fr: str | None = None,
    product_group: str | None = None,
) -> uuid.UUID:
    """Add a category to the taxonomy."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow(write=True) as uow:
        if lookups.category_by_code(uow, code) is not None:
            raise ValidationError(f"The category code {code!r} is taken.")
        category = Category(code=code, name=name, name_fr=name_fr, product_group=product_group)
        record(uow, ctx.actor, category, "category_added")
        uow.commit()
        return category.id


def ensure_root_cause(
    ctx: ServiceContext, code: str, name: str, function_code: str | None, name_fr: str | None
) -> bool:
    """Add the root cause unless its code exists; return True if it was added."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow() as uow:
        if lookups.root_cause_by_code(uow, code) is not None:
            return False
    add_root_cause(ctx, code, name, function_code, name_fr)
    return True

"""The demo's reference data: calendars, sites, functions, taxonomy, catalogue, staff.

Written once through the ORM; every row is looked up by its code first, so running the
seeder again reuses what is there (including rows an administrator created) instead of
duplicating it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select

from complaintdesk.demo import catalogue as spec
from complaintdesk.demo.people import FAMILY_NAMES, GIVEN_NAMES, ascii_word
from complaintdesk.demo.topics import TOPICS
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.ids import stable_id
from complaintdesk.domain.promises import presets, sla
from complaintdesk.domain.promises.calendar import BusinessCalendar as CalendarRules
from complaintdesk.domain.routing import Rule
from complaintdesk.services.admin.passwords import hash_password
from complaintdesk.services.complaints import routing
from complaintdesk.services.promises import policies as promises
from complaintdesk.storage.models import (
    Base,
    BusinessCalendar,
    Category,
    Function,
    FunctionMembership,
    Problem,
    RootCause,
    RoutingRule,
    ServiceLevelPolicy,
    Site,
    Template,
    User,
)
from complaintdesk.storage.unit_of_work import UnitOfWork

ModelT = TypeVar("ModelT", bound=Base)
_HANDLERS = ("agent", "branch_clerk")


@dataclass(frozen=True)
class Person:
    """A member of staff as the generator needs them: id (wire format) and name."""

    id: str
    name: str


@dataclass(frozen=True)
class SiteInfo:
    """A site with what complaints received there need."""

    id: str
    code: str
    index: int
    team_queue: str
    owners: tuple[Person, ...]
    mailbox: str
    currency: str
    calendar: CalendarRules | None = None
    """Opening hours: when the site's staff acknowledge, answer and resolve."""
    country: str | None = None


@dataclass(frozen=True)
class Catalogue:
    """What generated complaints point to (ids in the wire format) and are held to."""

    sites: dict[str, SiteInfo]
    functions: dict[str, str]
    function_hours: dict[str, int]
    function_calendars: dict[str, CalendarRules]
    function_members: dict[str, tuple[str, ...]]
    categories: dict[str, str]
    root_causes: dict[str, tuple[str, str]]
    problems: dict[str, str]
    policies: tuple[sla.Policy, ...]
    """The active service-level policies and regulatory presets, as ``promises`` reads them."""
    rules: tuple[Rule, ...] = ()
    """The active routing rules, as intake runs them."""
    queue_owners: dict[str, tuple[Person, ...]] = field(default_factory=dict)
    """Who may own a complaint, by team queue."""


def ensure(uow: UnitOfWork, accounts: Iterable[spec.DemoUser]) -> Catalogue:
    """Create whatever reference data is missing and return the catalogue (caller commits)."""
    calendars = _ensure(uow, BusinessCalendar, spec.calendars())
    sites = _ensure(uow, Site, spec.sites(calendars))
    functions = _ensure(uow, Function, spec.functions(calendars))
    _ensure_categories(uow)
    causes = _ensure(uow, RootCause, _root_causes(functions))
    _ensure(uow, ServiceLevelPolicy, spec.policies(calendars))
    _ensure(uow, RoutingRule, spec.routing_rules(functions), key="name")
    _ensure_templates(uow)
    _ensure(uow, Problem, _problems(causes, functions), key="title")
    _ensure_staff(uow, [*accounts, *staff_accounts()], sites, functions)
    return _catalogue(uow, sites, functions, causes, calendars)


def _ensure(
    uow: UnitOfWork, model: type[ModelT], rows: Iterable[dict[str, Any]], key: str = "code"
) -> dict[str, ModelT]:
    existing = {getattr(obj, key): obj for obj in uow.scalars(select(model))}
    for values in rows:
        if values[key] not in existing:
            obj = model(**values)
            uow.add(obj)
            existing[values[key]] = obj
    uow.flush()
    return existing


def _ensure_categories(uow: UnitOfWork) -> None:
    parents = _ensure(
        uow,
        Category,
        (
            {"code": code, "name": en, "name_fr": fr, "product_group": group}
            for code, (en, fr, group) in spec.PARENTS.items()
        ),
    )
    _ensure(
        uow,
        Category,
        (
            {
                "code": t.code,
                "name": t.name[0],
                "name_fr": t.name[1],
                "parent_id": parents[t.parent].id,
                "product_group": spec.PARENTS[t.parent][2],
            }
            for t in TOPICS
        ),
    )


def _root_causes(functions: dict[str, Function]) -> Iterable[dict[str, Any]]:
    for code, (en, fr, function) in spec.ROOT_CAUSES.items():
        yield {"code": code, "name": en, "name_fr": fr, "function_id": functions[function].id}


def _problems(
    causes: dict[str, RootCause], functions: dict[str, Function]
) -> Iterable[dict[str, Any]]:
    for topic in TOPICS:
        if topic.problem:
            cause = causes[topic.root_causes[0]]
            yield {
                "title": topic.problem,
                "description": f"Recurring complaints about: {topic.name[0].lower()}.",
                "root_cause_id": cause.id,
                "function_id": cause.function_id or functions[topic.function].id,
            }


def _ensure_templates(uow: UnitOfWork) -> None:
    existing = {(t.code, t.language) for t in uow.scalars(select(Template))}
    for values in spec.templates():
        if (values["code"], values["language"]) not in existing:
            uow.add(Template(**values))
    uow.flush()


def staff_accounts() -> list[spec.DemoUser]:
    """Return the generated staff: the same names on every run, whatever the seed."""
    rng = random.Random("complaintdesk demo staff")
    taken: set[str] = set()
    accounts = []
    for role, site, team_queue, function, count in spec.STAFF:
        language = 0 if site == "LON01" else 1
        for _ in range(count):
            given = rng.choice(GIVEN_NAMES[language])
            family = rng.choice(FAMILY_NAMES[language])
            login = f"{ascii_word(given)}.{ascii_word(family)}"
            while login in taken:
                login += str(rng.randrange(10))
            taken.add(login)
            name = f"{given} {family}"
            accounts.append(
                spec.DemoUser(login, spec.STAFF_PASSWORD, role, site, name, team_queue, function)
            )
    return accounts


def _ensure_staff(
    uow: UnitOfWork,
    accounts: list[spec.DemoUser],
    sites: dict[str, Site],
    functions: dict[str, Function],
) -> None:
    existing = {u.login: u for u in uow.scalars(select(User))}
    hashes: dict[str, str] = {}
    for account in accounts:
        if account.login in existing:
            continue
        if account.password not in hashes:  # argon2 is slow on purpose: hash each one once
            hashes[account.password] = hash_password(account.password)
        user = _user(account, hashes[account.password], sites)
        uow.add(user)
        existing[account.login] = user
    uow.flush()
    members = {(m.function_id, m.user_id) for m in uow.scalars(select(FunctionMembership))}
    for account in accounts:
        if account.function is None:
            continue
        pair = (functions[account.function].id, existing[account.login].id)
        if pair not in members:
            uow.add(FunctionMembership(function_id=pair[0], user_id=pair[1]))
            members.add(pair)
    uow.flush()


def _user(account: spec.DemoUser, password_hash: str, sites: dict[str, Site]) -> User:
    return User(
        login=account.login,
        display_name=account.display_name,
        email=f"{account.login}@complaintdesk.example",
        password_hash=password_hash,
        role_id=stable_id("role", account.role),
        site_id=sites[account.site_code].id,
        team_queue=account.team_queue,
        preferred_language="en" if account.site_code == "LON01" else "fr",
    )


def _catalogue(
    uow: UnitOfWork,
    sites: dict[str, Site],
    functions: dict[str, Function],
    causes: dict[str, RootCause],
    calendars: dict[str, BusinessCalendar],
) -> Catalogue:
    users = uow.scalars(select(User).where(User.active.is_(True)).order_by(User.login))
    members = uow.scalars(select(FunctionMembership).order_by(FunctionMembership.user_id))
    by_function: dict[str, list[str]] = {code: [] for code in functions}
    codes = {f.id: code for code, f in functions.items()}
    for membership in members:
        by_function[codes[membership.function_id]].append(membership.user_id.hex)
    categories = {c.code: c.id.hex for c in uow.scalars(select(Category))}
    problems = {p.title: p.id.hex for p in uow.scalars(select(Problem))}
    infos = {
        code: _site_info(sites[code], index, users, calendars)
        for index, code in enumerate(spec.SITE_CODES)
    }
    return Catalogue(
        sites=infos,
        functions={code: f.id.hex for code, f in functions.items()},
        function_hours={code: f.answer_within_hours for code, f in functions.items()},
        function_calendars=_function_calendars(functions, calendars),
        function_members={code: tuple(ids) for code, ids in by_function.items()},
        categories=categories,
        root_causes={
            c: (r.id.hex, (r.function_id.hex if r.function_id else "")) for c, r in causes.items()
        },
        problems={t.code: problems[t.problem] for t in TOPICS if t.problem in problems},
        policies=promises.load_policies(uow),
        rules=tuple(routing.load_rules(uow)),
        queue_owners={info.team_queue: info.owners for info in infos.values()},
    )


def _function_calendars(
    functions: dict[str, Function], calendars: dict[str, BusinessCalendar]
) -> dict[str, CalendarRules]:
    """Each function's working hours, which its internal service level counts in."""
    rows = {c.id: c for c in calendars.values()}
    default = presets.calendar_for(promises.DEFAULT_CALENDAR)
    return {
        code: promises.calendar_from_row(rows[f.calendar_id]) if f.calendar_id in rows else default
        for code, f in functions.items()
    }


def _site_info(
    site: Site, index: int, users: list[User], calendars: dict[str, BusinessCalendar]
) -> SiteInfo:
    team_queue, mailbox, currency = spec.SITE_TRAITS[site.code]
    team = [u for u in users if u.team_queue == team_queue and u.role.code in _HANDLERS]
    if not team:
        raise ValidationError(
            f"Nobody active works the {team_queue} queue of site {site.code}: "
            "reactivate a demo account there before adding demo complaints."
        )
    owners = [Person(u.id.hex, u.display_name) for u in team]
    # Demo accounts carry a heavier load so that their own queue is never empty in a demo.
    owners += [Person(u.id.hex, u.display_name) for u in team if u.login in spec.BUSY_LOGINS] * 3
    return SiteInfo(
        id=site.id.hex,
        code=site.code,
        index=index,
        team_queue=team_queue,
        owners=tuple(owners),
        mailbox=mailbox,
        currency=currency,
        calendar=_calendar_of(site, calendars),
        country=site.country,
    )


def _calendar_of(site: Site, calendars: dict[str, BusinessCalendar]) -> CalendarRules | None:
    """The site's opening hours: its staff act on complaints within them.

    A site made before the demo (the installation's first one) has no calendar of its own:
    its staff keep the hours the demo gives a site of that code.
    """
    rows = {c.id: c for c in calendars.values()}
    row = rows.get(site.calendar_id) if site.calendar_id else None
    row = row or calendars.get(spec.SITE_CALENDARS.get(site.code, ""))
    return promises.calendar_from_row(row) if row is not None else None

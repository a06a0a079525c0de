"""Which complaints each policy applies to (its scope), and which policy a complaint gets, why.

A scope names sites, site countries, channels, categories, products, customer segments and
priorities; empty means "any". Of the policies of a kind whose scope holds, the most specific
wins, ties by position (``domain/promises/sla.py``). Administrators set scopes in the Promises
tab and with ``complaintdesk policy scope``; the preview says which policy a sample
complaint gets and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.promises import clocks, sla
from complaintdesk.domain.vocabulary import Channel, Priority, Segment
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import policies
from complaintdesk.services.promises.catalogue import PolicyView, list_policies
from complaintdesk.storage import lookups
from complaintdesk.storage.models import ServiceLevelPolicy

_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class SiteChoice:
    """A site as scope editors offer it."""

    code: str
    name: str
    country: str | None


@dataclass(frozen=True)
class ScopeOptions:
    """What a scope can name on this installation."""

    sites: tuple[SiteChoice, ...]
    countries: tuple[str, ...]
    categories: tuple[tuple[str, str], ...]
    """(code, name)."""


@dataclass(frozen=True)
class Choice:
    """Which policy of a kind a sample complaint gets, and why."""

    kind: str
    code: str | None
    name: str | None
    reasons: tuple[tuple[str, str], ...]
    """(condition kind, the complaint's value) of each condition of the chosen policy."""
    also_applied: tuple[str, ...]
    """Codes of policies whose scope holds too but that are less specific or later."""
    passed_over: tuple[tuple[str, tuple[str, ...]], ...]
    """(code, the condition kinds that did not hold) of the other active policies."""


def scope_options(ctx: ServiceContext) -> ScopeOptions:
    """Return the sites, countries and categories a scope may name."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow() as uow:
        sites = tuple(SiteChoice(s.code, s.name, s.country) for s in lookups.all_sites(uow))
        categories = tuple(
            (c.code, c.name) for c in sorted(lookups.all_categories(uow), key=lambda c: c.code)
        )
    countries = tuple(sorted({s.country for s in sites if s.country}))
    return ScopeOptions(sites, countries, categories)


def show_policy(ctx: ServiceContext, code: str) -> PolicyView:
    """Return one policy of the catalogue.

    Raises:
        NotFound: no policy has that code.
    """
    for view in list_policies(ctx):
        if view.code == code:
            return view
    raise NotFound(f"No policy {code!r}.")


def set_scope(ctx: ServiceContext, code: str, conditions: Mapping[str, Sequence[Any]]) -> None:
    """Replace the scope of policy ``code`` (open complaints follow at the next recompute).

    Raises:
        ValidationError: an unknown kind of condition, site, channel, segment, priority or
            category, or a country that is not two letters; nothing is saved.
        NotFound: no policy has that code.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow(write=True) as uow:
        found: list[ServiceLevelPolicy] = uow.scalars(
            select(ServiceLevelPolicy).where(ServiceLevelPolicy.code == code)
        )
        if not found:
            raise NotFound(f"No policy {code!r}.")
        sites = {site.code for site in lookups.all_sites(uow)}
        categories = {category.code for category in lookups.all_categories(uow)}
        clean = checked_conditions(conditions, sites, categories)
        found[0].conditions = clean
        record(uow, ctx.actor, found[0], "policy_scope_changed")
        uow.commit()


def checked_conditions(
    conditions: Mapping[str, Sequence[Any]], sites: set[str], categories: set[str]
) -> dict[str, list[Any]]:
    """Return a scope in its stored form, refusing what cannot be right (named)."""
    unknown = sorted(set(conditions) - set(sla.CONDITION_KINDS))
    if unknown:
        raise ValidationError(
            f"Unknown scope {', '.join(unknown)}: a scope names {', '.join(sla.CONDITION_KINDS)}."
        )
    values = {kind: [v for v in conditions.get(kind, ()) if str(v).strip()] for kind in conditions}
    checks: tuple[tuple[str, Callable[[Any], Any], Callable[[Any], Any], str], ...] = (
        ("sites", lambda v: str(v).strip().upper(), lambda v: v in sites, "site"),
        ("countries", lambda v: str(v).strip().upper(), _is_country, "country"),
        ("channels", lambda v: str(v).strip(), _is(Channel), "channel"),
        ("segments", lambda v: str(v).strip(), _is(Segment), "segment"),
        ("priorities", _priority, lambda v: v in {int(p) for p in Priority}, "priority"),
        ("categories", lambda v: str(v).strip(), lambda v: v in categories or v.endswith("*"),
         "category"),
        ("products", lambda v: " ".join(str(v).split()), bool, "product"),
    )  # fmt: skip
    for kind, normal, valid, word in checks:
        given = [normal(v) for v in values.get(kind, ())]
        wrong = [str(v) for v in given if not valid(v)]
        if wrong:
            raise ValidationError(f"Unknown {word}: {', '.join(wrong)}.")
        values[kind] = sorted(set(given))
    return sla.PolicyConditions.from_mapping(values).as_mapping()


def _is_country(value: str) -> bool:
    return bool(_COUNTRY.match(value))


def _is(kind: type[Channel] | type[Segment]) -> Any:
    return lambda value: value in {member.value for member in kind}


def _priority(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def which_policy(
    ctx: ServiceContext,
    site_code: str,
    channel: Channel,
    *,
    category: str | None = None,
    product: str | None = None,
    segment: str | None = None,
    priority: int = int(Priority.NORMAL),
) -> tuple[Choice, Choice]:
    """Return the company promise and the regulatory preset a complaint would get, and why.

    Raises:
        NotFound: no site has that code.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow() as uow:
        site = lookups.require_site(uow, site_code)
        facts = policies.facts_of(channel.value, category, segment, priority, site, product)
        active = policies.load_policies(uow)
        names = {p.id: p.name for p in active}
    return (
        _choice(sla.choose(active, facts, clocks.SERVICE), clocks.SERVICE, names),
        _choice(sla.choose(active, facts, clocks.REGULATORY), clocks.REGULATORY, names),
    )


def _choice(choice: sla.Choice, kind: str, names: Mapping[Any, str]) -> Choice:
    chosen = choice.policy
    return Choice(
        kind=kind,
        code=chosen.code if chosen else None,
        name=names.get(chosen.id) if chosen else None,
        reasons=choice.reasons,
        also_applied=tuple(p.code for p in choice.also_applied),
        passed_over=tuple((p.code, kinds) for p, kinds in choice.passed_over),
    )

"""What a queue can be filtered on: the people, functions, sites and categories to pick from."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from complaintdesk.services.complaints import directory
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage import lookups


@dataclass(frozen=True)
class Option:
    """One entry of a filter menu: the id a filter holds and the label a person reads."""

    id: uuid.UUID
    label: str


@dataclass(frozen=True)
class FilterChoices:
    """Every pick list of the filter bar, each sorted by label."""

    owners: tuple[Option, ...]
    functions: tuple[Option, ...]
    sites: tuple[Option, ...]
    categories: tuple[Option, ...]


def filter_choices(ctx: ServiceContext) -> FilterChoices:
    """Return what the caller can narrow a queue to (active people and functions only)."""
    owners = tuple(Option(p.id, p.display_name) for p in directory.possible_owners(ctx))
    with ctx.uow() as uow:
        return FilterChoices(
            owners,
            tuple(Option(f.id, f.name) for f in lookups.active_functions(uow)),
            tuple(Option(s.id, f"{s.code} — {s.name}") for s in lookups.all_sites(uow)),
            tuple(Option(c.id, c.name) for c in lookups.all_categories(uow)),
        )


def site_time_zones(ctx: ServiceContext) -> dict[str, str]:
    """Return each site's IANA time zone by its code (a queue's deadlines are told in it)."""
    with ctx.uow() as uow:
        return {site.code: site.timezone for site in lookups.all_sites(uow)}

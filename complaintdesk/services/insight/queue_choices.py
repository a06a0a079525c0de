"""What a queue can be filtered on: the people, functions, sites and categories to pick from."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from complaintdesk.services.complaints import directory
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import Category, Function, Site


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
        functions = uow.rows(
            select(Function.id, Function.name)
            .where(Function.active.is_(True))
            .order_by(Function.name)
        )
        sites = uow.rows(select(Site.id, Site.code, Site.name).order_by(Site.code))
        categories = uow.rows(select(Category.id, Category.name).order_by(Category.name))
    return FilterChoices(
        owners,
        tuple(Option(i, name) for i, name in functions),
        tuple(Option(i, f"{code} — {name}") for i, code, name in sites),
        tuple(Option(i, name) for i, name in categories),
    )

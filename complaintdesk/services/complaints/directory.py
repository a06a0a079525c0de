"""Pick lists for forms: who can own, which causes, which categories."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage import lookups
from complaintdesk.storage.models import Role as RoleRow
from complaintdesk.storage.models import RootCause, Site, User

OWNER_ROLES = (Role.AGENT.value, Role.SUPERVISOR.value, Role.BRANCH_CLERK.value)


@dataclass(frozen=True)
class Choice:
    """One entry of a pick list: the value a service takes and the label a person reads."""

    value: str
    label: str
    label_fr: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class PersonChoice:
    """A colleague who can own complaints."""

    id: uuid.UUID
    login: str
    display_name: str
    site_code: str
    team_queue: str | None
    on_duty: bool
    team_queue_name: str | None = None
    """The team queue's name (its code while unnamed)."""


def possible_owners(ctx: ServiceContext) -> tuple[PersonChoice, ...]:
    """Return the active users who may own a complaint, by name."""
    with ctx.uow() as uow:
        rows = uow.execute(
            select(User, Site.code)
            .join(RoleRow, RoleRow.id == User.role_id)
            .join(Site, Site.id == User.site_id)
            .where(User.active.is_(True), RoleRow.code.in_(OWNER_ROLES))
            .order_by(User.display_name)
        ).all()
        return tuple(
            PersonChoice(
                u.id,
                u.login,
                u.display_name,
                code,
                u.team_queue,
                u.on_duty,
                lookups.team_queue_name(uow, u.team_queue),
            )
            for u, code in rows
        )


def root_causes(ctx: ServiceContext) -> tuple[Choice, ...]:
    """Return the active root causes, by name."""
    with ctx.uow() as uow:
        rows: list[RootCause] = uow.scalars(
            select(RootCause).where(RootCause.active.is_(True)).order_by(RootCause.name)
        )
        return tuple(Choice(r.code, r.name, r.name_fr) for r in rows)


def categories(ctx: ServiceContext) -> tuple[Choice, ...]:
    """Return the category taxonomy, by name."""
    with ctx.uow() as uow:
        return tuple(
            Choice(c.code, c.name, c.name_fr, c.product_group) for c in lookups.all_categories(uow)
        )

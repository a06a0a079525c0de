"""The root-cause taxonomy, administered: bilingual names, a tree, the responsible function.

A cause is never deleted (closed complaints point to it): it is deactivated, and then no
longer offered at resolution.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import aliased

from complaintdesk.domain import regulatory_returns
from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.complaints.access import record
from complaintdesk.services.complaints.directory import Choice
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage import lookups
from complaintdesk.storage.models import Function, RootCause
from complaintdesk.storage.unit_of_work import UnitOfWork

CODE = re.compile(r"^[a-z0-9][a-z0-9._/-]{0,59}$")


@dataclass(frozen=True)
class RootCauseView:
    """One cause of the taxonomy, as the administration tab lists it."""

    id: uuid.UUID
    code: str
    name: str
    name_fr: str | None
    parent_code: str | None
    function_code: str | None
    function_name: str | None
    active: bool
    regulatory_cause: str | None = None
    """The FCA return's cause category it is reported under (``domain.regulatory_returns``)."""


@dataclass(frozen=True)
class ResolutionChoices:
    """What the resolve form offers: active causes and the functions that may be responsible.

    Attributes:
        causes: each cause's ``detail`` is the code of the function responsible for it.
    """

    causes: tuple[Choice, ...]
    functions: tuple[Choice, ...]


def resolution_choices(ctx: ServiceContext) -> ResolutionChoices:
    """Return the active causes (with their function) and the active functions, by name."""
    with ctx.uow() as uow:
        rows = uow.execute(
            select(RootCause, Function.code)
            .outerjoin(Function, Function.id == RootCause.function_id)
            .where(RootCause.active.is_(True))
            .order_by(RootCause.name)
        ).all()
        functions = lookups.active_functions(uow)
        return ResolutionChoices(
            tuple(Choice(c.code, c.name, c.name_fr, code) for c, code in rows),
            tuple(Choice(f.code, f.name, f.name_fr) for f in functions),
        )


def list_root_causes(ctx: ServiceContext) -> tuple[RootCauseView, ...]:
    """Return every cause, inactive ones too, by name."""
    parent = aliased(RootCause)
    with ctx.uow() as uow:
        rows = uow.execute(
            select(RootCause, parent.code, Function.code, Function.name)
            .outerjoin(parent, parent.id == RootCause.parent_id)
            .outerjoin(Function, Function.id == RootCause.function_id)
            .order_by(RootCause.name)
        ).all()
        return tuple(
            RootCauseView(
                c.id, c.code, c.name, c.name_fr, up, fcode, fname, c.active, c.regulatory_cause
            )
            for c, up, fcode, fname in rows
        )


def add(
    ctx: ServiceContext,
    code: str,
    name: str,
    *,
    name_fr: str | None = None,
    function_code: str | None = None,
    parent_code: str | None = None,
) -> uuid.UUID:
    """Add a cause under ``parent_code`` (or at the top), with its responsible function."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    code = code.strip().lower()
    if not CODE.match(code):
        raise ValidationError(
            "A cause code is up to 60 lower-case letters, digits, '-', '.', '/' or '_'."
        )
    with ctx.uow(write=True) as uow:
        if lookups.root_cause_by_code(uow, code) is not None:
            raise ValidationError(f"The cause code {code!r} is taken.")
        cause = RootCause(
            code=code,
            name=_name(name),
            name_fr=(name_fr or "").strip() or None,
            function_id=_function_id(uow, function_code),
            parent_id=_cause(uow, parent_code).id if parent_code else None,
            active=True,
        )
        record(uow, ctx.actor, cause, "root_cause_added")
        uow.commit()
        return cause.id


def rename(ctx: ServiceContext, code: str, name: str, name_fr: str | None) -> None:
    """Change a cause's English and French names (complaints keep pointing to it)."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow(write=True) as uow:
        cause = _cause(uow, code)
        cause.name = _name(name)
        cause.name_fr = (name_fr or "").strip() or None
        record(uow, ctx.actor, cause, "root_cause_renamed")
        uow.commit()


def set_active(ctx: ServiceContext, code: str, active: bool) -> None:
    """Offer the cause at resolution again, or stop offering it."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow(write=True) as uow:
        cause = _cause(uow, code)
        cause.active = active
        record(uow, ctx.actor, cause, "root_cause_activated" if active else "root_cause_retired")
        uow.commit()


def set_function(ctx: ServiceContext, code: str, function_code: str | None) -> None:
    """Make another function responsible for fixing this cause (None: nobody yet)."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow(write=True) as uow:
        cause = _cause(uow, code)
        cause.function_id = _function_id(uow, function_code)
        record(uow, ctx.actor, cause, "root_cause_function_changed")
        uow.commit()


def set_regulatory_cause(ctx: ServiceContext, code: str, category: str | None) -> None:
    """Report this cause under one of the FCA return's cause categories (None: unmapped).

    Raises:
        ValidationError: not one of the return's categories (they are named).
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    keys = [key for key, _ in regulatory_returns.CAUSES]
    if category is not None and category not in keys:
        raise ValidationError(f"Unknown FCA cause category {category!r}: use {', '.join(keys)}.")
    with ctx.uow(write=True) as uow:
        cause = _cause(uow, code)
        cause.regulatory_cause = category
        record(uow, ctx.actor, cause, "root_cause_regulatory_cause_changed")
        uow.commit()


def move(ctx: ServiceContext, code: str, parent_code: str | None) -> None:
    """Put the cause under another parent (None: at the top); refuse a loop.

    Raises:
        ValidationError: the new parent is the cause itself or one of its descendants.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow(write=True) as uow:
        cause = _cause(uow, code)
        parent = _cause(uow, parent_code) if parent_code else None
        ancestor = parent
        while ancestor is not None:
            if ancestor.id == cause.id:
                raise ValidationError(f"{cause.name!r} cannot be placed under itself.")
            ancestor = uow.get(RootCause, ancestor.parent_id) if ancestor.parent_id else None
        cause.parent_id = parent.id if parent else None
        record(uow, ctx.actor, cause, "root_cause_moved")
        uow.commit()


def _name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError("A cause needs an English name.")
    return name[:160]


def _cause(uow: UnitOfWork, code: str) -> RootCause:
    cause = lookups.root_cause_by_code(uow, code)
    if cause is None:
        raise NotFound(f"No root cause {code!r} exists.")
    return cause


def _function_id(uow: UnitOfWork, code: str | None) -> uuid.UUID | None:
    return lookups.require_function(uow, code).id if code else None

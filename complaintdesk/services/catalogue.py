"""The service catalogue: service-level policies copied from the shipped presets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from complaintdesk.domain import presets
from complaintdesk.domain.errors import NotFound
from complaintdesk.domain.permissions import Permission
from complaintdesk.resources import load_json
from complaintdesk.services import promises
from complaintdesk.services.access import record
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import Complaint, ServiceLevelPolicy
from complaintdesk.storage.unit_of_work import UnitOfWorkFactory

PRESETS = ("iso-10002", "fr-acpr", "fr-payment", "uk-fca", "uk-fca-payment", "us-cfpb")
ACTIVE_AT_INSTALL = frozenset({"iso-10002", "fr-acpr"})
"""A new installation promises the generic catalogue and follows French rules; an
administrator activates the others (or copies and edits them)."""


@dataclass(frozen=True)
class PolicyView:
    """A policy as the catalogue screen lists it."""

    code: str
    name: str
    kind: str
    active: bool
    conditions: dict[str, Any]
    targets: dict[str, Any]


def preset_data(name: str) -> dict[str, Any]:
    """Return a shipped preset's JSON."""
    data: dict[str, Any] = load_json(f"presets/{name}.json")
    presets.parse_preset(data)  # refuses a broken file before anything uses it
    return data


def install_presets(uow_factory: UnitOfWorkFactory, names: Sequence[str] = PRESETS) -> int:
    """Copy the shipped presets into the catalogue once (a new installation's defaults)."""
    with uow_factory(write=True) as uow:
        if uow.execute(select(func.count()).select_from(ServiceLevelPolicy)).scalar_one():
            return 0
        for position, name in enumerate(names):
            data = preset_data(name)
            policy = ServiceLevelPolicy(
                code=name,
                name=data.get("title", name),
                kind=data.get("kind", "service"),
                preset=name,
                position=(position + 1) * 10,
                conditions={},
                targets={k: data[k] for k in ("calendar", "targets", "segments") if k in data},
                warning_ratio=0.75,
                pauses_on_customer=data.get("kind") != "regulatory",
                escalation={"warning": "owner", "breach": "supervisor"},
                compensation=None,
                active=name in ACTIVE_AT_INSTALL,
            )
            uow.record(policy, "policy_installed", user_id=None, login="system")
        uow.commit()
        return len(names)


def list_policies(ctx: ServiceContext) -> tuple[PolicyView, ...]:
    """Return every policy of the catalogue, active first."""
    with ctx.uow() as uow:
        rows: list[ServiceLevelPolicy] = uow.scalars(
            select(ServiceLevelPolicy).order_by(
                ServiceLevelPolicy.active.desc(), ServiceLevelPolicy.position
            )
        )
        return tuple(
            PolicyView(r.code, r.name, r.kind, r.active, dict(r.conditions), dict(r.targets))
            for r in rows
        )


def set_active(ctx: ServiceContext, code: str, active: bool) -> None:
    """Switch a policy on or off; open complaints are recomputed by ``recompute``."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow(write=True) as uow:
        found: list[ServiceLevelPolicy] = uow.scalars(
            select(ServiceLevelPolicy).where(ServiceLevelPolicy.code == code)
        )
        if not found:
            raise NotFound(f"No policy {code!r}.")
        found[0].active = active
        record(uow, ctx.actor, found[0], "policy_activated" if active else "policy_deactivated")
        uow.commit()


def recompute(ctx: ServiceContext, batch_size: int = 5_000) -> int:
    """Recompute due instants and clocks of every open complaint; return how many changed."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    now = datetime.now(UTC)
    changed = 0
    last_id = None
    while True:
        with ctx.uow(write=True) as uow:
            query = select(Complaint).where(Complaint.is_open.is_(True)).order_by(Complaint.id)
            if last_id is not None:
                query = query.where(Complaint.id > last_id)
            batch: list[Complaint] = uow.scalars(query.limit(batch_size))
            if not batch:
                return changed
            for complaint in batch:
                before = (complaint.next_due_at, complaint.clock_state)
                promises.refresh(uow, complaint, now)
                changed += before != (complaint.next_due_at, complaint.clock_state)
            last_id = batch[-1].id
            uow.commit()

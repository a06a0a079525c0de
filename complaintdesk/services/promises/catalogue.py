"""The service catalogue: service-level policies copied from the shipped presets."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from complaintdesk.domain.errors import NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.promises import clocks, presets
from complaintdesk.resources import load_json
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.services.promises import policies
from complaintdesk.storage.models import BusinessCalendar as CalendarRow
from complaintdesk.storage.models import ServiceLevelPolicy
from complaintdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

PRESETS = ("iso-10002", "fr-acpr", "fr-payment", "uk-fca", "uk-fca-payment", "us-cfpb")
PRESET_KEYS = ("calendar", "targets", "segments", "clock_starts", "letters")
"""What a policy row keeps of a preset (its targets column holds the preset's rules)."""
ACTIVE_AT_INSTALL = frozenset({"iso-10002", *presets.COUNTRY_PRESETS.values()})
"""A new installation promises the generic catalogue, and each country's regulatory preset
applies to the sites in that country (the presets are scoped by site country); payment
services presets wait for an administrator to scope them to payment categories."""


@dataclass(frozen=True)
class PolicyView:
    """A policy as the catalogue screen lists it."""

    code: str
    name: str
    kind: str
    active: bool
    conditions: dict[str, Any]
    targets: dict[str, Any]
    warning_ratio: float = 0.75
    pauses_on_customer: bool = False
    time_zone: str = ""
    """The zone of the calendar the policy counts on (its due dates are local to it)."""
    preset: str | None = None
    """The shipped preset the policy was copied from."""
    position: int = 0

    @property
    def clock_starts(self) -> str:
        """``received`` or ``sent``: the instant its deadlines count from."""
        return str(self.targets.get("clock_starts", "received"))

    @property
    def calendar_code(self) -> str:
        """The standard calendar code the policy's targets name (FR, GB-ENG, US…)."""
        return str(self.targets.get("calendar", policies.DEFAULT_CALENDAR))


def preset_data(name: str) -> dict[str, Any]:
    """Return a shipped preset's JSON."""
    data: dict[str, Any] = load_json(f"presets/{name}.json")
    presets.parse_preset(data)  # refuses a broken file before anything uses it
    return data


def install_presets(uow_factory: UnitOfWorkFactory, names: Sequence[str] = PRESETS) -> int:
    """Copy the shipped presets into the catalogue once (a new installation's defaults).

    Safe when several clients start at once on a new database: one installs them.
    """
    with uow_factory() as uow:
        if uow.execute(select(func.count()).select_from(ServiceLevelPolicy)).scalar_one():
            return 0
    with uow_factory(write=True) as uow:
        uow.lock_first_start()
        if uow.execute(select(func.count()).select_from(ServiceLevelPolicy)).scalar_one():
            return 0
        for position, name in enumerate(names):
            data = preset_data(name)
            country = data.get("country")
            policy = ServiceLevelPolicy(
                code=name,
                name=data.get("title", name),
                kind=data.get("kind", "service"),
                preset=name,
                position=(position + 1) * 10,
                conditions={"countries": [country]} if country else {},
                targets={k: data[k] for k in PRESET_KEYS if k in data},
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
        zones = {c.id: c.timezone for c in uow.scalars(select(CalendarRow))}
        return tuple(
            PolicyView(
                r.code,
                r.name,
                r.kind,
                r.active,
                dict(r.conditions),
                dict(r.targets),
                r.warning_ratio,
                r.pauses_on_customer and r.kind != clocks.REGULATORY,
                zones.get(r.calendar_id) or _zone_of(r.targets),
                r.preset,
                r.position,
            )
            for r in rows
        )


def _zone_of(targets: Mapping[str, Any]) -> str:
    try:
        return presets.calendar_for(str(targets.get("calendar", "FR"))).time_zone
    except ValidationError:
        return "UTC"


def ensure_country_preset(uow: UnitOfWork, actor: Actor, country: str | None) -> str | None:
    """Give a site's country its regulatory preset when no active one covers that country.

    The shipped preset of the country (``presets.COUNTRY_PRESETS``) is activated and scoped
    to the country; returns its code, or None when nothing had to change.
    """
    preset = presets.COUNTRY_PRESETS.get((country or "").upper())
    if preset is None or country is None:
        return None
    country = country.upper()
    rows: list[ServiceLevelPolicy] = uow.scalars(select(ServiceLevelPolicy))
    if any(_covers(r, country) for r in rows if r.active and r.kind == clocks.REGULATORY):
        return None
    found = [r for r in rows if r.code == preset and r.preset == preset]
    if not found:
        return None
    row = found[0]
    countries = {*row.conditions.get("countries", []), country}
    row.conditions = {**row.conditions, "countries": sorted(countries)}
    row.active = True
    record(uow, actor, row, "policy_activated")
    return row.code


def _covers(row: ServiceLevelPolicy, country: str) -> bool:
    """True when a policy's scope may apply at a site of ``country`` (no country condition,
    or one naming it); narrower scopes (sites, channels…) still count as covering."""
    countries = row.conditions.get("countries") or [country]
    return country in {c.upper() for c in countries}


def _find(uow: UnitOfWork, code: str) -> ServiceLevelPolicy:
    found: list[ServiceLevelPolicy] = uow.scalars(
        select(ServiceLevelPolicy).where(ServiceLevelPolicy.code == code)
    )
    if not found:
        raise NotFound(f"No policy {code!r}.")
    return found[0]


def set_active(ctx: ServiceContext, code: str, active: bool) -> None:
    """Switch a policy on or off; open complaints are recomputed by ``recompute``."""
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    with ctx.uow(write=True) as uow:
        policy = _find(uow, code)
        policy.active = active
        record(uow, ctx.actor, policy, "policy_activated" if active else "policy_deactivated")
        uow.commit()


def copy_policy(ctx: ServiceContext, source_code: str, new_code: str, name: str) -> None:
    """Copy a policy (a preset as installed, or another copy) so it can be edited.

    The copy starts inactive: nothing changes for complaints until it is activated.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    new_code, name = new_code.strip(), name.strip()
    if not new_code or not name:
        raise ValidationError("A copy needs a code and a name.")
    if len(new_code) > 40:
        raise ValidationError("A policy code has at most 40 characters.")
    with ctx.uow(write=True) as uow:
        source = _find(uow, source_code)
        taken = uow.scalars(
            select(ServiceLevelPolicy.id).where(ServiceLevelPolicy.code == new_code)
        )
        if taken:
            raise ValidationError(f"A policy with the code {new_code!r} already exists.")
        policy = ServiceLevelPolicy(
            code=new_code,
            name=name,
            kind=source.kind,
            preset=source.preset,
            position=source.position + 1,
            conditions=copy.deepcopy(source.conditions),
            targets=copy.deepcopy(source.targets),
            calendar_id=source.calendar_id,
            warning_ratio=source.warning_ratio,
            pauses_on_customer=source.pauses_on_customer and source.kind != clocks.REGULATORY,
            escalation=copy.deepcopy(source.escalation),
            compensation=copy.deepcopy(source.compensation),
            active=False,
        )
        record(uow, ctx.actor, policy, "policy_copied")
        uow.commit()


def save_targets(
    ctx: ServiceContext,
    code: str,
    targets: list[dict[str, Any]],
    calendar_code: str,
    warning_ratio: float,
    pauses_on_customer: bool,
    clock_starts: str | None = None,
) -> None:
    """Replace a policy's targets, calendar, warning threshold, pause rule and clock start.

    The targets are checked as a preset is (known targets and units, whole amounts);
    a refusal changes nothing. Regulatory deadlines never pause.

    Args:
        clock_starts: ``received`` or ``sent`` (None keeps the policy's).
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    if not 0 < warning_ratio < 1:
        raise ValidationError("The warning threshold must be between 1 % and 99 %.")
    calendar_code = calendar_code.strip().upper()
    presets.calendar_for(calendar_code)  # refuses an unknown calendar with its message
    with ctx.uow(write=True) as uow:
        policy = _find(uow, code)
        rules = {**copy.deepcopy(policy.targets), "calendar": calendar_code, "targets": targets}
        if clock_starts is not None:
            rules["clock_starts"] = clock_starts
        presets.parse_preset({"name": code, "kind": policy.kind, **rules})
        policy.targets = rules
        policy.calendar_id = None  # the calendar chosen here is the one counted on
        policy.warning_ratio = warning_ratio
        policy.pauses_on_customer = pauses_on_customer and policy.kind != clocks.REGULATORY
        record(uow, ctx.actor, policy, "policy_targets_changed")
        uow.commit()


def preview_due(
    ctx: ServiceContext, code: str, received: datetime, segment: str | None = None
) -> list[presets.TargetDue]:
    """Return when each target of a policy falls due for a complaint received at ``received``.

    Read-only: the policy as saved, on its own calendar, whether active or not.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    if received.tzinfo is None:
        raise ValidationError("A receipt time needs its time zone.")
    with ctx.uow() as uow:
        policy = _find(uow, code)
        spec = presets.parse_preset({"name": code, "kind": policy.kind, **policy.targets})
        row = uow.get(CalendarRow, policy.calendar_id) if policy.calendar_id else None
        calendar = (
            policies.calendar_from_row(row) if row else presets.calendar_for(spec.calendar_code)
        )
        return presets.due_dates(spec, received, calendar, segment or None)

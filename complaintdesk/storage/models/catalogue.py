"""The service catalogue and reference data: calendars, policies, routing, templates."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from complaintdesk.storage.models.base import Base, IdMixin, Timestamps


class BusinessCalendar(IdMixin, Timestamps, Base):
    """Time zone, opening intervals per weekday, public holidays and local closures."""

    __tablename__ = "business_calendar"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64))
    opening_hours: Mapped[dict[str, Any]]
    """Weekday number (0 = Monday) to a list of ``["HH:MM", "HH:MM"]`` intervals."""
    holiday_country: Mapped[str | None] = mapped_column(String(8))
    holiday_subdivision: Mapped[str | None] = mapped_column(String(16))
    closures: Mapped[list[Any]]
    """Local closures: ``{"from": ISO date, "to": ISO date, "reason": text}``."""


class ServiceLevelPolicy(IdMixin, Timestamps, Base):
    """A promise (or regulatory deadline set) a complaint is held to."""

    __tablename__ = "service_level_policy"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))
    """``regulatory``, ``service`` or ``internal``."""
    preset: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(default=100)
    conditions: Mapped[dict[str, Any]]
    targets: Mapped[dict[str, Any]]
    calendar_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("business_calendar.id"))
    warning_ratio: Mapped[float] = mapped_column(default=0.75)
    pauses_on_customer: Mapped[bool] = mapped_column(default=True)
    escalation: Mapped[dict[str, Any]]
    compensation: Mapped[dict[str, Any] | None]
    active: Mapped[bool] = mapped_column(default=True)
    recomputed_at: Mapped[datetime | None] = mapped_column(deferred=True)
    """When the central server last recomputed clocks with this policy (branches follow).

    Deferred: read only by recompute and sync, so a client still running on the previous
    schema (the server being upgraded under it) loads its policies as before."""


class Category(IdMixin, Base):
    """One node of the complaint category taxonomy."""

    __tablename__ = "category"

    code: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    name_fr: Mapped[str | None] = mapped_column(String(160))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("category.id"))
    product_group: Mapped[str | None] = mapped_column(String(160))


class RoutingRule(IdMixin, Timestamps, Base):
    """An ordered rule: the first whose conditions match sets function, priority, queue."""

    __tablename__ = "routing_rule"

    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(160))
    conditions: Mapped[dict[str, Any]]
    function_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("function.id"))
    priority: Mapped[int | None]
    team_queue: Mapped[str | None] = mapped_column(String(40))
    assignment: Mapped[str] = mapped_column(String(20), default="none")
    """How an owner is picked from the queue: ``none``, ``round_robin``, ``least_load``."""
    is_default: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)


class Template(IdMixin, Timestamps, Base):
    """A letter, email, receipt or acknowledgement text, rendered in a sandbox."""

    __tablename__ = "template"
    __table_args__ = (UniqueConstraint("code", "language"),)

    code: Mapped[str] = mapped_column(String(60))
    language: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str | None] = mapped_column(String(300))
    """The email's subject line; a canned response's title."""
    body: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    """False once an administrator removed it (rows are never deleted: sync keeps them)."""


class RootCause(IdMixin, Base):
    """A cause in the root-cause taxonomy, with the function responsible for it."""

    __tablename__ = "root_cause"

    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    name_fr: Mapped[str | None] = mapped_column(String(160))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("root_cause.id"))
    function_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("function.id"))
    active: Mapped[bool] = mapped_column(default=True)
    regulatory_cause: Mapped[str | None] = mapped_column(String(40))
    """The FCA return's cause category this cause is reported under (administrators map it)."""

"""Sites, roles, users and functions."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from complaintdesk.storage.models.base import Base, IdMixin, Timestamps


class Site(IdMixin, Timestamps, Base):
    """HQ, call centre or branch shop; its code prefixes complaint references."""

    __tablename__ = "site"

    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    country: Mapped[str | None] = mapped_column(String(2))
    """ISO 3166 alpha-2 (``FR``, ``GB``, ``US``): which regulator's preset the site follows."""
    calendar_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("business_calendar.id"))
    address: Mapped[str | None] = mapped_column(String(300))


class Role(IdMixin, Base):
    """A role a user holds (agent, branch_clerk, function_member, supervisor, admin)."""

    __tablename__ = "role"

    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(80))


class User(IdMixin, Timestamps, Base):
    """A person who signs in."""

    __tablename__ = "app_user"

    login: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(200))
    role_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("role.id"), index=True)
    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("site.id"), index=True)
    team_queue: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(default=True)
    on_duty: Mapped[bool] = mapped_column(default=True)
    preferred_language: Mapped[str] = mapped_column(String(8), default="en")
    failed_sign_ins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_sign_in_at: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]
    must_change_password: Mapped[bool] = mapped_column(default=False)
    """Set by an administrator's reset: the temporary password works once, to choose another."""

    role: Mapped[Role] = relationship(lazy="joined")
    site: Mapped[Site] = relationship(lazy="joined")


class SignInToken(IdMixin, Base):
    """A sign-in kept by the command line (``complaintdesk login``): only its hash is here."""

    __tablename__ = "sign_in_token"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(120))
    """Where it was made (machine and account), for the person who reviews sign-ins."""
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class Function(IdMixin, Timestamps, Base):
    """A department or team that can be asked to contribute (billing, logistics, IT…)."""

    __tablename__ = "function"

    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    name_fr: Mapped[str | None] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(String(500))
    answer_within_hours: Mapped[int] = mapped_column(default=16)
    """Internal service level: business hours the function takes to answer a request."""
    calendar_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("business_calendar.id"))
    active: Mapped[bool] = mapped_column(default=True)


class FunctionMembership(IdMixin, Base):
    """A user belongs to a function and sees what is asked of it."""

    __tablename__ = "function_membership"
    __table_args__ = (UniqueConstraint("function_id", "user_id"),)

    function_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("function.id"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), index=True)

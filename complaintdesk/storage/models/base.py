"""Declarative base: naming convention, type map, and the columns every table shares."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, MetaData, Numeric, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from complaintdesk.domain.ids import new_id
from complaintdesk.storage.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Return the current instant, timezone-aware UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Base of every model; one place for types shared by all tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        uuid.UUID: Uuid(),
        datetime: UTCDateTime(),
        Decimal: Numeric(14, 2),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
        str: String(),
    }


class IdMixin:
    """A UUID primary key made where the row is born (at construction, not at flush)."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("id", new_id())
        super().__init__(**kwargs)


class Timestamps:
    """Creation and last-change instants."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

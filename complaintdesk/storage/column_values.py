"""Logged JSON values turned back into column values (ids, instants, money, dates)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Numeric, Table, Uuid
from sqlalchemy.sql.type_api import TypeEngine

from complaintdesk.storage.types import UTCDateTime


class UnknownColumn(KeyError):
    """A logged field that is not a column of the table (another schema version wrote it)."""

    def __str__(self) -> str:
        return str(self.args[0])


def decode(table: Table, fields: dict[str, Any]) -> dict[str, Any]:
    """Return ``fields`` as the values the columns of ``table`` hold.

    Raises:
        UnknownColumn: a field is not a column of the table.
    """
    values: dict[str, Any] = {}
    for name, value in fields.items():
        column = table.columns.get(name)
        if column is None:
            raise UnknownColumn(f"{table.name}.{name}")
        values[name] = None if value is None else _decoded(column.type, value)
    return values


def _decoded(kind: TypeEngine[Any], value: Any) -> Any:
    if isinstance(kind, JSON):
        return value
    if isinstance(kind, Uuid):
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    if isinstance(kind, UTCDateTime):
        return value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return value if isinstance(value, date) else date.fromisoformat(value)
    if isinstance(kind, Numeric) and kind.asdecimal:
        return Decimal(str(value))
    if isinstance(kind, Boolean):
        return bool(value)
    return value

"""Rows as the journals record them: column values in a form JSON keeps exactly, and back."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Numeric, Table, Uuid, inspect
from sqlalchemy.sql.type_api import TypeEngine

from complaintdesk.storage.models import Base
from complaintdesk.storage.types import UTCDateTime, json_value

__all__ = ["apply_defaults", "json_value", "pending_changes", "row_values"]


def row_values(obj: Base) -> dict[str, Any]:
    """Return every column of ``obj`` as JSON-ready values."""
    mapper = inspect(type(obj))
    return {column.key: json_value(getattr(obj, column.key)) for column in mapper.column_attrs}


def apply_defaults(obj: Base) -> None:
    """Fill the Python-side column defaults now, so what is logged is what is stored."""
    for attr in inspect(type(obj)).column_attrs:
        column = attr.columns[0]
        if getattr(obj, attr.key) is not None or column.default is None:
            continue
        default = column.default
        if default.is_scalar:
            setattr(obj, attr.key, default.arg)
        elif default.is_callable:
            setattr(obj, attr.key, default.arg(None))


def pending_changes(obj: Base) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return ``(before, after)`` of the columns changed on ``obj`` since it was loaded."""
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.added:
            after[attr.key] = json_value(history.added[0])
            before[attr.key] = json_value(history.deleted[0]) if history.deleted else None
    return before, after


class UnknownColumn(KeyError):
    """A logged field that is not a column of the table (another schema version wrote it)."""

    def __str__(self) -> str:
        return str(self.args[0])


SECRET_COLUMNS = frozenset({"password_hash"})
"""Synced through the change log, but never copied into the audit trail."""


def redacted(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """Return ``values`` with the secret columns' values replaced, for the audit trail."""
    if values is None:
        return None
    return {k: ("<redacted>" if k in SECRET_COLUMNS else v) for k, v in values.items()}


def decode(table: Table, fields: dict[str, Any]) -> dict[str, Any]:
    """Return ``fields`` as the values the columns of ``table`` hold.

    Raises:
        UnknownColumn: a field is not a column of the table.
    """
    decoders = _decoders(table)
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in decoders:
            raise UnknownColumn(f"{table.name}.{name}")
        decoder = decoders[name]
        values[name] = value if value is None or decoder is None else decoder(value)
    return values


Decoder = Callable[[Any], Any] | None


@functools.cache
def _decoders(table: Table) -> dict[str, Decoder]:
    """How each column's logged value turns back into its own (worked out once a table)."""
    return {column.name: _decoder(column.type) for column in table.columns}


def _decoder(kind: TypeEngine[Any]) -> Decoder:
    if isinstance(kind, JSON):
        return None
    if isinstance(kind, Uuid):
        return _uuid
    if isinstance(kind, UTCDateTime):
        return _instant
    if isinstance(kind, Date):
        return _date
    if isinstance(kind, Numeric) and kind.asdecimal:
        return _decimal
    if isinstance(kind, Boolean):
        return bool
    return None


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _instant(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))

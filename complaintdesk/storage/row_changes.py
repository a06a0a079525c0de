"""What a unit of work reads of a row to record it: all its columns, or what changed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect

from complaintdesk.storage.models import Base
from complaintdesk.storage.types import json_value


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

"""Text longer than its column is cut to fit, the same way on every database.

SQLite stores a 5,000-character value in a ``VARCHAR(300)``; PostgreSQL refuses the whole
transaction. What a channel hands over (a sender's name, a Message-ID, a subject) is not
checked by a person, so rather than lose an email for a too-long header, the unit of work
cuts such values to their column's length before they are written or audited. Values that
identify something (contact points) are checked, and refused, before they get here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect


def fit(obj: Any) -> None:
    """Cut every text attribute of the ORM object ``obj`` to its column's declared length."""
    for attr in inspect(type(obj)).column_attrs:
        length = getattr(attr.columns[0].type, "length", None)
        if not length:
            continue
        value = obj.__dict__.get(attr.key)
        if isinstance(value, str) and len(value) > length:
            setattr(obj, attr.key, value[:length])


def fit_pending(session: Any, _context: Any, _instances: Any) -> None:
    """``before_flush`` listener: :func:`fit` every new or changed row."""
    for obj in (*session.new, *session.dirty):
        fit(obj)

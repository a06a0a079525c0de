"""Text every database can store, whatever came in from a channel or a keyboard.

Python strings may hold what UTF-8 cannot encode (lone surrogates) and what PostgreSQL
refuses in text (NUL); other control characters only hide text from the person who reads
it. Channels hand over such text (a broken email, a pasted form), so intake makes it
storable once, at the boundary, and every later step sees ordinary text.
"""

from __future__ import annotations

import dataclasses
import re
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""C0 controls and DEL, except tab, line feed and carriage return."""


def storable(text: str) -> str:
    """Return ``text`` with lone surrogates replaced by U+FFFD and NUL and controls dropped.

    A well-formed surrogate pair (an emoji split in two code points) is joined back.
    """
    if text.isprintable():  # the common case, and none of the above is printable
        return text
    joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _CONTROLS.sub("", joined)


def storable_copy(value: T) -> T:
    """Return ``value`` with every text inside made :func:`storable`.

    Follows frozen dataclasses, tuples, lists and dicts; other values are kept as they are.
    """
    result: Any = _clean(value)
    return result  # type: ignore[no-any-return]


def _clean(value: Any) -> Any:
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return storable(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _clean(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_clean(item) for item in value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {_clean(key): _clean(item) for key, item in value.items()}
    return value

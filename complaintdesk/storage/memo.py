"""What a transaction already read and will not change, kept under keys that carry its type.

A service names what it keeps with a module-level key::

    POLICIES = MemoKey[tuple[Policy, ...]]("policies")

    policies = uow.memo.remember(POLICIES, lambda: _load(uow))

so mypy knows the type of what comes back, and two services can only share a value by
sharing its key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar, cast, final

T = TypeVar("T")


@final
class MemoKey(Generic[T]):
    """The name of one kind of value a unit of work keeps, and its type.

    Keys compare by identity: two keys with the same name are two different values.

    Args:
        name: what is kept, for reading (``repr``) only.
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"MemoKey({self.name!r})"


class Memo:
    """Values kept by typed key: what a unit of work already read (policies, rules, ...)."""

    def __init__(self) -> None:
        self._values: dict[MemoKey[Any], Any] = {}

    def __contains__(self, key: MemoKey[Any]) -> bool:
        return key in self._values

    def __getitem__(self, key: MemoKey[T]) -> T:
        return cast(T, self._values[key])

    def __setitem__(self, key: MemoKey[T], value: T) -> None:
        self._values[key] = value

    def get(self, key: MemoKey[T]) -> T | None:
        """Return the value kept under ``key``, or None when nothing is kept yet."""
        return cast("T | None", self._values.get(key))

    def remember(self, key: MemoKey[T], load: Callable[[], T]) -> T:
        """Return the value kept under ``key``, loading and keeping it the first time.

        A loaded ``None`` is kept too: it is not loaded again.
        """
        if key not in self._values:
            self._values[key] = load()
        return self[key]

    def update(self, other: Memo) -> None:
        """Keep every value ``other`` keeps (its value wins where both keep one)."""
        self._values.update(other._values)

    def only(self, keys: Iterable[MemoKey[Any]]) -> Memo:
        """Return a new memo holding the values kept under ``keys`` (those that are kept)."""
        kept = Memo()
        kept._values = {key: self._values[key] for key in keys if key in self._values}
        return kept

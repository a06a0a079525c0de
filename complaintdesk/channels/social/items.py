"""What a social parser makes of one item: a post to store, one to skip, or a refusal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from complaintdesk.services.inbound.social import InboundPost


@dataclass(frozen=True)
class Item:
    """One item of a payload or file, with where it was found (``label``).

    Exactly one of ``post`` (store it), ``skipped`` (not a customer's words: our own
    reply, a read receipt) or ``rejected`` (malformed: the reason) is set.
    """

    label: str
    post: InboundPost | None = None
    skipped: str | None = None
    rejected: str | None = None


class Malformed(Exception):
    """A required field is missing or has the wrong type; the message names it."""


def need(mapping: Any, key: str, where: str) -> Any:
    """Return ``mapping[key]``, or raise :class:`Malformed` naming ``where.key``."""
    if not isinstance(mapping, dict):
        raise Malformed(f"{where} is not an object")
    value = mapping.get(key)
    if value is None or value == "":
        raise Malformed(f"{where}.{key} is missing")
    return value


def text_of(value: Any, where: str) -> str:
    """Return a string field (ids may come as numbers), or raise :class:`Malformed`."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise Malformed(f"{where} is not text")
    return str(value)


def epoch(value: Any, where: str) -> datetime:
    """Return the UTC instant of an epoch in seconds or milliseconds (numbers or text)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise Malformed(f"{where} is not a timestamp") from None
    if number > 1e11:  # milliseconds: every second-epoch before year 5138 is smaller
        number /= 1000
    try:
        return datetime.fromtimestamp(number, UTC)
    except (OverflowError, OSError, ValueError):
        raise Malformed(f"{where} is out of range") from None

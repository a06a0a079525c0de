"""What a social parser makes of one item: a post to store, one to skip, or a refusal."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
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
    raw: bytes | None = None
    """What a rejected item was read from (see :func:`envelope`), kept by the quarantine."""


ENVELOPE = "complaintdesk_social_item"
"""Marks the JSON a rejected item is kept in, telling it from a file kept as it came."""


def envelope(kind: str, data: Any, context: dict[str, Any] | None = None) -> bytes:
    """Return what the quarantine keeps of a rejected item: its JSON, what it was, context.

    Args:
        kind: ``webhook`` (a payload), ``x_archive`` (one tweet of ``tweets.js``),
            ``facebook_export`` (one message of ``message_N.json``) or ``post`` (a post read
            but not stored).
        context: what reading it again needs (the archive's account, the thread…).
    """
    document = {ENVELOPE: 1, "kind": kind, "context": context or {}, "data": data}
    return json.dumps(document, ensure_ascii=False, default=str).encode("utf-8")


def opened_envelope(raw: bytes) -> tuple[str, Any, dict[str, Any]] | None:
    """Return (kind, data, context) of an item kept by :func:`envelope`, or None."""
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(document, dict) or document.get(ENVELOPE) != 1:
        return None
    context = document.get("context")
    return (
        str(document.get("kind")),
        document.get("data"),
        context if isinstance(context, dict) else {},
    )


def with_raw(items: list[Item], raw: bytes) -> list[Item]:
    """Return ``items`` with ``raw`` kept on the rejected ones."""
    return [replace(i, raw=raw) if i.rejected is not None and i.raw is None else i for i in items]


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

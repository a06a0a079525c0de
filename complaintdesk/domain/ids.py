"""Identifiers born where the row is born, offline-safe."""

from __future__ import annotations

import os
import time
import uuid


def new_id() -> uuid.UUID:
    """Return a time-ordered UUID (version 7, RFC 9562).

    Time ordering keeps B-tree inserts local, which matters when a branch or the demo
    seeder writes millions of rows; the 74 random bits keep ids unique across sites.
    """
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (millis & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76
    value |= ((rand >> 62) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return uuid.UUID(int=value)


def stable_id(namespace: str, name: str) -> uuid.UUID:
    """Return the same UUID for the same name on every replica (reference data)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"complaintdesk:{namespace}:{name}")

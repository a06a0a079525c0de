"""Picking an owner from a team queue: round-robin or least open load."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence


def round_robin(candidates: Sequence[uuid.UUID], last: uuid.UUID | None) -> uuid.UUID | None:
    """Return the candidate after ``last`` in a stable order (the first if ``last`` is gone)."""
    if not candidates:
        return None
    ordered = sorted(candidates)
    if last in ordered:
        return ordered[(ordered.index(last) + 1) % len(ordered)]
    return ordered[0]


def least_load(open_counts: Mapping[uuid.UUID, int]) -> uuid.UUID | None:
    """Return the candidate with the fewest open complaints (ties by id, for stability)."""
    if not open_counts:
        return None
    return min(open_counts, key=lambda user: (open_counts[user], user))

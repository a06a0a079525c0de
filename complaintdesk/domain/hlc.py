"""Hybrid logical clock stamps for the change log (DESIGN.md section 8).

A stamp orders events across replicas even when wall clocks disagree: it never goes
backwards on one replica and always moves past any stamp the replica has seen.

Stamps are stored and compared as one 64-bit integer: the wall-clock milliseconds in the
high bits, a counter that breaks ties in the low :data:`COUNTER_BITS`. Integer order is the
clock order, so ``max()`` and ``ORDER BY`` need no decoding. When the counter of one
millisecond is used up, the stamp moves to the next millisecond rather than wrapping.

The central server's time is the reference: a workstation whose clock is further off than a
tolerance stamps by the central server's time instead of its own (:func:`reference_ms`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

COUNTER_BITS = 20
MAX_COUNTER = (1 << COUNTER_BITS) - 1
"""1,048,575 events in one millisecond before the stamp borrows the next millisecond."""
MAX_WALL_MS = (1 << (63 - COUNTER_BITS)) - 1
"""The last millisecond a signed 64-bit stamp can hold (the year 2248)."""
DEFAULT_TOLERANCE = timedelta(minutes=5)
"""How far a workstation's clock may stray from the central server's before it is corrected."""


@dataclass(frozen=True, order=True, slots=True)
class HybridTimestamp:
    """Wall-clock milliseconds plus a counter that breaks ties."""

    wall_ms: int
    counter: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.counter <= MAX_COUNTER:
            raise ValueError(f"counter {self.counter} outside 0..{MAX_COUNTER}")
        if not 0 <= self.wall_ms <= MAX_WALL_MS:
            raise ValueError(f"wall clock {self.wall_ms} ms outside the stamp's range")

    def __int__(self) -> int:
        return (self.wall_ms << COUNTER_BITS) | self.counter

    @classmethod
    def of(cls, stamp: int | None) -> HybridTimestamp:
        """Return the stamp stored as ``stamp`` (None or 0: before every event)."""
        if not stamp:
            return ZERO
        return cls(stamp >> COUNTER_BITS, stamp & MAX_COUNTER)

    def instant(self) -> datetime:
        """Return the wall-clock part as an instant (UTC)."""
        return datetime.fromtimestamp(self.wall_ms / 1000, UTC)


ZERO = HybridTimestamp(0, 0)


def _next(wall_ms: int, counter: int) -> HybridTimestamp:
    """The stamp after ``(wall_ms, counter - 1)``: a full counter borrows the next millisecond."""
    if counter > MAX_COUNTER:
        return HybridTimestamp(wall_ms + 1, 0)
    return HybridTimestamp(wall_ms, counter)


def tick(last: HybridTimestamp, now_ms: int) -> HybridTimestamp:
    """Return the stamp of a local event, after ``last``, near ``now_ms``."""
    if now_ms > last.wall_ms:
        return HybridTimestamp(now_ms, 0)
    return _next(last.wall_ms, last.counter + 1)


def receive(last: HybridTimestamp, remote: HybridTimestamp, now_ms: int) -> HybridTimestamp:
    """Return the local clock after seeing ``remote``: past both it and ``last``."""
    wall = max(last.wall_ms, remote.wall_ms, now_ms)
    if wall == last.wall_ms == remote.wall_ms:
        return _next(wall, max(last.counter, remote.counter) + 1)
    if wall == last.wall_ms:
        return _next(wall, last.counter + 1)
    if wall == remote.wall_ms:
        return _next(wall, remote.counter + 1)
    return HybridTimestamp(wall, 0)


def milliseconds(instant: datetime) -> int:
    """Return an instant as milliseconds since the epoch."""
    return int(instant.timestamp() * 1000)


def reference_ms(local_ms: int, offset_ms: int | None, tolerance_ms: int) -> int:
    """Return the time to stamp by: the local clock, or the central server's when too far off.

    Args:
        local_ms: this workstation's clock.
        offset_ms: the central server's clock minus this one's, as last measured (None:
            never measured).
        tolerance_ms: how far apart the clocks may be before the central one is used.
    """
    if offset_ms is None or abs(offset_ms) <= tolerance_ms:
        return local_ms
    return local_ms + offset_ms


def clock_is_off(offset_ms: int | None, tolerance_ms: int) -> bool:
    """Return True when a measured offset is beyond the tolerance (the person is told)."""
    return offset_ms is not None and abs(offset_ms) > tolerance_ms


def future_bound(central_ms: int, tolerance_ms: int) -> int:
    """Return the highest stamp a replica may carry when the central server reads ``central_ms``.

    Stamps above it come from a clock running ahead; they are re-stamped on arrival so they
    neither win every later merge nor drag the central clock forward.
    """
    return int(HybridTimestamp(central_ms + tolerance_ms, MAX_COUNTER))


def not_before(instant: datetime, floor: datetime | None) -> datetime:
    """Return ``instant``, or ``floor`` when ``instant`` would come before it.

    An event of a complaint (a reply, a resolution…) is never dated before the complaint was
    received, whatever the clock of the workstation that recorded it said.
    """
    if floor is None or instant >= floor:
        return instant
    return floor

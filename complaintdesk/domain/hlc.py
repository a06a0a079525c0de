"""Hybrid logical clock stamps for the change log (DESIGN.md section 8).

A stamp orders events across replicas even when wall clocks disagree: it never goes
backwards on one replica and always moves past any stamp the replica has seen.
"""

from __future__ import annotations

from dataclasses import dataclass

_WIDTH_MS = 15
_WIDTH_COUNTER = 6


@dataclass(frozen=True, order=True, slots=True)
class HybridTimestamp:
    """Wall-clock milliseconds plus a counter that breaks ties."""

    wall_ms: int
    counter: int = 0

    def encode(self) -> str:
        """Return a fixed-width string whose lexical order is the clock order."""
        return f"{self.wall_ms:0{_WIDTH_MS}d}.{self.counter:0{_WIDTH_COUNTER}d}"

    @classmethod
    def decode(cls, text: str) -> HybridTimestamp:
        """Parse a stamp made by :meth:`encode`."""
        wall, _, counter = text.partition(".")
        return cls(int(wall), int(counter or 0))


ZERO = HybridTimestamp(0, 0)


def tick(last: HybridTimestamp, now_ms: int) -> HybridTimestamp:
    """Return the stamp of a local event, after ``last``, near ``now_ms``."""
    if now_ms > last.wall_ms:
        return HybridTimestamp(now_ms, 0)
    return HybridTimestamp(last.wall_ms, last.counter + 1)


def receive(last: HybridTimestamp, remote: HybridTimestamp, now_ms: int) -> HybridTimestamp:
    """Return the local clock after seeing ``remote``: past both it and ``last``."""
    wall = max(last.wall_ms, remote.wall_ms, now_ms)
    if wall == last.wall_ms == remote.wall_ms:
        counter = max(last.counter, remote.counter) + 1
    elif wall == last.wall_ms:
        counter = last.counter + 1
    elif wall == remote.wall_ms:
        counter = remote.counter + 1
    else:
        counter = 0
    return HybridTimestamp(wall, counter)

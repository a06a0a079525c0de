"""How the benchmark measures, in one place, so every section measures the same way.

- Times are wall-clock milliseconds (what a person waits) beside the CPU time of the thread
  that did the work (what the machine's load cannot inflate), as ``[p50, p95]``.
- The machine's load (``os.getloadavg()``, 1-minute average) is written before and after
  each section: the machine is shared, and a figure means little without it.
- Resident memory is read from ``/proc/self/status`` at a named moment in a fresh process:
  ``VmRSS`` (resident now) split into ``RssAnon`` (the process's own memory) and ``RssFile``
  (mapped file pages: libraries and SQLite's memory-mapped database pages). Never
  ``ru_maxrss``: on Linux a child started with ``vfork``/``exec`` (Python's ``subprocess``)
  inherits its parent's peak there, which is how one run once reported 737 MB (the
  benchmark had seeded a million complaints in the same process) and later ones 180 MB.
- "Cold" means the database file's pages are dropped from the operating system's cache
  (``posix_fadvise(DONTNEED)`` on the file and its WAL: the whole cache cannot be dropped
  without privileges, and should not be on a shared machine), then a fresh connection (an
  empty SQLite cache, a fresh memory map) reads it: the first click after a reboot or
  after other work pushed the database out of memory.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def load() -> float:
    """Return the machine's 1-minute load average."""
    return round(os.getloadavg()[0], 2)


def percentiles(samples: list[float], digits: int = 2) -> list[float]:
    """Return ``[p50, p95]`` of ``samples`` (seconds) in milliseconds."""
    if not samples:
        return []
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return [round(statistics.median(ordered) * 1000, digits), round(p95 * 1000, digits)]


class Clock:
    """Wall and CPU time of one measured action, started when made."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.thread_time()

    def stop(self) -> tuple[float, float]:
        """Return (wall seconds, CPU seconds of this thread) since the clock started."""
        return time.perf_counter() - self.wall, time.thread_time() - self.cpu


def timed(action: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Run ``action`` once to warm it, then ``repeat`` times: (wall samples, CPU samples)."""
    action()
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeat):
        clock = Clock()
        action()
        wall, cpu = clock.stop()
        walls.append(wall)
        cpus.append(cpu)
    return walls, cpus


def memory() -> dict[str, float]:
    """Return this process's resident memory now, in MB (see the module's docstring)."""
    wanted = {"VmRSS": "rss_mb", "RssAnon": "anon_mb", "RssFile": "file_mb", "VmHWM": "peak_mb"}
    found: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in wanted:
            found[wanted[key]] = round(int(value.split()[0]) / 1024, 1)
    return found


def evict(database: Path) -> bool:
    """Drop ``database``'s pages (and its WAL's) from the operating system's cache.

    Returns:
        True if the cache was asked to drop them (the call exists on this system).
    """
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in (database, database.with_name(database.name + "-wal")):
        if path.exists():
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fdatasync(descriptor)  # only clean pages can be dropped
                os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(descriptor)
    return True


def section_load(figures: dict[str, Any], name: str, before: float) -> None:
    """Write the load before and after section ``name`` beside its figures."""
    figures[f"{name}.load_1m_before_after"] = [before, load()]

"""What the GUI knows of a branch replica's sync, and the one thing it asks of it.

The sync itself lives in ``complaintdesk.sync`` (services never call up into it); the
wiring hands the GUI an object with this shape through
:class:`~complaintdesk.services.context.Connection`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class WaitingWork:
    """What waits to be sent, as a person counts it."""

    complaints: int = 0
    """Complaints recorded or changed here (their messages and notes included)."""
    messages: int = 0
    """Messages and notes recorded here."""
    other: int = 0
    """Other changes: customers' details, settings (counted when nothing else waits)."""

    @property
    def nothing(self) -> bool:
        return not (self.complaints or self.messages or self.other)


@dataclass(frozen=True)
class SyncFacts:
    """The status bar's view of this replica."""

    mode: str
    central: str
    """The central server, password hidden."""
    reachable: bool | None
    """None until a round (or a probe) has tried."""
    pending: int
    """Change-log entries recorded here that the central server has not received yet."""
    last_sync_at: datetime | None
    open_conflicts: int
    error: str | None = None
    """Why the last round failed, in words for a person."""
    waiting: WaitingWork = WaitingWork()
    clock_offset_ms: int | None = None
    """The central clock minus this one's at the last round (negative: this one is ahead)."""
    clock_tolerance_ms: int = 300_000
    set_aside: int = 0
    """Changes from the central server this replica could not apply (in the Conflicts view)."""

    @property
    def clock_off(self) -> bool:
        """True when this clock is further from the central one than the tolerance."""
        return self.clock_offset_ms is not None and abs(self.clock_offset_ms) > (
            self.clock_tolerance_ms
        )


@dataclass(frozen=True)
class RoundSummary:
    """What one sync round did."""

    pushed: int
    pulled: int
    conflicts: int
    pending: int


class BranchLink(Protocol):
    """A branch replica's link to the central server."""

    def facts(self) -> SyncFacts:
        """Read this replica's sync state (no network)."""
        ...

    def probe(self) -> bool:
        """Return whether the central server answers, cheaply (no sign-in, no query)."""
        ...

    def run_round(self) -> RoundSummary:
        """Push, then pull, once (slow: call it off the GUI thread).

        Raises:
            ComplaintDeskError: the central server is unreachable or at another schema;
                nothing recorded here is lost.
        """
        ...

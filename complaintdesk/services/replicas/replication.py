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
class SyncFacts:
    """The status bar's view of this replica."""

    mode: str
    central: str
    """The central server, password hidden."""
    reachable: bool | None
    """None until a round has tried."""
    pending: int
    """Changes recorded here that the central server has not received yet."""
    last_sync_at: datetime | None
    open_conflicts: int
    error: str | None = None
    """Why the last round failed, in words for a person."""


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

    def run_round(self) -> RoundSummary:
        """Push, then pull, once (slow: call it off the GUI thread).

        Raises:
            ComplaintDeskError: the central server is unreachable or at another schema;
                nothing recorded here is lost.
        """
        ...

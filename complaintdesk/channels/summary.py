"""What one run of a channel's intake did, every item read accounted for."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.inbound.storing import Handling, IngestOutcome


@dataclass
class IntakeSummary:
    """The counts every channel keeps, each item read counted once.

    ``read`` splits into ``ingested``, ``duplicates``, ``quarantined`` and ``rejected``, plus
    what a channel leaves out on purpose, in a field of its own. ``ingested`` counts the
    items stored by this run; among them ``threaded`` went to an existing complaint and
    ``complaints`` opened one. ``quarantined`` could not become a complaint on their own and
    wait, with their bytes, for a person (``item`` names each); ``rejected`` held nothing to
    keep (a missing file, an empty folder).
    """

    read: int = 0
    ingested: int = 0
    threaded: int = 0
    complaints: int = 0
    duplicates: int = 0
    quarantined: list[dict[str, str]] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    """Sources that could not be read at all (a server down, a password or token refused)."""

    def count(self, outcome: IngestOutcome) -> None:
        """Add one stored (or already stored) item."""
        if outcome.handling is Handling.DUPLICATE:
            self.duplicates += 1
            return
        self.ingested += 1
        self.threaded += outcome.handling is Handling.THREADED
        self.complaints += outcome.handling is Handling.OPENED

    def add(self, other: IntakeSummary) -> None:
        """Add what ``other`` counted (a batch just committed), except what it read."""
        for name in (f.name for f in fields(self) if f.name != "read"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if isinstance(mine, list):
                mine.extend(theirs)
            else:
                setattr(self, name, mine + theirs)

    def as_dict(self) -> dict[str, Any]:
        """Return the summary the command line prints (``errors`` only when there are some)."""
        summary = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "errors"}
        if self.errors:
            summary["errors"] = self.errors
        return summary

    def raise_if_all_failed(self) -> None:
        """Raise the first source's error when no source could be read at all.

        Raises:
            ComplaintDeskError: every source failed and nothing was read.
        """
        if self.errors and self.read == 0:
            raise ComplaintDeskError(self.errors[0]["reason"])

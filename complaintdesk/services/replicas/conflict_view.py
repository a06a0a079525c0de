"""One sync conflict as the Sync conflicts list shows it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

ONE_WAY = frozenset({"set_aside_here"})
"""Kinds whose other version cannot be chosen here (sync retries it at each round)."""


@dataclass(frozen=True)
class SyncConflictView:
    """One conflict as the list shows it: both versions, in words."""

    id: uuid.UUID
    kind: str
    raised_at: datetime
    complaint_id: uuid.UUID | None
    subject: str
    """The complaint reference, the customer's name, or what the record is."""
    kept: dict[str, str]
    other: dict[str, str]
    reason: str | None = None
    """Why an entry was set aside: ``unique:<columns>``, ``reference``, ``missing``, ``unfit``."""
    entity: str = ""
    """The kind of record (``app_user``, ``complaint``…) the conflict is about."""

    @property
    def other_possible(self) -> bool:
        """Whether "keep the other version" means something for this conflict."""
        return self.kind not in ONE_WAY

"""What the quarantine shows and what a person decides: its read models.

Kept apart from the services so that what the GUI is handed (``Connection``) can name them
without importing the services that use it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class QuarantineView:
    """One quarantined item as lists and the command line show it."""

    id: uuid.UUID
    channel: str
    source_kind: str
    source_label: str
    source: dict[str, Any]
    problem: str
    reason: str
    size: int
    truncated: bool
    external_id: str | None
    sender: str | None
    subject: str | None
    received_at: datetime
    last_seen_at: datetime
    times_seen: int
    attempts: int
    state: str
    decided_at: datetime | None
    decided_by: str | None
    decision_note: str | None
    complaint_id: uuid.UUID | None
    reference: str | None
    message_id: uuid.UUID | None


@dataclass(frozen=True)
class RetryResult:
    """What a retry did: the item as it now is, and why it still waits (if it does)."""

    item: QuarantineView
    stored: bool
    reason: str | None = None


@dataclass(frozen=True)
class ReleaseTarget:
    """Whose the item is: a customer (a new complaint) or an existing complaint."""

    customer_id: uuid.UUID | None = None
    complaint_reference: str | None = None
    subject: str | None = None
    """A subject the person wrote (else the item's own)."""

"""What an operation changed, broadcast once so each view decides whether to refresh.

The main window emits one ``changed`` signal carrying a :class:`Changes` after every
successful operation (STYLE.md rule 7); the queue, the counts, the workspace, the
notification indicator and the configuration dialog each look at it and act or not.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """What an operation may have changed.

    Attributes:
        complaint_ids: complaints whose content changed (the workspace reloads if it shows one).
        queues: which complaints belong to which queue may have changed (queues and counts).
        notifications: someone may have been notified.
        configuration: functions, members or routing rules changed.
    """

    complaint_ids: frozenset[uuid.UUID] = frozenset()
    queues: bool = False
    notifications: bool = False
    configuration: bool = False

    @classmethod
    def complaint(cls, complaint_id: uuid.UUID, *, queues: bool = True) -> Changes:
        """Return the changes of an operation on one complaint."""
        return cls(frozenset({complaint_id}), queues=queues, notifications=True)

    def touches(self, complaint_id: uuid.UUID | None) -> bool:
        """Return True if the complaint ``complaint_id`` changed."""
        return complaint_id is not None and complaint_id in self.complaint_ids

"""Keeping what a person writes in the composer: read and written off the GUI thread.

A draft is theirs only and stays in the database they work on, so it survives a restart;
:meth:`DraftKeeper.keep_now` writes on the calling thread, for a window that is closing
while its workers stop.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Signal

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.services.complaints import replies
from complaintdesk.services.complaints.replies import Draft
from complaintdesk.services.context import ServiceContext
from complaintdesk.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)
Loaded = Callable[[uuid.UUID, Draft | None], None]
"""Told the draft of a complaint (None: there is none)."""


class DraftKeeper(QObject):
    """Reads and keeps the signed-in person's drafts.

    Args:
        ctx: the signed-in caller (their drafts only).
        runner: the window's task runner.
        parent: the owning Qt object.
    """

    kept = Signal()
    """A draft was written."""
    failed = Signal(object)
    """A draft could not be read or written (the exception)."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner

    def keep(self, complaint_id: uuid.UUID, draft: Draft) -> None:
        """Write ``draft`` off the GUI thread (an empty one is thrown away)."""
        ctx = self._ctx

        def work(_task: Task[None]) -> None:
            replies.save_draft(ctx, complaint_id, draft)

        self._runner.run(work, lambda _none: self.kept.emit(), self.failed.emit)

    def keep_now(self, complaint_id: uuid.UUID, draft: Draft) -> None:
        """Write ``draft`` on this thread (the window closes: its workers are stopping)."""
        try:
            replies.save_draft(self._ctx, complaint_id, draft)
        except ComplaintDeskError as error:  # nobody is left to tell: the log keeps why
            log.warning("the draft could not be kept: %s", error)

    def read(
        self, complaint_id: uuid.UUID, done: Callable[[uuid.UUID, Draft | None], None]
    ) -> None:
        """Read the draft of ``complaint_id``, then call ``done(complaint_id, draft)``."""
        ctx = self._ctx

        def work(_task: Task[Draft | None]) -> Draft | None:
            return replies.draft_of(ctx, complaint_id)

        self._runner.run(work, partial(done, complaint_id), self.failed.emit)

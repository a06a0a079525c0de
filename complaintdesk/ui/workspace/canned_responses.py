"""The composer's "Canned response" button: the list, then one written for the complaint.

The list is read the first time the menu opens (off the GUI thread), named in the screen's
language; a chosen response is rendered by the template machinery for the shown complaint,
in its customer's language, and handed to the composer to insert.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from complaintdesk.services.complaints import replies
from complaintdesk.services.complaints.replies import CannedResponse
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui import i18n
from complaintdesk.ui.tasks import Task, TaskRunner


class CannedResponseButton(QToolButton):
    """Offers the canned responses and renders the one chosen.

    Args:
        ctx: the signed-in caller.
        runner: the window's task runner.
        shown: returns the complaint the composer writes on (None: none).
        parent: the owning widget.
    """

    written = Signal(object, str)
    """(complaint id, text) of a canned response rendered for that complaint."""
    failed = Signal(object)
    """The list or a response could not be read (the exception)."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: TaskRunner,
        shown: Callable[[], ComplaintDetail | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = runner
        self._shown = shown
        self._canned: tuple[CannedResponse, ...] | None = None
        self.setText(self.tr("Canned"))
        self.setToolTip(self.tr("Insert a canned response, written for this customer"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_of_responses = QMenu(self)
        self.menu_of_responses.aboutToShow.connect(self.fill)
        self.setMenu(self.menu_of_responses)

    def fill(self) -> None:
        """List the canned responses (read the first time, off the GUI thread)."""
        menu = self.menu_of_responses
        menu.clear()
        if self._canned is None:
            menu.addAction(self.tr("Reading the list…")).setEnabled(False)
            ctx, language = self._ctx, i18n.installed_language()

            def work(_task: Task[tuple[CannedResponse, ...]]) -> tuple[CannedResponse, ...]:
                return replies.canned_responses(ctx, language)

            self._runner.run(work, self._read, self.failed.emit)
            return
        if not self._canned:
            menu.addAction(self.tr("No canned responses yet")).setEnabled(False)
        for canned in self._canned:
            menu.addAction(canned.name, partial(self.insert, canned.code))

    @property
    def responses(self) -> tuple[CannedResponse, ...]:
        """The canned responses read so far (empty before the menu first opened)."""
        return self._canned or ()

    def insert(self, code: str) -> None:
        """Render canned response ``code`` for the shown complaint; ``written`` follows."""
        detail = self._shown()
        if detail is None:
            return
        ctx, complaint_id = self._ctx, detail.id

        def work(_task: Task[str]) -> str:
            return replies.render_canned(ctx, complaint_id, code)

        self._runner.run(work, partial(self._rendered, complaint_id), self.failed.emit)

    def _read(self, found: tuple[CannedResponse, ...]) -> None:
        self._canned = found
        if self.menu_of_responses.isVisible():
            self.fill()

    def _rendered(self, complaint_id: uuid.UUID, text: str) -> None:
        self.written.emit(complaint_id, text)

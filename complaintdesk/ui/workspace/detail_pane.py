"""The detail pane: the selected complaint's workspace, or a hint when there is none."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import Actor
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui.workspace.availability import Act, available
from complaintdesk.ui.workspace.complaint_view import Workspace
from complaintdesk.ui.workspace.composer import Composer


class DetailPane(QStackedWidget):
    """Shows one complaint's workspace, a hint when nothing is selected, or why it cannot.

    Args:
        actor: the signed-in person; roles that may not act see the workspace read-only.
        parent: the owning widget.
    """

    shown_changed = Signal(object)
    """Another complaint is shown (its id), or none (None)."""

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Complaint details"))
        self._placeholder = QLabel()
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setEnabled(False)  # drawn greyed: a hint, not content
        self.workspace = Workspace(actor)
        self.addWidget(self._placeholder)
        self.addWidget(self.workspace)
        self._actor = actor
        self._shown: ComplaintDetail | None = None
        self.composer: Composer | None = None
        self.clear()

    def set_composer(self, composer: Composer) -> None:
        """Write replies and notes under the timeline with ``composer``."""
        self.composer = composer
        self.workspace.set_composer(composer)

    @property
    def shown(self) -> ComplaintDetail | None:
        """The complaint on display, or None."""
        return self._shown

    @property
    def message(self) -> str:
        """The hint shown instead of a complaint (empty while one is shown)."""
        return "" if self._shown else self._placeholder.text()

    def clear(self) -> None:
        """Show the hint that invites the person to pick a complaint."""
        self._show_hint(self.tr("Select a complaint to see its details"))

    def show_problem(self, message: str) -> None:
        """Show why the selected complaint cannot be displayed."""
        self._show_hint(message)

    def show_detail(self, detail: ComplaintDetail) -> None:
        """Display ``detail``, replacing whatever was shown."""
        before, self._shown = self._shown, detail
        self.workspace.show_detail(detail, read_only_hint=self._hint(detail))
        if self.composer is not None:
            acts = available(detail, self._actor)
            self.composer.show_detail(
                detail, can_reply=Act.RESPOND in acts, can_note=Act.NOTE in acts
            )
        self.setCurrentWidget(self.workspace)
        if before is None or before.id != detail.id:
            self.shown_changed.emit(detail.id)

    def _hint(self, detail: ComplaintDetail) -> str:
        """Say why most actions are missing, when they are: nobody wonders under pressure."""
        actor = self._actor
        if not actor.can(Permission.HANDLE_COMPLAINTS):
            return self.tr(
                "Read only: you answer what is asked of your function; "
                "the owner handles the complaint."
            )
        others = detail.owner_id is not None and detail.owner_id != actor.user_id
        if others and not actor.can(Permission.REASSIGN):
            return self.tr(
                "{owner} owns this complaint: you can add a note; "
                "they or a supervisor can transfer it to you."
            ).format(owner=detail.owner_name or self.tr("A colleague"))
        return ""

    def _show_hint(self, message: str) -> None:
        if self._shown is not None:
            self.shown_changed.emit(None)
        self._shown = None
        self.workspace.clear()
        if self.composer is not None:
            self.composer.clear()
        self._placeholder.setText(message)
        self.setCurrentWidget(self._placeholder)

"""Handing a complaint to a colleague: transfer (with a reason) or assign."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWidget

from complaintdesk.services.complaints.directory import PersonChoice
from complaintdesk.ui.dialogs.form import FormDialog, combo, text_edit


class OwnerDialog(FormDialog):
    """Pick the colleague who will own the complaint, and (for a transfer) say why.

    Args:
        title: what the dialog does ("Transfer HQ-25-00001").
        ok_text: the OK button's text.
        people: who may own complaints.
        current_owner: excluded from the list (they own it already).
        with_reason: True for a transfer: the new owner reads the reason.
        parent: the main window.
    """

    def __init__(
        self,
        title: str,
        ok_text: str,
        people: tuple[PersonChoice, ...],
        *,
        current_owner: uuid.UUID | None,
        with_reason: bool,
        parent: QWidget | None = None,
    ) -> None:
        intro = self.tr("The new owner is notified and finds it in My complaints at once.")
        super().__init__(title, ok_text, intro=intro, parent=parent)
        choices = [(self.tr("Choose a colleague…"), None)] + [
            (self._person(p), str(p.id)) for p in people if p.id != current_owner
        ]
        self.person = self.add_field(self.tr("&Colleague:"), combo(choices))
        self.reason = text_edit(self.tr("Why: the new owner will read it"), lines=3)
        if with_reason:
            self.add_field(self.tr("&Reason:"), self.reason)
        self.person.setFocus()

    def _person(self, p: PersonChoice) -> str:
        queue = p.team_queue_name or p.team_queue
        where = p.site_code + (f" · {queue}" if queue else "")
        away = "" if p.on_duty else self.tr(" (off duty)")
        return self.tr("{name} ({where}){away}").format(name=p.display_name, where=where, away=away)

    def check(self) -> str:
        """A colleague must be chosen."""
        return "" if self.person.currentData() else self.tr("Choose the colleague first.")

    def chosen(self) -> uuid.UUID:
        """Return the chosen colleague's id (the form was checked)."""
        return uuid.UUID(str(self.person.currentData()))

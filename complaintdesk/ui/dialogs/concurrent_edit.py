"""The "Someone else changed this complaint" dialog: what changed, and a way to reload.

The form the person was filling stays open behind this dialog with everything typed, so
after reloading they check what changed and press OK again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.errors import ConcurrentEditError
from complaintdesk.domain.vocabulary import ClockState, Priority, Status
from complaintdesk.ui import labels


def _t(text: str) -> str:
    return QCoreApplication.translate("ConcurrentEdit", text)


def field_label(field: str) -> str:
    """Return what a person calls a complaint field (unknown fields as stored)."""
    names = {
        "status": _t("Status"),
        "owner_id": _t("Owner"),
        "priority": _t("Priority"),
        "responsible_function_id": _t("Function"),
        "team_queue": _t("Team queue"),
        "category_id": _t("Category"),
        "subject": _t("Subject"),
        "description": _t("Description"),
        "outcome": _t("Outcome"),
        "remedy": _t("Remedy"),
        "amount": _t("Amount"),
        "currency": _t("Currency"),
        "root_cause_id": _t("Root cause"),
        "root_cause_function_id": _t("Function responsible for the cause"),
        "problem_id": _t("Problem"),
        "satisfaction": _t("Satisfaction"),
        "recommendation": _t("Recommendation"),
        "clock_state": _t("Promise"),
        "next_due_at": _t("Next due"),
        "acknowledged_at": _t("Acknowledged at"),
        "first_response_at": _t("First response at"),
        "resolved_at": _t("Resolved at"),
        "closed_at": _t("Closed at"),
        "is_open": _t("Open"),
    }
    return names.get(field, field.replace("_", " "))


def value_text(field: str, value: object, names: Mapping[str, str]) -> str:
    """Return a stored value as a person reads it; ids become names when known."""
    if value is None or value == "":
        if field == "owner_id":
            return labels.unassigned()
        return _t("not yet") if field.endswith("_at") else _t("(empty)")
    text = str(value)
    if field == "status" and text in {s.value for s in Status}:
        return labels.status_label(Status(text))
    if field == "clock_state" and text in {s.value for s in ClockState}:
        return labels.clock_label(ClockState(text))
    if field == "priority" and text in {str(p.value) for p in Priority}:
        return labels.priority_label(Priority(int(text)))
    if field == "outcome":
        return labels.outcome_text(text)
    if field.endswith("_at"):
        try:
            return labels.local_time(datetime.fromisoformat(text))
        except ValueError:
            return text
    return names.get(text, text)


def change_lines(
    changes: Mapping[str, tuple[object, object]], names: Mapping[str, str]
) -> list[str]:
    """Return one "field: before → after" line per change."""
    lines = []
    for field, (before, after) in changes.items():
        if before == after:
            continue  # it moved and came back (waiting → in progress → waiting): no news
        lines.append(
            _t("{field}: {before} → {after}").format(
                field=field_label(field),
                before=value_text(field, before, names),
                after=value_text(field, after, names),
            )
        )
    return lines


class ConcurrentEditDialog(QDialog):
    """Says that someone else saved the complaint first, lists their changes, offers Reload.

    Args:
        error: the conflict the service raised.
        names: id (as text) to display name, for owners and functions in the changes.
        reload: reads the complaint again (the screen then shows the current version).
        parent: the form or window the person was working in.
    """

    def __init__(
        self,
        error: ConcurrentEditError,
        names: Mapping[str, str],
        reload: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Someone else changed this complaint"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._reload = reload
        self.changes = QListWidget()
        self.changes.setAccessibleName(self.tr("What changed"))
        lines = change_lines(error.changes, names) or [
            self.tr("Its fields are back where they were, but things happened meanwhile.")
        ]
        self.changes.addItems(lines)
        self.changes.setMaximumHeight(self.changes.sizeHintForRow(0) * min(len(lines) + 1, 8) + 8)
        layout = QVBoxLayout(self)
        layout.addWidget(_label(str(error)))
        layout.addWidget(_label(self.tr("What changed:")))
        layout.addWidget(self.changes)
        layout.addWidget(
            _label(
                self.tr(
                    "What you typed is kept. Reload to see the complaint as it is now, "
                    "check it, then try again."
                )
            )
        )
        layout.addWidget(self._buttons())
        self.setMinimumWidth(460)

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.reload_button = buttons.addButton(
            self.tr("&Reload"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.reload_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self._reload_and_close)
        buttons.rejected.connect(self.reject)
        return buttons

    @property
    def lines(self) -> list[str]:
        """The change lines shown."""
        return [self.changes.item(row).text() for row in range(self.changes.count())]

    def _reload_and_close(self) -> None:
        self._reload()
        self.accept()


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label

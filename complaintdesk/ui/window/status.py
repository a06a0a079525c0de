"""The status bar's permanent facts: which database, which mode, who is signed in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QStatusBar

from complaintdesk.services.context import Actor, Connection
from complaintdesk.ui import labels


def _fact(text: str, name: str, tooltip: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(name)
    label.setToolTip(tooltip)
    label.setContentsMargins(6, 0, 6, 0)
    return label


def add_session_facts(bar: QStatusBar, connection: Connection, actor: Actor) -> list[QLabel]:
    """Add the database, mode and signed-in user to ``bar`` as permanent widgets.

    Returns:
        The labels added, left to right.
    """
    facts = [
        _fact(
            QCoreApplication.translate("SessionStatus", "Database: {}").format(
                connection.description
            ),
            QCoreApplication.translate("SessionStatus", "Database in use"),
            connection.description,
        ),
        _fact(
            QCoreApplication.translate("SessionStatus", "Mode: {}").format(
                mode_label(connection.mode)
            ),
            QCoreApplication.translate("SessionStatus", "Mode"),
            QCoreApplication.translate("SessionStatus", "Where this workstation keeps its data"),
        ),
        _fact(
            QCoreApplication.translate("SessionStatus", "Signed in: {name} ({role})").format(
                name=actor.display_name, role=labels.role_label(actor.role)
            ),
            QCoreApplication.translate("SessionStatus", "Signed-in user"),
            QCoreApplication.translate("SessionStatus", "Working at site {}").format(
                actor.site_code
            ),
        ),
    ]
    for fact in facts:
        bar.addPermanentWidget(fact)
    return facts


def mode_label(mode: str) -> str:
    """Return the label of a deployment mode (DESIGN.md section 3)."""
    names = {
        "standalone": QCoreApplication.translate("SessionStatus", "standalone"),
        "online": QCoreApplication.translate("SessionStatus", "online"),
        "branch": QCoreApplication.translate("SessionStatus", "branch"),
    }
    return names.get(mode, mode)

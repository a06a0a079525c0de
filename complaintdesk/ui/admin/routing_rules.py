"""The routing rules tab: the ordered rules, adding one, and "try on this complaint"."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.vocabulary import Priority
from complaintdesk.services.admin.routing_rules import Preview, RuleView
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui import labels
from complaintdesk.ui.row_models import Column, RowsModel
from complaintdesk.ui.widgets import text_label
from complaintdesk.ui.workspace import routing_words

CONDITION_NAMES = (
    "channels",
    "keywords",
    "patterns",
    "categories",
    "segments",
    "sites",
    "amount_at_least",
    "amount_below",
)


def condition_label(name: str) -> str:
    """Return what a person calls a rule condition."""
    names = {
        "channels": QCoreApplication.translate("Rules", "channels"),
        "keywords": QCoreApplication.translate("Rules", "keywords"),
        "patterns": QCoreApplication.translate("Rules", "patterns"),
        "categories": QCoreApplication.translate("Rules", "categories"),
        "segments": QCoreApplication.translate("Rules", "segments"),
        "sites": QCoreApplication.translate("Rules", "sites"),
        "amount_at_least": QCoreApplication.translate("Rules", "amount at least"),
        "amount_below": QCoreApplication.translate("Rules", "amount below"),
    }
    return names.get(name, name)


class RuleColumn(IntEnum):
    """The columns of the rules table."""

    POSITION = 0
    NAME = 1
    CONDITIONS = 2
    FUNCTION = 3
    PRIORITY = 4
    TEAM_QUEUE = 5
    ASSIGNMENT = 6


def conditions_text(conditions: Mapping[str, Any]) -> str:
    """Return a rule's conditions as one line ("keywords: invoice, facture; …")."""
    parts = []
    for name in CONDITION_NAMES:
        value = conditions.get(name)
        if not value:
            continue
        shown = ", ".join(str(v) for v in value) if isinstance(value, list | tuple) else value
        parts.append(f"{condition_label(name)}: {shown}")
    return "; ".join(parts)


def priority_text(priority: int | None) -> str:
    """Return the label of a rule's priority (empty when the rule leaves it unchanged)."""
    known = {int(p): p for p in Priority}
    if priority is None or priority not in known:
        return ""
    return labels.priority_label(known[priority])


class RulesModel(RowsModel[RuleView]):
    """The active routing rules in the order they are tried (the default rule last).

    Its columns follow :class:`RuleColumn`.

    Args:
        parent: the owning Qt object.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(self.tr("Order"), self._position),
                Column(self.tr("Name"), lambda r: r.name),
                Column(self.tr("Conditions"), self._conditions),
                Column(self.tr("Function"), lambda r: self.function_name(r.function_code)),
                Column(self.tr("Priority"), lambda r: priority_text(r.priority)),
                Column(self.tr("Team queue"), lambda r: r.team_queue_name or ""),
                Column(self.tr("Owner picked by"), lambda r: labels.assignment_label(r.assignment)),
            ],
            parent,
        )
        self._function_names: dict[str, str] = {}

    def set_rules(self, rules: tuple[RuleView, ...], function_names: Mapping[str, str]) -> None:
        """Show ``rules``; ``function_names`` maps function codes to names."""
        self._function_names = dict(function_names)
        self.set_rows(rules)

    def function_name(self, code: str | None) -> str:
        """Return the name of the function ``code`` (the code itself if unknown)."""
        return self._function_names.get(code or "", code or "")

    def row_named(self, name: str) -> int:
        """Return the row of the rule called ``name`` (-1 if none)."""
        return next((row for row, r in enumerate(self.rows()) if r.name == name), -1)

    def _position(self, rule: RuleView) -> str:
        return self.tr("default") if rule.is_default else str(rule.position)

    def _conditions(self, rule: RuleView) -> str:
        return conditions_text(rule.conditions) or self.tr("(anything)")


class RulesTab(QWidget):
    """The rules table, "Add rule…", and the preview on the complaint selected in the window.

    Args:
        complaint: the complaint selected in the main window when the dialog opened.
        add_rule: opens the rule form.
        try_rules: asks the services what the rules would do with ``complaint``.
        parent: the configuration dialog.
    """

    def __init__(
        self,
        complaint: ComplaintDetail | None,
        add_rule: Callable[[], None],
        try_rules: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = RulesModel(self)
        self.table = self._table()
        self.add_button = QPushButton(self.tr("&Add rule…"))
        self.add_button.clicked.connect(add_rule)
        self.try_button = QPushButton(self._try_text(complaint))
        self.try_button.setEnabled(complaint is not None)
        self.try_button.clicked.connect(try_rules)
        self.preview = text_label("", name=self.tr("What the rules would do"))
        self.preview.setText(self._hint(complaint))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.try_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.preview)

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Routing rules, in the order they are tried"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RuleColumn.CONDITIONS, QHeaderView.ResizeMode.Stretch)
        return table

    def _try_text(self, complaint: ComplaintDetail | None) -> str:
        if complaint is None:
            return self.tr("&Try on a complaint")
        return self.tr("&Try on {reference}").format(reference=complaint.reference)

    def _hint(self, complaint: ComplaintDetail | None) -> str:
        if complaint is None:
            return self.tr("Select a complaint in the main window to try the rules on it.")
        return self.tr("Try the rules on {reference} — “{subject}” — without changing it.").format(
            reference=complaint.reference, subject=complaint.subject
        )

    def show_preview(self, preview: Preview) -> None:
        """Say which rule would match and why, and select it in the table."""
        if preview.rule_name is None or preview.reason is None:
            self.preview.setText(self.tr("No rule would match: add a default rule."))
            return
        row = self.model.row_named(preview.rule_name)
        rule = self.model.row_at(row)
        why = routing_words.reason_text(preview.reason)  # in the reader's language
        lines = [self.tr("If routed now: {why}").format(why=why)]
        if rule is not None and not rule.is_default:
            because = conditions_text(rule.conditions) or self.tr("(anything)")
            lines.append(
                self.tr("Because its conditions hold: {conditions}").format(conditions=because)
            )
        lines.append(self._outcome(preview))
        self.preview.setText("\n".join(lines))
        if row >= 0:
            self.table.selectRow(row)

    def _outcome(self, preview: Preview) -> str:
        function = self.model.function_name(preview.function_code) or "—"
        priority = priority_text(preview.priority) or self.tr("unchanged")
        return self.tr("Function: {function} · Priority: {priority} · Team queue: {queue}").format(
            function=function,
            priority=priority,
            queue=preview.team_queue_name or preview.team_queue or "—",
        )

"""Writing a routing rule: its conditions and what it sets when they all hold."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QListWidget, QListWidgetItem, QWidget

from complaintdesk.domain.vocabulary import Channel, Priority
from complaintdesk.services.admin.organisation import FunctionView
from complaintdesk.services.admin.routing_rules import ASSIGNMENTS, RuleSpec
from complaintdesk.services.complaints.directory import Choice
from complaintdesk.ui import labels
from complaintdesk.ui.dialogs.form import FormDialog, combo, line_edit, text_edit

_CODE = Qt.ItemDataRole.UserRole


class RuleDialog(FormDialog):
    """A new routing rule; it goes after the existing ones (the default rule stays last).

    Args:
        functions: the functions a rule may route to.
        categories: the category taxonomy.
        parent: the configuration dialog.
    """

    def __init__(
        self,
        functions: tuple[FunctionView, ...],
        categories: tuple[Choice, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Add a routing rule"),
            self.tr("&Add rule"),
            intro=self.tr(
                "Every condition given must hold; leave one empty to accept anything. "
                "Keywords and patterns ignore case and accents."
            ),
            parent=parent,
        )
        self.name = self.add_field(self.tr("&Name:"), line_edit())
        self._add_conditions(categories)
        self._add_outcome(functions)
        self.name.setFocus()

    def _add_conditions(self, categories: tuple[Choice, ...]) -> None:
        self.channels = self._boxes([(labels.channel_label(c), c.value) for c in Channel])
        self.add_field(self.tr("C&hannels:"), self._row(self.channels))
        self.keywords = self.add_field(
            self.tr("&Keywords:"), line_edit(placeholder=self.tr("invoice, facture, refund"))
        )
        self.patterns = self.add_field(
            self.tr("&Patterns:"), text_edit(self.tr("One regular expression a line"), lines=2)
        )
        self.categories = self.add_field(self.tr("Ca&tegories:"), self._categories(categories))
        self.segments = self._boxes(
            [(labels.segment_label(s.value), s.value) for s in labels.SEGMENTS]
        )
        self.add_field(self.tr("Se&gments:"), self._row(self.segments))

    def _add_outcome(self, functions: tuple[FunctionView, ...]) -> None:
        routes = [(self.tr("(none)"), None), *((f.name, f.code) for f in functions)]
        self.function = self.add_field(self.tr("&Function:"), combo(routes))
        priorities: list[tuple[str, object]] = [(self.tr("(unchanged)"), None)]
        priorities += [(labels.priority_label(p), int(p)) for p in Priority]
        self.priority = self.add_field(self.tr("P&riority:"), combo(priorities))
        self.team_queue = self.add_field(self.tr("Team &queue:"), line_edit(placeholder="care"))
        methods = [(labels.assignment_label(m), m) for m in sorted(ASSIGNMENTS)]
        self.assignment = self.add_field(self.tr("Ass&ignment:"), combo(methods, "none"))
        self.default = self.add_field(
            self.tr("&Default:"), QCheckBox(self.tr("Catch every complaint no other rule takes"))
        )

    def _boxes(self, choices: list[tuple[str, str]]) -> list[QCheckBox]:
        boxes = []
        for label, value in choices:
            box = QCheckBox(label)
            box.setProperty("code", value)
            boxes.append(box)
        return boxes

    def _row(self, boxes: list[QCheckBox]) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        for box in boxes:
            line.addWidget(box)
        line.addStretch(1)
        return row

    def _categories(self, categories: tuple[Choice, ...]) -> QListWidget:
        widget = QListWidget()
        for choice in categories:
            item = QListWidgetItem(f"{choice.label} ({choice.value})")
            item.setData(_CODE, choice.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            widget.addItem(item)
        if not categories:
            widget.addItem(self.tr("No categories are defined"))
        widget.setMaximumHeight(widget.sizeHintForRow(0) * 4 + 8)
        return widget

    def check(self) -> str:
        """A rule needs a name people recognise in "why is this here?"."""
        return "" if self.name.text().strip() else self.tr("Give the rule a name.")

    def spec(self) -> RuleSpec:
        """Return the rule as written; the services check its patterns."""
        return RuleSpec(
            name=self.name.text().strip(),
            conditions=self._conditions(),
            function_code=self.function.currentData(),
            priority=self.priority.currentData(),
            team_queue=self.team_queue.text().strip() or None,
            assignment=str(self.assignment.currentData()),
            is_default=self.default.isChecked(),
        )

    def _conditions(self) -> dict[str, Any]:
        items = (self.categories.item(row) for row in range(self.categories.count()))
        return {
            "channels": [str(b.property("code")) for b in self.channels if b.isChecked()],
            "keywords": [k.strip() for k in self.keywords.text().split(",") if k.strip()],
            "patterns": [p for p in self.patterns.toPlainText().splitlines() if p.strip()],
            "categories": [
                str(item.data(_CODE))
                for item in items
                if item.data(_CODE) and item.checkState() == Qt.CheckState.Checked
            ],
            "segments": [str(b.property("code")) for b in self.segments if b.isChecked()],
        }

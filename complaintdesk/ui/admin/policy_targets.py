"""Parts of the promises tab: the policies table, the targets editor, the copy form."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from complaintdesk.domain.promises.deadlines import DeadlineUnit, DueBy
from complaintdesk.domain.promises.presets import DEFAULT_MET_BY, TARGETS, MetBy
from complaintdesk.services.promises.catalogue import PolicyView
from complaintdesk.ui.dialogs.form import FormDialog, combo, line_edit
from complaintdesk.ui.row_models import Column, RowsModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("Promises", text)


def target_label(target: str) -> str:
    """Return what a person calls a target."""
    names = {
        "acknowledge": _tr("Acknowledge"),
        "first_response": _tr("First response"),
        "summary_resolution": _tr("Summary resolution"),
        "response": _tr("Response"),
        "resolution": _tr("Resolution"),
        "final_response": _tr("Final response"),
        "final_response_exceptional": _tr("Final response (exceptional)"),
    }
    return names.get(target, target)


def unit_label(unit: str) -> str:
    """Return what a person calls a deadline unit."""
    names: dict[str, str] = {
        DeadlineUnit.CALENDAR_DAYS: _tr("calendar days"),
        DeadlineUnit.WORKING_DAYS: _tr("working days (Mon–Sat)"),
        DeadlineUnit.BUSINESS_DAYS: _tr("business days (Mon–Fri)"),
        DeadlineUnit.OPEN_DAYS: _tr("open days (the calendar's)"),
        DeadlineUnit.WEEKS: _tr("weeks"),
        DeadlineUnit.MONTHS: _tr("months"),
        DeadlineUnit.BUSINESS_HOURS: _tr("business hours"),
    }
    return names.get(unit, unit)


def met_by_label(met_by: str) -> str:
    """Return what meets a target, in words."""
    names = {
        MetBy.ACKNOWLEDGEMENT: _tr("an acknowledgement or any answer"),
        MetBy.RESPONSE: _tr("any answer"),
        MetBy.RESOLUTION: _tr("the resolution"),
        MetBy.FINAL_RESPONSE: _tr("the final response"),
        MetBy.SUMMARY_RESOLUTION: _tr("a final answer within the window"),
    }
    return names.get(MetBy(met_by), met_by) if met_by in MetBy.__members__.values() else met_by


def scope_kind_label(kind: str) -> str:
    """Return what a person calls a kind of scope condition."""
    names = {
        "sites": _tr("site"),
        "countries": _tr("site country"),
        "channels": _tr("channel"),
        "categories": _tr("category"),
        "products": _tr("product"),
        "segments": _tr("customer segment"),
        "priorities": _tr("priority"),
    }
    return names.get(kind, kind)


def kind_label(kind: str) -> str:
    """Return what a person calls a kind of policy."""
    names = {
        "regulatory": _tr("Regulatory"),
        "service": _tr("Service"),
        "internal": _tr("Internal"),
    }
    return names.get(kind, kind)


class PolicyColumn(IntEnum):
    """The columns of the policies table."""

    CODE = 0
    NAME = 1
    KIND = 2
    ACTIVE = 3


class PoliciesModel(RowsModel[PolicyView]):
    """The service-level policies of the catalogue, active first, in :class:`PolicyColumn` order.

    Args:
        parent: the owning Qt object.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(self.tr("Code"), lambda p: p.code),
                Column(self.tr("Name"), lambda p: p.name),
                Column(self.tr("Kind"), lambda p: kind_label(p.kind)),
                Column(self.tr("State"), self._state),
            ],
            parent,
        )

    def _state(self, policy: PolicyView) -> str:
        return self.tr("Active") if policy.active else self.tr("Inactive")

    def row_of(self, code: str | None) -> int:
        """Return the row of the policy ``code`` (-1 if none)."""
        return next((row for row, p in enumerate(self.rows()) if p.code == code), -1)


class TargetsEditor(QWidget):
    """One line per target: which target, how many, of what unit, due by when; Remove.

    Args:
        parent: the promises tab.
    """

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        titles = (
            self.tr("Target"),
            self.tr("Amount"),
            self.tr("Unit"),
            self.tr("Due by"),
            self.tr("Met by"),
        )
        for column, title in enumerate(titles):
            self.grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        self.grid.setColumnStretch(2, 1)
        self.rows: list[
            tuple[QComboBox, QLineEdit, QComboBox, QComboBox, QComboBox, QPushButton]
        ] = []

    def set_targets(self, targets: list[dict[str, Any]]) -> None:
        """Show ``targets`` (the policy's JSON form), replacing the lines shown."""
        for line in self.rows:
            for widget in line:
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.rows = []
        for target in targets:
            self.add_target(target)

    def add_target(self, target: dict[str, Any] | None = None) -> None:
        """Add a line (a new one: "resolution, 5 business days")."""
        data = target or {"target": "resolution", "amount": 5, "unit": "business_days"}
        number = len(self.rows) + 1
        name = combo([(target_label(t), t) for t in TARGETS], data.get("target"))
        amount = line_edit(str(data.get("amount", "")))
        amount.setClearButtonEnabled(False)
        amount.setMaximumWidth(70)
        unit = combo([(unit_label(u), u.value) for u in DeadlineUnit], data.get("unit"))
        due_by = combo(
            [(self.tr("end of the day"), DueBy.END_OF_DAY.value),
             (self.tr("close of business"), DueBy.CLOSE_OF_BUSINESS.value)],
            data.get("due_by", DueBy.END_OF_DAY.value),
        )  # fmt: skip
        default = DEFAULT_MET_BY.get(str(data.get("target")), MetBy.RESOLUTION)
        met_by = combo(
            [(met_by_label(m.value), m.value) for m in MetBy], data.get("met_by", default.value)
        )
        remove = QPushButton(self.tr("Remove"))
        line = (name, amount, unit, due_by, met_by, remove)
        for widget, what in zip(
            line,
            (self.tr("Target"), self.tr("Amount"), self.tr("Unit"), self.tr("Due by"),
             self.tr("Met by"), self.tr("Remove target")),
            strict=True,
        ):  # fmt: skip
            widget.setAccessibleName(
                self.tr("{what}, line {number}").format(what=what, number=number)
            )
        remove.clicked.connect(lambda: self._remove(line))
        row = len(self.rows) + 1
        for column, widget in enumerate(line):
            self.grid.addWidget(widget, row, column)
        self.rows.append(line)

    def _remove(self, line: tuple[Any, ...]) -> None:
        kept = [t for t, other in zip(self.targets(), self.rows, strict=True) if other != line]
        self.set_targets(kept)

    def targets(self) -> list[dict[str, Any]]:
        """Return the lines as the policy's JSON form (an amount as typed if not a number)."""
        result = []
        for name, amount, unit, due_by, met_by, _remove in self.rows:
            typed = amount.text().strip()
            result.append(
                {
                    "target": name.currentData(),
                    "amount": int(typed) if typed.isdigit() else typed,
                    "unit": unit.currentData(),
                    "due_by": due_by.currentData(),
                    "met_by": met_by.currentData(),
                }
            )
        return result


class CopyPolicyDialog(FormDialog):
    """A copy of a policy, under a new code and name, to edit (it starts inactive)."""

    def __init__(self, source: PolicyView, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Copy a policy"),
            self.tr("&Copy"),
            intro=self.tr(
                "The copy of “{name}” starts inactive: edit its targets, then activate it."
            ).format(name=source.name),
            parent=parent,
        )
        self.code = self.add_field(self.tr("&Code:"), line_edit(f"{source.code}-copy"))
        self.name = self.add_field(
            self.tr("&Name:"), line_edit(self.tr("{name} (copy)").format(name=source.name))
        )
        self.code.selectAll()
        self.code.setFocus()

    def check(self) -> str:
        """A code and a name are needed."""
        if not self.code.text().strip() or not self.name.text().strip():
            return self.tr("Type a code and a name for the copy.")
        return ""

"""The root-cause taxonomy tab of the configuration: a bilingual tree, each cause's function.

Causes are never deleted (closed complaints point to them): a retired cause stays in the
tree, greyed, and is no longer offered at resolution.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.regulatory_returns import CAUSES
from complaintdesk.services.admin import organisation, root_causes
from complaintdesk.services.admin.organisation import FunctionView
from complaintdesk.services.admin.root_causes import RootCauseView
from complaintdesk.services.context import ServiceContext
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.dialogs.form import FormDialog, combo, line_edit
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.widgets import while_alive

_CODE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Taxonomy:
    """The causes and the functions that can be responsible for them, read together."""

    causes: tuple[RootCauseView, ...]
    functions: tuple[FunctionView, ...]


def read_taxonomy(ctx: ServiceContext) -> Taxonomy:
    """Read causes and functions (runs on a worker thread)."""
    return Taxonomy(root_causes.list_root_causes(ctx), organisation.list_functions(ctx))


def save_cause(
    ctx: ServiceContext,
    before: RootCauseView,
    name: str,
    name_fr: str,
    function: str | None,
    parent: str | None,
    regulatory: str | None = None,
) -> None:
    """Apply what changed in the edit form, each change audited on its own."""
    if (name, name_fr or None) != (before.name, before.name_fr):
        root_causes.rename(ctx, before.code, name, name_fr)
    if function != before.function_code:
        root_causes.set_function(ctx, before.code, function)
    if parent != before.parent_code:
        root_causes.move(ctx, before.code, parent)
    if regulatory != before.regulatory_cause:
        root_causes.set_regulatory_cause(ctx, before.code, regulatory)


def add_cause(
    ctx: ServiceContext,
    values: tuple[str, str, str, str | None, str | None],
    regulatory: str | None,
) -> None:
    """Add a cause from the form, then map it to its FCA return category if one was chosen."""
    code, name, name_fr, function, parent = values
    root_causes.add(ctx, code, name, name_fr=name_fr, function_code=function, parent_code=parent)
    if regulatory is not None:
        root_causes.set_regulatory_cause(ctx, code, regulatory)


def fca_cause_label(key: str | None) -> str:
    """Return the FCA return's cause category in words (or that it is not mapped)."""
    names = {
        "advising_selling_arranging": _tr("Advising, selling and arranging"),
        "terms_disputed_sums": _tr("Terms and disputed sums/charges"),
        "general_admin": _tr("General admin/customer service"),
        "arrears": _tr("Arrears related"),
        "other": _tr("Other"),
    }
    return names.get(key or "", _tr("(not mapped)"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("RootCauses", text)


class CauseDialog(FormDialog):
    """Add a cause, or edit one: names in English and French, function, place in the tree.

    Args:
        taxonomy: the causes (for the parent) and the functions.
        cause: the cause edited, or None to add one.
        parent: the configuration dialog.
    """

    def __init__(
        self, taxonomy: Taxonomy, cause: RootCauseView | None, parent: QWidget | None = None
    ) -> None:
        title = self.tr("Add a root cause") if cause is None else self.tr("Edit a root cause")
        ok = self.tr("&Add cause") if cause is None else self.tr("&Save")
        super().__init__(title, ok, parent=parent)
        self.code = self.add_field(
            self.tr("&Code:"), line_edit(cause.code if cause else "", "billing/double-charge")
        )
        self.code.setEnabled(cause is None)  # complaints and reports refer to it
        self.name = self.add_field(self.tr("&Name:"), line_edit(cause.name if cause else ""))
        self.name_fr = self.add_field(
            self.tr("Name in &French:"), line_edit((cause.name_fr or "") if cause else "")
        )
        functions = [(self.tr("(none yet)"), None), *((f.name, f.code) for f in taxonomy.functions)]
        self.function = self.add_field(
            self.tr("Responsible &function:"),
            combo(functions, cause.function_code if cause else None),
        )
        parents: list[tuple[str, object]] = [(self.tr("(top of the tree)"), None)]
        parents += [(c.name, c.code) for c in taxonomy.causes if cause is None or c.id != cause.id]
        self.parent_cause = self.add_field(
            self.tr("&Under:"), combo(parents, cause.parent_code if cause else None)
        )
        categories: list[tuple[str, object]] = [(fca_cause_label(None), None)]
        categories += [(fca_cause_label(key), key) for key, _ in CAUSES]
        self.regulatory = self.add_field(
            self.tr("FCA return cau&se:"),
            combo(categories, cause.regulatory_cause if cause else None),
        )
        (self.code if cause is None else self.name).setFocus()

    def check(self) -> str:
        """A code and an English name are needed."""
        if not self.code.text().strip() or not self.name.text().strip():
            return self.tr("A cause needs a code and an English name.")
        return ""

    def values(self) -> tuple[str, str, str, str | None, str | None]:
        """Return code, name, French name, function code and parent code as entered."""
        function = self.function.currentData()
        parent = self.parent_cause.currentData()
        return (
            self.code.text().strip(),
            self.name.text().strip(),
            self.name_fr.text().strip(),
            str(function) if function else None,
            str(parent) if parent else None,
        )

    def regulatory_cause(self) -> str | None:
        """Return the FCA return category chosen (None: not mapped)."""
        value = self.regulatory.currentData()
        return str(value) if value else None


class RootCausesTab(QWidget):
    """The taxonomy as a tree, with Add, Edit and Retire / Reactivate.

    Args:
        ctx: the signed-in administrator.
        operations: the main window's operations.
        parent: the configuration dialog.
    """

    shown = Signal()
    """Emitted each time the tree was filled again (tests wait on it)."""

    def __init__(
        self, ctx: ServiceContext, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ops = operations
        self.taxonomy = Taxonomy((), ())
        self.form: CauseDialog | None = None
        """The form opened last (tests drive it)."""
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Root causes"))
        self.tree.setHeaderLabels(
            [
                self.tr("Cause"),
                self.tr("In French"),
                self.tr("Code"),
                self.tr("Responsible function"),
                self.tr("FCA return cause"),
            ]
        )
        self.tree.setColumnWidth(0, 320)
        self.tree.setColumnWidth(1, 260)
        self.tree.setColumnWidth(2, 200)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        add = QPushButton(self.tr("Add ca&use…"))
        add.clicked.connect(self.add)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.clicked.connect(self.edit)
        self.retire_button = QPushButton(self.tr("Re&tire"))
        self.retire_button.clicked.connect(self.toggle_active)
        buttons = QHBoxLayout()
        for button in (add, self.edit_button, self.retire_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._enable()
        self.reload()

    def reload(self) -> None:
        """Read the taxonomy again, off the GUI thread."""
        self._ops.read(partial(read_taxonomy, self._ctx), while_alive(self, self._show))

    def _show(self, taxonomy: Taxonomy) -> None:
        kept = self.current()
        self.taxonomy = taxonomy
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for cause in taxonomy.causes:
            item = QTreeWidgetItem(
                [cause.name, cause.name_fr or "", cause.code, cause.function_name or "—",
                 fca_cause_label(cause.regulatory_cause)]
            )  # fmt: skip
            item.setData(0, _CODE, cause.code)
            if not cause.active:
                item.setText(0, self.tr("{name} (retired)").format(name=cause.name))
                grey = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
                for column in range(5):
                    item.setForeground(column, QBrush(grey))
            items[cause.code] = item
        for cause in taxonomy.causes:
            parent = items.get(cause.parent_code or "")
            if parent is not None:
                parent.addChild(items[cause.code])
            else:
                self.tree.addTopLevelItem(items[cause.code])
        self.tree.expandAll()
        if kept is not None and kept.code in items:
            self.tree.setCurrentItem(items[kept.code])
        self._enable()
        self.shown.emit()

    def current(self) -> RootCauseView | None:
        """Return the cause selected in the tree."""
        item = self.tree.currentItem()
        code = item.data(0, _CODE) if item is not None else None
        return next((c for c in self.taxonomy.causes if c.code == code), None)

    def _enable(self) -> None:
        cause = self.current()
        self.edit_button.setEnabled(cause is not None)
        self.retire_button.setEnabled(cause is not None)
        active = cause is None or cause.active
        self.retire_button.setText(self.tr("Re&tire") if active else self.tr("Reac&tivate"))

    def add(self) -> None:
        """Open the form for a new cause."""
        form = CauseDialog(self.taxonomy, None, self)
        ctx = self._ctx

        def work() -> Callable[[], object]:
            return partial(add_cause, ctx, form.values(), form.regulatory_cause())

        self._open(form, work)

    def edit(self) -> None:
        """Open the form on the selected cause."""
        cause = self.current()
        if cause is None:
            return
        form = CauseDialog(self.taxonomy, cause, self)
        ctx = self._ctx

        def work() -> Callable[[], object]:
            _code, name, name_fr, function, parent = form.values()
            regulatory = form.regulatory_cause()
            return partial(save_cause, ctx, cause, name, name_fr, function, parent, regulatory)

        self._open(form, work)

    def toggle_active(self) -> None:
        """Retire the selected cause, or bring a retired one back."""
        cause = self.current()
        if cause is None:
            return
        work = partial(root_causes.set_active, self._ctx, cause.code, not cause.active)
        self._ops.run(work, Changes(configuration=True), done=lambda _r: self.reload())

    def _open(self, form: CauseDialog, work: Callable[[], Callable[[], object]]) -> None:
        def submit() -> None:
            self._ops.run(
                work(), Changes(configuration=True), form=form, done=lambda _r: self.reload()
            )

        form.submitted.connect(submit)
        if self.form is not None:
            self.form.deleteLater()
        self.form = form
        form.open()

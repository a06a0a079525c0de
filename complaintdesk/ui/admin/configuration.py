"""Configuration for administrators: functions and their members, routing rules.

Every read and write runs off the GUI thread through the main window's operations; after
each change the tabs read the configuration again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.services.admin import organisation, routing_rules
from complaintdesk.services.admin.organisation import FunctionView
from complaintdesk.services.admin.routing_rules import RuleView
from complaintdesk.services.complaints import directory
from complaintdesk.services.complaints.directory import Choice
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.outbound import template_admin
from complaintdesk.services.promises import catalogue, scopes
from complaintdesk.services.promises.catalogue import PolicyView
from complaintdesk.services.read_models import ComplaintDetail
from complaintdesk.ui.admin.policies import PoliciesTab
from complaintdesk.ui.admin.root_causes import RootCausesTab
from complaintdesk.ui.admin.routing_rules import RulesTab
from complaintdesk.ui.admin.templates import TemplatesTab
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.dialogs.form import FormDialog, combo, line_edit
from complaintdesk.ui.dialogs.rule import RuleDialog
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.widgets import while_alive

Work = Callable[[], object]
WorkFor = Callable[[], Work]
_CODE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Configuration:
    """What the configuration dialog shows, read in one go."""

    functions: tuple[FunctionView, ...]
    rules: tuple[RuleView, ...]
    categories: tuple[Choice, ...]
    policies: tuple[PolicyView, ...] = ()
    scope: scopes.ScopeOptions | None = None
    templates: tuple[template_admin.TemplateView, ...] = ()


def read_configuration(ctx: ServiceContext) -> Configuration:
    """Read functions, rules, categories, policies and templates (on a worker thread)."""
    return Configuration(
        organisation.list_functions(ctx),
        routing_rules.list_rules(ctx),
        directory.categories(ctx),
        catalogue.list_policies(ctx),
        scopes.scope_options(ctx),
        template_admin.list_templates(ctx),
    )


class AdminDialog(QDialog):
    """Tabs: functions and members, routing rules, promises, root causes, templates.

    Args:
        ctx: the signed-in administrator.
        operations: the main window's operations (reads and writes off the GUI thread).
        complaint: the complaint selected in the main window, for "try on this complaint".
        parent: the main window.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        complaint: ComplaintDetail | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Configuration"))
        self._ctx = ctx
        self._ops = operations
        self._complaint = complaint
        self.configuration = Configuration((), (), ())
        self.form: FormDialog | None = None
        """The sub-form opened last (tests drive it)."""
        self.functions = FunctionsTab(self._add_function, self._add_member)
        self.rules = RulesTab(complaint, self._add_rule, self._try_rules)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.functions, self.tr("&Functions"))
        self.policies = PoliciesTab(ctx, operations, self.reload)
        self.tabs.addTab(self.rules, self.tr("&Routing rules"))
        self.tabs.addTab(self.policies, self.tr("&Promises"))
        self.causes = RootCausesTab(ctx, operations)
        self.tabs.addTab(self.causes, self.tr("R&oot causes"))
        self.templates = TemplatesTab(ctx, operations, self.reload)
        self.tabs.addTab(self.templates, self.tr("T&emplates"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(1240, 620)
        self.reload()

    def reload(self) -> None:
        """Read the configuration again, off the GUI thread."""
        self._ops.read(partial(read_configuration, self._ctx), while_alive(self, self._show))

    def _show(self, configuration: Configuration) -> None:
        self.configuration = configuration
        self.functions.show_functions(configuration.functions)
        names = {f.code: f.name for f in configuration.functions}
        self.rules.model.set_rules(configuration.rules, names)
        self.policies.show_policies(configuration.policies)
        if configuration.scope is not None:
            self.policies.show_scope_options(configuration.scope)
        self.templates.show_templates(configuration.templates)

    def _form(self, form: FormDialog, work_for: WorkFor) -> None:
        def submit() -> None:
            self._ops.run(work_for(), Changes(configuration=True), form=form, done=self._changed)

        form.submitted.connect(submit)
        if self.form is not None:
            self.form.deleteLater()
        self.form = form
        form.open()

    def _changed(self, _result: object) -> None:
        self.reload()

    def _add_function(self) -> None:
        form = FunctionDialog(self)
        ctx = self._ctx

        def work_for() -> Work:
            code, name, hours = form.code.text(), form.name.text(), form.hours.value()
            return partial(organisation.add_function, ctx, code, name, answer_within_hours=hours)

        self._form(form, work_for)

    def _add_member(self) -> None:
        form = MemberDialog(self.configuration.functions, self.functions.current_code(), self)
        ctx = self._ctx

        def work_for() -> Work:
            code, login = str(form.function.currentData()), form.login.text().strip()
            return partial(organisation.add_member, ctx, code, login)

        self._form(form, work_for)

    def _add_rule(self) -> None:
        config = self.configuration
        form = RuleDialog(config.functions, config.categories, self)
        ctx = self._ctx
        self._form(form, lambda: partial(routing_rules.add_rule, ctx, form.spec()))

    def _try_rules(self) -> None:
        if self._complaint is None:
            return
        work = partial(routing_rules.preview, self._ctx, self._complaint.id)
        self._ops.read(work, self.rules.show_preview)


class FunctionsTab(QWidget):
    """The functions, each with its members; buttons to add a function or a member.

    Args:
        add_function: opens the function form.
        add_member: opens the member form.
        parent: the configuration dialog.
    """

    def __init__(
        self,
        add_function: Callable[[], None],
        add_member: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Functions and their members"))
        self.tree.setHeaderLabels([self.tr("Function or member"), self.tr("Answers within")])
        self.tree.setColumnWidth(0, 420)
        add_function_button = QPushButton(self.tr("Add &function…"))
        add_function_button.clicked.connect(add_function)
        self.add_member_button = QPushButton(self.tr("Add &member…"))
        self.add_member_button.clicked.connect(add_member)
        buttons = QHBoxLayout()
        buttons.addWidget(add_function_button)
        buttons.addWidget(self.add_member_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def show_functions(self, functions: tuple[FunctionView, ...]) -> None:
        """List ``functions`` with their members' names, keeping the one selected."""
        kept = self.current_code()
        self.tree.clear()
        if not functions:
            self.tree.addTopLevelItem(QTreeWidgetItem([self.tr("No functions yet: add one.")]))
        for function in functions:
            hours = self.tr("{hours} h").format(hours=function.answer_within_hours)
            item = QTreeWidgetItem([f"{function.name} ({function.code})", hours])
            item.setData(0, _CODE, function.code)
            members = function.member_names or (self.tr("(no members yet)"),)
            item.addChildren([QTreeWidgetItem([name]) for name in members])
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
            if function.code == kept:
                self.tree.setCurrentItem(item)
        self.add_member_button.setEnabled(bool(functions))

    def current_code(self) -> str | None:
        """Return the code of the selected function (or of the selected member's function)."""
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        code = item.data(0, _CODE) if item is not None else None
        return str(code) if code else None

    def texts(self) -> list[str]:
        """Return every function and member line, depth first."""
        lines = []
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is None:
                continue
            lines.append(item.text(0))
            children = (item.child(c) for c in range(item.childCount()))
            lines.extend(f"  {child.text(0)}" for child in children if child is not None)
        return lines


class FunctionDialog(FormDialog):
    """A new function owners can ask, with how long it takes to answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add a function"), self.tr("&Add function"), parent=parent)
        self.code = self.add_field(self.tr("&Code:"), line_edit(placeholder="billing"))
        self.name = self.add_field(self.tr("&Name:"), line_edit(placeholder="Billing"))
        self.hours = self.add_field(self.tr("Answers &within (hours):"), QSpinBox())
        self.hours.setRange(1, 24 * 30)
        self.hours.setValue(16)
        self.code.setFocus()


class MemberDialog(FormDialog):
    """A user who becomes a member of a function (they see what is asked of it)."""

    def __init__(
        self,
        functions: tuple[FunctionView, ...],
        current: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Add a member"), self.tr("&Add member"), parent=parent)
        choices = [(f.name, f.code) for f in functions]
        self.function = self.add_field(self.tr("&Function:"), combo(choices, current))
        self.login = self.add_field(self.tr("&Login:"), line_edit())
        self.login.setFocus()

    def check(self) -> str:
        """A login is needed."""
        return "" if self.login.text().strip() else self.tr("Type the member's login.")

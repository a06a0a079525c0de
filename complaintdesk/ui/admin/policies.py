"""The promises tab: policies, their targets and scope, and previews.

Every read and write runs off the GUI thread through the main window's operations. Beside
the list: the selected policy's targets (what is due when, and what meets it), its scope
(which complaints it applies to), the due dates it gives a typed receipt time in its
calendar's zone, and which policies a sample complaint gets, and why.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.promises import presets
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import catalogue, recompute, scopes
from complaintdesk.services.promises.catalogue import PolicyView
from complaintdesk.ui.admin.policy_preview import DuePreview, WhichPolicyBox
from complaintdesk.ui.admin.policy_scope import ScopeEditor
from complaintdesk.ui.admin.policy_targets import (
    CopyPolicyDialog,
    PoliciesModel,
    PolicyColumn,
    TargetsEditor,
)
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.session.sign_in import ErrorLabel
from complaintdesk.ui.widgets import text_label

CALENDARS = ("FR", "FR-57", "GB-ENG", "GB-SCT", "US", "US-CA", "US-TX")


class PoliciesTab(QWidget):
    """The policies, the selected one's targets, its preview, and "Recompute".

    Args:
        ctx: the signed-in administrator.
        operations: the main window's operations.
        reload: reads the configuration again (the dialog's).
        parent: the configuration dialog.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        reload: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ops = operations
        self._reload = reload
        self._asked = 0
        self._pending_select: str | None = None
        self.form: CopyPolicyDialog | None = None
        self.model = PoliciesModel(self)
        self.table = self._table()
        self.activate_button = QPushButton(self.tr("&Activate"))
        self.deactivate_button = QPushButton(self.tr("&Deactivate"))
        self.copy_button = QPushButton(self.tr("&Copy…"))
        self.activate_button.clicked.connect(partial(self._set_active, True))
        self.deactivate_button.clicked.connect(partial(self._set_active, False))
        self.copy_button.clicked.connect(self._copy)
        self.empty = text_label(self.tr("No policies yet."), name=self.tr("Policies"))
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.empty)
        buttons = QHBoxLayout()
        for button in (self.activate_button, self.deactivate_button, self.copy_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        left.addWidget(self._recompute_row())
        self.dates = DuePreview(ctx, operations)
        self.received, self.received_label = self.dates.received, self.dates.received_label
        self.which = WhichPolicyBox(ctx, operations)
        self.scope = ScopeEditor()
        self._options: scopes.ScopeOptions | None = None
        self.scope.save_asked.connect(self._save_scope)
        self.pages = QTabWidget()
        self.pages.addTab(self._editor_box(), self.tr("&Targets"))
        self.pages.addTab(self.scope, self.tr("Sco&pe"))
        self.pages.addTab(self.dates, self.tr("&Due dates"))
        self.pages.addTab(self.which, self.tr("&Which policy?"))
        layout = QHBoxLayout(self)
        layout.addLayout(left, 4)
        layout.addWidget(self.pages, 5)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        operations.busy_changed.connect(self._busy_changed)
        self._selected()

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Service-level policies"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PolicyColumn.NAME, QHeaderView.ResizeMode.Stretch)
        return table

    def _editor_box(self) -> QGroupBox:
        self.editor_box = QGroupBox(self.tr("Targets"))
        self.targets = TargetsEditor()
        add = QPushButton(self.tr("Add &target"))
        add.clicked.connect(lambda: self.targets.add_target())
        self.calendar = QComboBox()
        self.calendar.setEditable(True)
        self.calendar.addItems(CALENDARS)
        self.calendar.setAccessibleName(self.tr("Calendar"))
        self.warning = QSpinBox()
        self.warning.setRange(1, 99)
        self.warning.setSuffix(" %")
        self.warning.setAccessibleName(self.tr("Warning threshold"))
        self.pauses = QCheckBox(self.tr("&Pause while waiting on the customer"))
        self.starts = QComboBox()
        self.starts.addItem(self.tr("its receipt"), "received")
        self.starts.addItem(self.tr("the customer's sending, when known"), "sent")
        self.starts.setAccessibleName(self.tr("Deadlines count from"))
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.clicked.connect(self._save)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Ca&lendar:"), self.calendar)
        form.addRow(self.tr("&Warn the owner once this share of the time is used:"), self.warning)
        form.addRow(self.tr("Deadlines count &from:"), self.starts)
        form.addRow("", self.pauses)
        for field in (self.calendar, self.warning, self.starts):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(field)
        footer = QHBoxLayout()
        footer.addWidget(add)
        footer.addStretch(1)
        footer.addWidget(self.save_button)
        column = QVBoxLayout(self.editor_box)
        column.addWidget(self.targets)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addLayout(footer)
        return self.editor_box

    def _recompute_row(self) -> QWidget:
        holder = QWidget()
        self.recompute_hint = text_label(
            self.tr("Open complaints keep their due dates until they are recomputed."),
            name=self.tr("Recompute"),
        )
        self.recompute_button = QPushButton(self.tr("&Recompute open complaints"))
        self.recompute_button.clicked.connect(self.recompute)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the services do not report progress
        self.progress.setAccessibleName(self.tr("Recomputing open complaints"))
        self.progress.setMaximumWidth(160)
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.recompute_hint, 1)
        line.addWidget(self.progress)
        line.addWidget(self.recompute_button)
        self.progress.hide()
        holder.hide()
        self.recompute_row = holder
        return holder

    # Reading and showing

    def show_policies(self, policies: tuple[PolicyView, ...]) -> None:
        """List ``policies``, keeping the one selected (the first otherwise)."""
        kept = self.current()
        wanted = self._pending_select or (kept.code if kept else None)
        self._pending_select = None
        self.model.set_rows(policies)
        self.empty.setVisible(not policies)
        self.table.setVisible(bool(policies))
        row = self.model.row_of(wanted)
        if policies:
            self.table.selectRow(max(row, 0))
        self._selected()

    def current(self) -> PolicyView | None:
        """Return the selected policy."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select(self, code: str) -> None:
        """Select the policy ``code``."""
        self.table.selectRow(self.model.row_of(code))

    def _selected(self, *_args: object) -> None:
        policy = self.current()
        for widget in (self.editor_box, self.copy_button):
            widget.setEnabled(policy is not None)
        self.activate_button.setEnabled(policy is not None and not policy.active)
        self.deactivate_button.setEnabled(policy is not None and policy.active)
        self.error.show_message("")
        self.scope.setEnabled(policy is not None)
        if policy is None:
            self.editor_box.setTitle(self.tr("Targets (select a policy)"))
            self.targets.set_targets([])
            self.dates.show_policy(None)
            return
        self.editor_box.setTitle(
            self.tr("Targets of {code} — {name}").format(code=policy.code, name=policy.name)
        )
        self.targets.set_targets(list(policy.targets.get("targets", [])))
        self.calendar.setCurrentText(policy.calendar_code)
        self.warning.setValue(round(policy.warning_ratio * 100))
        regulatory = policy.kind == "regulatory"
        self.starts.setCurrentIndex(max(self.starts.findData(policy.clock_starts), 0))
        self.pauses.setChecked(policy.pauses_on_customer and not regulatory)
        self.pauses.setEnabled(not regulatory)
        self.pauses.setToolTip(self.tr("Regulatory deadlines never pause.") if regulatory else "")
        self.scope.set_conditions(policy.conditions)
        self.dates.show_policy(policy)

    # The previews

    def preview(self, *_args: object) -> None:
        """Ask when the selected policy's targets fall due for the receipt time shown."""
        self.dates.preview()

    def preview_rows(self) -> list[tuple[str, str, str]]:
        """Return the preview's lines as shown (target, due date, due time)."""
        return self.dates.rows()

    def show_scope_options(self, options: scopes.ScopeOptions) -> None:
        """Offer this installation's sites, countries and categories to the scope and preview."""
        self._options = options
        self.scope.set_options(options)
        self.which.set_options(options)

    # Changes

    def _save(self) -> None:
        policy = self.current()
        if policy is None:
            return
        targets = self.targets.targets()
        calendar = self.calendar.currentText().strip().upper()
        try:  # checked here too, so the message shows next to the targets at once
            presets.calendar_for(calendar)
            presets.parse_preset({"name": policy.code, "targets": targets})
        except ValidationError as error:
            self.error.show_message(str(error))
            return
        self.error.show_message("")
        work = partial(
            catalogue.save_targets,
            self._ctx,
            policy.code,
            targets,
            calendar,
            self.warning.value() / 100,
            self.pauses.isChecked(),
            str(self.starts.currentData()),
        )
        self._ops.run(work, Changes(configuration=True), done=self._changed)

    def _save_scope(self) -> None:
        policy = self.current()
        if policy is None:
            return
        conditions = self.scope.conditions()
        options = self._options
        try:  # checked here too, so the message shows under the scope at once
            sites = {s.code for s in options.sites} if options else set()
            categories = {code for code, _ in options.categories} if options else set()
            if options is not None:
                scopes.checked_conditions(conditions, sites, categories)
        except ValidationError as error:
            self.scope.error.show_message(str(error))
            return
        self.scope.error.show_message("")
        work = partial(scopes.set_scope, self._ctx, policy.code, conditions)
        self._ops.run(work, Changes(configuration=True), done=self._changed)

    def _set_active(self, active: bool) -> None:
        policy = self.current()
        if policy is not None:
            work = partial(catalogue.set_active, self._ctx, policy.code, active)
            self._ops.run(work, Changes(configuration=True), done=self._changed)

    def _copy(self) -> None:
        policy = self.current()
        if policy is None:
            return
        form = CopyPolicyDialog(policy, self)
        ctx = self._ctx

        def submit() -> None:
            code, name = form.code.text().strip(), form.name.text().strip()
            work = partial(catalogue.copy_policy, ctx, policy.code, code, name)
            self._ops.run(
                work, Changes(configuration=True), form=form, done=partial(self._copied, code)
            )

        form.submitted.connect(submit)
        if self.form is not None:
            self.form.deleteLater()
        self.form = form
        form.open()

    def _copied(self, code: str, _result: object) -> None:
        self._pending_select = code
        self._reload()

    def _changed(self, _result: object) -> None:
        self.recompute_row.show()
        self.recompute_button.setEnabled(True)
        self.recompute_hint.setText(
            self.tr("Open complaints keep their due dates until they are recomputed.")
        )
        self._reload()

    def recompute(self) -> None:
        """Recompute every open complaint's due dates off the GUI thread, showing it is busy."""
        self.recompute_button.setEnabled(False)
        self.progress.show()
        self.recompute_hint.setText(self.tr("Recomputing open complaints…"))
        work = partial(recompute.recompute, self._ctx)
        self._ops.run(work, Changes(queues=True), done=self._recomputed)

    def _busy_changed(self, busy: bool) -> None:
        if not busy and self.progress.isVisible():  # a failure was told in a message box
            self.progress.hide()
            self.recompute_button.setEnabled(True)

    def _recomputed(self, changed: int) -> None:
        self.progress.hide()
        self.recompute_button.setEnabled(True)
        self.recompute_hint.setText(
            self.tr("Done: %n open complaint(s) got new due dates.", "", changed)
        )

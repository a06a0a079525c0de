"""The promises tab: service-level policies, their targets, and a preview of due dates.

Every read and write runs off the GUI thread through the main window's operations. The
preview asks the services for the saved policy's due dates for a receipt time typed in
the policy calendar's own time zone, and shows them in that zone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.promises import presets
from complaintdesk.domain.vocabulary import Segment
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import catalogue, recompute
from complaintdesk.services.promises.catalogue import PolicyView
from complaintdesk.ui import labels
from complaintdesk.ui.admin.policy_targets import (
    CopyPolicyDialog,
    PoliciesModel,
    PolicyColumn,
    TargetsEditor,
    target_label,
)
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.session.sign_in import ErrorLabel
from complaintdesk.ui.widgets import caption, text_label

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
        right = QVBoxLayout()
        right.addWidget(self._editor_box())
        right.addWidget(self._preview_box(), 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 4)
        layout.addLayout(right, 5)
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
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.clicked.connect(self._save)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Ca&lendar:"), self.calendar)
        form.addRow(self.tr("&Warn the owner once this share of the time is used:"), self.warning)
        form.addRow("", self.pauses)
        for field in (self.calendar, self.warning):
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

    def _preview_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Preview: when would a complaint be due?"))
        self.received = QDateTimeEdit(QDateTime.currentDateTime())
        self.received.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received.setCalendarPopup(True)
        self.received.setAccessibleName(self.tr("Received at"))
        self.received.dateTimeChanged.connect(self.preview)
        self.segment = QComboBox()
        self.segment.addItem(self.tr("(any segment)"), "")
        for segment in Segment:
            self.segment.addItem(labels.segment_label(segment.value), segment.value)
        self.segment.setAccessibleName(self.tr("Customer segment"))
        self.segment.currentIndexChanged.connect(self.preview)
        self.received_label = QLabel(self.tr("&Received:"))
        self.received_label.setBuddy(self.received)
        segment_label = QLabel(self.tr("Se&gment:"))
        segment_label.setBuddy(self.segment)
        line = QHBoxLayout()
        for widget in (self.received_label, self.received, segment_label, self.segment):
            line.addWidget(widget)
        line.addStretch(1)
        self.dues = QTreeWidget()
        self.dues.setRootIsDecorated(False)
        self.dues.setAccessibleName(self.tr("Due dates for this receipt time"))
        self.dues.setHeaderLabels([self.tr("Target"), self.tr("Due date"), self.tr("Due at")])
        self.dues.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        column = QVBoxLayout(box)
        column.addLayout(line)
        column.addWidget(self.dues, 1)
        column.addWidget(caption(self.tr("The policy as saved, whether active or not.")))
        return box

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
        if policy is None:
            self.editor_box.setTitle(self.tr("Targets (select a policy)"))
            self.targets.set_targets([])
            self.dues.clear()
            return
        self.editor_box.setTitle(
            self.tr("Targets of {code} — {name}").format(code=policy.code, name=policy.name)
        )
        self.targets.set_targets(list(policy.targets.get("targets", [])))
        self.calendar.setCurrentText(policy.calendar_code)
        self.warning.setValue(round(policy.warning_ratio * 100))
        regulatory = policy.kind == "regulatory"
        self.pauses.setChecked(policy.pauses_on_customer and not regulatory)
        self.pauses.setEnabled(not regulatory)
        self.pauses.setToolTip(self.tr("Regulatory deadlines never pause.") if regulatory else "")
        self.received_label.setText(
            self.tr("&Received ({zone} time):").format(zone=policy.time_zone)
        )
        self.preview()

    # The preview

    def preview(self, *_args: object) -> None:
        """Ask when the selected policy's targets fall due for the receipt time shown."""
        policy = self.current()
        if policy is None:
            return
        zone = ZoneInfo(policy.time_zone)
        typed = self.received.dateTime()
        date, time = typed.date(), typed.time()
        received = datetime(
            date.year(), date.month(), date.day(), time.hour(), time.minute(), tzinfo=zone
        )
        segment = str(self.segment.currentData() or "") or None
        self._asked += 1
        asked = self._asked
        work = partial(catalogue.preview_due, self._ctx, policy.code, received, segment)
        self._ops.read(work, partial(self._show_preview, asked, zone))

    def _show_preview(self, asked: int, zone: ZoneInfo, dues: list[presets.TargetDue]) -> None:
        if asked != self._asked:
            return  # an older answer: the receipt time changed since
        self.dues.clear()
        self.dues.setHeaderLabels(
            [self.tr("Target"), self.tr("Due date"), self.tr("Due at ({zone})").format(zone=zone)]
        )
        for due in dues:
            local = due.due_at.astimezone(zone)
            weekday = self.locale().dayName(due.due_date.isoweekday())
            item = QTreeWidgetItem(
                [target_label(due.target), f"{weekday} {due.due_date.isoformat()}",
                 local.strftime("%H:%M")]
            )  # fmt: skip
            self.dues.addTopLevelItem(item)
        if not dues:
            self.dues.addTopLevelItem(QTreeWidgetItem([self.tr("This policy has no targets.")]))

    def preview_rows(self) -> list[tuple[str, str, str]]:
        """Return the preview's lines as shown (target, due date, due time)."""
        items = (self.dues.topLevelItem(i) for i in range(self.dues.topLevelItemCount()))
        return [(i.text(0), i.text(1), i.text(2)) for i in items if i is not None]

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
        )
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

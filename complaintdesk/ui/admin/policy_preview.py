"""The promises tab's previews: when a policy's targets fall due, and which policy applies.

Both ask the services off the GUI thread through the main window's operations and drop an
answer that a newer question made stale.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from complaintdesk.domain.promises import presets
from complaintdesk.domain.vocabulary import Channel, Priority, Segment
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.promises import catalogue, scopes
from complaintdesk.ui import labels
from complaintdesk.ui.admin.policy_targets import scope_kind_label, target_label
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.widgets import caption, text_label, while_alive


class DuePreview(QGroupBox):
    """When would a complaint received at a typed time be due under the selected policy?

    Args:
        ctx: the signed-in administrator.
        operations: the main window's operations.
    """

    def __init__(self, ctx: ServiceContext, operations: Operations) -> None:
        super().__init__()
        self.setTitle(self.tr("Preview: when would a complaint be due?"))
        self._ctx, self._ops = ctx, operations
        self._asked = 0
        self._policy: catalogue.PolicyView | None = None
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
        self.starts = caption("")
        column = QVBoxLayout(self)
        column.addLayout(line)
        column.addWidget(self.dues, 1)
        column.addWidget(self.starts)
        column.addWidget(caption(self.tr("The policy as saved, whether active or not.")))

    def show_policy(self, policy: catalogue.PolicyView | None) -> None:
        """Preview ``policy`` (nothing when None)."""
        self._policy = policy
        if policy is None:
            self.dues.clear()
            return
        self.received_label.setText(
            self.tr("&Received ({zone} time):").format(zone=policy.time_zone)
        )
        if policy.kind == "regulatory" and policy.clock_starts == "sent":
            text = self.tr(
                "Counted from when the customer sent it (a letter's date, an email's date); "
                "from its receipt when that is not known."
            )
        else:
            text = self.tr("Counted from the complaint's receipt.")
        self.starts.setText(text)
        self.preview()

    def preview(self, *_args: object) -> None:
        """Ask when the policy's targets fall due for the receipt time shown."""
        policy = self._policy
        if policy is None:
            return
        zone = ZoneInfo(policy.time_zone)
        typed = self.received.dateTime()
        day, clock = typed.date(), typed.time()
        received = datetime(
            day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=zone
        )
        segment = str(self.segment.currentData() or "") or None
        self._asked += 1
        work = partial(catalogue.preview_due, self._ctx, policy.code, received, segment)
        self._ops.read(work, while_alive(self, partial(self._show, self._asked, zone)))

    def _show(self, asked: int, zone: ZoneInfo, dues: list[presets.TargetDue]) -> None:
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

    def rows(self) -> list[tuple[str, str, str]]:
        """Return the preview's lines as shown (target, due date, due time)."""
        items = (self.dues.topLevelItem(i) for i in range(self.dues.topLevelItemCount()))
        return [(i.text(0), i.text(1), i.text(2)) for i in items if i is not None]


class WhichPolicyBox(QGroupBox):
    """Which company promise and regulatory deadlines a sample complaint gets, and why.

    Args:
        ctx: the signed-in administrator.
        operations: the main window's operations.
    """

    def __init__(self, ctx: ServiceContext, operations: Operations) -> None:
        super().__init__()
        self.setTitle(self.tr("Which policy does a complaint get?"))
        self._ctx, self._ops = ctx, operations
        self._asked = 0
        self.site = QComboBox()
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(labels.channel_label(channel), channel.value)
        self.category = QComboBox()
        self.product = QLineEdit()
        self.product.setPlaceholderText(self.tr("(any product)"))
        self.segment = QComboBox()
        for segment in Segment:
            self.segment.addItem(labels.segment_label(segment.value), segment.value)
        self.priority = QComboBox()
        for priority in Priority:
            self.priority.addItem(labels.priority_label(priority), int(priority))
        self.priority.setCurrentIndex(self.priority.findData(int(Priority.NORMAL)))
        form = QFormLayout()
        for label, widget in (
            (self.tr("S&ite:"), self.site),
            (self.tr("C&hannel:"), self.channel),
            (self.tr("Categor&y:"), self.category),
            (self.tr("Pro&duct:"), self.product),
            (self.tr("Customer se&gment:"), self.segment),
            (self.tr("Priorit&y:"), self.priority),
        ):
            form.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        for combo in (self.site, self.channel, self.category, self.segment, self.priority):
            combo.currentIndexChanged.connect(self.ask)
        self.product.editingFinished.connect(self.ask)
        self.answer = text_label("", name=self.tr("Which policies apply"))
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.answer)
        column.addStretch(1)

    def set_options(self, options: scopes.ScopeOptions) -> None:
        """Offer this installation's sites and categories."""
        for combo, items in (
            (self.site, [(f"{s.code} — {s.name}", s.code) for s in options.sites]),
            (self.category, [(self.tr("(no category)"), ""), *[(n, c) for c, n in
                                                               options.categories]]),
        ):  # fmt: skip
            kept = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(kept), 0))
            combo.blockSignals(False)
        self.ask()

    def ask(self, *_args: object) -> None:
        """Ask the services which policies the sample complaint gets."""
        site = self.site.currentData()
        if not site:
            return
        self._asked += 1
        work = partial(
            scopes.which_policy,
            self._ctx,
            str(site),
            Channel(self.channel.currentData()),
            category=str(self.category.currentData() or "") or None,
            product=self.product.text().strip() or None,
            segment=str(self.segment.currentData()),
            priority=int(self.priority.currentData()),
        )
        self._ops.read(work, while_alive(self, partial(self._show, self._asked)))

    def _show(self, asked: int, choices: tuple[scopes.Choice, scopes.Choice]) -> None:
        if asked == self._asked:
            self.answer.setText("\n\n".join(self.explained(choice) for choice in choices))

    def explained(self, choice: scopes.Choice) -> str:
        """Return a choice in words: the policy, why, and what was passed over."""
        kind = (
            self.tr("Regulatory deadlines")
            if choice.kind == "regulatory"
            else self.tr("Company promise")
        )
        if choice.code is None:
            return self.tr("{kind}: none applies.").format(kind=kind)
        reasons = "; ".join(
            self.tr("{condition} is {value}").format(condition=scope_kind_label(k), value=v)
            for k, v in choice.reasons
        )
        lines = [
            self.tr("{kind}: {name} ({code})").format(
                kind=kind, name=choice.name, code=choice.code
            ),
            self.tr("because {reasons}.").format(reasons=reasons)
            if reasons
            else self.tr("because it applies to every complaint."),
        ]
        if choice.also_applied:
            lines.append(
                self.tr("Also applies, but less specific or later: {codes}.").format(
                    codes=", ".join(choice.also_applied)
                )
            )
        for code, kinds in choice.passed_over:
            words = ", ".join(scope_kind_label(k) for k in kinds)
            lines.append(
                self.tr("Not {code}: this complaint is outside its {conditions}.").format(
                    code=code, conditions=words
                )
            )
        return "\n".join(lines)

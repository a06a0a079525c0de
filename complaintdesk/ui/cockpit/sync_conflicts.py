"""The Conflicts view: what sync settled by rule, both versions side by side, keep either."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.vocabulary import Channel, Status
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.replicas import sync_conflicts
from complaintdesk.services.replicas.sync_conflicts import SyncConflictView
from complaintdesk.ui import labels
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.row_models import Column, RowsModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncConflicts", text)


def kind_label(kind: str) -> str:
    """Return what a kind of conflict means, for a supervisor."""
    names = {
        "owner": _tr("Two owners chosen"),
        "customer": _tr("Customer edited in two places"),
        "resolution_crossed_message": _tr("Resolved while the customer wrote"),
        "same_message": _tr("One message received in two places, kept once"),
        "same_customer": _tr("One customer recorded in two places, merged"),
        "set_aside": _tr("A change set aside at the central server"),
        "set_aside_here": _tr("A change from the central server set aside here"),
    }
    return names.get(kind, _tr("Conflict"))


def reason_text(reason: str | None) -> str:
    """Return why a change was set aside, in words."""
    if not reason:
        return ""
    if reason.startswith("unique"):
        _, _, columns = reason.partition(":")
        named = ", ".join(field_label(c).lower() for c in columns.split(",") if c)
        if named:
            return _tr("Another record already has the same {fields}.").format(fields=named)
        return _tr("Another record already has the same values.")
    texts = {
        "reference": _tr("It refers to a record that is not here."),
        "missing": _tr("A value it needs is missing."),
        "unfit": _tr("A value does not fit here."),
    }
    return texts.get(reason, _tr("It could not be stored."))


def entity_label(entity: str) -> str:
    """Return the kind of record a set-aside change is about."""
    names = {
        "app_user": _tr("user"),
        "site": _tr("site"),
        "function": _tr("function"),
        "category": _tr("category"),
        "template": _tr("template"),
        "root_cause": _tr("root cause"),
        "routing_rule": _tr("routing rule"),
        "service_level_policy": _tr("service-level policy"),
        "business_calendar": _tr("business calendar"),
        "complaint": _tr("complaint"),
        "customer": _tr("customer"),
        "contact_point": _tr("contact point"),
        "message": _tr("message"),
        "problem": _tr("problem"),
    }
    return names.get(entity, _tr("record"))


def conflict_text(conflict: SyncConflictView) -> str:
    """The kind of conflict and, for a change set aside, why."""
    why = reason_text(conflict.reason)
    return f"{kind_label(conflict.kind)}\n{why}" if why else kind_label(conflict.kind)


def subject_text(conflict: SyncConflictView) -> str:
    """What the conflict is about: a reference, a name, or the kind of record and its name."""
    if conflict.kind.startswith("set_aside") and conflict.complaint_id is None:
        return f"{entity_label(conflict.entity)} {conflict.subject}".strip()
    return conflict.subject


def field_label(name: str) -> str:
    """Return the name a supervisor knows for a field a conflict shows."""
    names = {
        "owner_id": _tr("Owner"),
        "status": _tr("Status"),
        "message_id": _tr("The customer's message"),
        "display_name": _tr("Name"),
        "given_name": _tr("Given name"),
        "family_name": _tr("Family name"),
        "postcode": _tr("Postcode"),
        "segment": _tr("Segment"),
        "preferred_language": _tr("Language"),
        "preferred_channel": _tr("Preferred channel"),
        "complaint_id": _tr("Complaint"),
        "customer_id": _tr("Customer"),
        "login": _tr("Login"),
        "code": _tr("Code"),
        "name": _tr("Name"),
        "reference": _tr("Reference"),
        "subject": _tr("Subject"),
        "role": _tr("Role"),
        "site_id": _tr("Site"),
        "email": _tr("Email"),
        "title": _tr("Title"),
        "value": _tr("Value"),
        "kind": _tr("Kind"),
        "linked_complaint_id": _tr("Linked complaint"),
    }
    return names.get(name, "")  # a field people do not know is left out, never its code name


def value_label(name: str, value: str) -> str:
    """Return a field's value as the screens show it (``Resolved``, not ``resolved``)."""
    if name == "status" and value in tuple(Status):
        return labels.status_label(Status(value))
    if name == "segment" and value:
        return labels.segment_label(value)
    if name == "preferred_language" and value:
        return labels.language_label(value)
    if name == "preferred_channel" and value in tuple(Channel):
        return labels.channel_label(Channel(value))
    return value


def version_text(values: dict[str, str]) -> str:
    """Return one version of a conflict as "Owner: Camille Bonnefoy" lines (fields people know).

    A version of the owner alone is the owner's name: the conflict's kind already says so.
    """
    if list(values) == ["owner_id"]:
        return value_label("owner_id", values["owner_id"]) or labels.unassigned()
    line = _tr("{field}: {value}")  # French puts a space before the colon
    return "\n".join(
        line.format(field=field_label(k), value=value_label(k, v))
        for k, v in values.items()
        if field_label(k) and v
    )


class SyncConflictModel(RowsModel[SyncConflictView]):
    """The open conflicts: kind, complaint or customer, the kept version, the other one."""

    RAISED = 4
    """The column of when the conflict was raised."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(_tr("Conflict"), conflict_text),
                Column(_tr("Complaint or customer"), subject_text),
                Column(_tr("Settled version (in force)"), lambda c: version_text(c.kept)),
                Column(_tr("Other version"), lambda c: version_text(c.other)),
                Column(_tr("Raised"), lambda c: labels.local_time(c.raised_at)),
            ],
            parent,
        )


class SyncConflictsDialog(QDialog):
    """Supervisors look at each conflict and keep the settled version or the other one.

    Args:
        ctx: the signed-in supervisor.
        operations: runs the reads and the settlement off the GUI thread.
        parent: the main window.
    """

    def __init__(
        self, ctx: ServiceContext, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._operations = operations
        self.setWindowTitle(_tr("Sync conflicts"))
        self.model = SyncConflictModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_tr("Conflicts settled by sync"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            SyncConflictModel.RAISED, QHeaderView.ResizeMode.ResizeToContents
        )
        self.explanation = QLabel(
            _tr(
                "Sync settled these by rule (the later change wins) so every workstation "
                "agrees. Check each one: keep the settled version, or keep the other one, "
                "which is recorded as your change."
            )
        )
        self.explanation.setWordWrap(True)
        self.empty = QLabel(_tr("No conflicts to look at."))
        self.keep_settled = QPushButton(_tr("Keep &settled version"))
        self.keep_other = QPushButton(_tr("Keep &other version"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.keep_settled, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.keep_other, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.keep_settled.clicked.connect(lambda: self.settle(keep_other=False))
        self.keep_other.clicked.connect(lambda: self.settle(keep_other=True))
        layout = QVBoxLayout(self)
        for widget in (self.explanation, self.table, self.empty, buttons):
            layout.addWidget(widget)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.resize(900, 420)
        self._enable()

    def reload(self) -> None:
        """Read the open conflicts again (off the GUI thread)."""
        ctx = self._ctx
        self._operations.read(lambda: sync_conflicts.open_conflicts(ctx), self._show)

    def selected(self) -> SyncConflictView | None:
        """Return the conflict the supervisor selected, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def settle(self, *, keep_other: bool) -> None:
        """Settle the selected conflict, then show what is left."""
        conflict = self.selected()
        if conflict is None:
            return
        ctx, conflict_id = self._ctx, conflict.id
        changes = Changes(queues=True, notifications=True)
        if conflict.kind != "customer":
            changes = Changes.complaint(_complaint_id(conflict))
        self._operations.run(
            lambda: sync_conflicts.settle(ctx, conflict_id, keep_other=keep_other),
            changes,
            done=lambda _result: self.reload(),
        )

    def _show(self, rows: tuple[SyncConflictView, ...]) -> None:
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected()
        self.keep_settled.setEnabled(chosen is not None)
        self.keep_other.setEnabled(chosen is not None and chosen.other_possible)


def _complaint_id(conflict: SyncConflictView) -> uuid.UUID:
    return conflict.complaint_id if conflict.complaint_id is not None else conflict.id

"""Saved views in the navigation list: under the queues, each with its count.

The built-in queues stay where they are (and keep their Ctrl+number); the views follow a
"Saved views" heading that cannot be selected. Views are read and counted off the GUI thread.
"""

from __future__ import annotations

import uuid
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QListWidget, QListWidgetItem, QWidget

from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import views
from complaintdesk.services.insight.views import SavedViewInfo
from complaintdesk.ui.dialogs.form import FormDialog, line_edit
from complaintdesk.ui.tasks import Task, TaskRunner

VIEW_ROLE = Qt.ItemDataRole.UserRole + 1
"""Where a navigation item keeps its saved view's id (as text)."""
_HEADING_ROLE = Qt.ItemDataRole.UserRole + 2


class SaveViewDialog(FormDialog):
    """Name the current queue, filters and order; supervisors may share it with the team.

    Args:
        name: the name proposed (a rename starts from the old one).
        can_share: show the "share with the team" box.
        parent: the main window.
    """

    def __init__(
        self, title: str, name: str, *, can_share: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, self.tr("Save"), parent=parent)
        self.name = self.add_field(self.tr("&Name:"), line_edit(name, self.tr("e.g. Late email")))
        self.share = QCheckBox(self.tr("&Share with the team"))
        if can_share:
            self.form.addRow("", self.share)
        self.name.selectAll()
        self.name.setFocus()

    def check(self) -> str:
        return "" if self.name.text().strip() else self.tr("Give the view a name.")


class SavedViewList(QObject):
    """Keeps the saved views at the end of the navigation list, with their counts.

    Args:
        ctx: the signed-in caller.
        runner: the window's task runner.
        navigation: the window's list of queues.
    """

    loaded = Signal()
    """The views on screen are fresh (their counts follow)."""
    counted = Signal()
    """Every view shows its count."""

    def __init__(self, ctx: ServiceContext, runner: TaskRunner, navigation: QListWidget) -> None:
        super().__init__(navigation)
        self._ctx = ctx
        self._runner = runner
        self._navigation = navigation
        self._views: dict[str, SavedViewInfo] = {}
        self._generation = 0
        self._pending = 0
        self.counts: dict[uuid.UUID, int] = {}

    @property
    def shown(self) -> tuple[SavedViewInfo, ...]:
        """The views in the navigation, in order."""
        return tuple(self._views.values())

    def view_at(self, item: QListWidgetItem | None) -> SavedViewInfo | None:
        """Return the saved view of a navigation item, or None for a queue or the heading."""
        key = item.data(VIEW_ROLE) if item is not None else None
        return self._views.get(key) if key else None

    def row_of(self, view_id: uuid.UUID) -> int:
        """Return the navigation row of a view, or -1."""
        for row in range(self._navigation.count()):
            if self._navigation.item(row).data(VIEW_ROLE) == str(view_id):
                return row
        return -1

    def load(self) -> None:
        """Read the views off the GUI thread, then show and count them."""
        ctx = self._ctx

        def work(_task: Task[tuple[SavedViewInfo, ...]]) -> tuple[SavedViewInfo, ...]:
            return views.list_views(ctx)

        self._runner.run(work, self._show)

    def count(self) -> None:
        """Count every shown view off the GUI thread (older counts on their way are dropped)."""
        self._generation += 1
        self._pending = len(self._views)
        ctx = self._ctx
        for view in self._views.values():
            work = partial(_count_work, ctx, view)
            self._runner.run(work, partial(self._show_count, self._generation, view))

    def _show(self, found: tuple[SavedViewInfo, ...]) -> None:
        navigation = self._navigation
        current = self.view_at(navigation.currentItem())
        blocked = navigation.blockSignals(True)  # rebuilding is not choosing a queue
        for row in reversed(range(navigation.count())):
            item = navigation.item(row)
            if item.data(VIEW_ROLE) or item.data(_HEADING_ROLE):
                navigation.takeItem(row)
        self._views = {str(v.id): v for v in found}
        if found:
            navigation.addItem(self._heading())
        for view in found:
            navigation.addItem(self._item(view))
        if current is not None and self.row_of(current.id) >= 0:
            navigation.setCurrentRow(self.row_of(current.id))
        navigation.blockSignals(blocked)
        self.loaded.emit()
        self.count()

    def _heading(self) -> QListWidgetItem:
        item = QListWidgetItem(self.tr("Saved views"))
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setData(_HEADING_ROLE, True)
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        return item

    def _item(self, view: SavedViewInfo) -> QListWidgetItem:
        item = QListWidgetItem(view.name)
        item.setData(VIEW_ROLE, str(view.id))
        if view.mine and view.shared:
            tip = self.tr("Your view, shared with the team")
        elif view.mine:
            tip = self.tr("Your view (only you see it)")
        else:
            tip = self.tr("Shared by {name}").format(name=view.owner_name)
        item.setToolTip(tip)
        return item

    def _show_count(self, generation: int, view: SavedViewInfo, count: int) -> None:
        if generation != self._generation:
            return
        self.counts[view.id] = count
        row = self.row_of(view.id)
        if row >= 0:
            text = self.tr("{view} ({count})").format(view=view.name, count=count)
            self._navigation.item(row).setText(text)
        self._pending -= 1
        if self._pending == 0:
            self.counted.emit()


def _count_work(ctx: ServiceContext, view: SavedViewInfo, _task: Task[int]) -> int:
    return views.count_view(ctx, view)

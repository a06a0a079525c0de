"""The quarantine queue: what intake could not turn into a complaint, waiting for a person.

Supervisors and administrators find it in the navigation with its count. Choosing it shows
the items in place of the complaint table: where each came from, why it waits, what it
holds. A person retries it (after fixing what was wrong), attaches it to a customer or to a
complaint, or discards it with a reason; every decision goes through the services, off the
GUI thread, and is audited.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import Connection, QuarantineChannels, ServiceContext
from complaintdesk.services.inbound import quarantine
from complaintdesk.services.inbound.quarantined import QuarantineView, ReleaseTarget
from complaintdesk.ui.changes import Changes
from complaintdesk.ui.dialogs.form import FormDialog
from complaintdesk.ui.dialogs.quarantine import CustomerPickDialog, ReferenceDialog
from complaintdesk.ui.dialogs.simple import TextDialog
from complaintdesk.ui.operations import Operations
from complaintdesk.ui.queues.quarantine_items import QuarantineModel, describe

PREVIEW_BYTES = 8 * 1024
"""How much of an item's bytes the page shows as text."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("Quarantine", text)


class QuarantinePage(QWidget):
    """The quarantine's items, what the selected one holds, and the decisions.

    Args:
        ctx: the signed-in supervisor or administrator.
        operations: runs reads and decisions off the GUI thread.
        channels: what reads an item again (None: retry and release are not offered).
        parent: the owning widget.
    """

    decided = Signal()
    """A decision was made: the count in the navigation changes."""

    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        channels: QuarantineChannels | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._operations = operations
        self._channels = channels
        self.model = QuarantineModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_tr("Quarantined items"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_tr("What the item holds"))
        self.empty = QLabel(
            _tr("Nothing waits in the quarantine: everything customers sent was stored.")
        )
        self.empty.setWordWrap(True)
        self.retry_button = QPushButton(_tr("&Retry"))
        self.retry_button.setToolTip(
            _tr("Read it again and store it, once what was wrong is fixed")
        )
        self.customer_button = QPushButton(_tr("Attach to a c&ustomer…"))
        self.complaint_button = QPushButton(_tr("Attach to a co&mplaint…"))
        self.discard_button = QPushButton(_tr("&Discard…"))
        self.last_dialog: FormDialog | None = None
        self._lay_out()
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.retry_button.clicked.connect(self.retry)
        self.customer_button.clicked.connect(self.attach_to_customer)
        self.complaint_button.clicked.connect(self.attach_to_complaint)
        self.discard_button.clicked.connect(self.discard)
        self._enable()

    def _lay_out(self) -> None:
        intro = QLabel(
            _tr(
                "What customers sent that could not become a complaint on its own. Retry it "
                "once what was wrong is fixed, attach it by hand, or discard it saying why."
            )
        )
        intro.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (
            self.retry_button,
            self.customer_button,
            self.complaint_button,
            self.discard_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([300, 300])
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.empty)
        column.addWidget(split, 1)
        column.addLayout(buttons)

    # --- what the person does ---

    def reload(self) -> None:
        """Read the waiting items again (off the GUI thread)."""
        ctx = self._ctx
        self._operations.read(lambda: quarantine.list_items(ctx), self._show)

    def selected(self) -> QuarantineView | None:
        """Return the item selected, or None."""
        return self.model.row_at(self.table.currentIndex().row())

    def retry(self) -> None:
        """Read the selected item again through its channel and store it."""
        item, channels = self.selected(), self._channels
        if item is None or channels is None:
            return
        ctx, item_id = self._ctx, item.id
        self._operations.run(
            lambda: channels.retry(ctx, item_id),
            Changes(queues=True, notifications=True),
            done=lambda _result: self._after_decision(),
        )

    def attach_to_customer(self) -> None:
        """Pick a customer and open a complaint for them with the selected item."""
        item = self.selected()
        if item is None or self._channels is None:
            return
        dialog = CustomerPickDialog(self._ctx, self._operations, item.subject or "", self)
        dialog.submitted.connect(partial(self._release, dialog, item, dialog.target))
        self.last_dialog = dialog
        dialog.open()

    def attach_to_complaint(self) -> None:
        """Add the selected item to a complaint, by its reference."""
        item = self.selected()
        if item is None or self._channels is None:
            return
        dialog = ReferenceDialog(self)
        dialog.submitted.connect(partial(self._release, dialog, item, dialog.target))
        self.last_dialog = dialog
        dialog.open()

    def discard(self) -> None:
        """Discard the selected item, with the reason the person writes (audited)."""
        item = self.selected()
        if item is None:
            return
        dialog = TextDialog(
            _tr("Discard the item"),
            _tr("&Discard"),
            _tr("&Why:"),
            _tr("e.g. spam, a test message, already answered"),
            intro=_tr("The item is kept, marked discarded; the reason goes to the audit trail."),
            parent=self,
        )
        ctx, item_id = self._ctx, item.id

        def run() -> None:
            reason = dialog.value()
            self._operations.run(
                lambda: quarantine.discard(ctx, item_id, reason),
                Changes(),
                form=dialog,
                done=lambda _view: self._after_decision(),
            )

        dialog.submitted.connect(run)
        self.last_dialog = dialog
        dialog.open()

    # --- inside ---

    def _release(
        self, dialog: FormDialog, item: QuarantineView, target: Callable[[], ReleaseTarget]
    ) -> None:
        channels, ctx, item_id, chosen = self._channels, self._ctx, item.id, target()
        assert channels is not None
        self._operations.run(
            lambda: channels.release(ctx, item_id, chosen),
            Changes(queues=True, notifications=True),
            form=dialog,
            done=lambda _view: self._after_decision(),
        )

    def _after_decision(self) -> None:
        self.reload()
        self.decided.emit()

    def _show(self, items: tuple[QuarantineView, ...]) -> None:
        self.model.set_rows(items)
        self.table.setVisible(bool(items))
        self.details.setVisible(bool(items))
        self.empty.setVisible(not items)
        if items:
            self.table.selectRow(0)
        else:
            self.details.clear()
        self._enable()

    def _show_selected(self) -> None:
        self._enable()
        item = self.selected()
        if item is None:
            return
        ctx, item_id = self._ctx, item.id

        def preview() -> str:
            raw = quarantine.raw_of(ctx, item_id)[:PREVIEW_BYTES]
            return raw.decode("utf-8", "replace")

        self._operations.read(preview, lambda text: self._show_details(item_id, text))

    def _show_details(self, item_id: object, preview: str) -> None:
        item = self.selected()
        if item is not None and item.id == item_id:
            self.details.setPlainText(describe(item, preview))

    def _enable(self) -> None:
        chosen = self.selected() is not None
        readable = chosen and self._channels is not None
        for button in (self.retry_button, self.customer_button, self.complaint_button):
            button.setEnabled(readable)
        self.discard_button.setEnabled(chosen)


class QuarantineQueue(QObject):
    """The quarantine in the main window: an entry under the queues, with a count, and a page.

    Args:
        ctx: the signed-in supervisor or administrator.
        operations: the window's operations.
        channels: what reads items again (from the connection).
        parent: the main window.
    """

    ROLE = Qt.ItemDataRole.UserRole + 40
    """Marks the navigation entry of the quarantine."""

    def __init__(
        self,
        ctx: ServiceContext,
        operations: Operations,
        channels: QuarantineChannels | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._operations = operations
        self.page = QuarantinePage(ctx, operations, channels)
        self.entry = QListWidgetItem(_tr("Quarantine"))
        self.entry.setData(self.ROLE, True)
        self.entry.setToolTip(_tr("What customers sent that waits for a decision"))
        self.count: int | None = None
        self._pages: QStackedWidget | None = None
        self._navigation: QListWidget | None = None

    @classmethod
    def offered(
        cls, ctx: ServiceContext, operations: Operations, connection: Connection, parent: QWidget
    ) -> QuarantineQueue | None:
        """Return the quarantine for those who review it (supervisors, administrators)."""
        if not ctx.actor.can(Permission.REVIEW_QUARANTINE):
            return None
        return cls(ctx, operations, connection.quarantine, parent)

    def install(
        self,
        menu: QMenu,
        action: Callable[[str, str, Callable[[], object]], QAction],
        navigation: QListWidget,
        pages: QStackedWidget,
    ) -> None:
        """Add the entry under the queues, its page beside the table, its menu entry.

        Choosing the entry shows the page in ``pages``; choosing anything else, the queue.
        """
        self._navigation, self._pages = navigation, pages
        navigation.currentRowChanged.connect(lambda row: self.show_if_chosen(navigation.item(row)))
        navigation.addItem(self.entry)
        pages.addWidget(self.page)
        self.go_action = action(_tr("&Quarantine"), "Ctrl+Alt+Q", self.go)
        menu.addAction(self.go_action)
        self.page.decided.connect(self.refresh_count)

    def go(self) -> None:
        """Show the quarantine and put the focus in its table."""
        if self._navigation is not None:
            self._navigation.setCurrentItem(self.entry)
            self.page.table.setFocus()

    def show_if_chosen(self, item: QListWidgetItem | None) -> bool:
        """Show the page if ``item`` is the quarantine's entry (else the queue's table)."""
        chosen = item is not None and bool(item.data(self.ROLE))
        if self._pages is not None:
            self._pages.setCurrentIndex(self._pages.indexOf(self.page) if chosen else 0)
        if chosen:
            self.page.reload()
        return chosen

    def refresh_count(self) -> None:
        """Count the waiting items off the GUI thread and show the count on the entry."""
        ctx = self._ctx
        self._operations.read(lambda: quarantine.count_waiting(ctx), self._counted)

    def _counted(self, count: int) -> None:
        self.count = count
        self.entry.setText(_tr("Quarantine ({count})").format(count=count))

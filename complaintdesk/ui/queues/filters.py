"""The filter bar over the queue table: one menu button per field, combined with AND.

Each button opens a menu of checkable values (alternatives within a field); its text says
what is chosen. Ctrl+L puts the focus on the first button, Tab moves along the bar, Space or
Enter opens a menu, and Esc anywhere in the bar clears every filter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from enum import Enum
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from complaintdesk.domain.vocabulary import Channel, ClockState, Priority, Segment, Status
from complaintdesk.services.insight.queue_choices import FilterChoices, Option
from complaintdesk.services.read_models import QueueFilters
from complaintdesk.ui import labels
from complaintdesk.ui.dialogs.form import FormDialog

AGES = (1, 2, 5, 10, 30, 56)
"""The "older than" choices, in days (56 days: the FCA's eight weeks)."""

Entry = tuple[object, str]
"""A value a filter holds and its label."""


def _enum_entries(values: Iterable[Enum], label: Callable[[Any], str]) -> list[Entry]:
    return [(v, label(v)) for v in values]


def _option_entries(options: Sequence[Option]) -> list[Entry]:
    return [(o.id, o.label) for o in options]


class FilterButton(QToolButton):
    """A field of the bar: a menu of checkable values; the text says what is chosen."""

    changed = Signal()
    """The person checked or unchecked a value."""

    def __init__(self, field: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._title = title
        self._labels: dict[object, str] = {}
        self._values: list[object] = []
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(title)
        self.setMenu(QMenu(self))
        self.set_entries([])

    def set_entries(self, entries: Sequence[Entry]) -> None:
        """Offer ``entries``, keeping what was chosen among them."""
        chosen = self.chosen()
        menu = self.menu()
        menu.clear()
        self._labels = dict(entries)
        # Actions hold positions: Qt would turn enum members into plain text or numbers.
        self._values = [value for value, _text in entries]
        for number, (value, text) in enumerate(entries):
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(value in chosen)
            action.setData(number)
            action.toggled.connect(self._toggled)
        if not entries:
            menu.addAction(self.tr("(loading…)")).setEnabled(False)
        self._show_text()

    def chosen(self) -> frozenset[Any]:
        """Return the checked values."""
        actions = self.menu().actions()
        return frozenset(self._values[a.data()] for a in actions if a.isChecked())

    def set_chosen(self, values: Iterable[object]) -> None:
        """Check exactly ``values`` without announcing a change."""
        wanted = set(values)
        for action in self.menu().actions():
            blocked = action.blockSignals(True)
            action.setChecked(action.isCheckable() and self._values[action.data()] in wanted)
            action.blockSignals(blocked)
        self._show_text()

    def _toggled(self, _checked: bool) -> None:
        self._show_text()
        self.changed.emit()

    def _show_text(self) -> None:
        chosen = [self._labels[v] for v in self._labels if v in self.chosen()]
        if not chosen:
            text = self._title
        elif len(chosen) == 1:
            text = self.tr("{field}: {value}").format(field=self._title, value=chosen[0])
        else:
            text = self.tr("{field}: {first} +{more}").format(
                field=self._title, first=chosen[0], more=len(chosen) - 1
            )
        self.setText(text)
        self.setToolTip(", ".join(chosen) if chosen else self.tr("Any"))
        font = self.font()
        font.setBold(bool(chosen))
        self.setFont(font)


class FilterBar(QWidget):
    """What the queue is narrowed to; emits the new :class:`QueueFilters` on every change."""

    filters_changed = Signal(object)
    """(QueueFilters) the person changed a filter or cleared them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Filters"))
        self._filters = QueueFilters()
        self.buttons: dict[str, FilterButton] = {}
        outer = QHBoxLayout(self)
        outer.setContentsMargins(4, 2, 4, 2)
        outer.setSpacing(6)
        # The buttons scroll sideways in a narrow window; the count always stays in view.
        strip = QWidget()
        layout = QHBoxLayout(strip)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        scroller = QScrollArea()
        scroller.setAccessibleName(self.tr("Filters"))
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidgetResizable(True)
        scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroller.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        outer.addWidget(scroller, 1)
        caption = QLabel(self.tr("Filter:"))
        layout.addWidget(caption)
        for field, title in self._fields():
            button = FilterButton(field, title, self)
            button.changed.connect(self._read_buttons)
            self.buttons[field] = button
            layout.addWidget(button)
        self.age = self._age_button()
        layout.addWidget(self.age)
        self._show_age()
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Clear every filter (Esc)"))
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        scroller.setWidget(strip)
        scroller.setFixedHeight(strip.sizeHint().height())
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Complaints shown"))
        outer.addWidget(self.count_label)
        caption.setBuddy(self.buttons["statuses"])
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.clear)
        self._fill_fixed_entries()
        self._update_clear()

    # --- what the window asks ---

    @property
    def filters(self) -> QueueFilters:
        """What the bar shows now."""
        return self._filters

    def focus_first(self) -> None:
        """Put the keyboard focus on the first field (Ctrl+L)."""
        self.buttons["statuses"].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_choices(self, choices: FilterChoices) -> None:
        """Offer the people, functions, sites and categories read off the GUI thread."""
        self.buttons["owner_ids"].set_entries(_option_entries(choices.owners))
        self.buttons["function_ids"].set_entries(_option_entries(choices.functions))
        self.buttons["site_ids"].set_entries(_option_entries(choices.sites))
        self.buttons["category_ids"].set_entries(_option_entries(choices.categories))

    def set_filters(self, filters: QueueFilters) -> None:
        """Show ``filters`` (a saved view's, a workload line's) without announcing a change."""
        self._filters = filters
        for field, button in self.buttons.items():
            button.set_chosen(getattr(filters, field))
        self._show_age()
        self._update_clear()

    def clear(self) -> None:
        """Remove every filter."""
        if not self._filters.empty:
            self.set_filters(QueueFilters())
            self.filters_changed.emit(self._filters)

    def show_count(self, count: int | None) -> None:
        """Say how many complaints the shown queue holds (None: being counted)."""
        if count is None:
            self.count_label.setText(self.tr("counting…"))
        else:
            # %Ln: 12,345 in English, 12 345 in French; "1 complaint", "2 complaints".
            self.count_label.setText(self.tr("%Ln complaint(s)", "", count))

    # --- inside ---

    def _fields(self) -> list[tuple[str, str]]:
        return [
            ("statuses", self.tr("Status")),
            ("owner_ids", self.tr("Owner")),
            ("function_ids", self.tr("Function")),
            ("channels", self.tr("Channel")),
            ("site_ids", self.tr("Site")),
            ("clock_states", self.tr("Clock")),
            ("regulatory_states", self.tr("Regulatory")),
            ("category_ids", self.tr("Category")),
            ("priorities", self.tr("Priority")),
            ("segments", self.tr("Segment")),
        ]

    def _fill_fixed_entries(self) -> None:
        b = self.buttons
        b["statuses"].set_entries(_enum_entries(Status, labels.status_label))
        b["channels"].set_entries(_enum_entries(Channel, labels.channel_label))
        b["clock_states"].set_entries(_enum_entries(ClockState, labels.clock_label))
        regulatory = [ClockState.ON_TRACK, ClockState.AT_RISK, ClockState.BREACHED, ClockState.MET]
        b["regulatory_states"].set_entries([(s, labels.regulatory_label(s)) for s in regulatory])
        b["priorities"].set_entries(_enum_entries(Priority, labels.priority_label))
        segments = [(s.value, labels.segment_label(s.value)) for s in Segment]
        b["segments"].set_entries(segments)

    def _age_button(self) -> QToolButton:
        button = QToolButton(self)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setAccessibleName(self.tr("Age"))
        menu = QMenu(button)
        group = QActionGroup(menu)
        for days in (0, *AGES):
            text = (
                self.tr("Any age")
                if days == 0
                else self.tr("Older than {days} days").format(days=days)
            )
            action = QAction(text, menu)
            action.setCheckable(True)
            action.setChecked(days == 0)
            action.setData(days)
            action.triggered.connect(partial(self._age_chosen, days))
            group.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        after = menu.addAction(self.tr("Received on or after…"))
        after.triggered.connect(partial(self.ask_date, "received_after"))
        before = menu.addAction(self.tr("Received before…"))
        before.triggered.connect(partial(self.ask_date, "received_before"))
        button.setMenu(menu)
        self.age = button
        self.date_dialog: ReceivedDateDialog | None = None
        return button

    def ask_date(self, field: str) -> None:
        """Ask for a day (local calendar); complaints received from (or before) its start."""
        title = (
            self.tr("Received on or after")
            if field == "received_after"
            else self.tr("Received before")
        )
        dialog = ReceivedDateDialog(title, getattr(self._filters, field), self.window())

        def chosen() -> None:
            dialog.accept()
            instant = dialog.instant()
            if field == "received_after":
                self._set_age(replace(self._filters, received_after=instant))
            else:
                self._set_age(replace(self._filters, received_before=instant))

        dialog.submitted.connect(chosen)
        self.date_dialog = dialog
        dialog.open()

    def _age_chosen(self, days: int, _checked: bool = False) -> None:
        if days == 0:  # "Any age" also forgets the dates
            filters = replace(self._filters, received_after=None, received_before=None)
            self._set_age(replace(filters, older_than_days=None))
        else:
            self._set_age(replace(self._filters, older_than_days=days))

    def _set_age(self, filters: QueueFilters) -> None:
        if filters != self._filters:
            self._filters = filters
            self._show_age()
            self._update_clear()
            self.filters_changed.emit(filters)

    def _show_age(self) -> None:
        f = self._filters
        for action in self.age.menu().actions():
            if action.isCheckable():
                blocked = action.blockSignals(True)
                action.setChecked(action.data() == (f.older_than_days or 0))
                action.blockSignals(blocked)
        parts = []
        if f.older_than_days is not None:
            parts.append(self.tr("> {days} d").format(days=f.older_than_days))
        if f.received_after is not None:
            parts.append(self.tr("from {day}").format(day=labels.local_date(f.received_after)))
        if f.received_before is not None:
            day = labels.local_date(f.received_before)
            parts.append(self.tr("before {day}").format(day=day))
        text = self.tr("Age: {what}").format(what=", ".join(parts)) if parts else self.tr("Age")
        self.age.setText(text)
        font = self.age.font()
        font.setBold(bool(parts))
        self.age.setFont(font)

    def _read_buttons(self) -> None:
        chosen: dict[str, Any] = {f: b.chosen() for f, b in self.buttons.items()}
        filters = replace(self._filters, **chosen)
        if filters != self._filters:
            self._filters = filters
            self._update_clear()
            self.filters_changed.emit(filters)

    def _update_clear(self) -> None:
        self.clear_button.setEnabled(not self._filters.empty)


class ReceivedDateDialog(FormDialog):
    """One day of the local calendar, for the received-after or received-before filter.

    Args:
        title: which bound it sets.
        current: the bound set now (its day is proposed), or None for today.
        parent: the window.
    """

    def __init__(self, title: str, current: datetime | None, parent: QWidget | None) -> None:
        super().__init__(title, self.tr("Filter"), parent=parent)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        start = QDate.currentDate()
        if current is not None:
            start = QDateTime.fromMSecsSinceEpoch(int(current.timestamp() * 1000)).date()
        self.date.setDate(start)
        self.add_field(self.tr("&Day:"), self.date)
        self.date.setFocus()

    def instant(self) -> datetime:
        """Return the start of the chosen day in local time, as a UTC instant."""
        local = QDateTime(self.date.date(), QTime(0, 0))
        return datetime.fromtimestamp(local.toMSecsSinceEpoch() / 1000, UTC)

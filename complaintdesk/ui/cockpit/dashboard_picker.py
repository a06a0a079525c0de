"""The dashboard's period and site pickers: last 7/30/90 days, this year, custom dates."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from complaintdesk.services.insight.dashboard import DashboardRequest

SiteChoices = tuple[tuple[uuid.UUID, str, str], ...]
"""(id, code, name) of the sites a supervisor may pick."""
PERIODS = ("7", "30", "90", "year", "custom")


class PeriodPicker(QWidget):
    """Which days (in the workstation's time zone) and which site the dashboard covers.

    Args:
        now: the clock (replaced in tests).
        parent: the owning widget.
    """

    changed = Signal()
    """The period or the site changed."""

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        names = (
            self.tr("Last 7 days"),
            self.tr("Last 30 days"),
            self.tr("Last 90 days"),
            self.tr("This year"),
            self.tr("Custom dates"),
        )
        for key, text in zip(PERIODS, names, strict=True):
            self.period.addItem(text, key)
        self.period.setCurrentIndex(1)
        self.first_day = QDateEdit()
        self.last_day = QDateEdit()
        for edit, name in ((self.first_day, self.tr("From")), (self.last_day, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self.changed.emit)
        self.site = QComboBox()
        self.site.setAccessibleName(self.tr("Site"))
        self.site.addItem(self.tr("All sites"), None)
        self._lay_out()
        self._show_days()
        self.period.currentIndexChanged.connect(self._period_changed)
        self.site.currentIndexChanged.connect(self.changed.emit)

    def _lay_out(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_buddy(self.tr("&Period:"), self.period))
        layout.addWidget(self.period)
        layout.addWidget(self.first_day)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.last_day)
        layout.addSpacing(16)
        layout.addWidget(_buddy(self.tr("&Site:"), self.site))
        layout.addWidget(self.site)

    def add_sites(self, sites: SiteChoices) -> None:
        """Offer ``sites`` after "All sites" (without reloading the figures)."""
        blocked = self.site.blockSignals(True)
        for site_id, code, name in sites:
            self.site.addItem(f"{code} — {name}", str(site_id))
        self.site.blockSignals(blocked)

    def request(self) -> DashboardRequest:
        """Return the period and site picked, as UTC instants (local midnight to midnight)."""
        first, last = self.days()
        site = self.site.currentData()
        return DashboardRequest(
            _local_midnight(first),
            _local_midnight(last + timedelta(days=1)),
            uuid.UUID(site) if site else None,
        )

    def days(self) -> tuple[date, date]:
        """Return the first and last local day of the period (both included)."""
        today = self._now().astimezone().date()
        key = self.period.currentData()
        if key == "custom":
            first, last = _day(self.first_day.date()), _day(self.last_day.date())
            return (first, last) if first <= last else (last, first)
        if key == "year":
            return today.replace(month=1, day=1), today
        return today - timedelta(days=int(key) - 1), today

    def _period_changed(self) -> None:
        self._show_days()
        self.changed.emit()

    def _show_days(self) -> None:
        custom = self.period.currentData() == "custom"
        self.first_day.setEnabled(custom)
        self.last_day.setEnabled(custom)
        if not custom:  # the dates say what "last 30 days" means
            first, last = self.days()
            for edit, day in ((self.first_day, first), (self.last_day, last)):
                blocked = edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(blocked)


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _local_midnight(day: date) -> datetime:
    """Return the UTC instant of the start of ``day`` in the workstation's time zone."""
    return datetime.combine(day, time(0)).astimezone().astimezone(UTC)

"""What the dashboard shows, as plain values: the request, the figures, each bar's filter."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from complaintdesk.domain.vocabulary import Channel, ClockState
from complaintdesk.services.read_models import QueueKind

AGE_BANDS = (3, 8, 15, 31, 57)
"""Upper bounds (exclusive, in days) of the backlog's age bands: 0-2, 3-7, 8-14, 15-30, 31-56
days, then "over 8 weeks" (the FCA's and most ombudsmen's deadline)."""


class Grain(StrEnum):
    """How the time charts group days: by day up to two months, by week up to a year."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class ChartFilter:
    """What a chart element stands for, as a filter on the queue it opens.

    ``queue`` is the built-in queue that holds every complaint of the filter (open ones for
    ``ALL_OPEN`` and ``BREACHED``, resolved ones for ``RESOLVED``); the other fields narrow it.
    Instants are UTC, ranges include their start and exclude their end.
    """

    queue: QueueKind
    site_id: uuid.UUID | None = None
    channel: Channel | None = None
    function_id: uuid.UUID | None = None
    """The function responsible for the complaint (promise compliance)."""
    root_cause_id: uuid.UUID | None = None
    root_cause_function_id: uuid.UUID | None = None
    clock_state: ClockState | None = None
    received_from: datetime | None = None
    received_to: datetime | None = None
    resolved_from: datetime | None = None
    resolved_to: datetime | None = None
    due_from: datetime | None = None
    """Resolution promise due in [due_from, due_to) (breaches trend)."""
    due_to: datetime | None = None
    satisfaction: int | None = None
    include_closed: bool = False
    """The element counts closed complaints too (inflow), which an open queue leaves out."""


@dataclass(frozen=True)
class Bar:
    """One bar (or slice) of a chart.

    Attributes:
        key: what the bar is, for the widget to label: a channel value, an ISO date, a
            band index, a score, or a name from the data (function, root cause).
        count: complaints behind the bar.
        value: the plotted figure when it is not the count (a percentage).
        group: the series the bar belongs to (a channel for the inflow, the function for
            a root cause).
        drill: the queue filter a click on the bar opens.
    """

    key: str
    count: int
    drill: ChartFilter
    value: float | None = None
    group: str = ""


@dataclass(frozen=True)
class DashboardRequest:
    """Which period (UTC, [start, end)) and which site (None: every site the caller sees)."""

    start: datetime
    end: datetime
    site_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Dashboard:
    """Every figure of the dashboard for one period and site."""

    request: DashboardRequest
    now: datetime
    grain: Grain
    buckets: tuple[date, ...]
    """First day of each time bucket, in order (the x axis of the time charts)."""
    inflow: tuple[Bar, ...]
    """Per channel (``group``) and bucket (``key``: ISO date of the bucket's first day)."""
    backlog: tuple[Bar, ...]
    """Open complaints now, per age band (``key``: band index into :data:`AGE_BANDS`)."""
    compliance_by_function: tuple[Bar, ...]
    """``value``: % of resolution promises kept among complaints resolved in the period."""
    compliance_by_channel: tuple[Bar, ...]
    breaches: tuple[Bar, ...]
    """Resolution promises broken, per bucket of their due day."""
    root_causes: tuple[Bar, ...]
    """Pareto order (most frequent first); ``value``: cumulative % of all causes."""
    satisfaction: tuple[Bar, ...]
    """Scores 1 to 10 (``key``), every score present even at 0."""
    satisfaction_average: float | None

    @property
    def received(self) -> int:
        """Complaints received in the period."""
        return sum(b.count for b in self.inflow)

    @property
    def empty(self) -> bool:
        """True when nothing was received, resolved or due in the period (the backlog, which
        is now and not the period's, does not count)."""
        resolved = sum(b.count for b in self.compliance_by_channel)
        rated = sum(b.count for b in self.satisfaction)
        causes = sum(b.count for b in self.root_causes)
        broken = sum(b.count for b in self.breaches)
        return not (self.received or resolved or rated or causes or broken)

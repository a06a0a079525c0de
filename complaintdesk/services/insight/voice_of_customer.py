"""The voice of the customer: the page a function head reads each month.

For one function and one calendar month (UTC): its complaints (how many, by which
channel), the causes it is responsible for, the promises kept on its complaints, what its
customers said of the service, and the problems still open on its side.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from complaintdesk.domain.errors import PermissionDenied, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import ClockState
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import problems, satisfaction
from complaintdesk.services.insight.problems import ProblemStatus, ProblemSummary
from complaintdesk.services.insight.satisfaction import ScoreLine
from complaintdesk.storage import lookups
from complaintdesk.storage.models import Complaint, Function, Problem, RootCause
from complaintdesk.storage.unit_of_work import UnitOfWork

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
TOP_CAUSES = 10


@dataclass(frozen=True)
class CountLine:
    """A label and how many complaints it stands for."""

    label: str
    count: int


@dataclass(frozen=True)
class VoiceOfCustomer:
    """One function's month.

    Attributes:
        complaints: complaints routed to the function, received in the month.
        previous_complaints: the same count for the month before (the trend).
        causes: complaints resolved in the month whose cause the function is responsible
            for, by cause, most frequent first.
        promises_met / promises_missed: the function's complaints resolved in the month,
            with every promise kept or not.
        satisfaction: scores given in the month on the function's complaints.
        open_problems: problems the function must still fix.
    """

    function_code: str
    function_name: str
    month: str
    complaints: int
    previous_complaints: int
    by_channel: tuple[CountLine, ...]
    causes: tuple[CountLine, ...]
    resolved: int
    promises_met: int
    promises_missed: int
    satisfaction: ScoreLine | None
    satisfaction_by_channel: tuple[ScoreLine, ...]
    open_problems: tuple[ProblemSummary, ...]

    @property
    def promises_kept(self) -> float | None:
        """% of promises kept among resolved complaints held to one (None: none)."""
        held = self.promises_met + self.promises_missed
        return round(100 * self.promises_met / held, 1) if held else None


def month_window(month: str) -> tuple[datetime, datetime]:
    """Return [first instant, first instant of the next month) of ``YYYY-MM`` in UTC."""
    found = MONTH.match(month.strip())
    if found is None:
        raise ValidationError(f"{month!r} is not a month like 2026-11.")
    year, number = int(found.group(1)), int(found.group(2))
    start = datetime(year, number, 1, tzinfo=UTC)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=UTC)
    return start, end


def monthly(ctx: ServiceContext, function_code: str, month: str) -> VoiceOfCustomer:
    """Return the voice of the customer of ``function_code`` for ``month`` (``YYYY-MM``).

    Raises:
        NotFound: no such function.
        PermissionDenied: neither a supervisor nor a member of the function.
    """
    start, end = month_window(month)
    previous_start, _ = month_window(_previous(month))
    with ctx.uow() as uow:
        function = lookups.require_function(uow, function_code)
        if function.id not in ctx.actor.function_ids and not ctx.actor.can(Permission.REASSIGN):
            raise PermissionDenied("The voice of the customer is for supervisors and members.")
        ours = Complaint.responsible_function_id == function.id
        received = [ours, Complaint.received_at >= start, Complaint.received_at < end]
        by_channel = _counts(uow, Complaint.channel, received)
        previous = [ours, Complaint.received_at >= previous_start, Complaint.received_at < start]
        met, missed, resolved = _promises(uow, function.id, start, end)
        scored = [ours, Complaint.satisfaction_at >= start, Complaint.satisfaction_at < end]
        overall = satisfaction.score_lines(uow, Function.name, ours, scored)
        return VoiceOfCustomer(
            function.code,
            function.name,
            month.strip(),
            sum(line.count for line in by_channel),
            _count(uow, previous),
            by_channel,
            _causes(uow, function.id, start, end),
            resolved,
            met,
            missed,
            overall[0] if overall else None,
            satisfaction.score_lines(uow, Complaint.channel, None, scored),
            problems.summaries_where(
                uow,
                Problem.function_id == function.id,
                Problem.status != ProblemStatus.CLOSED.value,
            ),
        )


def _previous(month: str) -> str:
    start, _ = month_window(month)
    return f"{start.year - 1}-12" if start.month == 1 else f"{start.year}-{start.month - 1:02d}"


def _count(uow: UnitOfWork, where: list[Any]) -> int:
    return int(uow.execute(select(func.count(Complaint.id)).where(*where)).scalar_one())


def _counts(uow: UnitOfWork, label: Any, where: list[Any]) -> tuple[CountLine, ...]:
    rows = uow.execute(select(label, func.count(Complaint.id)).where(*where).group_by(label)).all()
    lines = (CountLine(str(name), int(count)) for name, count in rows)
    return tuple(sorted(lines, key=lambda line: (-line.count, line.label)))


def _causes(
    uow: UnitOfWork, function_id: uuid.UUID, start: datetime, end: datetime
) -> tuple[CountLine, ...]:
    rows = uow.execute(
        select(RootCause.name, func.count(Complaint.id))
        .join(RootCause, RootCause.id == Complaint.root_cause_id)
        .where(
            Complaint.root_cause_function_id == function_id,
            Complaint.resolved_at >= start,
            Complaint.resolved_at < end,
        )
        .group_by(RootCause.name)
    ).all()
    lines = sorted((CountLine(str(n), int(c)) for n, c in rows), key=lambda x: (-x.count, x.label))
    return tuple(lines[:TOP_CAUSES])


def _promises(
    uow: UnitOfWork, function_id: uuid.UUID, start: datetime, end: datetime
) -> tuple[int, int, int]:
    """(met, missed, resolved) among the function's complaints resolved in the window."""
    rows = uow.execute(
        select(Complaint.clock_state, func.count(Complaint.id))
        .where(
            Complaint.responsible_function_id == function_id,
            Complaint.resolved_at >= start,
            Complaint.resolved_at < end,
        )
        .group_by(Complaint.clock_state)
    ).all()
    counts = {state: int(count) for state, count in rows}
    return (
        counts.get(ClockState.MET.value, 0),
        counts.get(ClockState.BREACHED.value, 0),
        sum(counts.values()),
    )

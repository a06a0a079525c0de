"""Who carries what: open, at-risk and breached complaints per agent and per function."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select

from complaintdesk.domain.permissions import Permission
from complaintdesk.domain.vocabulary import ClockState
from complaintdesk.services.complaints import directory
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import queues
from complaintdesk.services.read_models import QueueFilters, QueueKind, QueueRequest
from complaintdesk.storage import queue_queries as q
from complaintdesk.storage.models import Complaint, Function


class LoadKind(StrEnum):
    """Whose load a line counts."""

    AGENT = "agent"
    FUNCTION = "function"


@dataclass(frozen=True)
class LoadLine:
    """One agent's or function's open complaints; ``id`` None is the unassigned line."""

    kind: LoadKind
    id: uuid.UUID | None
    name: str
    open: int
    at_risk: int
    breached: int


@dataclass(frozen=True)
class Workload:
    """The load of every agent and every function, heaviest first."""

    agents: tuple[LoadLine, ...]
    functions: tuple[LoadLine, ...]


def workload(ctx: ServiceContext) -> Workload:
    """Count the open complaints per owner and per responsible function (supervisors)."""
    ctx.actor.require(Permission.REASSIGN)
    people = directory.possible_owners(ctx)
    scope = q.conditions(replace(queues.visibility(ctx.actor), open_only=True))
    with ctx.uow() as uow:
        by_owner = _counts(uow.rows(_grouped(Complaint.owner_id, scope)))
        by_function = _counts(uow.rows(_grouped(Complaint.responsible_function_id, scope)))
        functions = uow.rows(select(Function.id, Function.name).where(Function.active.is_(True)))
    names = {p.id: p.display_name for p in people}
    agents = [_line(LoadKind.AGENT, i, n, by_owner) for i, n in names.items()]
    if None in by_owner:
        agents.append(_line(LoadKind.AGENT, None, "", by_owner))
    teams = [_line(LoadKind.FUNCTION, i, n, by_function) for i, n in functions]
    return Workload(_heaviest(agents), _heaviest(teams))


def queue_of(line: LoadLine, clock: ClockState | None = None) -> QueueRequest:
    """Return the filtered queue that lists the complaints a line counts.

    Args:
        clock: only those at risk or breached (the column the person clicked).
    """
    clocks = frozenset({clock}) if clock is not None else frozenset()
    if line.kind is LoadKind.AGENT and line.id is None:
        return QueueRequest(QueueKind.UNASSIGNED, filters=QueueFilters(clock_states=clocks))
    ids = frozenset({line.id}) if line.id is not None else frozenset()
    if line.kind is LoadKind.AGENT:
        filters = QueueFilters(owner_ids=ids, clock_states=clocks)
    else:
        filters = QueueFilters(function_ids=ids, clock_states=clocks)
    return QueueRequest(QueueKind.ALL_OPEN, filters=filters)


_Counts = dict[uuid.UUID | None, Counter[str]]


def _grouped(column: Any, scope: list[ColumnElement[bool]]) -> Select[Any]:
    return (
        select(column, Complaint.clock_state, func.count())
        .where(and_(True, *scope))
        .group_by(column, Complaint.clock_state)
    )


def _counts(rows: Iterable[tuple[uuid.UUID | None, str, int]]) -> _Counts:
    found: _Counts = {}
    for key, clock, number in rows:
        found.setdefault(key, Counter())[clock] += number
    return found


def _line(kind: LoadKind, key: uuid.UUID | None, name: str, counts: _Counts) -> LoadLine:
    states = counts.get(key, Counter())
    return LoadLine(
        kind,
        key,
        name,
        sum(states.values()),
        states[ClockState.AT_RISK.value],
        states[ClockState.BREACHED.value],
    )


def _heaviest(lines: list[LoadLine]) -> tuple[LoadLine, ...]:
    return tuple(sorted(lines, key=lambda x: (-x.breached, -x.at_risk, -x.open, x.name)))

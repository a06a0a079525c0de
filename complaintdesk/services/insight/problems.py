"""Problems: one recurring cause linking many complaints, owned until fixed upstream.

DESIGN.md principle 6. A problem has an owner, a status, the function responsible for the
fix and the dated actions that function took; complaints are attached from the queue or the
workspace. Every change is audited like a complaint's.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select

from complaintdesk.domain.errors import NotFound, PermissionDenied, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.complaints.access import complaint_for_change, may_see, record
from complaintdesk.services.context import Actor, ServiceContext
from complaintdesk.storage import lookups
from complaintdesk.storage.models import Complaint, Function, Problem, RootCause, Site, User
from complaintdesk.storage.unit_of_work import UnitOfWork

MAX_LINKED = 2000
"""Complaints listed on one problem's page (the count is always exact)."""


class ProblemStatus(StrEnum):
    """Where the fix of a problem stands."""

    OPEN = "open"
    INVESTIGATING = "investigating"
    FIXED = "fixed"
    CLOSED = "closed"


@dataclass(frozen=True)
class NewProblem:
    """What a person gives to open a problem."""

    title: str
    description: str = ""
    root_cause_code: str | None = None
    function_code: str | None = None
    """The function responsible for the fix (default: the root cause's function)."""
    owner_id: uuid.UUID | None = None
    """Who follows it up (default: whoever opens it)."""


@dataclass(frozen=True)
class ProblemSummary:
    """One line of the problems list."""

    id: uuid.UUID
    title: str
    status: ProblemStatus
    owner_name: str | None
    function_name: str | None
    root_cause_name: str | None
    complaints: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ProblemAction:
    """A dated action taken on a problem, and who recorded it."""

    at: datetime
    by: str
    text: str


@dataclass(frozen=True)
class LinkedComplaint:
    """A complaint attached to a problem."""

    id: uuid.UUID
    reference: str
    subject: str
    status: str
    channel: str
    site_code: str
    received_at: datetime


@dataclass(frozen=True)
class ProblemDetail:
    """A problem's page: its summary, description, actions and complaints."""

    summary: ProblemSummary
    description: str
    owner_id: uuid.UUID | None
    function_code: str | None
    root_cause_code: str | None
    actions: tuple[ProblemAction, ...]
    complaints: tuple[LinkedComplaint, ...]


def create(
    ctx: ServiceContext, new: NewProblem, complaint_ids: Sequence[uuid.UUID] = ()
) -> uuid.UUID:
    """Open a problem, attaching ``complaint_ids`` to it at once.

    Raises:
        ValidationError: no title.
        NotFound: an unknown root cause, function or complaint.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    if not new.title.strip():
        raise ValidationError("Give the problem a title that names what goes wrong.")
    with ctx.uow(write=True) as uow:
        cause = _cause(uow, new.root_cause_code)
        function_id = _function_id(uow, new.function_code)
        problem = Problem(
            title=new.title.strip()[:300],
            description=new.description.strip(),
            root_cause_id=cause.id if cause else None,
            function_id=function_id or (cause.function_id if cause else None),
            owner_id=new.owner_id or ctx.actor.user_id,
            status=ProblemStatus.OPEN.value,
            actions="",
        )
        record(uow, ctx.actor, problem, "problem_opened")
        _attach(uow, ctx.actor, problem, complaint_ids)
        uow.commit()
        return problem.id


def attach(ctx: ServiceContext, problem_id: uuid.UUID, complaint_ids: Sequence[uuid.UUID]) -> int:
    """Attach complaints to a problem (moving them from another one); return how many moved."""
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow(write=True) as uow:
        problem = _problem(uow, problem_id)
        moved = _attach(uow, ctx.actor, problem, complaint_ids)
        uow.commit()
        return moved


def detach(ctx: ServiceContext, complaint_id: uuid.UUID) -> None:
    """Take a complaint off its problem (attached by mistake)."""
    with ctx.uow(write=True) as uow:
        complaint = complaint_for_change(uow, ctx.actor, complaint_id, None)
        if complaint.problem_id is None:
            return
        complaint.problem_id = None
        record(uow, ctx.actor, complaint, "problem_detached", complaint.id)
        uow.commit()


def set_status(ctx: ServiceContext, problem_id: uuid.UUID, status: ProblemStatus) -> None:
    """Move a problem to ``status``; closing stamps when, reopening clears it."""
    with ctx.uow(write=True) as uow:
        problem = _problem(uow, problem_id)
        _require_steward(ctx.actor, problem)
        if problem.status == status.value:
            return
        problem.status = status.value
        problem.closed_at = datetime.now(UTC) if status is ProblemStatus.CLOSED else None
        record(uow, ctx.actor, problem, f"problem_{status.value}")
        uow.commit()


def assign(ctx: ServiceContext, problem_id: uuid.UUID, owner_id: uuid.UUID) -> None:
    """Give the problem to another owner (supervisors, or its current owner)."""
    with ctx.uow(write=True) as uow:
        problem = _problem(uow, problem_id)
        _require_steward(ctx.actor, problem)
        owner = uow.get(User, owner_id)
        if owner is None or not owner.active:
            raise NotFound("This person does not exist or no longer works here.")
        problem.owner_id = owner.id
        record(uow, ctx.actor, problem, "problem_assigned")
        uow.commit()


def add_action(ctx: ServiceContext, problem_id: uuid.UUID, text: str) -> None:
    """Append a dated action taken on the problem (its owner, a supervisor, its function)."""
    words = " ".join(text.split())
    if not words:
        raise ValidationError("Say what was done.")
    with ctx.uow(write=True) as uow:
        problem = _problem(uow, problem_id)
        if problem.function_id not in ctx.actor.function_ids:
            _require_steward(ctx.actor, problem)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        problem.actions = f"{problem.actions}{now}\t{ctx.actor.display_name}\t{words}\n"
        record(uow, ctx.actor, problem, "problem_action_added")
        uow.commit()


def list_problems(ctx: ServiceContext, *, open_only: bool = False) -> tuple[ProblemSummary, ...]:
    """Return the problems the caller may follow, most recently changed first.

    Supervisors (and everyone who sees every complaint) see all problems; a function member
    sees the problems their functions are responsible for.
    """
    with ctx.uow() as uow:
        query = _summaries().order_by(Problem.updated_at.desc()).limit(1000)
        query = query.where(_visible(ctx.actor))
        if open_only:
            query = query.where(Problem.status != ProblemStatus.CLOSED.value)
        return tuple(_summary(row) for row in uow.execute(query).all())


def get_problem(ctx: ServiceContext, problem_id: uuid.UUID) -> ProblemDetail:
    """Return one problem's page, with the attached complaints the caller may see."""
    with ctx.uow() as uow:
        row = uow.execute(_summaries().where(Problem.id == problem_id, _visible(ctx.actor))).first()
        if row is None:
            raise NotFound("This problem does not exist or is not visible to you.")
        problem: Problem = row[0]
        rows = uow.execute(
            select(Complaint, Site.code)
            .join(Site, Site.id == Complaint.site_id)
            .where(Complaint.problem_id == problem.id)
            .order_by(Complaint.received_at.desc())
            .limit(MAX_LINKED)
        ).all()
        linked = tuple(
            LinkedComplaint(c.id, c.reference, c.subject, c.status, c.channel, site, c.received_at)
            for c, site in rows
            if may_see(uow, ctx.actor, c)
        )
        cause = uow.get(RootCause, problem.root_cause_id) if problem.root_cause_id else None
        function = uow.get(Function, problem.function_id) if problem.function_id else None
        return ProblemDetail(
            _summary(row),
            problem.description,
            problem.owner_id,
            function.code if function else None,
            cause.code if cause else None,
            parse_actions(problem.actions),
            linked,
        )


def summaries_where(uow: UnitOfWork, *conditions: Any) -> tuple[ProblemSummary, ...]:
    """Return the problems meeting ``conditions`` inside the caller's unit of work (reports)."""
    query = _summaries().where(*conditions).order_by(Problem.created_at)
    return tuple(_summary(row) for row in uow.execute(query).all())


def parse_actions(text: str) -> tuple[ProblemAction, ...]:
    """Read the dated actions stored one per line (instant, author, text; tab-separated)."""
    actions = []
    for line in text.splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3:
            actions.append(ProblemAction(datetime.fromisoformat(parts[0]), parts[1], parts[2]))
    return tuple(actions)


def _attach(
    uow: UnitOfWork, actor: Actor, problem: Problem, complaint_ids: Sequence[uuid.UUID]
) -> int:
    moved = 0
    for complaint_id in dict.fromkeys(complaint_ids):
        complaint = complaint_for_change(uow, actor, complaint_id, None)
        if complaint.problem_id == problem.id:
            continue
        complaint.problem_id = problem.id
        record(uow, actor, complaint, "problem_attached", complaint.id)
        moved += 1
    if moved:
        problem.updated_at = datetime.now(UTC)  # the list shows recently active problems first
        record(uow, actor, problem, "problem_complaints_attached")
    return moved


def _summaries() -> Any:
    count = (
        select(func.count(Complaint.id))
        .where(Complaint.problem_id == Problem.id)
        .correlate(Problem)
        .scalar_subquery()
    )
    return (
        select(Problem, User.display_name, Function.name, RootCause.name, count)
        .outerjoin(User, User.id == Problem.owner_id)
        .outerjoin(Function, Function.id == Problem.function_id)
        .outerjoin(RootCause, RootCause.id == Problem.root_cause_id)
    )


def _summary(row: Any) -> ProblemSummary:
    problem, owner, function, cause, count = row
    return ProblemSummary(
        problem.id,
        problem.title,
        ProblemStatus(problem.status),
        owner,
        function,
        cause,
        int(count or 0),
        problem.created_at,
        problem.updated_at,
    )


def _visible(actor: Actor) -> Any:
    if actor.can(Permission.VIEW_ALL_COMPLAINTS) or actor.can(Permission.REASSIGN):
        return Problem.id.is_not(None)
    if actor.can(Permission.VIEW_CONTRIBUTIONS) and actor.function_ids:
        return Problem.function_id.in_(sorted(actor.function_ids))
    if actor.can(Permission.VIEW_SITE_COMPLAINTS) and actor.user_id is not None:
        return Problem.owner_id == actor.user_id
    return Problem.id.is_(None)


def _require_steward(actor: Actor, problem: Problem) -> None:
    """Only its owner or a supervisor changes who owns a problem and where it stands."""
    if actor.user_id is not None and problem.owner_id == actor.user_id:
        return
    if actor.can(Permission.REASSIGN):
        return
    raise PermissionDenied("Only the problem's owner or a supervisor can do this.")


def _problem(uow: UnitOfWork, problem_id: uuid.UUID) -> Problem:
    problem = uow.get(Problem, problem_id)
    if problem is None:
        raise NotFound("This problem does not exist.")
    return problem


def _cause(uow: UnitOfWork, code: str | None) -> RootCause | None:
    return lookups.picked_root_cause(uow, code) if code else None


def _function_id(uow: UnitOfWork, code: str | None) -> uuid.UUID | None:
    return lookups.picked_function(uow, code).id if code else None

"""Complaint lifecycle as a table of allowed transitions (DESIGN.md section 5)."""

from __future__ import annotations

from collections.abc import Mapping

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.vocabulary import OPEN_STATUSES, Status

S = Status

TRANSITIONS: Mapping[Status, frozenset[Status]] = {
    S.NEW: frozenset({S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED, S.WITHDRAWN}),
    S.ACKNOWLEDGED: frozenset({S.IN_PROGRESS, S.RESOLVED, S.WITHDRAWN}),
    S.IN_PROGRESS: frozenset(
        {S.WAITING_ON_CUSTOMER, S.WAITING_ON_FUNCTION, S.RESOLVED, S.WITHDRAWN}
    ),
    S.WAITING_ON_CUSTOMER: frozenset({S.IN_PROGRESS, S.RESOLVED, S.WITHDRAWN}),
    S.WAITING_ON_FUNCTION: frozenset({S.IN_PROGRESS, S.RESOLVED, S.WITHDRAWN}),
    S.RESOLVED: frozenset({S.CLOSED, S.REOPENED}),
    S.CLOSED: frozenset({S.REOPENED}),
    S.REOPENED: frozenset({S.IN_PROGRESS}),
    S.WITHDRAWN: frozenset(),
}


def allowed_next(status: Status) -> frozenset[Status]:
    """Return the statuses a complaint in ``status`` may move to."""
    return TRANSITIONS[status]


def check_transition(current: Status, target: Status, *, has_owner: bool) -> None:
    """Refuse an illegal move with a message naming the allowed ones.

    Raises:
        ValidationError: the move is not in the table, or the complaint would leave
            ``new`` without an owner.
    """
    allowed = TRANSITIONS[current]
    if target not in allowed:
        names = ", ".join(sorted(s.value for s in allowed)) or "none (final status)"
        raise ValidationError(
            f"A complaint cannot go from {current.value} to {target.value}; allowed: {names}."
        )
    if current is Status.NEW and target is not Status.WITHDRAWN and not has_owner:
        raise ValidationError(
            "Take or assign the complaint before it leaves new: it needs an owner."
        )


def is_open(status: Status) -> bool:
    """Return True while someone still has to act on the complaint."""
    return status in OPEN_STATUSES

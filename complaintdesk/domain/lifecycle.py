"""Complaint lifecycle as a table of allowed transitions (DESIGN.md section 5)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.vocabulary import OPEN_STATUSES, Outcome, Status

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
    S.MERGED: frozenset(),  # only undoing the merge brings it back
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


@dataclass(frozen=True)
class Resolution:
    """How a complaint was decided: what a regulator and the customer will read."""

    outcome: Outcome
    remedy: str
    root_cause_code: str
    amount: Decimal | None = None
    currency: str | None = None
    money_involved: bool = False
    root_cause_function_code: str | None = None
    """The function responsible for the cause; None: the cause's own function."""


def check_resolution(resolution: Resolution, open_requests: int, cancel_reason: str | None) -> None:
    """Refuse a resolution that lacks what DESIGN.md section 5 requires.

    Raises:
        ValidationError: no remedy, no root cause, money without an amount, or open
            contribution requests that the owner has not cancelled with a reason.
    """
    if not resolution.remedy.strip():
        raise ValidationError("Say what remedy the customer gets (it may be 'none, explained').")
    if not resolution.root_cause_code.strip():
        raise ValidationError("Choose the root cause before resolving.")
    if resolution.money_involved and resolution.amount is None:
        raise ValidationError("Money is involved: enter the amount.")
    if resolution.amount is not None and resolution.amount < 0:
        raise ValidationError("The amount cannot be negative.")
    if open_requests and not (cancel_reason and cancel_reason.strip()):
        raise ValidationError(
            f"{open_requests} contribution request(s) are still open: wait for the answers "
            "or cancel them with a reason."
        )


class InboundEffect(StrEnum):
    """What a new inbound customer message does to its complaint."""

    NONE = "none"
    REOPEN = "reopen"
    NEW_LINKED = "new_linked"


def effect_of_inbound(
    status: Status, closed_at: datetime | None, now: datetime, reopen_window: timedelta
) -> InboundEffect:
    """Decide whether a customer's new message reopens the complaint or opens a new one."""
    if status is Status.RESOLVED:
        return InboundEffect.REOPEN
    if status is Status.CLOSED:
        if closed_at is not None and now - closed_at <= reopen_window:
            return InboundEffect.REOPEN
        return InboundEffect.NEW_LINKED
    if status is Status.WITHDRAWN:
        return InboundEffect.NEW_LINKED
    return InboundEffect.NONE  # a merged complaint forwards its messages before this is asked

"""A complaint's clocks: every target of its policies, each with its own state, and a summary.

Each target of the company's promise and of the regulatory preset gets its own clock: the
instant it counts from, its due instant, when it was met and where it stands. The summary
kept on the complaint (next due instant, clock state, regulatory state…) is derived from
them so queues sort and filter through indexes (DESIGN.md section 6).

Two kinds of clock never mix: the company's promises may pause while the complaint waits
on the customer; regulatory deadlines never pause, count from the instant the preset names
(received, or sent by the customer), and a pause never hides their risk. Computing twice
gives the same answer.

What meets a target (:class:`~complaintdesk.domain.promises.presets.MetBy`):

* an acknowledgement — an acknowledgement or any answer sent sooner (for a company promise,
  a resolution too);
* a response — any answer to the customer (for a company promise, a resolution too);
* a resolution — the complaint resolved;
* a final response — a final response letter, or a summary resolution communication sent
  within the summary resolution window (UK DISP 1.5);
* the summary resolution target itself is an opportunity, not a duty: met when a final
  answer leaves within its window, "not needed" after it, never at risk nor breached.

The exceptional deadline (payment services: 35 business days) applies only after a holding
reply sent by the ordinary deadline; it then ends at the date the holding reply promised
(never later than the exceptional deadline) and the ordinary target reads "extended". A
holding reply sent late moves nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from complaintdesk.domain.promises import sla
from complaintdesk.domain.promises.deadlines import due_instant
from complaintdesk.domain.promises.presets import ClockStart, MetBy
from complaintdesk.domain.vocabulary import ClockState, LetterKind, Status, TargetState

SERVICE, REGULATORY = "service", "regulatory"
"""The two kinds of policy: the company's own promise, and a regulatory preset."""
SUMMARY_RESOLUTION = "summary_resolution"
EXCEPTIONAL = "final_response_exceptional"
ACKNOWLEDGE = "acknowledge"
COUNTED = frozenset(
    {TargetState.ON_TRACK, TargetState.AT_RISK, TargetState.PAUSED, TargetState.MET}
    | {TargetState.BREACHED, TargetState.STOPPED}
)
"""States of targets that are duties (summaries and escalation look at these only)."""
PENDING = frozenset({TargetState.ON_TRACK, TargetState.AT_RISK, TargetState.PAUSED})
WATCHED = (ClockState.ON_TRACK.value, ClockState.AT_RISK.value, ClockState.PAUSED.value)
"""Clock states a check must move forward (anything still pending)."""


class Dues(Protocol):
    """What clocks are computed from and written to: a complaint, or a bulk row."""

    received_at: datetime
    sent_at: datetime | None
    paused_seconds: int
    paused_since: datetime | None
    status: str
    policy_id: uuid.UUID | None
    regulatory_policy_id: uuid.UUID | None
    acknowledged_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    final_response_at: datetime | None
    final_response_kind: str | None
    holding_reply_at: datetime | None
    holding_reply_until: datetime | None
    acknowledge_due_at: datetime | None
    response_due_at: datetime | None
    resolution_due_at: datetime | None
    regulatory_due_at: datetime | None
    next_due_at: datetime
    clock_state: str
    regulatory_state: str
    regulatory_next_due_at: datetime | None


@dataclass
class DueRow:
    """A complaint's clock inputs and outputs outside the ORM (bulk recompute, demo seeding)."""

    received_at: datetime
    sent_at: datetime | None
    paused_seconds: int
    paused_since: datetime | None
    status: str
    policy_id: uuid.UUID | None
    regulatory_policy_id: uuid.UUID | None
    acknowledged_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    final_response_at: datetime | None
    final_response_kind: str | None
    holding_reply_at: datetime | None
    holding_reply_until: datetime | None
    next_due_at: datetime
    acknowledge_due_at: datetime | None = None
    response_due_at: datetime | None = None
    resolution_due_at: datetime | None = None
    regulatory_due_at: datetime | None = None
    clock_state: str = ClockState.ON_TRACK.value
    regulatory_state: str = ClockState.STOPPED.value
    regulatory_next_due_at: datetime | None = None

    def outputs(self) -> tuple[object, ...]:
        """Return what :func:`compute` writes, to tell whether it changed anything."""
        return tuple(getattr(self, name) for name in OUTPUTS)


OUTPUTS = (
    "acknowledge_due_at",
    "response_due_at",
    "resolution_due_at",
    "regulatory_due_at",
    "next_due_at",
    "clock_state",
    "regulatory_state",
    "regulatory_next_due_at",
)
"""The columns :func:`compute` writes on the complaint."""
FIELDS = tuple(DueRow.__dataclass_fields__)
"""Every column of :class:`DueRow`, in its order (what a bulk path reads)."""
INPUTS = tuple(name for name in FIELDS if name not in OUTPUTS)
"""The columns a clock is computed from."""


@dataclass(frozen=True)
class TargetClock:
    """One target of a complaint: when it counts from, when it is due, met, and its state."""

    kind: str
    target: str
    policy_id: uuid.UUID
    starts_at: datetime
    due_at: datetime
    met_at: datetime | None
    state: TargetState
    met_by: MetBy

    @property
    def counts(self) -> bool:
        """True for a duty (not an unused option, an extended deadline, nor a dropped one)."""
        return self.state in COUNTED and self.target != SUMMARY_RESOLUTION


def compute(
    subject: Dues, policies: Mapping[uuid.UUID, sla.Policy], now: datetime, segment: str | None
) -> list[TargetClock]:
    """Set the summary columns of ``subject`` and return the clock of every target.

    Args:
        policies: the active policies by id; a policy missing here counts as none.
        segment: the customer's segment (premium customers may have faster targets).
    """
    found = targets(subject, policies, now, segment)
    summarise(subject, found)
    return found


def targets(
    subject: Dues, policies: Mapping[uuid.UUID, sla.Policy], now: datetime, segment: str | None
) -> list[TargetClock]:
    """Return the clock of every target of the complaint's service policy and preset."""
    found: list[TargetClock] = []
    service = policies.get(subject.policy_id) if subject.policy_id else None
    if service is not None:
        found += _service_targets(subject, service, now, segment)
    regulatory = (
        policies.get(subject.regulatory_policy_id) if subject.regulatory_policy_id else None
    )
    if regulatory is not None:
        found += _regulatory_targets(subject, regulatory, now, segment)
    return found


def regulatory_start(subject: Dues, policy: sla.Policy) -> datetime:
    """Return the instant a preset's deadlines count from for this complaint.

    The customer's sending when the preset counts from it and it is known (never later
    than the receipt); the receipt otherwise.
    """
    sent = subject.sent_at
    if policy.clock_starts is ClockStart.SENT and sent is not None:
        return min(sent, subject.received_at)
    return subject.received_at


def _service_targets(
    subject: Dues, policy: sla.Policy, now: datetime, segment: str | None
) -> list[TargetClock]:
    waiting = subject.status == Status.WAITING_ON_CUSTOMER.value and policy.pauses_on_customer
    since = subject.paused_since if waiting else None
    shift = timedelta(seconds=subject.paused_seconds or 0) if policy.pauses_on_customer else None
    start = subject.received_at
    found = []
    for name, rule, met_by in policy.rules(segment):
        due = due_instant(start, rule)
        if shift and name != ACKNOWLEDGE:  # time waiting moves answers, not the acknowledgement
            due += shift
        met = _met(subject, met_by, service=True)
        state = _state(subject, start, due, met, now, policy.warning_ratio, waiting, since)
        found.append(TargetClock(SERVICE, name, policy.id, start, due, met, state, met_by))
    return found


def _regulatory_targets(
    subject: Dues, policy: sla.Policy, now: datetime, segment: str | None
) -> list[TargetClock]:
    start = regulatory_start(subject, policy)
    rules = policy.rules(segment)
    dues = {name: due_instant(start, rule) for name, rule, _ in rules}
    final = _final_answer(subject, dues.get(SUMMARY_RESOLUTION))
    ordinary = [dues[n] for n, _, by in rules if by is MetBy.FINAL_RESPONSE and n != EXCEPTIONAL]
    holding = _holding_in_time(subject, min(ordinary) if ordinary else None, EXCEPTIONAL in dues)
    found = []
    for name, _rule, met_by in rules:
        due, met = dues[name], _met(subject, met_by, service=False, final=final)
        if name == SUMMARY_RESOLUTION:
            met = final if final is not None and final <= due else None
            state = _summary_state(subject, due, met, now)
        elif name == EXCEPTIONAL:
            if holding is None:
                state = TargetState.NOT_NEEDED
            else:
                due = min(due, subject.holding_reply_until or due)
                state = _state(subject, start, due, met, now, policy.warning_ratio, False)
        elif holding is not None and met_by is MetBy.FINAL_RESPONSE and (met is None or met > due):
            met, state = holding, TargetState.EXTENDED
        else:
            state = _state(subject, start, due, met, now, policy.warning_ratio, False)
        found.append(TargetClock(REGULATORY, name, policy.id, start, due, met, state, met_by))
    return found


def _final_answer(subject: Dues, summary_due: datetime | None) -> datetime | None:
    """Return when the customer got a final answer: a summary resolution counts in its window."""
    sent = subject.final_response_at
    if sent is None:
        return None
    if subject.final_response_kind == LetterKind.SUMMARY_RESOLUTION.value and (
        summary_due is None or sent > summary_due
    ):
        return None
    return sent


def _holding_in_time(
    subject: Dues, ordinary_due: datetime | None, has_exceptional: bool
) -> datetime | None:
    sent = subject.holding_reply_at
    if not has_exceptional or sent is None or ordinary_due is None or sent > ordinary_due:
        return None
    return sent


def _met(
    subject: Dues, met_by: MetBy, *, service: bool, final: datetime | None = None
) -> datetime | None:
    final = subject.final_response_at if service else final
    resolved = subject.resolved_at if service else None
    if met_by is MetBy.ACKNOWLEDGEMENT:
        return _earliest(subject.acknowledged_at, subject.first_response_at, final, resolved)
    if met_by is MetBy.RESPONSE:
        return _earliest(subject.first_response_at, final, resolved)
    if met_by is MetBy.RESOLUTION:
        return subject.resolved_at
    return final


def _earliest(*instants: datetime | None) -> datetime | None:
    present = [i for i in instants if i is not None]
    return min(present) if present else None


ENDED_ELSEWHERE = frozenset({Status.WITHDRAWN.value, Status.MERGED.value})
"""Statuses that stop the clocks: withdrawn, or merged into another complaint (whose clocks
count from the earliest receipt of the two)."""


def _state(
    subject: Dues,
    start: datetime,
    due: datetime,
    met: datetime | None,
    now: datetime,
    ratio: float,
    paused: bool,
    paused_since: datetime | None = None,
) -> TargetState:
    if subject.status in ENDED_ELSEWHERE and (met is None or met <= due):
        return TargetState.STOPPED if met is None else TargetState.MET
    if met is not None:
        return TargetState.MET if met <= due else TargetState.BREACHED
    if paused:  # the due instant moves by the pause's length when it ends
        late_already = paused_since is not None and paused_since > due
        return TargetState.BREACHED if late_already else TargetState.PAUSED
    if now > due:
        return TargetState.BREACHED
    if now >= start + (due - start) * ratio:
        return TargetState.AT_RISK
    return TargetState.ON_TRACK


def _summary_state(
    subject: Dues, due: datetime, met: datetime | None, now: datetime
) -> TargetState:
    if met is not None:
        return TargetState.MET
    if now > due or subject.final_response_at is not None:
        return TargetState.NOT_NEEDED
    if subject.status in ENDED_ELSEWHERE:
        return TargetState.STOPPED
    return TargetState.ON_TRACK


def summarise(subject: Dues, clocks: Sequence[TargetClock]) -> None:
    """Set the complaint's summary columns from its targets' clocks.

    ``regulatory_due_at`` is the regulatory final deadline in force (the exceptional one
    after a holding reply); ``next_due_at`` the earliest due instant still owed, overdue ones
    included (the latest due instant once none is owed, the receipt when there are no
    targets).
    """
    duties = [c for c in clocks if c.counts]
    service = [c for c in duties if c.kind == SERVICE]
    legal = [c for c in duties if c.kind == REGULATORY]
    acks = [c.due_at for c in duties if c.target == ACKNOWLEDGE]
    subject.acknowledge_due_at = min(acks) if acks else None
    subject.response_due_at = _first_due(service, sla.FIRST_RESPONSE)
    subject.resolution_due_at = _first_due(service, sla.RESOLUTION)
    finals = [c.due_at for c in legal if c.met_by in (MetBy.FINAL_RESPONSE, MetBy.RESOLUTION)]
    finals = finals or [c.due_at for c in legal]
    subject.regulatory_due_at = max(finals) if finals else None
    pending = [c.due_at for c in duties if _unmet(c)]
    subject.next_due_at = (
        min(pending) if pending else max((c.due_at for c in duties), default=subject.received_at)
    )
    subject.clock_state = overall_state(subject.status, duties).value
    subject.regulatory_state = overall_state(subject.status, legal).value
    legal_pending = [c.due_at for c in legal if _unmet(c)]
    subject.regulatory_next_due_at = min(legal_pending) if legal_pending else None


def _unmet(clock: TargetClock) -> bool:
    """Still owed: pending, or overdue and not yet met (queues sort the most overdue first)."""
    return clock.met_at is None and clock.state is not TargetState.STOPPED


def _first_due(clocks: Sequence[TargetClock], names: Sequence[str]) -> datetime | None:
    for name in names:
        for clock in clocks:
            if clock.target == name:
                return clock.due_at
    return None


def overall_state(status: str, duties: Sequence[TargetClock]) -> ClockState:
    """Return where a complaint stands against ``duties`` (its targets that count).

    A breach anywhere wins; then regulatory risk, which a pause never hides; then a pause;
    then any risk; met once nothing is pending.
    """
    if status in ENDED_ELSEWHERE or not duties:
        return ClockState.STOPPED
    states = {c.state for c in duties}
    if TargetState.BREACHED in states:
        return ClockState.BREACHED
    if not states & PENDING:
        return ClockState.MET if TargetState.MET in states else ClockState.STOPPED
    if any(c.kind == REGULATORY and c.state is TargetState.AT_RISK for c in duties):
        return ClockState.AT_RISK
    if TargetState.PAUSED in states:
        return ClockState.PAUSED
    if TargetState.AT_RISK in states:
        return ClockState.AT_RISK
    return ClockState.ON_TRACK


def as_of(state: ClockState, due: datetime | None, now: datetime) -> ClockState:
    """Return ``state`` as it stands at ``now``: a running clock past its due instant is late.

    Stored states move when promises are checked (``sla check``, every few minutes); a screen
    showing "overdue by 2 days" must not say "on track" in between.
    """
    if state in (ClockState.ON_TRACK, ClockState.AT_RISK) and due is not None and due <= now:
        return ClockState.BREACHED
    return state

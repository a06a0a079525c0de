"""A complaint's clocks as pure rules: due instants, pauses, and where the clock stands."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from complaintdesk.domain.promises import clocks, presets, sla
from complaintdesk.domain.vocabulary import ClockState, Status
from complaintdesk.resources import load_json

# Monday 2 February 2026, 10:00 in Paris: no holiday in the three weeks that follow.
RECEIVED = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


def _policy(name: str, *, pauses: bool = True, ratio: float = 0.75) -> sla.Policy:
    spec = presets.parse_preset(load_json(f"presets/{name}.json"))
    return sla.Policy(
        id=uuid.uuid4(),
        code=name,
        kind=str(load_json(f"presets/{name}.json")["kind"]),
        position=0,
        conditions=sla.PolicyConditions(),
        targets=spec.targets,
        calendar=presets.calendar_for(spec.calendar_code),
        warning_ratio=ratio,
        pauses_on_customer=pauses,
        segment_targets=spec.segment_targets,
    )


SERVICE = _policy("iso-10002")
REGULATORY = _policy("fr-acpr")
POLICIES = {SERVICE.id: SERVICE, REGULATORY.id: REGULATORY}


def _row(**changes: object) -> clocks.DueRow:
    row = clocks.DueRow(
        received_at=RECEIVED,
        sent_at=None,
        paused_seconds=0,
        paused_since=None,
        status=Status.IN_PROGRESS.value,
        policy_id=SERVICE.id,
        regulatory_policy_id=REGULATORY.id,
        acknowledged_at=None,
        first_response_at=None,
        resolved_at=None,
        final_response_at=None,
        final_response_kind=None,
        holding_reply_at=None,
        holding_reply_until=None,
        next_due_at=RECEIVED,
    )
    return replace(row, **changes)  # type: ignore[arg-type]


def test_due_instants_follow_each_policy_on_its_calendar() -> None:
    row = _row()

    clocks.compute(row, POLICIES, RECEIVED, None)

    # ISO 10002: acknowledge within one business day, resolve within ten (Paris hours);
    # ACPR: acknowledge within ten working days, answer within two months.
    assert row.acknowledge_due_at is not None
    assert row.acknowledge_due_at.date().isoformat() == "2026-02-03"
    assert row.resolution_due_at is not None
    assert row.resolution_due_at.date().isoformat() == "2026-02-16"
    assert row.regulatory_due_at is not None
    assert row.regulatory_due_at.date().isoformat() == "2026-04-02"
    assert row.next_due_at == row.acknowledge_due_at
    assert row.clock_state == ClockState.ON_TRACK.value


def test_time_waiting_on_the_customer_moves_company_promises_never_the_regulator() -> None:
    plain, paused = _row(), _row(paused_seconds=3 * 86_400)

    clocks.compute(plain, POLICIES, RECEIVED, None)
    clocks.compute(paused, POLICIES, RECEIVED, None)

    assert paused.resolution_due_at == plain.resolution_due_at + timedelta(days=3)  # type: ignore[operator]
    assert paused.regulatory_due_at == plain.regulatory_due_at


def test_a_policy_that_does_not_pause_ignores_waiting_time() -> None:
    strict = replace(SERVICE, pauses_on_customer=False)
    row = _row(paused_seconds=3 * 86_400, status=Status.WAITING_ON_CUSTOMER.value)

    clocks.compute(row, {strict.id: strict, REGULATORY.id: REGULATORY}, RECEIVED, None)

    assert row.clock_state == ClockState.ON_TRACK.value  # not paused: the clock runs


def test_an_answer_meets_the_acknowledgement_and_a_final_response_meets_everything() -> None:
    answered = _row(first_response_at=RECEIVED + timedelta(hours=1))
    final = _row(
        resolved_at=RECEIVED + timedelta(hours=2),
        final_response_at=RECEIVED + timedelta(hours=2),
        final_response_kind="final_response",
    )

    met = {(c.kind, c.target): c.met_at for c in clocks.compute(answered, POLICIES, RECEIVED, None)}
    assert met[("service", "acknowledge")] == RECEIVED + timedelta(hours=1)
    assert met[("regulatory", "acknowledge")] == RECEIVED + timedelta(hours=1)
    assert met[("regulatory", "response")] is None  # an answer is not the ACPR's answer
    clocks.compute(final, POLICIES, RECEIVED + timedelta(days=1), None)
    assert final.clock_state == ClockState.MET.value


def test_a_resolution_without_a_final_response_meets_only_the_company_promise() -> None:
    resolved = _row(resolved_at=RECEIVED + timedelta(hours=2), status=Status.RESOLVED.value)

    clocks.compute(resolved, POLICIES, RECEIVED + timedelta(days=1), None)

    assert resolved.clock_state == ClockState.ON_TRACK.value
    assert resolved.regulatory_state == ClockState.ON_TRACK.value
    clocks.compute(resolved, POLICIES, RECEIVED + timedelta(days=70), None)
    assert resolved.regulatory_state == ClockState.BREACHED.value


def test_a_late_resolution_is_breached_for_good() -> None:
    late = _row(
        resolved_at=RECEIVED + timedelta(days=30),
        final_response_at=RECEIVED + timedelta(days=30),
        final_response_kind="final_response",
    )

    clocks.compute(late, POLICIES, RECEIVED + timedelta(days=31), None)

    assert late.clock_state == ClockState.BREACHED.value


def test_a_withdrawn_complaint_stops_its_clock() -> None:
    row = _row(status=Status.WITHDRAWN.value)

    clocks.compute(row, POLICIES, RECEIVED + timedelta(days=90), None)

    assert row.clock_state == ClockState.STOPPED.value


def test_a_premium_customer_gets_the_faster_targets() -> None:
    standard, premium = _row(), _row()

    clocks.compute(standard, POLICIES, RECEIVED, None)
    clocks.compute(premium, POLICIES, RECEIVED, "premium")

    assert premium.resolution_due_at < standard.resolution_due_at  # type: ignore[operator]


@given(
    received=st.datetimes(
        min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
    ),
    paused_hours=st.integers(min_value=0, max_value=24 * 60),
    elapsed_hours=st.integers(min_value=0, max_value=24 * 120),
    answered_after=st.one_of(st.none(), st.integers(min_value=0, max_value=24 * 90)),
    status=st.sampled_from([s.value for s in Status]),
    sent_days_before=st.one_of(st.none(), st.integers(min_value=0, max_value=60)),
)
def test_computing_twice_gives_the_same_answer_and_the_next_due_is_the_earliest_open_one(
    received: datetime,
    paused_hours: int,
    elapsed_hours: int,
    answered_after: int | None,
    status: str,
    sent_days_before: int | None,
) -> None:
    answered = None if answered_after is None else received + timedelta(hours=answered_after)
    row = _row(
        received_at=received,
        paused_seconds=paused_hours * 3600,
        first_response_at=answered,
        status=status,
        sent_at=None if sent_days_before is None else received - timedelta(days=sent_days_before),
    )
    now = received + timedelta(hours=elapsed_hours)

    clocks.compute(row, POLICIES, now, None)
    first = row.outputs()
    clocks.compute(row, POLICIES, now, None)

    assert row.outputs() == first
    dues = [
        d
        for d in (
            row.acknowledge_due_at,
            row.response_due_at,
            row.resolution_due_at,
            row.regulatory_due_at,
        )
        if d is not None
    ]
    assert dues
    assert all(d > (row.sent_at or received) for d in dues)
    assert row.next_due_at in dues
    if answered is None and status not in clocks.ENDED_ELSEWHERE:  # nothing met: the earliest
        assert row.next_due_at == min(dues)

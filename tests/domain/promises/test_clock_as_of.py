"""A clock read at a moment: past its due instant a running promise is late, whatever was stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from complaintdesk.domain.promises.clocks import as_of
from complaintdesk.domain.vocabulary import ClockState

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("stored", [ClockState.ON_TRACK, ClockState.AT_RISK])
def test_a_running_clock_past_its_due_instant_reads_late(stored: ClockState) -> None:
    assert as_of(stored, NOW - timedelta(days=641), NOW) is ClockState.BREACHED
    assert as_of(stored, NOW, NOW) is ClockState.BREACHED
    assert as_of(stored, NOW + timedelta(minutes=1), NOW) is stored


@pytest.mark.parametrize(
    "stored", [ClockState.PAUSED, ClockState.MET, ClockState.STOPPED, ClockState.BREACHED]
)
def test_a_paused_met_or_stopped_clock_keeps_its_state(stored: ClockState) -> None:
    assert as_of(stored, NOW - timedelta(days=3), NOW) is stored


def test_a_clock_without_a_due_instant_keeps_its_state() -> None:
    assert as_of(ClockState.ON_TRACK, None, NOW) is ClockState.ON_TRACK

"""Hybrid logical clock: stamps never go backwards, and as integers they sort like the clock,
through a counter rollover and whatever the workstation's clock says."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintdesk.domain.hlc import (
    MAX_COUNTER,
    MAX_WALL_MS,
    ZERO,
    HybridTimestamp,
    clock_is_off,
    future_bound,
    not_before,
    receive,
    reference_ms,
    tick,
)

# Wall clocks in milliseconds up to the year 2100; counters over their whole range.
walls = st.integers(min_value=0, max_value=4_102_444_800_000)
counters = st.integers(min_value=0, max_value=MAX_COUNTER)
stamps = st.builds(HybridTimestamp, walls, counters)
MINUTES_5 = 5 * 60 * 1000
TWO_YEARS = 2 * 365 * 24 * 3600 * 1000


@given(last=stamps, now=walls)
def test_a_local_event_is_stamped_after_the_last_one(last: HybridTimestamp, now: int) -> None:
    stamp = tick(last, now)

    assert stamp > last
    assert int(stamp) > int(last)


@given(last=stamps, now=walls)
def test_a_local_stamp_never_lags_behind_the_wall_clock(last: HybridTimestamp, now: int) -> None:
    assert tick(last, now).wall_ms >= now


@given(start=stamps, readings=st.lists(walls, min_size=1, max_size=50))
def test_stamps_keep_rising_when_the_wall_clock_jumps_back(
    start: HybridTimestamp, readings: list[int]
) -> None:
    issued = [start]
    for now in readings:
        issued.append(tick(issued[-1], now))

    assert all(int(earlier) < int(later) for earlier, later in itertools.pairwise(issued))


@given(last=stamps, remote=stamps, now=walls)
def test_receiving_a_stamp_moves_past_both_clocks(
    last: HybridTimestamp, remote: HybridTimestamp, now: int
) -> None:
    after = receive(last, remote, now)

    assert int(after) > int(last)
    assert int(after) > int(remote)
    assert after.wall_ms >= now


@given(last=stamps, remote=stamps, now=walls)
def test_an_event_after_receiving_is_stamped_after_the_remote_one(
    last: HybridTimestamp, remote: HybridTimestamp, now: int
) -> None:
    merged = receive(last, remote, now)

    assert int(tick(merged, now)) > int(remote)


def test_a_wall_clock_ahead_of_every_stamp_restarts_the_counter() -> None:
    assert receive(HybridTimestamp(10, 4), HybridTimestamp(20, 7), 30) == HybridTimestamp(30, 0)
    assert tick(HybridTimestamp(10, 4), 30) == HybridTimestamp(30, 0)


def test_equal_wall_clocks_count_past_the_larger_counter() -> None:
    assert receive(HybridTimestamp(50, 2), HybridTimestamp(50, 9), 40) == HybridTimestamp(50, 10)


def test_a_full_counter_borrows_the_next_millisecond_instead_of_wrapping() -> None:
    """The text stamps had six digits: the millionth change of one tick sorted as older."""
    full = HybridTimestamp(1_000, MAX_COUNTER)

    after = tick(full, 1_000)
    assert after == HybridTimestamp(1_001, 0)
    assert int(after) == int(full) + 1
    assert receive(full, HybridTimestamp(1_000, 3), 900) == HybridTimestamp(1_001, 0)
    assert receive(HybridTimestamp(5, 0), full, 900) == HybridTimestamp(1_001, 0)
    # The million-and-first change of one tick: the text order said it came first.
    millionth = HybridTimestamp(1_000, 1_000_000)
    assert int(millionth) > int(HybridTimestamp(1_000, 999_999))


def test_two_million_changes_in_one_millisecond_stay_in_order() -> None:
    stamp = HybridTimestamp(7, 0)
    previous = int(stamp)
    for _ in range(2 * (MAX_COUNTER + 1)):
        stamp = tick(stamp, 7)
        assert int(stamp) == previous + 1
        previous = int(stamp)
    assert stamp.wall_ms == 9


@given(stamp=stamps)
def test_a_stamp_read_back_from_its_integer_is_the_same(stamp: HybridTimestamp) -> None:
    assert HybridTimestamp.of(int(stamp)) == stamp


@given(a=stamps, b=stamps)
def test_integer_stamps_sort_as_the_clock_orders_them(
    a: HybridTimestamp, b: HybridTimestamp
) -> None:
    assert (int(a) < int(b)) == (a < b)
    assert (int(a) == int(b)) == (a == b)


@given(values=st.lists(stamps, min_size=1, max_size=20))
def test_the_largest_integer_is_the_latest_stamp(values: list[HybridTimestamp]) -> None:
    """``max()`` over the stored values is the clock's maximum (it was not over text)."""
    assert HybridTimestamp.of(max(int(v) for v in values)) == max(values)


@given(stamp=stamps)
def test_a_stamp_fits_a_signed_64_bit_column(stamp: HybridTimestamp) -> None:
    assert 0 <= int(stamp) < 2**63


def test_a_stamp_outside_its_range_is_refused() -> None:
    with pytest.raises(ValueError, match="counter"):
        HybridTimestamp(1, MAX_COUNTER + 1)
    with pytest.raises(ValueError, match="range"):
        HybridTimestamp(MAX_WALL_MS + 1)


def test_the_zero_stamp_comes_before_any_event() -> None:
    assert tick(ZERO, 0) > ZERO
    assert int(ZERO) == 0
    assert HybridTimestamp.of(None) == HybridTimestamp.of(0) == ZERO


@given(local=walls, offset=st.integers(-3 * TWO_YEARS, 3 * TWO_YEARS))
def test_stamps_follow_the_central_clock_once_this_one_is_too_far_off(
    local: int, offset: int
) -> None:
    used = reference_ms(local, offset, MINUTES_5)
    central = local + offset

    assert abs(used - central) <= MINUTES_5  # never further off than the tolerance
    if abs(offset) <= MINUTES_5:
        assert used == local  # within it: the workstation's own clock
    assert clock_is_off(offset, MINUTES_5) == (abs(offset) > MINUTES_5)


def test_a_clock_never_measured_is_used_as_it_is() -> None:
    assert reference_ms(1_000, None, MINUTES_5) == 1_000
    assert not clock_is_off(None, MINUTES_5)


def test_the_future_bound_lets_the_tolerance_through_and_no_more() -> None:
    bound = future_bound(1_000_000, MINUTES_5)

    assert int(HybridTimestamp(1_000_000 + MINUTES_5, MAX_COUNTER)) == bound
    assert int(HybridTimestamp(1_000_000 + MINUTES_5 + 1, 0)) > bound


def test_an_event_is_never_dated_before_its_complaint() -> None:
    received = datetime(2026, 3, 1, 9, tzinfo=UTC)

    assert not_before(received - timedelta(days=730), received) == received
    assert not_before(received + timedelta(hours=1), received) == received + timedelta(hours=1)
    assert not_before(received, None) == received

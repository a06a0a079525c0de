"""Hybrid logical clock: stamps never go backwards and their text sorts like the clock."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from complaintdesk.domain.hlc import ZERO, HybridTimestamp, receive, tick

# Wall clocks in milliseconds up to the year 2100; counters far beyond any real burst.
walls = st.integers(min_value=0, max_value=4_102_444_800_000)
counters = st.integers(min_value=0, max_value=999_999)
stamps = st.builds(HybridTimestamp, walls, counters)


@given(last=stamps, now=walls)
def test_a_local_event_is_stamped_after_the_last_one(last: HybridTimestamp, now: int) -> None:
    stamp = tick(last, now)

    assert stamp > last


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

    assert all(earlier < later for earlier, later in itertools.pairwise(issued))


@given(last=stamps, remote=stamps, now=walls)
def test_receiving_a_stamp_moves_past_both_clocks(
    last: HybridTimestamp, remote: HybridTimestamp, now: int
) -> None:
    after = receive(last, remote, now)

    assert after > last
    assert after > remote
    assert after.wall_ms >= now


@given(last=stamps, remote=stamps, now=walls)
def test_an_event_after_receiving_is_stamped_after_the_remote_one(
    last: HybridTimestamp, remote: HybridTimestamp, now: int
) -> None:
    merged = receive(last, remote, now)

    assert tick(merged, now) > remote


def test_a_wall_clock_ahead_of_every_stamp_restarts_the_counter() -> None:
    assert receive(HybridTimestamp(10, 4), HybridTimestamp(20, 7), 30) == HybridTimestamp(30, 0)
    assert tick(HybridTimestamp(10, 4), 30) == HybridTimestamp(30, 0)


def test_equal_wall_clocks_count_past_the_larger_counter() -> None:
    assert receive(HybridTimestamp(50, 2), HybridTimestamp(50, 9), 40) == HybridTimestamp(50, 10)


@given(stamp=stamps)
def test_a_decoded_stamp_is_the_one_encoded(stamp: HybridTimestamp) -> None:
    assert HybridTimestamp.decode(stamp.encode()) == stamp


@given(a=stamps, b=stamps)
def test_encoded_stamps_sort_as_the_clock_orders_them(
    a: HybridTimestamp, b: HybridTimestamp
) -> None:
    assert (a.encode() < b.encode()) == (a < b)
    assert (a.encode() == b.encode()) == (a == b)


@given(stamp=stamps)
def test_an_encoded_stamp_fits_the_change_log_column(stamp: HybridTimestamp) -> None:
    assert len(stamp.encode()) <= 24


def test_the_zero_stamp_comes_before_any_event() -> None:
    assert tick(ZERO, 0) > ZERO
    assert ZERO.encode() < tick(ZERO, 0).encode()

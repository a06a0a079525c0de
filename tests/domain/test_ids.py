"""Row ids: UUIDv7 made where the row is born, time-ordered, never repeated."""

from __future__ import annotations

import uuid

import pytest

from complaintdesk.domain import ids


def _at(monkeypatch: pytest.MonkeyPatch, millis: int) -> uuid.UUID:
    monkeypatch.setattr(ids.time, "time_ns", lambda: millis * 1_000_000)
    return ids.new_id()


def test_a_new_id_is_a_version_7_rfc_9562_uuid() -> None:
    made = ids.new_id()

    assert made.version == 7
    assert made.variant == uuid.RFC_4122


def test_a_new_id_carries_the_millisecond_it_was_made(monkeypatch: pytest.MonkeyPatch) -> None:
    millis = 1_795_000_000_123

    assert _at(monkeypatch, millis).int >> 80 == millis


def test_ids_made_in_later_milliseconds_sort_after_earlier_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = [_at(monkeypatch, millis) for millis in (1_000, 1_001, 1_002, 5_000_000_000_000)]

    assert made == sorted(made)
    assert [str(i) for i in made] == sorted(str(i) for i in made)


def test_ids_made_in_the_same_millisecond_still_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    made = {_at(monkeypatch, 1_795_000_000_000) for _ in range(10_000)}

    assert len(made) == 10_000


def test_every_id_keeps_version_and_variant_whatever_the_random_bits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for pattern in (b"\x00" * 10, b"\xff" * 10):
        monkeypatch.setattr(ids.os, "urandom", lambda n, p=pattern: p[:n])
        made = ids.new_id()

        assert (made.version, made.variant) == (7, uuid.RFC_4122)


def test_reference_data_gets_the_same_id_on_every_replica() -> None:
    assert ids.stable_id("role", "agent") == ids.stable_id("role", "agent")
    assert ids.stable_id("role", "agent") != ids.stable_id("role", "admin")
    assert ids.stable_id("role", "agent") != ids.stable_id("site", "agent")

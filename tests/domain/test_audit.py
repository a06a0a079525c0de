"""The audit hash chain: any edit, removal or reordering of an event shows."""

from __future__ import annotations

from typing import Any

from complaintdesk.domain.audit import GENESIS, event_hash, verify_chain

Link = tuple[int, str, str, dict[str, Any]]


def _chain(*changes: dict[str, Any]) -> list[Link]:
    links: list[Link] = []
    previous = GENESIS
    for seq, change in enumerate(changes, start=1):
        fields = {"seq": seq, **change}
        digest = event_hash(previous, fields)
        links.append((seq, previous, digest, fields))
        previous = digest
    return links


def _five_events() -> list[Link]:
    return _chain(
        {"action": "site_added", "after": {"code": "HQ"}},
        {"action": "user_added", "after": {"login": "alice", "role": "agent"}},
        {"action": "signed_in", "login": "alice"},
        {"action": "status_changed", "before": {"status": "new"}, "after": {"status": "closed"}},
        {"action": "signed_in", "login": "bob"},
    )


def test_an_untouched_chain_verifies() -> None:
    check = verify_chain(_five_events())

    assert (check.ok, check.events, check.first_broken) == (True, 5, None)


def test_an_empty_chain_verifies() -> None:
    assert verify_chain([]).ok


def test_an_edited_field_breaks_the_chain_at_that_event() -> None:
    events = _five_events()
    seq, prev, digest, fields = events[3]
    events[3] = (seq, prev, digest, {**fields, "after": {"status": "resolved"}})

    check = verify_chain(events)

    assert (check.ok, check.first_broken) == (False, 4)


def test_an_edit_whose_hash_was_recomputed_breaks_the_next_event() -> None:
    events = _five_events()
    seq, prev, _, fields = events[1]
    forged = {**fields, "after": {"login": "alice", "role": "admin"}}
    events[1] = (seq, prev, event_hash(prev, forged), forged)

    check = verify_chain(events)

    assert (check.ok, check.first_broken) == (False, 3)


def test_a_deleted_event_breaks_the_chain() -> None:
    events = _five_events()
    del events[2]

    check = verify_chain(events)

    assert (check.ok, check.first_broken) == (False, 4)


def test_a_deleted_first_event_breaks_the_chain() -> None:
    check = verify_chain(_five_events()[1:])

    assert (check.ok, check.first_broken) == (False, 2)


def test_reordered_events_break_the_chain() -> None:
    events = _five_events()
    events[1], events[2] = events[2], events[1]

    check = verify_chain(events)

    assert (check.ok, check.first_broken) == (False, 3)


def test_the_hash_does_not_depend_on_the_order_fields_were_written_in() -> None:
    one = event_hash(GENESIS, {"a": 1, "b": {"x": 1, "y": 2}})
    other = event_hash(GENESIS, {"b": {"y": 2, "x": 1}, "a": 1})

    assert one == other


def test_the_hash_depends_on_the_previous_event() -> None:
    fields = {"action": "signed_in"}

    assert event_hash(GENESIS, fields) != event_hash("1" * 64, fields)

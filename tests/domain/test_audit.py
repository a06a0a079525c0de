"""The audit hash chain and its anchors: any edit, removal, reordering, re-hashing or cut
shows, and what is not held here is said so rather than passed."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from complaintdesk.domain.audit import (
    GENESIS,
    Anchor,
    Link,
    Seal,
    anchor_problems,
    anchors_of,
    chain_heads,
    event_hash,
    key_id_of,
    verify_chain,
)

KEY = b"k" * 32
KEY_ID = key_id_of(KEY)
OTHER_KEY = b"o" * 32


def keys(key_id: str) -> bytes | None:
    return KEY if key_id == KEY_ID else None


def _chain(*changes: dict[str, Any], key: bytes | None = KEY) -> list[Link]:
    links: list[Link] = []
    previous = GENESIS
    key_id = key_id_of(key) if key else None
    for seq, change in enumerate(changes, start=1):
        fields = {"seq": seq, **change}
        digest = event_hash(previous, fields, key)
        links.append(Link(seq, previous, digest, key_id, fields))
        previous = digest
    return links


def _five_events(key: bytes | None = KEY) -> list[Link]:
    return _chain(
        {"action": "site_added", "after": {"code": "HQ"}},
        {"action": "user_added", "after": {"login": "alice", "role": "agent"}},
        {"action": "signed_in", "login": "alice"},
        {"action": "status_changed", "before": {"status": "new"}, "after": {"status": "closed"}},
        {"action": "signed_in", "login": "bob"},
        key=key,
    )


def _edited(link: Link, **fields: Any) -> Link:
    return Link(link.seq, link.prev_hash, link.hash, link.key_id, {**link.fields, **fields})


def test_an_untouched_chain_verifies() -> None:
    check = verify_chain(_five_events(), keys)

    assert (check.ok, check.events, check.first_broken, check.unkeyed) == (True, 5, None, 0)
    assert check.head == (5, _five_events()[-1].hash)


def test_an_empty_chain_verifies() -> None:
    assert verify_chain([], keys).ok


def test_an_edited_field_breaks_the_chain_at_that_event() -> None:
    events = _five_events()
    events[3] = _edited(events[3], after={"status": "resolved"})

    check = verify_chain(events, keys)

    assert (check.ok, check.first_broken) == (False, 4)
    assert check.problem == "event 4 was changed after it was written"


def test_an_edit_rehashed_without_the_key_breaks_at_that_event() -> None:
    events = _five_events()
    link = events[1]
    forged = {**link.fields, "after": {"login": "alice", "role": "admin"}}
    events[1] = Link(
        link.seq, link.prev_hash, event_hash(link.prev_hash, forged, OTHER_KEY), link.key_id, forged
    )

    check = verify_chain(events, keys)

    assert (check.ok, check.first_broken) == (False, 2)


def test_a_whole_chain_rehashed_with_another_key_breaks_at_its_first_event() -> None:
    forged = _five_events(OTHER_KEY)
    relabelled = [Link(e.seq, e.prev_hash, e.hash, KEY_ID, e.fields) for e in forged]

    assert verify_chain(relabelled, keys).first_broken == 1


def test_an_event_whose_key_is_not_held_here_is_counted_not_passed_silently() -> None:
    check = verify_chain(_five_events(OTHER_KEY), keys)

    assert (check.ok, check.unchecked) == (True, 5)


def test_events_hashed_without_a_key_are_counted() -> None:
    check = verify_chain(_five_events(None), keys)

    assert (check.ok, check.unkeyed) == (True, 5)


def test_a_deleted_event_breaks_the_chain() -> None:
    events = _five_events()
    del events[2]

    check = verify_chain(events, keys)

    assert (check.ok, check.first_broken) == (False, 4)
    assert check.problem == "event 3 is missing (the next one is 4)"


def test_a_deleted_first_event_breaks_the_chain() -> None:
    check = verify_chain(_five_events()[1:], keys)

    assert (check.ok, check.first_broken) == (False, 2)


def test_reordered_events_break_the_chain() -> None:
    events = _five_events()
    events[1], events[2] = events[2], events[1]

    check = verify_chain(events, keys)

    assert (check.ok, check.first_broken) == (False, 3)


def test_a_redacted_event_matches_its_seal_and_an_edit_after_it_shows() -> None:
    events = _five_events()
    redacted = _edited(events[1], after={"login": "(erased)", "role": "agent"})
    seal = Seal(event_hash(redacted.prev_hash, redacted.fields, KEY), KEY_ID)
    events[1] = redacted

    assert verify_chain(events, keys, {2: seal}).ok
    events[1] = _edited(redacted, after={"login": "(erased)", "role": "admin"})
    check = verify_chain(events, keys, {2: seal})
    assert check.problem == "event 2 was changed after an erasure redacted it"


def test_cutting_the_end_of_a_chain_shows_against_an_anchor() -> None:
    events = _five_events()
    anchor = Anchor("HQ.a", 5, events[4].hash, "HQ.checkpoint #1")
    check = verify_chain(events[:3], keys, anchored={5})

    assert check.ok  # what is left still links: only the anchor knows the end was cut
    assert anchor_problems({"HQ.a": check}, [anchor]) == [
        "chain HQ.a ends at event 3, yet HQ.checkpoint #1 recorded it with 5 events: "
        "its last events were deleted"
    ]


def test_a_chain_gone_shows_against_an_anchor() -> None:
    anchor = Anchor("PAR.b", 2, "x" * 64, "HQ.a #7")

    assert anchor_problems({}, [anchor]) == [
        "chain PAR.b is gone, yet HQ.a #7 recorded it with 2 events"
    ]


def test_a_chain_rehashed_with_the_key_shows_against_an_anchor() -> None:
    events = _five_events()
    anchor = Anchor("HQ.a", 4, events[3].hash, "HQ.checkpoint #1")
    rewritten = _chain(
        {"action": "site_added", "after": {"code": "HQ"}},
        {"action": "user_added", "after": {"login": "alice", "role": "admin"}},
        *[{k: v for k, v in e.fields.items() if k != "seq"} for e in events[2:]],
    )
    check = verify_chain(rewritten, keys, anchored={4})

    assert check.ok
    assert anchor_problems({"HQ.a": check}, [anchor]) == [
        "chain HQ.a was rewritten: event 4 differs from what HQ.checkpoint #1 recorded"
    ]


def test_anchors_are_read_from_anchoring_events_and_heads_make_a_checkpoint() -> None:
    check = verify_chain(_five_events(), keys)
    heads = chain_heads({"HQ.a": check})

    (anchor,) = anchors_of([("HQ.checkpoint", 3, {"chains": heads})])

    assert anchor == Anchor("HQ.a", 5, check.head[1], "HQ.checkpoint #3")


@given(st.lists(st.dictionaries(st.text(max_size=5), st.integers()), min_size=1, max_size=8))
def test_any_chain_written_with_the_key_verifies(changes: list[dict[str, int]]) -> None:
    assert verify_chain(_chain(*changes), keys).ok


def test_the_hash_does_not_depend_on_the_order_fields_were_written_in() -> None:
    one = event_hash(GENESIS, {"a": 1, "b": {"x": 1, "y": 2}}, KEY)
    other = event_hash(GENESIS, {"b": {"y": 2, "x": 1}, "a": 1}, KEY)

    assert one == other


def test_the_hash_depends_on_the_previous_event_and_the_key() -> None:
    fields = {"action": "signed_in"}

    assert event_hash(GENESIS, fields, KEY) != event_hash("1" * 64, fields, KEY)
    assert event_hash(GENESIS, fields, KEY) != event_hash(GENESIS, fields, OTHER_KEY)
    assert event_hash(GENESIS, fields, KEY) != event_hash(GENESIS, fields)

"""A unit of work's memo keeps values by typed key, loading each once."""

from __future__ import annotations

from complaintdesk.storage.memo import Memo, MemoKey

RULES = MemoKey[list[str]]("rules")
SENDER = MemoKey[str | None]("sender")


def test_remember_loads_once_and_keeps_none_too() -> None:
    memo = Memo()
    loads: list[str] = []

    def load() -> str | None:
        loads.append("sender")
        return None

    assert memo.remember(SENDER, load) is None
    assert memo.remember(SENDER, load) is None
    assert loads == ["sender"]
    assert SENDER in memo


def test_keys_are_told_apart_by_identity_not_name() -> None:
    memo = Memo()
    memo[RULES] = ["first"]
    same_name = MemoKey[list[str]]("rules")

    assert memo.get(RULES) == ["first"]
    assert memo.get(same_name) is None
    assert same_name not in memo


def test_only_the_named_values_are_passed_on() -> None:
    earlier = Memo()
    earlier[RULES] = ["kept"]
    earlier[SENDER] = "desk@example.org"
    later = Memo()
    later[SENDER] = "other@example.org"

    later.update(earlier.only([RULES]))

    assert later[RULES] == ["kept"]
    assert later[SENDER] == "other@example.org"
    assert repr(RULES) == "MemoKey('rules')"

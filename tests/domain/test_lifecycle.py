"""The lifecycle table of DESIGN.md section 5: what it allows, and how it refuses the rest."""

from __future__ import annotations

import itertools

import pytest

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.lifecycle import TRANSITIONS, allowed_next, check_transition, is_open
from complaintdesk.domain.vocabulary import Status

S = Status
ALLOWED = [(a, b) for a, targets in TRANSITIONS.items() for b in sorted(targets)]
REFUSED = [(a, b) for a, b in itertools.product(Status, Status) if b not in TRANSITIONS[a]]


def test_the_table_has_a_row_for_every_status() -> None:
    assert set(TRANSITIONS) == set(Status)


@pytest.mark.parametrize(("current", "target"), ALLOWED, ids=lambda s: s.value)
def test_every_transition_in_the_table_is_allowed(current: Status, target: Status) -> None:
    check_transition(current, target, has_owner=True)

    assert target in allowed_next(current)


@pytest.mark.parametrize(("current", "target"), REFUSED, ids=lambda s: s.value)
def test_every_other_transition_is_refused_naming_the_allowed_ones(
    current: Status, target: Status
) -> None:
    with pytest.raises(ValidationError) as refused:
        check_transition(current, target, has_owner=True)

    message = str(refused.value)
    assert f"from {current.value} to {target.value}" in message
    for allowed in TRANSITIONS[current]:
        assert allowed.value in message


def test_a_final_status_says_nothing_is_allowed() -> None:
    with pytest.raises(ValidationError, match="none"):
        check_transition(S.WITHDRAWN, S.IN_PROGRESS, has_owner=True)


@pytest.mark.parametrize("target", sorted(TRANSITIONS[S.NEW] - {S.WITHDRAWN}))
def test_a_complaint_cannot_leave_new_without_an_owner(target: Status) -> None:
    with pytest.raises(ValidationError, match="owner"):
        check_transition(S.NEW, target, has_owner=False)


def test_a_new_complaint_without_owner_may_still_be_withdrawn() -> None:
    check_transition(S.NEW, S.WITHDRAWN, has_owner=False)


def test_the_owner_rule_only_applies_to_new_complaints() -> None:
    check_transition(S.IN_PROGRESS, S.WAITING_ON_CUSTOMER, has_owner=False)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.NEW, S.ACKNOWLEDGED),
        (S.ACKNOWLEDGED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.WAITING_ON_CUSTOMER),
        (S.WAITING_ON_CUSTOMER, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.WAITING_ON_FUNCTION),
        (S.WAITING_ON_FUNCTION, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.RESOLVED),
        (S.RESOLVED, S.CLOSED),
        (S.RESOLVED, S.REOPENED),
        (S.REOPENED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.WITHDRAWN),
    ],
    ids=lambda s: s.value,
)
def test_the_path_drawn_in_the_design_is_in_the_table(current: Status, target: Status) -> None:
    assert target in allowed_next(current)


def test_every_status_can_be_reached_from_new() -> None:
    reached = {S.NEW}
    frontier = [S.NEW]
    while frontier:
        for target in TRANSITIONS[frontier.pop()]:
            if target not in reached:
                reached.add(target)
                frontier.append(target)

    # Merged is reached by merging into another complaint, never by a move of its own.
    assert reached == set(Status) - {S.MERGED}
    assert TRANSITIONS[S.MERGED] == frozenset(), "only undoing the merge brings it back"


@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
def test_only_resolved_closed_withdrawn_and_merged_complaints_are_not_open(status: Status) -> None:
    assert is_open(status) is (status not in {S.RESOLVED, S.CLOSED, S.WITHDRAWN, S.MERGED})

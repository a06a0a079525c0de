"""Survey replies: a score only when it looks like one, never a number that starts a sentence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintdesk.domain.surveys import Scores, new_token, reply_scores, tokens_in


@pytest.mark.parametrize(
    ("reply", "scores"),
    [
        ("8", Scores(8)),
        ("8/10", Scores(8)),
        ("9/10, 10/10\n\nThanks!", Scores(9, 10)),
        ("\n  8 - quick and kind", Scores(8)),
        ("8 9", Scores(8, 9)),
        ("8 et 9", Scores(8, 9)),
        ("Note : 8 — très bien", Scores(8)),
        ("10/10 merci", Scores(10)),
        ("8 sur 10, merci", Scores(8)),
        ("3, pas content", Scores(3)),
        ("> How satisfied are you?\n7.", Scores(7)),
    ],
)
def test_scores_as_customers_write_them(reply: str, scores: Scores) -> None:
    assert reply_scores(reply) == scores


@pytest.mark.parametrize(
    "reply",
    [
        "2 months later and still no refund",
        "2 mois plus tard toujours rien",
        "1 000 euros are still missing",
        "2019 was the first time",
        "11",
        "0",
        "Still not refunded",
        "9 because you were fast",
        "",
    ],
)
def test_text_that_merely_starts_with_a_number_is_no_score(reply: str) -> None:
    assert reply_scores(reply) is None


@given(st.integers(1, 10), st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=3))
def test_a_number_followed_by_words_is_never_a_score(number: int, words: str) -> None:
    if words.strip():
        assert reply_scores(f"{number} {words.strip()}") is None


def test_a_survey_reference_is_found_in_a_reply_subject() -> None:
    token = new_token()

    assert tokens_in(f"Re: [{token}] How did we handle HQ-26-00001?") == [token]
    assert tokens_in("Re: [HQ-26-00001] still waiting") == []

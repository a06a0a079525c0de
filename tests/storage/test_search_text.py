"""What a person types becomes words, and an FTS5 query that FTS5 always accepts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintdesk.storage.search_text import SearchText, fts5_query


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    """An FTS5 table made as migration 0006 makes it, holding one document."""
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(subject, body, people, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '3')"
    )
    connection.execute(
        "INSERT INTO t VALUES ('Réclamation facture', 'a OR b NEAR(x y) \"quoted\"', "
        "'Jane Doe jane.doe@example.com +33612345678')"
    )
    yield connection
    connection.close()


def _matches(fts: sqlite3.Connection, typed: str) -> bool:
    search = SearchText.parse(typed)
    if not search.words:
        return False
    query = fts5_query(search)
    return bool(fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query,)).fetchone()[0])


@pytest.mark.parametrize(
    ("typed", "words", "prefix"),
    [
        ("", (), False),
        ("  - * ( ) ", (), False),
        ("factur", ("factur",), True),
        ("factur ", ("factur",), False),
        ("du", ("du",), False),
        ("jane.doe@example.com", ("jane.doe@example.com",), False),
        ("HQ-25-00042", ("HQ-25-00042",), False),
        ("réclam", ("réclam",), True),
        ("<jane@x.fr>", ("<jane@x.fr>",), False),
        ('"colis', ('"colis',), False),
        ("a\x00b", ("a", "b"), False),
    ],
)
def test_words_and_prefix(typed: str, words: tuple[str, ...], prefix: bool) -> None:
    assert SearchText.parse(typed) == SearchText(words, prefix)


@pytest.mark.parametrize(
    "typed",
    ["reclamation", "RÉCLAMATION ", "factur", "jane.doe@example.com", "doe jane", '"quoted"',
     "a OR b", "NEAR(x", "+33612345678", "example.com"],
)  # fmt: skip
def test_what_is_in_the_document_is_found(fts: sqlite3.Connection, typed: str) -> None:
    assert _matches(fts, typed)


@pytest.mark.parametrize("typed", ["factur ", "reclamation facturation ", "doe john", "a OR c"])
def test_every_word_must_match(fts: sqlite3.Connection, typed: str) -> None:
    assert not _matches(fts, typed)


def test_there_is_a_limit_to_the_words_read() -> None:
    search = SearchText.parse(" ".join(["mot"] * 100) + " " + "x" * 1000)

    assert len(search.words) == 12
    assert all(len(word) <= 64 for word in search.words)


@settings(max_examples=500, deadline=None)
@given(typed=st.text())
def test_fts5_accepts_any_text_as_data(fts: sqlite3.Connection, typed: str) -> None:
    _matches(fts, typed)


@settings(max_examples=300, deadline=None)
@given(typed=st.text(alphabet=st.sampled_from("\"*-()^:+{}ANDORNEAR ,.'\\"), max_size=40))
def test_fts5_accepts_any_operator_soup(fts: sqlite3.Connection, typed: str) -> None:
    _matches(fts, typed)

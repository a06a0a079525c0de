"""What a person typed in the search box, made into full-text queries that are safe to run.

Nothing typed reaches the database as query syntax. The text is cut into words at white
space; each word is passed as data (an FTS5 string with its quotes doubled, or a bound
parameter that PostgreSQL parses itself), so quotes, ``*``, ``-``, ``OR``, ``NEAR`` or
parentheses are searched for, never obeyed. Every word must match (AND); the last one also
matches as a prefix while it is being typed ("factur" finds "facture").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, case, cast, func, literal, literal_column
from sqlalchemy.dialects.postgresql import TSQUERY

from complaintdesk.storage.search_index import FOLD_FUNCTION, LIGATURES

MAX_WORDS = 12
MAX_WORD_LENGTH = 64
PREFIX_MIN = 3
"""Shorter last words match whole: "du*" would match a good part of the index."""

_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchText:
    """What a person typed in the search box, cut into words.

    Attributes:
        words: the words, in order, each holding at least one letter or digit.
        prefix: the last word is still being typed and matches as a prefix: it is made of
            letters and digits only (an e-mail address or a reference is typed whole),
            and long enough to be worth it.
    """

    words: tuple[str, ...]
    prefix: bool

    @classmethod
    def parse(cls, typed: str) -> SearchText:
        """Cut ``typed`` into words; punctuation on its own is no word."""
        cleaned = typed.replace("\x00", " ")
        words = tuple(
            w[:MAX_WORD_LENGTH] for w in cleaned.split() if _TOKEN.search(w[:MAX_WORD_LENGTH])
        )[:MAX_WORDS]
        if not words or cleaned[-1:].isspace():
            return cls(words, prefix=False)
        last = words[-1]
        return cls(words, prefix=bool(_TOKEN.fullmatch(last)) and len(last) >= PREFIX_MIN)


def fts5_query(search: SearchText) -> str:
    """Return the FTS5 MATCH expression of ``search``: one quoted phrase per word."""
    phrases = []
    for word in search.words:
        for letter, spelled in LIGATURES:
            word = word.replace(letter, spelled)
        phrases.append('"' + word.replace('"', '""') + '"')
    if search.prefix:
        phrases[-1] += "*"
    return " ".join(phrases)


def _folded(value: str) -> ColumnElement[Any]:
    folded: ColumnElement[Any] = getattr(func, FOLD_FUNCTION)(literal(value, String))
    return folded


def _plain(value: str) -> ColumnElement[Any]:
    return func.plainto_tsquery(literal_column("'simple'"), _folded(value), type_=TSQUERY)


def _prefixed(value: str) -> ColumnElement[Any]:
    """``value``'s words, the last one as a prefix (PostgreSQL quotes them itself)."""
    words = _plain(value)
    as_prefix = cast(func.concat(cast(words, String), ":*"), TSQUERY)
    return case((func.numnode(words) == 0, words), else_=as_prefix)


def _and(parts: Sequence[ColumnElement[Any]]) -> ColumnElement[Any]:
    combined = parts[0]
    for part in parts[1:]:
        combined = combined.op("&&", return_type=TSQUERY)(part)
    return combined


def tsquery(search: SearchText) -> ColumnElement[Any]:
    """Return the PostgreSQL tsquery of ``search``: every word, the last one maybe a prefix.

    Each word is folded and cut by the same function as the documents, then parsed by
    PostgreSQL itself: it arrives as a bound parameter, never as tsquery syntax.
    """
    parts = [_plain(word) for word in search.words]
    if search.prefix:
        parts[-1] = _prefixed(search.words[-1])
    return _and(parts)

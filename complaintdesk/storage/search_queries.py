"""Full-text queries: what a person typed, made safe, ranked, then the most recent first.

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

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    Select,
    String,
    Uuid,
    and_,
    case,
    cast,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR

from complaintdesk.storage import queue_queries
from complaintdesk.storage.models import Complaint, ContactPoint
from complaintdesk.storage.search_index import FOLD_FUNCTION, KEY_TABLE, LIGATURES, SEARCH_TABLE
from complaintdesk.storage.unit_of_work import UnitOfWork

MAX_WORDS = 12
MAX_WORD_LENGTH = 64
PREFIX_MIN = 3
"""Shorter last words match whole: "du*" would match a good part of the index."""
WINDOW = 10_000
"""Matches ranked per search: the most recently indexed ones, when a word is everywhere."""
SQLITE_WEIGHTS = (4.0, 1.0, 2.0)
"""bm25 weights of the subject, body and people fields (PostgreSQL: weights A, D, B)."""

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


def hits(dialect: str, search: SearchText, window: int | None, best: int | None) -> Any:
    """Return a subquery of ``(complaint_id, score)`` for the documents matching ``search``.

    Only the ``window`` most recently indexed matches are ranked: ranking costs a few
    microseconds a document, and a word found in a third of a million complaints would
    take a second to rank, for an order among them that means little to the person. A
    search with fewer matches than the window is ranked in full.

    Args:
        dialect: ``sqlite`` or ``postgresql``.
        window: how many of the latest matches to rank (None: all of them).
        best: keep only the ``best`` highest scores (None: every ranked match).
    """
    if dialect == "sqlite":
        return _sqlite_hits(search, window, best)
    return _postgresql_hits(search, window, best)


def _postgresql_hits(search: SearchText, window: int | None, best: int | None) -> Any:
    index = table(SEARCH_TABLE, column("complaint_id", Uuid), column("document", TSVECTOR))
    query = tsquery(search)
    score = func.ts_rank(index.c.document, query, type_=Float).label("score")
    # One pass finds and ranks: for a common word PostgreSQL walks the primary key newest
    # first and stops at the window; a rarer one has few matches to rank anyway.
    latest = (
        select(index.c.complaint_id, score)
        .where(index.c.document.bool_op("@@")(query))
        .order_by(index.c.complaint_id.desc())
    )
    ranked = (latest if window is None else latest.limit(window)).subquery("latest")
    if best is None:
        return ranked
    return (
        select(ranked.c.complaint_id, ranked.c.score)
        .order_by(ranked.c.score.desc(), ranked.c.complaint_id.desc())
        .limit(best)
        .subquery("hit")
    )


def _sqlite_hits(search: SearchText, window: int | None, best: int | None) -> Any:
    weights = ", ".join(str(w) for w in SQLITE_WEIGHTS)
    # FTS5 walks the matches newest rowid first and stops at the window; bm25 is lower
    # for better matches, hence the minus (PostgreSQL's ts_rank is higher).
    latest = (
        f"SELECT rowid AS doc, -bm25({SEARCH_TABLE}, {weights}) AS score FROM {SEARCH_TABLE} "
        f"WHERE {SEARCH_TABLE} MATCH :query ORDER BY rowid DESC LIMIT :window"
    )
    if best is not None:
        latest = f"SELECT doc, score FROM ({latest}) ORDER BY score DESC, doc DESC LIMIT :best"
    ranked = text(latest).bindparams(query=fts5_query(search), window=window or -1)
    if best is not None:
        ranked = ranked.bindparams(best=best)
    found = ranked.columns(column("doc", Integer), column("score", Float)).subquery("ranked")
    key = table(KEY_TABLE, column("id", Integer), column("complaint_id", Uuid))
    return (
        select(key.c.complaint_id, found.c.score)
        .join_from(found, key, key.c.id == found.c.doc)
        .subquery("hit")
    )


def ranked_statement(
    dialect: str,
    search: SearchText,
    visible: Sequence[ColumnElement[bool]],
    limit: int,
    window: int | None,
) -> Select[Any]:
    """Return the queue rows of the best ``limit`` matches the caller may see.

    Ranked by relevance, then the most recently received first, among the ``window``
    latest matches (None: all). With no visibility condition the index keeps only the
    best ``limit`` before anything is joined.
    """
    hit = hits(dialect, search, window, best=None if visible else limit)
    return (
        queue_queries.row_statement()
        .join(hit, hit.c.complaint_id == Complaint.id)
        .where(and_(True, *visible))
        .order_by(hit.c.score.desc(), Complaint.received_at.desc(), Complaint.id)
        .limit(limit)
    )


def ranked_rows(
    uow: UnitOfWork,
    search: SearchText,
    visible: Sequence[ColumnElement[bool]],
    limit: int,
    window: int | None,
) -> list[Any]:
    """Run :func:`ranked_statement` in ``uow``."""
    dialect = uow.session.get_bind().dialect.name
    return uow.rows(ranked_statement(dialect, search, visible, limit, window))


def latest_statement(
    dialect: str,
    search: SearchText,
    visible: Sequence[ColumnElement[bool]],
    limit: int,
) -> Select[Any]:
    """Return the queue rows of the latest ``limit`` matches the caller may see, unranked.

    The index is walked newest first and the walk stops once ``limit`` visible matches
    are found: no document is ranked, so finding that none is visible costs little more
    than counting the matches.
    """
    if dialect == "sqlite":
        index = table(SEARCH_TABLE, column("rowid", Integer))
        key = table(KEY_TABLE, column("id", Integer), column("complaint_id", Uuid))
        match = text(f"{SEARCH_TABLE} MATCH :query").bindparams(query=fts5_query(search))
        return (
            queue_queries.row_statement()
            .join(key, key.c.complaint_id == Complaint.id)
            .join(index, index.c.rowid == key.c.id)
            .where(match, *visible)
            .order_by(index.c.rowid.desc())
            .limit(limit)
        )
    found = table(SEARCH_TABLE, column("complaint_id", Uuid), column("document", TSVECTOR))
    return (
        queue_queries.row_statement()
        .join(found, found.c.complaint_id == Complaint.id)
        .where(found.c.document.bool_op("@@")(tsquery(search)), *visible)
        .order_by(found.c.complaint_id.desc())
        .limit(limit)
    )


def latest_rows(
    uow: UnitOfWork, search: SearchText, visible: Sequence[ColumnElement[bool]], limit: int
) -> list[Any]:
    """Run :func:`latest_statement` in ``uow``."""
    dialect = uow.session.get_bind().dialect.name
    return uow.rows(latest_statement(dialect, search, visible, limit))


def identified_statement(
    references: Sequence[str],
    contacts: Sequence[tuple[str, str]],
    visible: Sequence[ColumnElement[bool]],
    limit: int,
) -> Select[Any]:
    """Return the queue rows of complaints named by reference or by a customer's contact.

    Args:
        contacts: ``(kind, normalised value)`` pairs, as contact points store them.
    """
    named: list[ColumnElement[bool]] = []
    if references:
        named.append(Complaint.reference.in_(list(references)))
    if contacts:
        owners = select(ContactPoint.customer_id).where(
            or_(*(and_(ContactPoint.kind == k, ContactPoint.value == v) for k, v in contacts))
        )
        named.append(Complaint.customer_id.in_(owners))
    return (
        queue_queries.row_statement()
        .where(or_(*named), *visible)
        .order_by(Complaint.received_at.desc(), Complaint.id)
        .limit(limit)
    )


def identified_rows(
    uow: UnitOfWork,
    references: Sequence[str],
    contacts: Sequence[tuple[str, str]],
    visible: Sequence[ColumnElement[bool]],
    limit: int,
) -> list[Any]:
    """Run :func:`identified_statement` in ``uow``."""
    return uow.rows(identified_statement(references, contacts, visible, limit))

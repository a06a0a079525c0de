"""Full-text queries run: the matches ranked, then the most recent first, as queue rows.

What a person typed arrives as a :class:`~complaintdesk.storage.search_text.SearchText`,
already made safe (see :mod:`complaintdesk.storage.search_text`); here it is matched
against the index, restricted to what the caller may see and joined to the queue rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Exists,
    Float,
    FromClause,
    Integer,
    Select,
    Uuid,
    and_,
    case,
    column,
    func,
    literal_column,
    null,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.visitors import ExternallyTraversible

from complaintdesk.storage import queue_queries
from complaintdesk.storage.models import Complaint, ContactPoint
from complaintdesk.storage.search_index import KEY_TABLE, SEARCH_TABLE
from complaintdesk.storage.search_text import SearchText, fts5_query, tsquery
from complaintdesk.storage.unit_of_work import UnitOfWork

WINDOW = 2_000
"""Matches ranked per search: the most recently indexed ones, when a word is everywhere."""
SQLITE_WEIGHTS = (4.0, 1.0, 2.0)
"""bm25 weights of the subject, body and people fields (PostgreSQL: weights A, D, B)."""

_INDEX = table(SEARCH_TABLE, column("rowid", Integer))
_KEY = table(KEY_TABLE, column("id", Integer), column("complaint_id", Uuid))
_COMPLAINT = Complaint.__table__


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
    if dialect == "sqlite" and visible:
        return _sqlite_visible_ranked(search, visible, limit, window)
    hit = hits(dialect, search, window, best=None if visible else limit)
    return (
        queue_queries.row_statement()
        .join(hit, hit.c.complaint_id == Complaint.id)
        .where(and_(True, *visible))
        .order_by(hit.c.score.desc(), Complaint.received_at.desc(), Complaint.id)
        .limit(limit)
    )


def _fts5_match(search: SearchText) -> TextClause:
    return text(f"{SEARCH_TABLE} MATCH :query").bindparams(query=fts5_query(search))


def _seen(visible: Sequence[ColumnElement[bool]]) -> Exists:
    """Whether the document under the FTS5 cursor is of a complaint the caller may see.

    Asked of each match as the index is walked, before anything else of it is read or
    ranked: a common word matches far more documents than a branch or a function may see.
    The complaint's id is read from the key table, so a condition on it alone ("asked of
    my function") reads no complaint; one on its own columns reads its indexes only.
    """
    keyed = [_on_key(condition) for condition in visible]
    documents: FromClause = _KEY
    if any(_reads_complaint(condition) for condition in keyed):
        documents = _KEY.join(Complaint, Complaint.id == _KEY.c.complaint_id)
    # SELECT 1, not SELECT *: SQLite then answers from the index alone, never the row.
    seen = select(literal_column("1", Integer)).select_from(documents).correlate(_INDEX)
    return seen.where(_KEY.c.id == _INDEX.c.rowid, *keyed).exists()


def _on_key(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """Return ``condition`` with the complaint's id taken from the key table."""

    def swap(element: ExternallyTraversible, **_: Any) -> ExternallyTraversible | None:
        if getattr(element, "table", None) is _COMPLAINT and getattr(element, "key", "") == "id":
            return _KEY.c.complaint_id
        return None

    options: dict[str, Any] = {}
    return visitors.replacement_traverse(condition, options, swap)


def _reads_complaint(condition: ColumnElement[bool]) -> bool:
    return any(getattr(e, "table", None) is _COMPLAINT for e in visitors.iterate(condition))


def _sqlite_visible_ranked(
    search: SearchText, visible: Sequence[ColumnElement[bool]], limit: int, window: int | None
) -> Select[Any]:
    """:func:`ranked_statement` on SQLite for someone who sees part of the complaints.

    The same matches in the same order, but only the visible ones among the window are
    ranked (bm25 costs microseconds a document) and joined to their queue rows.
    """
    weights = ", ".join(str(w) for w in SQLITE_WEIGHTS)
    bm25 = literal_column(f"-bm25({SEARCH_TABLE}, {weights})", Float)
    score = case((_seen(visible), bm25), else_=null()).label("score")
    latest = (
        select(_INDEX.c.rowid.label("doc"), score)
        .where(_fts5_match(search))
        .order_by(_INDEX.c.rowid.desc())
        .limit(window if window is not None else -1)
        .subquery("latest")
    )
    hit = select(latest.c.doc, latest.c.score).where(latest.c.score.is_not(None)).subquery("hit")
    return (
        queue_queries.row_statement()
        .join(_KEY, _KEY.c.complaint_id == Complaint.id)
        .join(hit, hit.c.doc == _KEY.c.id)
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


def window_end(uow: UnitOfWork, search: SearchText, window: int) -> Any | None:
    """Return the index key of the ``window``-th latest match (None: there are fewer).

    What :func:`latest_statement` passes over as ``before``: the matches a window ranked.
    """
    if uow.session.get_bind().dialect.name == "sqlite":
        key: ColumnElement[Any] = _INDEX.c.rowid
        statement = select(key).where(_fts5_match(search))
    else:
        index = table(SEARCH_TABLE, column("complaint_id", Uuid), column("document", TSVECTOR))
        key = index.c.complaint_id
        statement = select(key).where(index.c.document.bool_op("@@")(tsquery(search)))
    last = statement.order_by(key.desc()).limit(1).offset(max(window, 1) - 1)
    keys = uow.scalars(last)
    return keys[0] if keys else None


def latest_statement(
    dialect: str,
    search: SearchText,
    visible: Sequence[ColumnElement[bool]],
    limit: int,
    before: Any | None = None,
) -> Select[Any]:
    """Return the queue rows of the latest ``limit`` matches the caller may see, unranked.

    The index is walked newest first and the walk stops once ``limit`` visible matches
    are found: no document is ranked, so finding that none is visible costs little more
    than counting the matches.

    Args:
        before: only matches older than this index key (see :func:`window_end`).
    """
    if dialect == "sqlite":
        return _sqlite_latest(search, visible, limit, before)
    found = table(SEARCH_TABLE, column("complaint_id", Uuid), column("document", TSVECTOR))
    older = [] if before is None else [found.c.complaint_id < before]
    return (
        queue_queries.row_statement()
        .join(found, found.c.complaint_id == Complaint.id)
        .where(found.c.document.bool_op("@@")(tsquery(search)), *older, *visible)
        .order_by(found.c.complaint_id.desc())
        .limit(limit)
    )


def _sqlite_latest(
    search: SearchText, visible: Sequence[ColumnElement[bool]], limit: int, before: Any | None
) -> Select[Any]:
    # The visibility is asked of each match before its row is read: the walk may pass
    # many thousands that the caller may not see.
    conditions: list[ColumnElement[bool] | TextClause] = [_fts5_match(search)]
    if visible:
        conditions.append(_seen(visible))
    if before is not None:
        conditions.append(_INDEX.c.rowid < before)
    found = (
        select(_INDEX.c.rowid.label("doc"))
        .where(*conditions)
        .order_by(_INDEX.c.rowid.desc())
        .limit(limit)
        .subquery("found")
    )
    return (
        queue_queries.row_statement()
        .join(_KEY, _KEY.c.complaint_id == Complaint.id)
        .join(found, found.c.doc == _KEY.c.id)
        .order_by(found.c.doc.desc())
        .limit(limit)
    )


def latest_rows(
    uow: UnitOfWork,
    search: SearchText,
    visible: Sequence[ColumnElement[bool]],
    limit: int,
    before: Any | None = None,
) -> list[Any]:
    """Run :func:`latest_statement` in ``uow``."""
    dialect = uow.session.get_bind().dialect.name
    return uow.rows(latest_statement(dialect, search, visible, limit, before))


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

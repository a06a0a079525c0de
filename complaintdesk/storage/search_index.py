"""The full-text search index: one document per complaint, kept in step with its sources.

A complaint's document holds three fields, each ranked differently:

- ``subject``: the complaint's subject;
- ``body``: its description and the subject and text of every message on it;
- ``people``: the customer's name and every contact point (normalised values).

One document per complaint, rather than one per message or customer joined at query time,
lets every word of a query match anywhere in the complaint's story ("dupont facture" finds
Mr Dupont's billing complaint although his name is not in the message that says "facture"),
ranks whole complaints (what the queue table shows), and keeps a query to one index lookup.
The cost is rewriting a document when one of its sources changes: a new message rewrites
its complaint's document (a few kilobytes); a renamed customer or a new contact point
rewrites the documents of that customer's complaints.

SQLite: an FTS5 table ``complaint_search`` (``unicode61 remove_diacritics 2``) whose rowid
is the ``id`` of ``complaint_search_key``, an ordinary table mapping it to the complaint
(FTS5 rowids are integers; complaint ids are UUIDs, and an SQLite table's own rowid may change
on ``VACUUM``). PostgreSQL: ``complaint_search(complaint_id, document tsvector)`` with a GIN
index, the text folded by ``complaintdesk_search_fold`` (case, accents, ligatures, and
punctuation made word breaks as FTS5 makes them) because the ``unaccent`` extension is not
installed everywhere.

The tables and the function are made by migration 0006 and are not ORM models: they are
derived data, written only here, and :func:`is_index_object` hides them from autogenerate.
Documents are rewritten by :class:`SearchTracker` when a unit of work commits (every ORM
write, whichever service made it) and by :func:`index_rows` after a bulk load; any other code
that writes these tables without the ORM calls :func:`refresh` in its transaction.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, event, inspect, text
from sqlalchemy.orm import Session

from complaintdesk.storage.models import Complaint, ContactPoint, Customer, Message

SEARCH_TABLE = "complaint_search"
KEY_TABLE = "complaint_search_key"
FOLD_FUNCTION = "complaintdesk_search_fold"
LIGATURES = (
    ("œ", "oe"),
    ("Œ", "OE"),
    ("æ", "ae"),
    ("Æ", "AE"),
    ("ß", "ss"),
    ("ẞ", "SS"),
    ("ø", "o"),
    ("Ø", "O"),
    ("ł", "l"),
    ("Ł", "L"),
)
"""Letters FTS5's ``remove_diacritics`` keeps as they are, spelled out on SQLite so that
"coeur" finds "cœur" there as it does on PostgreSQL (where the fold function does it)."""
BODY_LIMIT = 200_000
"""Characters of a complaint's story indexed on PostgreSQL (a tsvector holds at most 1 MB)."""


def is_index_object(name: str | None) -> bool:
    """Return True for the tables of the search index (FTS5 makes shadow tables too).

    Alembic's autogenerate and the schema comparison skip them: they are not models.
    """
    return name is not None and (name == SEARCH_TABLE or name.startswith(f"{SEARCH_TABLE}_"))


_SEARCHED = {
    Complaint: ("subject", "description", "customer_id"),
    Message: ("subject", "body_text", "complaint_id"),
    Customer: ("display_name",),
    ContactPoint: ("value", "customer_id"),
}


class SearchTracker:
    """Notes what a session writes that a search document shows, and rewrites those documents.

    Watching the session's flushes (rather than relying on each service to say what it
    changed) means no service can forget: every ORM insert, update or delete of a complaint,
    message, customer or contact point is seen.
    """

    def __init__(self) -> None:
        self.complaint_ids: set[uuid.UUID] = set()
        self.customer_ids: set[uuid.UUID] = set()

    def watch(self, session: Session) -> None:
        """Start noting the changes ``session`` flushes."""
        event.listen(session, "before_flush", self._note_flush)

    def _note_flush(self, session: Session, context: Any, instances: Any) -> None:
        for obj in (*session.new, *session.deleted):
            self._note(obj, changed=None)
        for obj in session.dirty:
            fields = _SEARCHED.get(type(obj))
            if fields is None:
                continue
            state = inspect(obj)
            changed = [f for f in fields if state.attrs[f].history.has_changes()]
            if changed:
                self._note(obj, changed)

    def _note(self, obj: object, changed: list[str] | None) -> None:
        """Remember the complaint or customer whose documents ``obj`` feeds."""
        if isinstance(obj, Complaint):
            self.complaint_ids.add(obj.id)
            if changed is None or "customer_id" in changed:
                self.customer_ids.update(_values(obj, "customer_id"))
        elif isinstance(obj, Message):
            self.complaint_ids.update(_values(obj, "complaint_id"))
        elif isinstance(obj, Customer):
            self.customer_ids.add(obj.id)
        elif isinstance(obj, ContactPoint):
            self.customer_ids.update(_values(obj, "customer_id"))

    def refresh(self, session: Session) -> None:
        """Flush, then rewrite the documents of everything noted (call just before commit)."""
        session.flush()
        if not self.complaint_ids and not self.customer_ids:
            return
        connection = session.connection()
        ids = self.complaint_ids | complaints_of(connection, self.customer_ids)
        refresh(connection, ids)
        self.complaint_ids.clear()
        self.customer_ids.clear()


def _values(obj: object, key: str) -> list[uuid.UUID]:
    """Return the current and the previous value of a foreign key (a move touches both)."""
    history = inspect(obj).attrs[key].history
    values = [*history.added, *history.unchanged, *history.deleted]
    return [v for v in values if isinstance(v, uuid.UUID)]


def complaints_of(connection: Connection, customer_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    """Return the ids of the complaints of these customers."""
    if not customer_ids:
        return set()
    sqlite = connection.dialect.name == "sqlite"
    statement = (
        "SELECT id FROM complaint WHERE customer_id IN (SELECT value FROM json_each(:ids))"
        if sqlite
        else "SELECT id FROM complaint WHERE customer_id = ANY(CAST(:ids AS uuid[]))"
    )
    rows = connection.execute(text(statement), {"ids": _ids_parameter(connection, customer_ids)})
    return {value if isinstance(value, uuid.UUID) else uuid.UUID(value) for (value,) in rows}


def _ids_parameter(connection: Connection, ids: Iterable[uuid.UUID | str]) -> Any:
    """Ids as SQLite's ``json_each`` or PostgreSQL's ``uuid[]`` takes them."""
    if connection.dialect.name == "sqlite":
        return json.dumps([v.hex if isinstance(v, uuid.UUID) else v for v in ids])
    return [str(v) for v in ids]


def refresh(connection: Connection, complaint_ids: Collection[uuid.UUID | str]) -> None:
    """Rewrite the search documents of these complaints from their current rows.

    Ids may be UUIDs or wire-format texts (32 hex digits, as bulk loads write them). A
    complaint that no longer exists loses its document.

    On PostgreSQL the documents are locked first: two transactions adding a message each
    to one complaint would otherwise each write a document without the other's message.
    Once the first commits, the second's next statement sees its message. (SQLite has one
    writer at a time.)
    """
    if not complaint_ids:
        return
    ids = _ids_parameter(connection, complaint_ids)
    statements = _SQLITE_REFRESH if connection.dialect.name == "sqlite" else _POSTGRESQL_REFRESH
    for statement in statements:
        connection.execute(text(statement), {"ids": ids})


def index_rows(connection: Connection, tables: Sequence[tuple[str, Sequence[str], Any]]) -> None:
    """Index what a bulk load just wrote: ``(table, columns, rows)`` as it wrote them.

    New complaints get their documents; new messages and contact points rewrite the
    documents they belong to. Rows of other tables change no document.
    """
    complaint_ids: set[str] = set()
    customer_ids: set[str] = set()
    wanted = {"complaint": ("id", complaint_ids), "message": ("complaint_id", complaint_ids)}
    wanted["contact_point"] = ("customer_id", customer_ids)
    for table, columns, rows in tables:
        if table not in wanted:
            continue
        column, into = wanted[table]
        position = list(columns).index(column)
        into.update(str(row[position]) for row in rows if row[position] is not None)
    customers = {uuid.UUID(c) for c in customer_ids}
    known = {uuid.UUID(c) for c in complaint_ids}
    refresh(connection, known | complaints_of(connection, customers))


def optimize(connection: Connection) -> None:
    """Merge the index into one segment after a big load (SQLite; PostgreSQL needs nothing)."""
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('optimize')"))


def _ligatures(expression: str) -> str:
    for letter, spelled in LIGATURES:
        expression = f"replace({expression}, '{letter}', '{spelled}')"
    return expression


_IDS = "(SELECT value FROM json_each(:ids))"
_SQLITE_BODY = """c.description || ' ' || coalesce((
        SELECT group_concat(coalesce(m.subject, '') || ' ' || m.body_text, ' ')
        FROM message m WHERE m.complaint_id = c.id), '')"""
_SQLITE_PEOPLE = """cu.display_name || ' ' || coalesce((
        SELECT group_concat(p.value, ' ')
        FROM contact_point p WHERE p.customer_id = c.customer_id), '')"""
_SQLITE_REFRESH = (
    f"""INSERT OR IGNORE INTO {KEY_TABLE} (complaint_id)
    SELECT c.id FROM complaint c WHERE c.id IN {_IDS} ORDER BY c.received_at, c.id""",
    f"""DELETE FROM {SEARCH_TABLE} WHERE rowid IN (
        SELECT k.id FROM {KEY_TABLE} k WHERE k.complaint_id IN {_IDS})""",
    f"""DELETE FROM {KEY_TABLE} WHERE complaint_id IN {_IDS}
    AND NOT EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id)""",
    f"""INSERT INTO {SEARCH_TABLE} (rowid, subject, body, people)
    SELECT k.id, {_ligatures("c.subject")}, {_ligatures(_SQLITE_BODY)}, {_ligatures(_SQLITE_PEOPLE)}
    FROM {KEY_TABLE} k
    JOIN complaint c ON c.id = k.complaint_id
    JOIN customer cu ON cu.id = c.customer_id
    WHERE k.complaint_id IN {_IDS} ORDER BY k.id""",
)


def _vector(expression: str, weight: str) -> str:
    return f"setweight(to_tsvector('simple', {FOLD_FUNCTION}({expression})), '{weight}')"


_PEOPLE = "cu.display_name || ' ' || coalesce(p.contacts, '')"
_POSTGRESQL_LOCK = f"""
SELECT complaint_id FROM {SEARCH_TABLE} WHERE complaint_id = ANY(CAST(:ids AS uuid[]))
ORDER BY complaint_id FOR UPDATE"""
_POSTGRESQL_UPSERT = f"""
INSERT INTO {SEARCH_TABLE} (complaint_id, document)
SELECT c.id,
    {_vector("c.subject", "A")}
    || {_vector(_PEOPLE, "B")}
    || {_vector(f"left(c.description || ' ' || coalesce(m.texts, ''), {BODY_LIMIT})", "D")}
FROM complaint c
JOIN customer cu ON cu.id = c.customer_id
LEFT JOIN LATERAL (
    SELECT string_agg(concat_ws(' ', x.subject, x.body_text), ' '
        ORDER BY x.occurred_at, x.id) AS texts
    FROM message x WHERE x.complaint_id = c.id) m ON true
LEFT JOIN LATERAL (
    SELECT string_agg(y.value, ' ' ORDER BY y.value) AS contacts
    FROM contact_point y WHERE y.customer_id = c.customer_id) p ON true
WHERE c.id = ANY(CAST(:ids AS uuid[]))
ON CONFLICT (complaint_id) DO UPDATE SET document = EXCLUDED.document"""
_POSTGRESQL_REFRESH = (_POSTGRESQL_LOCK, _POSTGRESQL_UPSERT)

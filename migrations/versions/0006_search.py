"""Full-text search: one document per complaint, indexed from the rows already there.

SQLite gets an FTS5 table (``unicode61 remove_diacritics 2``) and the table mapping its
integer rowids to complaints; PostgreSQL gets a table of tsvectors with a GIN index and the
function that folds case, accents, ligatures and punctuation (``unaccent`` is not installed
on every server). What a document holds is explained in ``complaintdesk.storage.search_index``;
this migration keeps its own copy of the statements, as migrations must not change when the
application does.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 12:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

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
"""Letters that no decomposition reduces to plain ones: spelled out on both databases
(FTS5's ``remove_diacritics`` keeps them too), so that "coeur" finds "cœur"."""
BREAKS = (
    r"\\u0021-\\u002f\\u003a-\\u0040\\u005b-\\u0060\\u007b-\\u007e\\u00a1-\\u00bf\\u00d7\\u00f7"
    r"\\u2000-\\u206f\\u20a0-\\u20cf"
)
"""ASCII punctuation, Latin-1 signs, general punctuation (quotes, dashes, spaces) and currency
signs, escaped for an ``E''`` regular expression: word breaks, as FTS5 reads them. Left to
itself PostgreSQL's parser reads ``HQ-25-00042`` as ``hq``, ``-25``, ``-00042`` and keeps an
e-mail address or ``12.50`` as one word."""


def upgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_id_site_id"), ["id", "site_id"])
    if op.get_bind().dialect.name == "sqlite":
        _upgrade_sqlite()
    else:
        _upgrade_postgresql()


def downgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_id_site_id"))
    op.execute("DROP TABLE complaint_search")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE complaint_search_key")
    else:
        op.execute("DROP FUNCTION complaintdesk_search_fold(text)")


def _ligatures(expression: str) -> str:
    for letter, spelled in LIGATURES:
        expression = f"replace({expression}, '{letter}', '{spelled}')"
    return expression


_SQLITE_BODY = """c.description || ' ' || coalesce((
        SELECT group_concat(coalesce(m.subject, '') || ' ' || m.body_text, ' ')
        FROM message m WHERE m.complaint_id = c.id), '')"""
_SQLITE_PEOPLE = """cu.display_name || ' ' || coalesce((
        SELECT group_concat(p.value, ' ')
        FROM contact_point p WHERE p.customer_id = c.customer_id), '')"""


def _upgrade_sqlite() -> None:
    op.execute("""
        CREATE TABLE complaint_search_key (
            id INTEGER NOT NULL,
            complaint_id CHAR(32) NOT NULL,
            CONSTRAINT pk_complaint_search_key PRIMARY KEY (id),
            CONSTRAINT uq_complaint_search_key_complaint_id UNIQUE (complaint_id))""")
    op.execute("""
        CREATE VIRTUAL TABLE complaint_search USING fts5(
            subject, body, people,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '3')""")
    # Oldest first: rowids follow receipt order, which breaks ties between equal ranks.
    op.execute("""
        INSERT INTO complaint_search_key (complaint_id)
        SELECT id FROM complaint ORDER BY received_at, id""")
    op.execute(f"""
        INSERT INTO complaint_search (rowid, subject, body, people)
        SELECT k.id, {_ligatures("c.subject")}, {_ligatures(_SQLITE_BODY)},
            {_ligatures(_SQLITE_PEOPLE)}
        FROM complaint_search_key k
        JOIN complaint c ON c.id = k.complaint_id
        JOIN customer cu ON cu.id = c.customer_id
        ORDER BY k.id""")
    op.execute("INSERT INTO complaint_search (complaint_search) VALUES ('optimize')")


FOLD_FUNCTION = """
CREATE FUNCTION complaintdesk_search_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fold$
SELECT CASE WHEN folded ~ '[{letters}]' THEN {spelled} ELSE folded END
FROM (SELECT regexp_replace(
    regexp_replace(normalize(lower(coalesce($1, '')), NFKD), E'[\\\\u0300-\\\\u036f]+', '', 'g'),
    E'[{breaks}]+', ' ', 'g') AS folded) f
$fold$"""
"""Lower case, compatibility forms decomposed, combining accents (U+0300 to U+036F) removed,
punctuation made word breaks, ligatures spelled out. The ligatures are looked for first:
each replacement is a pass over the text, and few texts have any."""


def _fold_function() -> str:
    spelled = "folded"
    for letter, plain in LIGATURES:
        spelled = f"replace({spelled}, '{letter}', '{plain.lower()}')"
    letters = "".join(letter for letter, _ in LIGATURES)
    return FOLD_FUNCTION.format(letters=letters, spelled=spelled, breaks=BREAKS)


def _vector(expression: str, weight: str) -> str:
    return f"setweight(to_tsvector('simple', complaintdesk_search_fold({expression})), '{weight}')"


_POSTGRESQL_BACKFILL = f"""
INSERT INTO complaint_search (complaint_id, document)
SELECT c.id,
    {_vector("c.subject", "A")}
    || {_vector("cu.display_name || ' ' || coalesce(p.contacts, '')", "B")}
    || {_vector("left(c.description || ' ' || coalesce(m.texts, ''), 200000)", "D")}
FROM complaint c
JOIN customer cu ON cu.id = c.customer_id
LEFT JOIN (
    SELECT x.complaint_id, string_agg(concat_ws(' ', x.subject, x.body_text), ' '
        ORDER BY x.occurred_at, x.id) AS texts
    FROM message x WHERE x.complaint_id IS NOT NULL GROUP BY x.complaint_id) m
    ON m.complaint_id = c.id
LEFT JOIN (
    SELECT y.customer_id, string_agg(y.value, ' ' ORDER BY y.value) AS contacts
    FROM contact_point y GROUP BY y.customer_id) p
    ON p.customer_id = c.customer_id"""


def _upgrade_postgresql() -> None:
    op.execute(_fold_function())
    op.execute("""
        CREATE TABLE complaint_search (
            complaint_id UUID NOT NULL,
            document TSVECTOR NOT NULL,
            CONSTRAINT pk_complaint_search PRIMARY KEY (complaint_id),
            CONSTRAINT fk_complaint_search_complaint_id_complaint FOREIGN KEY (complaint_id)
                REFERENCES complaint (id) ON DELETE CASCADE)""")
    op.execute(_POSTGRESQL_BACKFILL)
    # Built after the backfill: one sorted build is much faster than a million inserts.
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")
    op.execute("CREATE INDEX ix_complaint_search_document ON complaint_search USING gin (document)")

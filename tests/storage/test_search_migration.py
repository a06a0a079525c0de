"""Migration 0006 on a database holding complaints: it indexes them as the application would,
the demo's bulk load is indexed too, and stepping down removes every object it made."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import Connection, inspect, text

from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.demo import seed
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import search
from complaintdesk.storage import schema, search_index
from complaintdesk.storage.database import create_database_engine
from tests.conftest import command_line_actor

SEARCH_REVISION = "0006"


@pytest.fixture
def seeded(database_url: str, data_dir: Path) -> Backend:
    """A database at head with a small demo load (written by the bulk loader)."""
    backend = open_backend(Settings(database_url, data_dir))
    seed.seed(backend.uow, complaints=120, seed=7)
    return backend


def _documents(connection: Connection) -> dict[str, str]:
    """Return each complaint's search document as text, by complaint id."""
    if connection.dialect.name == "sqlite":
        rows = connection.execute(
            text(
                "SELECT k.complaint_id, s.subject || '|' || s.body || '|' || s.people "
                f"FROM {search_index.KEY_TABLE} k "
                f"JOIN {search_index.SEARCH_TABLE} s ON s.rowid = k.id"
            )
        )
    else:
        rows = connection.execute(
            text(f"SELECT complaint_id, document::text FROM {search_index.SEARCH_TABLE}")
        )
    return {str(cid).replace("-", ""): document for cid, document in rows}


def _index_objects(connection: Connection) -> set[str]:
    names = {n for n in inspect(connection).get_table_names() if search_index.is_index_object(n)}
    if connection.dialect.name == "postgresql":
        functions = connection.execute(
            text("SELECT proname FROM pg_proc WHERE proname = :name"),
            {"name": search_index.FOLD_FUNCTION},
        )
        names |= set(functions.scalars())
    return names


def test_the_bulk_load_indexes_every_complaint(seeded: Backend) -> None:
    with seeded.engine.connect() as connection:
        documents = _documents(connection)
        complaints = connection.execute(text("SELECT count(*) FROM complaint")).scalar_one()

    assert len(documents) == complaints == 120


def test_upgrading_indexes_existing_complaints_as_the_application_does(
    seeded: Backend,
) -> None:
    schema.downgrade(seeded.engine, "0005")
    with seeded.engine.connect() as connection:
        assert _index_objects(connection) == set()
    schema.upgrade(seeded.engine)

    with seeded.engine.begin() as connection:
        migrated = _documents(connection)
        ids = list(connection.execute(text("SELECT id FROM complaint")).scalars())
        search_index.refresh(connection, ids)
        rewritten = _documents(connection)

    assert len(migrated) == 120
    assert migrated == rewritten, "migration 0006 and the live code must write the same documents"


def test_a_complaint_recorded_before_the_upgrade_is_found_after_it(seeded: Backend) -> None:
    ctx = ServiceContext(seeded.uow, command_line_actor())
    with seeded.engine.connect() as connection:
        reference, subject = connection.execute(
            text("SELECT reference, subject FROM complaint ORDER BY received_at LIMIT 1")
        ).one()
    schema.downgrade(seeded.engine, "0005")
    schema.upgrade(seeded.engine)

    word = max(re.findall(r"[^\W\d_]+", subject), key=len)

    assert reference in {row.reference for row in search.search(ctx, word, limit=500)}
    assert search.search(ctx, reference)[0].reference == reference


def test_downgrading_removes_the_index_and_upgrading_makes_it_again(database_url: str) -> None:
    engine = create_database_engine(database_url)
    try:
        with engine.connect() as connection:
            made = _index_objects(connection)
        schema.downgrade(engine, "0005")
        with engine.connect() as connection:
            assert _index_objects(connection) == set()
        schema.upgrade(engine)
        with engine.connect() as connection:
            assert _index_objects(connection) == made
    finally:
        engine.dispose()
    assert search_index.SEARCH_TABLE in made


def _fold(value: str) -> str:
    """Fold as the index does: accents off, ligatures spelled, lower case."""
    for letter, spelled in search_index.LIGATURES:
        value = value.replace(letter, spelled)
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _scan(connection: Connection) -> dict[str, set[str]]:
    """Return each complaint's words, read with plain SQL from the rows themselves."""
    words: dict[str, set[str]] = {}
    sources = (
        "SELECT c.reference, c.subject || ' ' || c.description FROM complaint c",
        "SELECT c.reference, coalesce(m.subject, '') || ' ' || m.body_text "
        "FROM message m JOIN complaint c ON c.id = m.complaint_id",
        "SELECT c.reference, cu.display_name FROM complaint c "
        "JOIN customer cu ON cu.id = c.customer_id",
        "SELECT c.reference, p.value FROM complaint c "
        "JOIN contact_point p ON p.customer_id = c.customer_id",
    )
    for statement in sources:
        for reference, content in connection.execute(text(statement)):
            words.setdefault(reference, set()).update(re.findall(r"[^\W_]+", _fold(content)))
    return words


def test_search_results_equal_a_plain_scan_of_the_rows(seeded: Backend) -> None:
    ctx = ServiceContext(seeded.uow, command_line_actor())
    with seeded.engine.connect() as connection:
        words = _scan(connection)
        subjects = list(connection.execute(text("SELECT subject FROM complaint")).scalars())
    candidates = sorted({w for s in subjects for w in re.findall(r"[^\W\d_]{4,}", _fold(s))})

    for word in candidates[::3]:
        expected = {ref for ref, found in words.items() if word in found}
        got = {row.reference for row in search.search(ctx, f"{word} ", limit=500)}
        assert got == expected, word
        prefixed = {ref for ref, found in words.items() if any(w.startswith(word) for w in found)}
        assert {row.reference for row in search.search(ctx, word, limit=500)} == prefixed, word

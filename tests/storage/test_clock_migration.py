"""Migration 0015 on both databases: text clock stamps become integers in clock order."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import text

from complaintdesk.domain.hlc import HybridTimestamp
from complaintdesk.storage import schema
from complaintdesk.storage.database import create_database_engine

OLD_STAMPS = {
    "001700000000000.000000": HybridTimestamp(1_700_000_000_000, 0),
    "001700000000000.999999": HybridTimestamp(1_700_000_000_000, 999_999),
    # Seven digits: the six-digit text sorted it before the one above.
    "001700000000000.1000000": HybridTimestamp(1_700_000_000_000, 1_000_000),
    "001700000000001.000003": HybridTimestamp(1_700_000_000_001, 3),
}


def _insert_entries(url: str) -> dict[str, uuid.UUID]:
    engine = create_database_engine(url)
    ids = {stamp: uuid.uuid4() for stamp in OLD_STAMPS}
    try:
        schema.upgrade(engine, "0014")
        with engine.begin() as connection:
            for stamp, entry_id in ids.items():
                connection.execute(
                    text(
                        "INSERT INTO change_log (id, hlc, site_code, entity, entity_id, "
                        "operation, fields, recorded_at) VALUES (:id, :hlc, 'PAR01', 'site', "
                        ":entity, 'insert', '{}', :at)"
                    ),
                    {
                        "id": entry_id.hex if "sqlite" in url else str(entry_id),
                        "hlc": stamp,
                        "entity": uuid.uuid4().hex,
                        "at": datetime(2026, 1, 1, tzinfo=UTC).isoformat(),
                    },
                )
            connection.execute(
                text(
                    "INSERT INTO replica_state (id, mode, site_code, hlc_last) "
                    "VALUES (:id, 'branch', 'PAR01', '001700000000001.000003')"
                ),
                {"id": uuid.uuid4().hex},
            )
    finally:
        engine.dispose()
    return ids


def test_text_stamps_become_integers_that_sort_like_the_clock_and_back(
    empty_database_url: str,
) -> None:
    ids = _insert_entries(empty_database_url)
    engine = create_database_engine(empty_database_url)
    try:
        schema.upgrade(engine, "0015")
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, hlc FROM change_log ORDER BY hlc"))
            stored = {str(uuid.UUID(str(row[0]))): row[1] for row in rows}
            clock = connection.execute(text("SELECT hlc_last FROM replica_state")).scalar()
        for old, stamp in OLD_STAMPS.items():
            assert stored[str(ids[old])] == int(stamp), old
        assert clock == int(HybridTimestamp(1_700_000_000_001, 3))
        assert sorted(stored.values()) == sorted(int(s) for s in OLD_STAMPS.values())

        schema.downgrade(engine, "0014")
        with engine.connect() as connection:
            back = dict(connection.execute(text("SELECT hlc, site_code FROM change_log")).all())
        assert "001700000000001.000003" in back
        assert "001700000000000.999999" in back
    finally:
        engine.dispose()

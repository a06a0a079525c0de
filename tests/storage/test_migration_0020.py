"""Migration 0020 on an installation that existed before it: the policies keep everything they
said and gain an empty ``recomputed_at`` stamp; going back down drops the stamp only."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, inspect, text

from complaintdesk.storage import schema
from complaintdesk.storage.database import create_database_engine

TARGETS = {"calendar": "FR", "targets": [{"target": "resolution", "amount": 10,
                                          "unit": "business_days"}]}  # fmt: skip


@pytest.fixture
def before(empty_database_url: str) -> Iterator[Engine]:
    """A database at 0019 holding one policy an administrator wrote."""
    engine = create_database_engine(empty_database_url)
    schema.upgrade(engine, "0019")
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO service_level_policy (id, code, name, kind, position, conditions,"
                 " targets, warning_ratio, pauses_on_customer, escalation, active, created_at,"
                 " updated_at) VALUES (:id, 'shop-fast', 'Shops, fast', 'service', 7,"
                 " '{\"channels\": [\"shop\"]}', :targets, 0.5, true, '{}', true, :now, :now)"),
            {"id": uuid.uuid4().hex if sqlite else str(uuid.uuid4()),
             "targets": json.dumps(TARGETS), "now": "2026-01-01 00:00:00"},
        )  # fmt: skip
    yield engine
    engine.dispose()


def _policy(engine: Engine) -> dict[str, object]:
    with engine.connect() as connection:
        row = connection.execute(text("SELECT * FROM service_level_policy")).mappings().one()
    load = lambda v: v if isinstance(v, dict) else json.loads(v)  # noqa: E731
    return {**row, "conditions": load(row["conditions"]), "targets": load(row["targets"])}


def _columns(engine: Engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("service_level_policy")}


def test_policies_keep_what_they_said_and_gain_an_empty_stamp(before: Engine) -> None:
    kept = _policy(before)

    schema.upgrade(before)

    after = _policy(before)
    assert after.pop("recomputed_at") is None
    assert after == kept


def test_going_back_down_drops_the_stamp_and_keeps_the_policy(before: Engine) -> None:
    kept = _policy(before)
    schema.upgrade(before)
    with before.begin() as connection:
        connection.execute(text("UPDATE service_level_policy SET recomputed_at = :at"),
                           {"at": "2026-12-07 07:00:00"})  # fmt: skip

    schema.downgrade(before, "0019")

    assert "recomputed_at" not in _columns(before)
    assert _policy(before) == kept
    schema.upgrade(before)  # and up again
    assert "recomputed_at" in _columns(before)

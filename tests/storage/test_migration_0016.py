"""Migration 0016 on an installation that existed before it: sites get countries, policies
their rules (what meets each target, where the clock starts, what letters must say) and the
shipped regulatory presets their country; a UK site gets its preset; then ``sla recompute``
gives every open complaint its targets."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from complaintdesk.storage import schema
from complaintdesk.storage.database import create_database_engine

OLD_FCA = {
    "calendar": "GB-ENG",
    "targets": [
        {"target": "summary_resolution", "amount": 3, "unit": "business_days",
         "due_by": "close_of_business"},
        {"target": "final_response", "amount": 8, "unit": "weeks"},
    ],
    "final_response_must_contain": {"always": ["ombudsman", "ombudsman_referral_right"]},
}  # fmt: skip
OLD_ACPR = {
    "calendar": "FR",
    "targets": [
        {"target": "acknowledge", "amount": 10, "unit": "working_days"},
        {"target": "response", "amount": 2, "unit": "months"},
    ],
    "final_response_must_contain": {"not_fully_upheld": ["mediator"]},
}


@pytest.fixture
def before(empty_database_url: str) -> Iterator[Engine]:
    """A database at 0015 holding a London and a Paris site and the presets of that time."""
    engine = create_database_engine(empty_database_url)
    schema.upgrade(engine, "0015")
    with engine.begin() as connection:
        for code, zone in (
            ("HQ", "Europe/Paris"),
            ("LON01", "Europe/London"),
            ("X1", "Asia/Tokyo"),
        ):
            connection.execute(
                text("INSERT INTO site (id, code, name, kind, timezone, created_at, updated_at)"
                     " VALUES (:id, :code, :code, 'branch', :zone, :now, :now)"),
                {"id": uuid.uuid4().hex if _sqlite(engine) else str(uuid.uuid4()), "code": code,
                 "zone": zone, "now": "2026-01-01 00:00:00"},
            )  # fmt: skip
        for code, kind, targets, active in (
            ("fr-acpr", "regulatory", OLD_ACPR, True),
            ("uk-fca", "regulatory", OLD_FCA, False),
            ("my-fca", "regulatory", OLD_FCA, False),
        ):
            connection.execute(
                text("INSERT INTO service_level_policy (id, code, name, kind, preset, position,"
                     " conditions, targets, warning_ratio, pauses_on_customer, escalation, active,"
                     " created_at, updated_at) VALUES (:id, :code, :code, :kind, :preset, 10,"
                     " '{}', :targets, 0.75, false, '{}', :active, :now, :now)"),
                {"id": uuid.uuid4().hex if _sqlite(engine) else str(uuid.uuid4()), "code": code,
                 "kind": kind, "preset": code.replace("my-", "uk-"),
                 "targets": json.dumps(targets), "active": active, "now": "2026-01-01 00:00:00"},
            )  # fmt: skip
    yield engine
    engine.dispose()


def _sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _policies(engine: Engine) -> dict[str, tuple[dict[str, object], dict[str, object], bool]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT code, conditions, targets, active FROM service_level_policy")
        ).all()
    load = lambda v: v if isinstance(v, dict) else json.loads(v)  # noqa: E731
    return {code: (load(c), load(t), bool(a)) for code, c, t, a in rows}


def test_sites_get_countries_and_policies_get_their_rules(before: Engine) -> None:
    schema.upgrade(before)

    with before.connect() as connection:
        countries = dict(connection.execute(text("SELECT code, country FROM site")).all())
    policies = _policies(before)
    acpr_scope, acpr, _ = policies["fr-acpr"]
    fca_scope, fca, fca_active = policies["uk-fca"]
    copy_scope, copy, _ = policies["my-fca"]

    assert countries == {"HQ": "FR", "LON01": "GB", "X1": None}
    assert acpr_scope == {"countries": ["FR"]}
    assert acpr["clock_starts"] == "sent"
    assert [t["met_by"] for t in acpr["targets"]] == ["acknowledgement", "final_response"]
    assert acpr["letters"]["final_response"]["not_fully_upheld"] == [
        "mediator", "mediator_procedure", "mediator_time_limit"
    ]  # fmt: skip
    assert "final_response_must_contain" not in acpr
    assert (fca_scope, fca_active) == ({"countries": ["GB"]}, True)  # London follows the FCA
    assert [t["met_by"] for t in fca["targets"]] == ["summary_resolution", "final_response"]
    assert fca["letters"]["summary_resolution"]["always"][-1] == "ombudsman_website"
    assert copy_scope == {}  # an administrator's copy keeps the scope they gave it
    assert copy["letters"] == fca["letters"]


def test_the_schema_goes_back_down_to_0015(before: Engine) -> None:
    schema.upgrade(before)
    schema.downgrade(before, "0015")

    with before.connect() as connection:
        columns = {c for (c,) in connection.execute(text("SELECT code FROM site"))}
    assert columns == {"HQ", "LON01", "X1"}
    schema.upgrade(before)  # and up again

"""Regulatory duty: policy scopes, start instants, every target tracked (issue 17).

- ``site.country``: the country whose regulator a site answers to, filled from its time zone.
- ``complaint``: when the customer sent it, the final response and holding reply sent, and
  the regulatory clock on its own (state and next due instant, indexed for queues and checks).
- ``complaint_target``: one row per target of a complaint's policies, with its own clock.
- ``source_record``: what an import kept of its source (CFPB consent, timeliness…).
- ``message.letter_kind`` (final response, summary resolution, holding reply),
  ``root_cause.regulatory_cause`` (the FCA return's cause category) and ``template.active``
  (a canned response an administrator removed).
- Policies: each target says what meets it, each preset where its clock starts and what its
  letters must contain; the shipped regulatory presets are scoped to their country, and a
  country with sites gets its preset when no active regulatory policy covers it.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTRIES = (
    ("Europe/Paris", "FR"),
    ("Europe/London", "GB"),
    ("Europe/Belfast", "GB"),
    ("America/", "US"),
    ("Pacific/Honolulu", "US"),
)
"""Time zone (or prefix) → country, for sites that existed before they had a country."""
PRESET_COUNTRY = {
    "fr-acpr": "FR",
    "fr-payment": "FR",
    "uk-fca": "GB",
    "uk-fca-payment": "GB",
    "us-cfpb": "US",
}
COUNTRY_PRESET = {"FR": "fr-acpr", "GB": "uk-fca", "US": "us-cfpb"}
CLOCK_STARTS = {"fr-acpr": "sent"}
MET_BY = {
    "acknowledge": "acknowledgement",
    "first_response": "response",
    "summary_resolution": "summary_resolution",
    "resolution": "resolution",
    "final_response": "final_response",
    "final_response_exceptional": "final_response",
}
FCA_FINAL = [
    "decision",
    "ombudsman_referral_right",
    "ombudsman_time_limit",
    "ombudsman_waiver",
    "ombudsman_contact",
    "ombudsman_leaflet",
]
FCA_SUMMARY = ["resolved_statement", "ombudsman_referral_right", "ombudsman_waiver"]
FR_FINAL = {"always": ["decision"], "not_fully_upheld": ["mediator", "mediator_procedure",
                                                         "mediator_time_limit"]}  # fmt: skip
HOLDING = {"always": ["delay_reasons", "final_response_date"]}

_POLICY = sa.table(
    "service_level_policy",
    sa.column("id", sa.Uuid()),
    sa.column("code", sa.String()),
    sa.column("kind", sa.String()),
    sa.column("preset", sa.String()),
    sa.column("conditions", sa.JSON()),
    sa.column("targets", sa.JSON()),
    sa.column("active", sa.Boolean()),
)


def upgrade() -> None:
    """Add the columns and tables, then bring policies and sites to the new rules."""
    _schema_up()
    _sites_get_countries()
    _policies_get_rules()


def _schema_up() -> None:
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.add_column(sa.Column("country", sa.String(length=2), nullable=True))
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        for name in ("sent_at", "final_response_at", "holding_reply_at", "holding_reply_until"):
            batch_op.add_column(sa.Column(name, sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("final_response_kind", sa.String(length=20), nullable=True))
        batch_op.add_column(
            sa.Column(
                "regulatory_state", sa.String(length=12), server_default="stopped", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("regulatory_next_due_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            "ix_complaint_is_open_regulatory_state_regulatory_next_due_at_id",
            ["is_open", "regulatory_state", "regulatory_next_due_at", "id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_complaint_regulatory_state_regulatory_next_due_at_id",
            ["regulatory_state", "regulatory_next_due_at", "id"],
            unique=False,
        )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("letter_kind", sa.String(length=20), nullable=True))
    with op.batch_alter_table("root_cause", schema=None) as batch_op:
        batch_op.add_column(sa.Column("regulatory_cause", sa.String(length=40), nullable=True))
    with op.batch_alter_table("template", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    op.create_table(
        "complaint_target",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("complaint_id", sa.Uuid(), nullable=False),
        sa.Column("policy_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("target", sa.String(length=32), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("met_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("to_notify", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaint.id"], name="fk_complaint_target_complaint_id_complaint"
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["service_level_policy.id"],
            name="fk_complaint_target_policy_id_service_level_policy",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_complaint_target"),
    )
    with op.batch_alter_table("complaint_target", schema=None) as batch_op:
        batch_op.create_index("ix_complaint_target_complaint_id", ["complaint_id"], unique=False)
        batch_op.create_index("ix_complaint_target_to_notify", ["to_notify"], unique=False)
    op.create_table(
        "source_record",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("complaint_id", sa.Uuid(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaint.id"], name="fk_source_record_complaint_id_complaint"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_source_record"),
        sa.UniqueConstraint("complaint_id", name="uq_source_record_complaint_id"),
    )


def _sites_get_countries() -> None:
    site = sa.table("site", sa.column("id", sa.Uuid()), sa.column("timezone"), sa.column("country"))
    bind = op.get_bind()
    for site_id, zone in bind.execute(sa.select(site.c.id, site.c.timezone)).all():
        country = next((c for prefix, c in COUNTRIES if (zone or "").startswith(prefix)), None)
        if country:
            bind.execute(sa.update(site).where(site.c.id == site_id).values(country=country))


def _policies_get_rules() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_POLICY)).mappings().all()
    for row in rows:
        targets = _as_dict(row["targets"])
        conditions = _as_dict(row["conditions"])
        new_targets = _rules(targets, str(row["kind"]), row["preset"])
        if row["preset"] == row["code"] and row["code"] in PRESET_COUNTRY and not conditions:
            conditions = {"countries": [PRESET_COUNTRY[row["code"]]]}
        bind.execute(
            sa.update(_POLICY)
            .where(_POLICY.c.id == row["id"])
            .values(targets=new_targets, conditions=conditions)
        )
    _activate_country_presets(bind)


def _as_dict(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        value = json.loads(value)
    return dict(value or {})


def _rules(targets: dict[str, Any], kind: str, preset: str | None) -> dict[str, Any]:
    """The policy's rules with what meets each target, the clock start and letters."""
    result = dict(targets)
    for key in ("targets",):
        result[key] = [_with_met_by(t, kind) for t in targets.get(key, [])]
    result["segments"] = {
        segment: [_with_met_by(t, kind) for t in items]
        for segment, items in targets.get("segments", {}).items()
    }
    result.setdefault("clock_starts", CLOCK_STARTS.get(preset or "", "received"))
    old = result.pop("final_response_must_contain", {})
    result.setdefault("letters", _letters(preset, old))
    return result


def _with_met_by(target: dict[str, Any], kind: str) -> dict[str, Any]:
    if "met_by" in target:
        return target
    name = target.get("target", "")
    if name == "response":
        met_by = "final_response" if kind == "regulatory" else "resolution"
    else:
        met_by = MET_BY.get(name, "resolution")
    return {**target, "met_by": met_by}


def _letters(preset: str | None, old: dict[str, Any]) -> dict[str, Any]:
    if preset in ("uk-fca", "uk-fca-payment") or "ombudsman" in str(old):
        letters: dict[str, Any] = {
            "final_response": {"always": FCA_FINAL},
            "summary_resolution": {"always": [*FCA_SUMMARY, "ombudsman_website"]},
        }
    elif preset in ("fr-acpr", "fr-payment") or "mediator" in str(old):
        letters = {"final_response": FR_FINAL}
    else:
        return {}
    if preset in ("fr-payment", "uk-fca-payment"):
        letters["holding_reply"] = HOLDING
    return letters


def _activate_country_presets(bind: Any) -> None:
    """A country with sites but no active regulatory policy for it gets its preset."""
    site = sa.table("site", sa.column("code"), sa.column("country"))
    countries = {c for (c,) in bind.execute(sa.select(site.c.country)).all() if c}
    policies = bind.execute(sa.select(_POLICY)).mappings().all()
    for country in sorted(countries):
        covered = any(
            p["active"]
            and p["kind"] == "regulatory"
            and country in _as_dict(p["conditions"]).get("countries", [country])
            for p in policies
        )
        preset = COUNTRY_PRESET.get(country)
        if covered or preset is None:
            continue
        bind.execute(
            sa.update(_POLICY)
            .where(_POLICY.c.code == preset, _POLICY.c.preset == preset)
            .values(active=True)
        )


def downgrade() -> None:
    """Drop what the upgrade added; policies keep their new rules (older code ignores them)."""
    op.drop_table("source_record")
    with op.batch_alter_table("complaint_target", schema=None) as batch_op:
        batch_op.drop_index("ix_complaint_target_to_notify")
        batch_op.drop_index("ix_complaint_target_complaint_id")
    op.drop_table("complaint_target")
    _drop_columns("template", ("active",))
    _drop_columns("root_cause", ("regulatory_cause",))
    _drop_columns("message", ("letter_kind",))
    op.drop_index("ix_complaint_regulatory_state_regulatory_next_due_at_id", "complaint")
    op.drop_index("ix_complaint_is_open_regulatory_state_regulatory_next_due_at_id", "complaint")
    _drop_columns(
        "complaint",
        (
            "regulatory_next_due_at",
            "regulatory_state",
            "final_response_kind",
            "holding_reply_until",
            "holding_reply_at",
            "final_response_at",
            "sent_at",
        ),
    )
    _drop_columns("site", ("country",))


def _drop_columns(table: str, names: Sequence[str]) -> None:
    """Drop columns in place: recreating ``complaint`` on SQLite would break its triggers."""
    for name in names:
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
        else:
            op.drop_column(table, name)

"""Replicas you can trust: numeric clocks, reference blocks, erasure everywhere (issue 16).

Each half of the issue keeps its schema changes in its own block (its own upgrade and
downgrade functions, called from ``upgrade`` and ``downgrade``). The sync block
(``_upgrade_sync``): hybrid logical clock stamps become 64-bit integers (they were
text whose six-digit counter sorted wrongly past 999,999); change-log origins and audit
chains name a workstation (``PAR.2``) as well as a site; the central registry of
replicas, the blocks of complaint numbers each one may use, records merged on arrival,
entries set aside, and erasure requests with the receipts of the replicas that applied
them.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _upgrade_sync()


def downgrade() -> None:
    _downgrade_sync()


# --- sync: clocks, replicas, reference blocks, merges, erasure everywhere -------------------

_COUNTER = 1 << 20
"""Stamps are ``wall_ms << 20 | counter`` (complaintdesk.domain.hlc.COUNTER_BITS)."""


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _text_to_stamp(column: str) -> str:
    """SQL turning a ``000001700000000000.000012`` text stamp into its integer."""
    if _postgres():
        return (
            f"CASE WHEN coalesce({column}, '') = '' THEN 0 ELSE "
            f"split_part({column}, '.', 1)::bigint * {_COUNTER} + "
            f"coalesce(nullif(split_part({column}, '.', 2), ''), '0')::bigint END"
        )
    return (
        f"CASE WHEN coalesce({column}, '') = '' THEN 0 "
        f"WHEN instr({column}, '.') = 0 THEN CAST({column} AS INTEGER) * {_COUNTER} ELSE "
        f"CAST(substr({column}, 1, instr({column}, '.') - 1) AS INTEGER) * {_COUNTER} + "
        f"CAST(substr({column}, instr({column}, '.') + 1) AS INTEGER) END"
    )


def _stamp_to_text(column: str) -> str:
    if _postgres():
        return (
            f"lpad(({column} >> 20)::text, 15, '0') || '.' || "
            f"lpad(({column} & {_COUNTER - 1})::text, 6, '0')"
        )
    return f"printf('%015d.%06d', {column} >> 20, {column} & {_COUNTER - 1})"


def _retype_stamp(table: str, column: str, to_int: bool, indexes: Sequence[Sequence[str]]) -> None:
    """Change a stamp column between text and integer, converting every value."""
    kind: sa.types.TypeEngine[object] = sa.BigInteger() if to_int else sa.String(length=24)
    convert = _text_to_stamp(column) if to_int else _stamp_to_text(column)
    if _postgres():
        op.execute(
            f"ALTER TABLE {table} ALTER COLUMN {column} TYPE "
            f"{'bigint' if to_int else 'varchar(24)'} USING {convert}"
        )
        return
    # SQLite: a new column filled from the old one, then swapped in by a table rebuild.
    with op.batch_alter_table(table) as batch_op:
        batch_op.add_column(sa.Column(f"{column}_new", kind, nullable=True))
    op.execute(f"UPDATE {table} SET {column}_new = {convert}")
    with op.batch_alter_table(table) as batch_op:
        for columns in indexes:
            batch_op.drop_index(f"ix_{table}_{'_'.join(columns)}")
        batch_op.drop_column(column)
        batch_op.alter_column(
            f"{column}_new", new_column_name=column, existing_type=kind, nullable=False
        )
    with op.batch_alter_table(table) as batch_op:
        for columns in indexes:
            batch_op.create_index(f"ix_{table}_{'_'.join(columns)}", list(columns))


_LOG_INDEXES = (("hlc",), ("pushed_at", "hlc"), ("entity_id", "hlc"))


def _upgrade_sync() -> None:
    _retype_stamp("change_log", "hlc", True, _LOG_INDEXES)
    _retype_stamp("replica_state", "hlc_last", True, ())
    with op.batch_alter_table("change_log") as batch_op:
        batch_op.alter_column(
            "site_code", existing_type=sa.String(length=10), type_=sa.String(length=24)
        )
    with op.batch_alter_table("audit_event") as batch_op:
        batch_op.alter_column("chain", existing_type=sa.String(length=10), type_=sa.String(24))
    with op.batch_alter_table("replica_state") as batch_op:
        batch_op.add_column(sa.Column("replica_code", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("replica_number", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("clock_offset_ms", sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column("clock_checked_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "max_clock_offset_ms", sa.BigInteger(), server_default="300000", nullable=False
            )
        )
    with op.batch_alter_table("sync_conflict") as batch_op:
        batch_op.add_column(sa.Column("detail", sa.JSON(), nullable=True))
    _create_replica_tables()
    _create_erasure_tables()


def _create_replica_tables() -> None:
    op.create_table(
        "replica",
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Uuid(), nullable=False),
        sa.Column("workstation", sa.String(length=200), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_round_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("clock_offset_ms", sa.BigInteger(), nullable=True),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_replica_site_id_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_replica")),
        sa.UniqueConstraint("code", name=op.f("uq_replica_code")),
        sa.UniqueConstraint("number", name=op.f("uq_replica_number")),
    )
    op.create_table(
        "reference_block",
        sa.Column("site_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("replica_code", sa.String(length=24), nullable=False),
        sa.Column("first_number", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.Column("next_number", sa.Integer(), nullable=False),
        sa.Column("allocated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_reference_block_site_id_site")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_block")),
    )
    op.create_index(
        op.f("ix_reference_block_site_id_year_replica_code"),
        "reference_block",
        ["site_id", "year", "replica_code"],
    )
    op.create_table(
        "sync_alias",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("loser_id", sa.Uuid(), nullable=False),
        sa.Column("winner_id", sa.Uuid(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_alias")),
        sa.UniqueConstraint("loser_id", name=op.f("uq_sync_alias_loser_id")),
    )
    op.create_index(op.f("ix_sync_alias_winner_id"), "sync_alias", ["winner_id"])
    op.create_table(
        "sync_set_aside",
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("site_code", sa.String(length=24), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("operation", sa.String(length=10), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("arrival_seq", sa.BigInteger(), nullable=True),
        sa.Column("current", sa.JSON(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("set_aside_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_set_aside")),
        sa.UniqueConstraint("entry_id", name=op.f("uq_sync_set_aside_entry_id")),
    )


def _create_erasure_tables() -> None:
    op.create_table(
        "erasure_request",
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("customer_ids", sa.JSON(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["app_user.id"],
            name=op.f("fk_erasure_request_requested_by_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_request")),
    )
    op.create_table(
        "erasure_receipt",
        sa.Column("erasure_id", sa.Uuid(), nullable=False),
        sa.Column("replica_code", sa.String(length=24), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["erasure_id"],
            ["erasure_request.id"],
            name=op.f("fk_erasure_receipt_erasure_id_erasure_request"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_receipt")),
        sa.UniqueConstraint(
            "erasure_id", "replica_code", name=op.f("uq_erasure_receipt_erasure_id_replica_code")
        ),
    )


def _downgrade_sync() -> None:
    op.drop_table("erasure_receipt")
    op.drop_table("erasure_request")
    op.drop_table("sync_set_aside")
    op.drop_index(op.f("ix_sync_alias_winner_id"), table_name="sync_alias")
    op.drop_table("sync_alias")
    op.drop_index(op.f("ix_reference_block_site_id_year_replica_code"), "reference_block")
    op.drop_table("reference_block")
    op.drop_table("replica")
    with op.batch_alter_table("sync_conflict") as batch_op:
        batch_op.drop_column("detail")
    with op.batch_alter_table("replica_state") as batch_op:
        for column in (
            "max_clock_offset_ms",
            "clock_checked_at",
            "clock_offset_ms",
            "replica_number",
            "replica_code",
        ):
            batch_op.drop_column(column)
    # Codes longer than the old columns (``PAR01.2``) keep their first ten characters.
    op.execute("UPDATE audit_event SET chain = substr(chain, 1, 10)")
    op.execute("UPDATE change_log SET site_code = substr(site_code, 1, 10)")
    with op.batch_alter_table("audit_event") as batch_op:
        batch_op.alter_column("chain", existing_type=sa.String(length=24), type_=sa.String(10))
    with op.batch_alter_table("change_log") as batch_op:
        batch_op.alter_column(
            "site_code", existing_type=sa.String(length=24), type_=sa.String(length=10)
        )
    _retype_stamp("replica_state", "hlc_last", False, ())
    _retype_stamp("change_log", "hlc", False, _LOG_INDEXES)

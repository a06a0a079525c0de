"""Replicas you can trust: numeric clocks, reference blocks, erasure everywhere (issue 16).

Each half of the issue keeps its schema changes in its own block (its own upgrade and
downgrade functions, called from ``upgrade`` and ``downgrade``). The sync block
(``_upgrade_sync``): hybrid logical clock stamps become 64-bit integers (they were
text whose six-digit counter sorted wrongly past 999,999); change-log origins and audit
chains name a workstation (``PAR.2``) as well as a site; the central registry of
replicas, the blocks of complaint numbers each one may use, records merged on arrival,
entries set aside, and erasure requests with the receipts of the replicas that applied
them. The records block (``_upgrade_records``): audit chains per writer with keyed
hashes and a registry of chains, the audit key's fingerprint, command-line sign-in tokens,
one identity row per database, and change-log arrival numbers given by the sync rounds
instead of a trigger that needed every central writer to queue behind one lock. The sync
block runs first (the records block's index is on the integer stamps) and is undone last.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from complaintdesk.storage.types import UTCDateTime

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _upgrade_sync()
    _upgrade_records()


def downgrade() -> None:
    _downgrade_records()
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
        batch_op.alter_column("chain", existing_type=sa.String(length=40), type_=sa.String(10))
    with op.batch_alter_table("change_log") as batch_op:
        batch_op.alter_column(
            "site_code", existing_type=sa.String(length=24), type_=sa.String(length=10)
        )
    _retype_stamp("replica_state", "hlc_last", False, ())
    _retype_stamp("change_log", "hlc", False, _LOG_INDEXES)


# --- Records: audit chains and anchors, sign-in tokens, writers that never queue ------------

_ARRIVAL_SEQUENCE = "change_log_arrival_seq"
_ARRIVAL_FUNCTION = "complaintdesk_change_log_arrival"
_ARRIVAL_TRIGGER = "change_log_arrival"


def _upgrade_records() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.alter_column(
            "chain", existing_type=sa.String(length=24), type_=sa.String(length=40)
        )
        batch_op.add_column(sa.Column("key_id", sa.String(length=16), nullable=True))
    op.create_table(
        "audit_chain",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("replica_id", sa.Uuid(), nullable=True),
        sa.Column("site_code", sa.String(length=10), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(length=12), server_default="writer", nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain")),
        sa.UniqueConstraint("name", name=op.f("uq_audit_chain_name")),
    )
    with op.batch_alter_table("audit_chain", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_chain_replica_id"), ["replica_id"])
    op.create_table(
        "audit_key",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_key")),
        sa.UniqueConstraint("key_id", name=op.f("uq_audit_key_key_id")),
    )
    op.create_table(
        "sign_in_token",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("last_used_at", UTCDateTime(), nullable=True),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_sign_in_token_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_sign_in_token_token_hash")),
    )
    with op.batch_alter_table("sign_in_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sign_in_token_user_id"), ["user_id"])
    _one_identity_row()
    _register_existing_chains()
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_change_log_hlc_id"),
            ["hlc", "id"],
            postgresql_where=sa.text("arrival_seq IS NULL"),
            sqlite_where=sa.text("arrival_seq IS NULL"),
        )
    if op.get_bind().dialect.name == "postgresql":
        _arrivals_numbered_by_sync()


def _one_identity_row() -> None:
    """Keep one identity row (a race of first starts may have made several), then enforce it."""
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, mode FROM replica_state")).all()
    if len(rows) > 1:
        keep = sorted(rows, key=lambda r: (r.mode == "standalone", str(r.id)))[0].id
        bind.execute(sa.text("DELETE FROM replica_state WHERE id <> :keep"), {"keep": keep})
    with op.batch_alter_table("replica_state", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("singleton", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.create_unique_constraint(batch_op.f("uq_replica_state_singleton"), ["singleton"])


def _register_existing_chains() -> None:
    """Chains were named after the site that wrote them: this replica writes its own site's."""
    bind = op.get_bind()
    me = bind.execute(sa.text("SELECT id, site_code FROM replica_state")).first()
    chains = bind.execute(
        sa.text("SELECT chain, min(occurred_at) FROM audit_event GROUP BY chain")
    ).all()
    table = sa.table(
        "audit_chain",
        sa.column("id", sa.Uuid()),
        sa.column("name", sa.String()),
        sa.column("replica_id", sa.Uuid()),
        sa.column("site_code", sa.String()),
        sa.column("created_at", UTCDateTime()),
    )
    for chain, first in chains:
        mine = me is not None and chain == me.site_code
        bind.execute(
            table.insert().values(
                id=uuid.uuid4(),
                name=chain,
                replica_id=me.id if mine and me is not None else None,
                site_code=chain[:10],
                created_at=_instant(first),
            )
        )


def _instant(value: object) -> datetime:
    """An aggregate over a UTC column: SQLite hands back its stored text, naive."""
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(str(value))
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _arrivals_numbered_by_sync() -> None:
    """Sync numbers arrivals now (in one committed statement at a time): drop the trigger."""
    op.execute(f"DROP TRIGGER IF EXISTS {_ARRIVAL_TRIGGER} ON change_log")
    op.execute(f"DROP FUNCTION IF EXISTS {_ARRIVAL_FUNCTION}()")


def _downgrade_records() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"UPDATE change_log SET arrival_seq = n.seq FROM ("
            f" SELECT id, nextval('{_ARRIVAL_SEQUENCE}') AS seq FROM ("
            f"  SELECT id FROM change_log WHERE arrival_seq IS NULL ORDER BY hlc, id) o) n"
            f" WHERE change_log.id = n.id"
        )
        op.execute(
            f"""CREATE FUNCTION {_ARRIVAL_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.arrival_seq := nextval('{_ARRIVAL_SEQUENCE}');
                RETURN NEW;
            END $$"""
        )
        op.execute(
            f"CREATE TRIGGER {_ARRIVAL_TRIGGER} BEFORE INSERT ON change_log "
            f"FOR EACH ROW EXECUTE FUNCTION {_ARRIVAL_FUNCTION}()"
        )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_log_hlc_id"))
    with op.batch_alter_table("replica_state", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_replica_state_singleton"), type_="unique")
        batch_op.drop_column("singleton")
    with op.batch_alter_table("sign_in_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_token_user_id"))
    op.drop_table("sign_in_token")
    op.drop_table("audit_key")
    with op.batch_alter_table("audit_chain", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_chain_replica_id"))
    op.drop_table("audit_chain")
    # The chain column stays wide: events of the writers' chains keep their names (an older
    # version reads them; it only cannot check their keyed hashes).
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("key_id")

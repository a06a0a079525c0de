"""Replicas you can trust: numeric clocks, reference blocks, erasure everywhere (issue 16).

Records (``_upgrade_records``): audit chains per writer with keyed hashes and a registry of
chains, the audit key's fingerprint, command-line sign-in tokens, one identity row per
database, and change-log arrival numbers given by the sync rounds instead of a trigger that
needed every central writer to queue behind one lock.

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
    _upgrade_records()


def downgrade() -> None:
    _downgrade_records()


# --- Records: audit chains and anchors, sign-in tokens, writers that never queue ------------

_ARRIVAL_SEQUENCE = "change_log_arrival_seq"
_ARRIVAL_FUNCTION = "complaintdesk_change_log_arrival"
_ARRIVAL_TRIGGER = "change_log_arrival"


def _upgrade_records() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.alter_column(
            "chain", existing_type=sa.String(length=10), type_=sa.String(length=40)
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

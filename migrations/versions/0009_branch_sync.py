"""Branch replicas and sync: the central server numbers change-log entries as they arrive.

A pull follows ``arrival_seq`` rather than the hybrid clock: an entry pushed late by a
branch that was offline for days carries an old clock stamp, yet arrives after entries
other branches have already pulled. On PostgreSQL a trigger fills the column from a
sequence on every insert (services on the central server and pushes alike), so no writer
can forget it. Every writer of the central change log holds the lock on ``replica_state``
until it commits, so numbers become visible in the order they were given. SQLite replicas
keep the number of the entries they pulled, for information.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SEQUENCE = "change_log_arrival_seq"
_FUNCTION = "complaintdesk_change_log_arrival"
_TRIGGER = "change_log_arrival"


def upgrade() -> None:
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("arrival_seq", sa.BigInteger(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_change_log_arrival_seq"), ["arrival_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_change_log_entity_id_hlc"), ["entity_id", "hlc"], unique=False
        )
    with op.batch_alter_table("replica_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("central_secret", sa.String(length=200), nullable=True))
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE SEQUENCE {_SEQUENCE}")
    # Entries already there are numbered once, in clock order, so a first pull finds them.
    op.execute(
        f"UPDATE change_log SET arrival_seq = n.seq FROM ("
        f" SELECT id, nextval('{_SEQUENCE}') AS seq FROM ("
        f"  SELECT id FROM change_log ORDER BY hlc, id) ordered) n"
        f" WHERE change_log.id = n.id"
    )
    op.execute(
        f"""CREATE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.arrival_seq := nextval('{_SEQUENCE}');
            RETURN NEW;
        END $$"""
    )
    op.execute(
        f"CREATE TRIGGER {_TRIGGER} BEFORE INSERT ON change_log "
        f"FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {_TRIGGER} ON change_log")
        op.execute(f"DROP FUNCTION IF EXISTS {_FUNCTION}()")
        op.execute(f"DROP SEQUENCE IF EXISTS {_SEQUENCE}")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_log_entity_id_hlc"))
        batch_op.drop_index(batch_op.f("ix_change_log_arrival_seq"))
        batch_op.drop_column("arrival_seq")
    with op.batch_alter_table("replica_state", schema=None) as batch_op:
        batch_op.drop_column("central_secret")

"""Saved views and cockpit indexes: the sorts and filters supervisors use at scale.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMPLAINT_INDEXES = (
    ("owner_id", "is_open", "received_at", "id"),
    ("owner_id", "is_open", "priority", "next_due_at", "id"),
    ("status", "received_at", "id"),
    ("status", "priority", "next_due_at", "id"),
    ("is_open", "reference", "id"),
    ("is_open", "channel", "next_due_at", "id"),
    ("is_open", "status", "next_due_at", "id"),
    ("is_open", "owner_id", "clock_state"),
    ("is_open", "responsible_function_id", "clock_state"),
)
"""My complaints and Resolved by received date or priority, the new sorts of open queues,
and the workload panel's counts (read from the index alone)."""


def _name(columns: Sequence[str]) -> str:
    return "ix_complaint_" + "_".join(columns)


def upgrade() -> None:
    op.create_table(
        "saved_view",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("queue", sa.String(length=20), nullable=False),
        sa.Column("sort", sa.String(length=20), nullable=False),
        sa.Column("descending", sa.Boolean(), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["app_user.id"], name=op.f("fk_saved_view_owner_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_view")),
    )
    with op.batch_alter_table("saved_view", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_view_owner_id_name"), ["owner_id", "name"])
        batch_op.create_index(batch_op.f("ix_saved_view_shared_name"), ["shared", "name"])
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        for columns in COMPLAINT_INDEXES:
            batch_op.create_index(batch_op.f(_name(columns)), list(columns))
    # Without statistics on the new indexes SQLite's planner took the workload's covering
    # index for every open queue and sorted all its rows (65 ms instead of 0.3 ms a page at
    # 100,000 complaints). Statistics of the other tables are kept as they are.
    op.execute("ANALYZE complaint")


def downgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        for columns in reversed(COMPLAINT_INDEXES):
            batch_op.drop_index(batch_op.f(_name(columns)))
    op.drop_table("saved_view")

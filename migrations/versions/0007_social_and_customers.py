"""Social channel and customer identity: gateways, public and threaded messages, merges.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "social_gateway",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("token_ref", sa.String(length=200), nullable=True),
        sa.Column("cursor", sa.String(length=500), nullable=True),
        sa.Column("site_code", sa.String(length=10), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("last_polled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_gateway")),
        sa.UniqueConstraint("name", name=op.f("uq_social_gateway_name")),
    )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("public", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("conversation", sa.String(length=300), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_message_channel_conversation"), ["channel", "conversation"], unique=False
        )
    with op.batch_alter_table("customer_merge", schema=None) as batch_op:
        batch_op.add_column(sa.Column("undone_by_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column("moved", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_customer_merge_undone_by_id_app_user"),
            "app_user",
            ["undone_by_id"],
            ["id"],
        )
    with op.batch_alter_table("customer_merge", schema=None) as batch_op:
        batch_op.alter_column("moved", server_default=None)
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_postcode"), ["postcode"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_postcode"))
    with op.batch_alter_table("customer_merge", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_customer_merge_undone_by_id_app_user"), type_="foreignkey"
        )
        batch_op.drop_column("moved")
        batch_op.drop_column("undone_by_id")
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_channel_conversation"))
        batch_op.drop_column("conversation")
        batch_op.drop_column("public")
    op.drop_table("social_gateway")

"""Root causes, problems, satisfaction: where a score came from; complaints by problem.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.add_column(sa.Column("satisfaction_channel", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("satisfaction_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_complaint_problem_id", ["problem_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_index("ix_complaint_problem_id")
        batch_op.drop_column("satisfaction_at")
        batch_op.drop_column("satisfaction_channel")

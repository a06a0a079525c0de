"""Clocks recomputed everywhere: a policy says when its complaints' clocks were recomputed.

Recomputing clocks after a policy or calendar change writes derived data only (due instants,
clock states, targets), without a change-log entry per complaint: 200,000 entries would cost
more than the recompute itself, and each replica computes the same values from the same
policies. The recompute at the central server now stamps ``recomputed_at`` on the policies it
recomputed with (one change-log entry each); a branch that pulls a newer stamp recomputes its
own complaints, so both show the same due dates, and keeps in ``replica_state`` which stamp
it followed (a round cut short before its recompute does it at the next one). Existing rows
start without a stamp.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 07:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("service_level_policy", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recomputed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("replica_state", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("clocks_followed_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("replica_state", schema=None) as batch_op:
        batch_op.drop_column("clocks_followed_at")
    with op.batch_alter_table("service_level_policy", schema=None) as batch_op:
        batch_op.drop_column("recomputed_at")

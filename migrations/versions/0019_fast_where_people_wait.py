"""Fast where people wait: clock table, aggregates by day, indexes per queue sort (issue 20).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing yet: a slot kept for the work of this issue."""


def downgrade() -> None:
    """Nothing to undo yet."""

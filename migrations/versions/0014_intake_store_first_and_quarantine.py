"""Intake stores first: quarantine of what cannot become a complaint (issue 15).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing yet: a slot kept for the work of this issue."""


def downgrade() -> None:
    """Nothing to undo yet."""

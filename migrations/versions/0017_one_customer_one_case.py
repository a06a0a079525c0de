"""One customer, one case: complaint merge and links, surveys, commitment reminders (issue 18).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing yet: a slot kept for the work of this issue."""


def downgrade() -> None:
    """Nothing to undo yet."""

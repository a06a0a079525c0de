"""The agent's workspace: structured routing reasons, drafts, presence (issue 19).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing yet: a slot kept for the work of this issue."""


def downgrade() -> None:
    """Nothing to undo yet."""

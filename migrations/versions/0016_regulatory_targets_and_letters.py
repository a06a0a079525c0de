"""Regulatory duty: policy scopes, start instants, every target tracked (issue 17).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing yet: a slot kept for the work of this issue."""


def downgrade() -> None:
    """Nothing to undo yet."""

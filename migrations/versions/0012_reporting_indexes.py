"""Reporting indexes: the dashboard's aggregates read a period without touching the rows.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_complaint_reporting_received": ["received_at", "channel", "site_id"],
    "ix_complaint_reporting_resolved": [
        "resolved_at",
        "resolution_due_at",
        "channel",
        "responsible_function_id",
        "root_cause_id",
        "root_cause_function_id",
        "satisfaction",
        "site_id",
    ],
    "ix_complaint_reporting_due": ["resolution_due_at", "resolved_at", "site_id"],
}


def upgrade() -> None:
    # Plain CREATE INDEX (no batch copy): a million-complaint table is not rebuilt for this.
    for name, columns in INDEXES.items():
        op.create_index(name, "complaint", columns, unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="complaint")

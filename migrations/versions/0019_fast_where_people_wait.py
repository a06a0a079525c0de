"""Fast where people wait: an index per queue kind and sort (issue 20).

Queue pages walked indexes that did not start with their queue (the team queue sorted by site
or reference walked every open complaint until 200 of the team's turned up, 60-73 ms at a
million complaints, 36 times its time at 100,000). Each kind of queue now has one partial index
per sort key: its equality prefix, the sort key, then the id, holding only the rows of that
kind of queue (open, or resolved). The full indexes they replace are dropped; the general
ones (a complaint's owner, site, status across all rows) stay.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SORT_COLUMNS = {
    "due": ("next_due_at", "id"),
    "received": ("received_at", "id"),
    "priority": ("priority", "next_due_at", "id"),
    "reference": ("reference", "id"),
    "subject": ("subject", "id"),
    "customer": ("customer_name", "id"),
    "channel": ("channel", "next_due_at", "id"),
    "status": ("status", "next_due_at", "id"),
    "owner": ("owner_name", "next_due_at", "id"),
    "site": ("site_id", "next_due_at", "id"),
}
_OPEN = ("is_open IS 1", "is_open IS true")
_RESOLVED = ("status = 'resolved'", "status = 'resolved'")
FAMILIES = (
    ("open", (), _OPEN),
    ("owner", ("owner_id",), _OPEN),
    ("team", ("team_queue",), _OPEN),
    ("clock", ("clock_state",), _OPEN),
    ("resolved", (), _RESOLVED),
)
"""(name, equality prefix, (SQLite condition, PostgreSQL condition)) of each queue kind."""

REPLACED = (
    ("is_open", "next_due_at", "id"),
    ("is_open", "received_at", "id"),
    ("is_open", "priority", "next_due_at", "id"),
    ("team_queue", "is_open", "next_due_at", "id"),
    ("is_open", "clock_state", "next_due_at", "id"),
    ("owner_id", "is_open", "received_at", "id"),
    ("owner_id", "is_open", "priority", "next_due_at", "id"),
    ("status", "received_at", "id"),
    ("status", "priority", "next_due_at", "id"),
    ("is_open", "reference", "id"),
    ("is_open", "channel", "next_due_at", "id"),
    ("is_open", "status", "next_due_at", "id"),
    ("is_open", "subject", "id"),
    ("owner_id", "is_open", "subject", "id"),
    ("team_queue", "is_open", "subject", "id"),
    ("status", "subject", "id"),
    ("is_open", "customer_name", "id"),
    ("owner_id", "is_open", "customer_name", "id"),
    ("team_queue", "is_open", "customer_name", "id"),
    ("status", "customer_name", "id"),
    ("is_open", "owner_name", "next_due_at", "id"),
    ("owner_id", "is_open", "owner_name", "next_due_at", "id"),
    ("team_queue", "is_open", "owner_name", "next_due_at", "id"),
    ("status", "owner_name", "next_due_at", "id"),
    ("owner_id", "is_open", "reference", "id"),
    ("status", "reference", "id"),
    ("owner_id", "is_open", "channel", "next_due_at", "id"),
    ("status", "channel", "next_due_at", "id"),
    ("owner_id", "is_open", "status", "next_due_at", "id"),
)
"""The full queue indexes of migrations 0001, 0008 and 0013 that the partial ones replace."""


def _queue_indexes() -> list[tuple[str, list[str], tuple[str, str]]]:
    return [
        (f"ix_complaint_{name}_{sort}", [*prefix, *columns], where)
        for name, prefix, where in FAMILIES
        for sort, columns in SORT_COLUMNS.items()
    ]


def _full_name(columns: Sequence[str]) -> str:
    return "ix_complaint_" + "_".join(columns)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for columns in REPLACED:
        op.drop_index(_full_name(columns), table_name="complaint")
    for name, columns, (sqlite_where, postgresql_where) in _queue_indexes():
        op.create_index(
            name,
            "complaint",
            columns,
            sqlite_where=sa.text(sqlite_where),
            postgresql_where=sa.text(postgresql_where),
        )
    if sqlite:
        # Statistics for the new indexes only (ANALYZE of the table reads every index).
        for name, _columns, _where in _queue_indexes():
            op.execute(f"ANALYZE {name}")


def downgrade() -> None:
    for name, _columns, _where in reversed(_queue_indexes()):
        op.drop_index(name, table_name="complaint")
    for columns in REPLACED:
        op.create_index(_full_name(columns), "complaint", list(columns), unique=False)

"""The agent's workspace: structured routing reasons, team queue names, presence, drafts.

- ``routing_decision.reason``: why a complaint went where it went, as data, so each screen
  words it in its reader's language (decisions made before keep their English text, which
  the services read back).
- ``team_queue``: the name people read for a team queue code.
- ``presence``: which complaint each open window shows and whether its person is writing.
- ``reply_draft``: what a person was writing on a complaint when they moved away.
- On PostgreSQL, a statement trigger on ``change_log`` sends a NOTIFY, so open windows hear
  of other workstations' writes at once instead of at their next poll.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANGES_CHANNEL = "complaintdesk_changes"
"""The NOTIFY channel of change-log writes (services.replicas.presence listens to it)."""


def upgrade() -> None:
    with op.batch_alter_table("routing_decision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.JSON(), nullable=True))
    op.create_table(
        "team_queue",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_queue")),
        sa.UniqueConstraint("code", name=op.f("uq_team_queue_code")),
    )
    op.create_table(
        "presence",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("complaint_id", sa.Uuid(), nullable=True),
        sa.Column("activity", sa.String(length=20), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_presence_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presence")),
    )
    with op.batch_alter_table("presence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_presence_complaint_id_seen_at"), ["complaint_id", "seen_at"]
        )
        batch_op.create_index(batch_op.f("ix_presence_user_id"), ["user_id"])
    op.create_table(
        "reply_draft",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("complaint_id", sa.Uuid(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaint.id"], name=op.f("fk_reply_draft_complaint_id_complaint")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_reply_draft_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply_draft")),
        sa.UniqueConstraint(
            "user_id", "complaint_id", name=op.f("uq_reply_draft_user_id_complaint_id")
        ),
    )
    with op.batch_alter_table("reply_draft", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reply_draft_complaint_id"), ["complaint_id"])
    if op.get_bind().dialect.name == "postgresql":
        _notify_changes()


def _notify_changes() -> None:
    # One NOTIFY per statement, not per row: a bulk write wakes listeners once, and
    # PostgreSQL folds identical notifications of one transaction into one.
    op.execute(
        f"""
        CREATE FUNCTION complaintdesk_notify_changes() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{CHANGES_CHANNEL}', '');
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER trg_change_log_notify AFTER INSERT ON change_log
        FOR EACH STATEMENT EXECUTE FUNCTION complaintdesk_notify_changes()
        """
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS trg_change_log_notify ON change_log")
        op.execute("DROP FUNCTION IF EXISTS complaintdesk_notify_changes()")
    with op.batch_alter_table("reply_draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reply_draft_complaint_id"))
    op.drop_table("reply_draft")
    with op.batch_alter_table("presence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_presence_user_id"))
        batch_op.drop_index(batch_op.f("ix_presence_complaint_id_seen_at"))
    op.drop_table("presence")
    op.drop_table("team_queue")
    with op.batch_alter_table("routing_decision", schema=None) as batch_op:
        batch_op.drop_column("reason")

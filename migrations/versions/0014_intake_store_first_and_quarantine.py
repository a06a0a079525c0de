"""Intake stores first: quarantine of what cannot become a complaint (issue 15).

- ``quarantine_item``: what a channel could not turn into a complaint on its own (no usable
  sender, not a mail, an unreadable social payload, a broken CSV row), with its raw bytes
  (content-addressed in ``attachment_content``), the reason, where it came from, and what a
  person decided.
- ``message.content_hash`` and ``message.id_clash``: a message whose Message-ID is already
  stored but whose content differs is kept beside the first one and flagged.
- The demo acknowledgement templates an earlier version seeded named ``owner_name``, which no
  acknowledgement supplies: every new email of a demo database was refused. Those exact
  texts (never one an administrator edited) are replaced by the fixed ones.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quarantine_item",
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("source_kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.JSON(), nullable=False),
        sa.Column("source_label", sa.String(length=500), nullable=False),
        sa.Column("problem", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("truncated", sa.Boolean(), nullable=False),
        sa.Column("external_id", sa.String(length=500), nullable=True),
        sa.Column("sender", sa.String(length=300), nullable=True),
        sa.Column("subject", sa.String(length=500), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("times_seen", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_by", sa.String(length=120), nullable=True),
        sa.Column("decision_note", sa.String(length=500), nullable=True),
        sa.Column("complaint_id", sa.Uuid(), nullable=True),
        sa.Column("message_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaint.id"],
            name=op.f("fk_quarantine_item_complaint_id_complaint"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["app_user.id"],
            name=op.f("fk_quarantine_item_decided_by_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["message_id"], ["message.id"], name=op.f("fk_quarantine_item_message_id_message")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantine_item")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_quarantine_item_fingerprint")),
    )
    with op.batch_alter_table("quarantine_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quarantine_item_state_received_at"),
            ["state", "received_at"],
            unique=False,
        )
    # Two columns added in place: the message table is the largest, and adding nullable
    # (or server-defaulted) columns needs no copy of it, on SQLite or PostgreSQL.
    with op.batch_alter_table("message", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("content_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("id_clash", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    _repair_demo_templates()


_OLD_DEMO_TEXTS = {
    ("acknowledgement", "en"): (
        "Dear {{ customer_name }},\n\nWe have received your complaint, reference "
        "{{ reference }}. We will answer by {{ resolution_due }}.\n\n{{ owner_name }}"
    ),
    ("acknowledgement", "fr"): (
        "Bonjour {{ customer_name }},\n\nNous avons bien reçu votre réclamation, référence "
        "{{ reference }}. Nous vous répondrons au plus tard le {{ resolution_due }}.\n\n"
        "{{ owner_name }}"
    ),
}
_NEW_DEMO_TEXTS = {
    ("acknowledgement", "en"): (
        "Dear {{ customer_name }},\n\nWe have received your complaint, reference "
        "{{ reference }}.{% if resolution_due %} We will answer by {{ resolution_due }}."
        "{% endif %}\n\nCustomer care{% if site_name %} — {{ site_name }}{% endif %}"
    ),
    ("acknowledgement", "fr"): (
        "Bonjour {{ customer_name }},\n\nNous avons bien reçu votre réclamation, référence "
        "{{ reference }}.{% if resolution_due %} Nous vous répondrons au plus tard le "
        "{{ resolution_due }}.{% endif %}\n\nLe service clients"
        "{% if site_name %} — {{ site_name }}{% endif %}"
    ),
}


def _repair_demo_templates() -> None:
    template = sa.table(
        "template",
        sa.column("code", sa.String),
        sa.column("language", sa.String),
        sa.column("body", sa.Text),
    )
    for (code, language), old in _OLD_DEMO_TEXTS.items():
        op.execute(
            template.update()
            .where(template.c.code == code, template.c.language == language, template.c.body == old)
            .values(body=_NEW_DEMO_TEXTS[(code, language)])
        )


def downgrade() -> None:
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_column("id_clash")
        batch_op.drop_column("content_hash")
    with op.batch_alter_table("quarantine_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quarantine_item_state_received_at"))
    op.drop_table("quarantine_item")

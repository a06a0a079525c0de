"""One customer, one case: match keys, complaint merges and links, surveys, reminders (issue 18).

Customers and contact points gain the keys likely duplicates are looked up by (filled here
for existing rows, by the same rules the application writes them with); a complaint can be
merged into another (its reference forwards there) or linked to it; satisfaction surveys
have their own reference; customer commitments remind themselves; the company's own social
accounts are known.

Customers and contact points gain their columns by ``ALTER TABLE`` (a batch copy would lose
the sort-key trigger 0013 put on ``customer``); a merged complaint is found through its
``complaint_merge`` row, so the complaint table itself is not touched.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from complaintdesk.domain.customers import keys

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5_000


def upgrade() -> None:
    _match_keys()
    with op.batch_alter_table("customer_merge", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=10), nullable=False, server_default="merge")
        )
    with op.batch_alter_table("customer_commitment", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("next_reminder_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("proposed_message_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("overdue_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_customer_commitment_next_reminder_at", ["next_reminder_at"], unique=False
        )
        batch_op.create_foreign_key(
            "fk_customer_commitment_proposed_message_id_message",
            "message",
            ["proposed_message_id"],
            ["id"],
        )
    _new_tables()


def _match_keys() -> None:
    # Plain ALTER TABLE: a batch copy of ``customer`` would lose 0013's trigger on it.
    op.add_column("customer", sa.Column("name_key", sa.String(length=12), nullable=True))
    op.add_column("customer", sa.Column("name_key_alt", sa.String(length=12), nullable=True))
    op.add_column("customer", sa.Column("name_ident", sa.String(length=120), nullable=True))
    op.add_column("contact_point", sa.Column("match_key", sa.String(length=120), nullable=True))
    _fill_customer_keys()
    _fill_contact_keys()
    op.create_index("ix_customer_name_key", "customer", ["name_key"])
    op.create_index("ix_customer_name_key_alt", "customer", ["name_key_alt"])
    op.create_index("ix_customer_name_ident", "customer", ["name_ident"])
    op.create_index("ix_contact_point_match_key", "contact_point", ["match_key"])


def _fill_customer_keys() -> None:
    connection = op.get_bind()
    customer = sa.table(
        "customer",
        sa.column("id", sa.Uuid()),
        sa.column("display_name", sa.String()),
        sa.column("name_key", sa.String()),
        sa.column("name_key_alt", sa.String()),
        sa.column("name_ident", sa.String()),
    )
    update = (
        sa.update(customer)
        .where(customer.c.id == sa.bindparam("k_id"))
        .values(
            name_key=sa.bindparam("v_key"),
            name_key_alt=sa.bindparam("v_alt"),
            name_ident=sa.bindparam("v_ident"),
        )
    )
    rows = connection.execute(sa.select(customer.c.id, customer.c.display_name)).all()
    for start in range(0, len(rows), BATCH):
        values = []
        for ident, name in rows[start : start + BATCH]:
            key, alt = keys.name_keys(name or "")
            values.append(
                {"k_id": ident, "v_key": key, "v_alt": alt, "v_ident": keys.name_ident(name or "")}
            )
        connection.execute(update, values)


def _fill_contact_keys() -> None:
    connection = op.get_bind()
    point = sa.table(
        "contact_point",
        sa.column("id", sa.Uuid()),
        sa.column("kind", sa.String()),
        sa.column("value", sa.String()),
        sa.column("match_key", sa.String()),
    )
    rows = connection.execute(
        sa.select(point.c.id, point.c.kind, point.c.value).where(
            point.c.kind.in_(("email", "social"))
        )
    ).all()
    update = (
        sa.update(point)
        .where(point.c.id == sa.bindparam("k_id"))
        .values(match_key=sa.bindparam("v_key"))
    )
    for start in range(0, len(rows), BATCH):
        values = [
            {"k_id": ident, "v_key": keys.contact_key(kind, value)}
            for ident, kind, value in rows[start : start + BATCH]
        ]
        connection.execute(update, values)


def _new_tables() -> None:
    op.create_table(
        "complaint_merge",
        sa.Column("kept_id", sa.Uuid(), nullable=False),
        sa.Column("merged_id", sa.Uuid(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("merged_by_id", sa.Uuid(), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.Column("moved", sa.JSON(), nullable=False),
        sa.Column("kept_before", sa.JSON(), nullable=False),
        sa.Column("merged_before", sa.JSON(), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kept_id"], ["complaint.id"], name=op.f("fk_complaint_merge_kept_id_complaint")
        ),
        sa.ForeignKeyConstraint(
            ["merged_id"], ["complaint.id"], name=op.f("fk_complaint_merge_merged_id_complaint")
        ),
        sa.ForeignKeyConstraint(
            ["merged_by_id"],
            ["app_user.id"],
            name=op.f("fk_complaint_merge_merged_by_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["undone_by_id"],
            ["app_user.id"],
            name=op.f("fk_complaint_merge_undone_by_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_merge")),
    )
    op.create_index("ix_complaint_merge_kept_id", "complaint_merge", ["kept_id"])
    op.create_index("ix_complaint_merge_merged_id", "complaint_merge", ["merged_id"])
    op.create_table(
        "complaint_link",
        sa.Column("complaint_id", sa.Uuid(), nullable=False),
        sa.Column("other_id", sa.Uuid(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("linked_by_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("removed_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaint.id"],
            name=op.f("fk_complaint_link_complaint_id_complaint"),
        ),
        sa.ForeignKeyConstraint(
            ["other_id"], ["complaint.id"], name=op.f("fk_complaint_link_other_id_complaint")
        ),
        sa.ForeignKeyConstraint(
            ["linked_by_id"], ["app_user.id"], name=op.f("fk_complaint_link_linked_by_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["removed_by_id"],
            ["app_user.id"],
            name=op.f("fk_complaint_link_removed_by_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_link")),
    )
    op.create_index("ix_complaint_link_complaint_id", "complaint_link", ["complaint_id"])
    op.create_index("ix_complaint_link_other_id", "complaint_link", ["other_id"])
    op.create_table(
        "satisfaction_survey",
        sa.Column("complaint_id", sa.Uuid(), nullable=False),
        sa.Column("token", sa.String(length=16), nullable=False),
        sa.Column("message_id", sa.Uuid(), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer_message_id", sa.Uuid(), nullable=True),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.Column("recommendation", sa.Integer(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaint.id"],
            name=op.f("fk_satisfaction_survey_complaint_id_complaint"),
        ),
        sa.ForeignKeyConstraint(
            ["message_id"], ["message.id"], name=op.f("fk_satisfaction_survey_message_id_message")
        ),
        sa.ForeignKeyConstraint(
            ["answer_message_id"],
            ["message.id"],
            name=op.f("fk_satisfaction_survey_answer_message_id_message"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_satisfaction_survey")),
        sa.UniqueConstraint("token", name=op.f("uq_satisfaction_survey_token")),
    )
    op.create_index("ix_satisfaction_survey_complaint_id", "satisfaction_survey", ["complaint_id"])
    op.create_table(
        "company_account",
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("handle", sa.String(length=120), nullable=False),
        sa.Column("platform_id", sa.String(length=64), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company_account")),
        sa.UniqueConstraint("handle", name=op.f("uq_company_account_handle")),
    )
    op.create_index("ix_company_account_platform_id", "company_account", ["platform_id"])


def downgrade() -> None:
    op.drop_index("ix_company_account_platform_id", table_name="company_account")
    op.drop_table("company_account")
    op.drop_index("ix_satisfaction_survey_complaint_id", table_name="satisfaction_survey")
    op.drop_table("satisfaction_survey")
    op.drop_index("ix_complaint_link_other_id", table_name="complaint_link")
    op.drop_index("ix_complaint_link_complaint_id", table_name="complaint_link")
    op.drop_table("complaint_link")
    op.drop_index("ix_complaint_merge_merged_id", table_name="complaint_merge")
    op.drop_index("ix_complaint_merge_kept_id", table_name="complaint_merge")
    op.drop_table("complaint_merge")
    with op.batch_alter_table("customer_commitment", schema=None) as batch_op:
        batch_op.drop_constraint(
            "fk_customer_commitment_proposed_message_id_message", type_="foreignkey"
        )
        batch_op.drop_index("ix_customer_commitment_next_reminder_at")
        batch_op.drop_column("overdue_at")
        batch_op.drop_column("proposed_message_id")
        batch_op.drop_column("proposed_at")
        batch_op.drop_column("next_reminder_at")
    with op.batch_alter_table("customer_merge", schema=None) as batch_op:
        batch_op.drop_column("kind")
    op.drop_index("ix_contact_point_match_key", table_name="contact_point")
    op.drop_index("ix_customer_name_ident", table_name="customer")
    op.drop_index("ix_customer_name_key_alt", table_name="customer")
    op.drop_index("ix_customer_name_key", table_name="customer")
    op.drop_column("contact_point", "match_key")
    for column in ("name_ident", "name_key_alt", "name_key"):
        op.drop_column("customer", column)

"""Complaints and everything attached to one: messages, requests, commitments."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, Unmapped, mapped_column, relationship, unmapped_column

from complaintdesk.storage.models.base import Base, IdMixin, Timestamps
from complaintdesk.storage.models.customers import Customer


class Complaint(IdMixin, Timestamps, Base):
    """One complaint, with exactly one accountable owner past ``new``.

    Relationships here are declared for the order of batched inserts only; code sets the
    ``*_id`` columns and never loads through them (``lazy="raise"``).

    ``next_due_at`` and ``priority`` are stored sort keys: queues page through indexes on
    them instead of sorting in memory.
    """

    __tablename__ = "complaint"
    __table_args__ = (
        Index(None, "is_open", "next_due_at", "id"),
        Index(None, "is_open", "received_at", "id"),
        Index(None, "is_open", "priority", "next_due_at", "id"),
        Index(None, "owner_id", "is_open", "next_due_at", "id"),
        Index(None, "team_queue", "is_open", "next_due_at", "id"),
        Index(None, "site_id", "is_open", "next_due_at", "id"),
        Index(None, "status", "next_due_at", "id"),
        Index(None, "is_open", "clock_state", "next_due_at", "id"),
        # The cockpit (migration 0008): My complaints and Resolved by date or priority, the
        # columns an open queue can be sorted on, the workload panel's counts.
        Index(None, "owner_id", "is_open", "received_at", "id"),
        Index(None, "owner_id", "is_open", "priority", "next_due_at", "id"),
        Index(None, "status", "received_at", "id"),
        Index(None, "status", "priority", "next_due_at", "id"),
        Index(None, "is_open", "reference", "id"),
        Index(None, "is_open", "channel", "next_due_at", "id"),
        Index(None, "is_open", "status", "next_due_at", "id"),
        Index(None, "is_open", "owner_id", "clock_state"),  # the workload panel
        Index(None, "is_open", "responsible_function_id", "clock_state"),
        Index(None, "customer_id", "received_at"),
        # Every sort a queue offers pages through its equality prefix (is_open for All open,
        # owner_id for My complaints, team_queue for Team, status for Resolved), the sort key,
        # then the id (migration 0013); the small team queue sorts cheap columns in memory.
        Index(None, "is_open", "subject", "id"),
        Index(None, "owner_id", "is_open", "subject", "id"),
        Index(None, "team_queue", "is_open", "subject", "id"),
        Index(None, "status", "subject", "id"),
        Index(None, "is_open", "customer_name", "id"),
        Index(None, "owner_id", "is_open", "customer_name", "id"),
        Index(None, "team_queue", "is_open", "customer_name", "id"),
        Index(None, "status", "customer_name", "id"),
        Index(None, "is_open", "owner_name", "next_due_at", "id"),
        Index(None, "owner_id", "is_open", "owner_name", "next_due_at", "id"),
        Index(None, "team_queue", "is_open", "owner_name", "next_due_at", "id"),
        Index(None, "status", "owner_name", "next_due_at", "id"),
        Index(None, "owner_id", "is_open", "reference", "id"),
        Index(None, "status", "reference", "id"),
        Index(None, "owner_id", "is_open", "channel", "next_due_at", "id"),
        Index(None, "status", "channel", "next_due_at", "id"),
        Index(None, "owner_id", "is_open", "status", "next_due_at", "id"),
        # Search checks a branch clerk's site on thousands of matches without reading rows.
        Index(None, "id", "site_id"),
        # The dashboard's aggregates read a period from these alone (covering indexes).
        Index("ix_complaint_reporting_received", "received_at", "channel", "site_id"),
        Index(
            "ix_complaint_reporting_resolved",
            "resolved_at",
            "resolution_due_at",
            "channel",
            "responsible_function_id",
            "root_cause_id",
            "root_cause_function_id",
            "satisfaction",
            "site_id",
        ),
        Index("ix_complaint_reporting_due", "resolution_due_at", "resolved_at", "site_id"),
        # The regulatory clock on its own (migration 0016): a queue's regulatory filter and
        # sort, and the check that watches regulatory deadlines whatever the status.
        Index(None, "is_open", "regulatory_state", "regulatory_next_due_at", "id"),
        Index(None, "regulatory_state", "regulatory_next_due_at", "id"),
    )

    reference: Mapped[str] = mapped_column(String(24), unique=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customer.id"))
    customer: Mapped[Customer] = relationship(lazy="raise")
    channel: Mapped[str] = mapped_column(String(10))
    channel_detail: Mapped[str | None] = mapped_column(String(40))
    """The source's own word for the channel (e.g. CFPB "Web", "Fax"), kept as given."""
    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("site.id"))
    subject: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    category_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("category.id"))
    product: Mapped[str | None] = mapped_column(String(120))
    priority: Mapped[int] = mapped_column(default=3)
    status: Mapped[str] = mapped_column(String(24), default="new")
    is_open: Mapped[bool] = mapped_column(default=True)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    responsible_function_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("function.id"))
    team_queue: Mapped[str | None] = mapped_column(String(40))
    policy_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("service_level_policy.id"))
    regulatory_policy_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("service_level_policy.id")
    )
    received_at: Mapped[datetime]
    """When the complaint reached the company (from the CFPB: the day it was sent to us)."""
    sent_at: Mapped[datetime | None]
    """When the customer sent it, when believable: a letter's date, an email's Date header,
    the day the CFPB received it from the consumer (ACPR deadlines count from it)."""
    acknowledged_at: Mapped[datetime | None]
    first_response_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    final_response_at: Mapped[datetime | None]
    """When the customer was sent the final response (or summary resolution) letter."""
    final_response_kind: Mapped[str | None] = mapped_column(String(20))
    """``final_response`` or ``summary_resolution``."""
    holding_reply_at: Mapped[datetime | None]
    """When a holding reply (payment services) told the customer why more time is needed."""
    holding_reply_until: Mapped[datetime | None]
    """The end of the day the holding reply promised the final response by."""
    closed_at: Mapped[datetime | None]
    acknowledge_due_at: Mapped[datetime | None]
    response_due_at: Mapped[datetime | None]
    resolution_due_at: Mapped[datetime | None]
    regulatory_due_at: Mapped[datetime | None]
    next_due_at: Mapped[datetime]
    clock_state: Mapped[str] = mapped_column(String(12), default="on_track")
    regulatory_state: Mapped[str] = mapped_column(
        String(12), default="stopped", server_default="stopped"
    )
    """Where the regulatory deadlines alone stand (``stopped`` without a preset)."""
    regulatory_next_due_at: Mapped[datetime | None]
    """The earliest regulatory due instant still owed (overdue included)."""
    paused_since: Mapped[datetime | None]
    paused_seconds: Mapped[int] = mapped_column(default=0)
    outcome: Mapped[str | None] = mapped_column(String(20))
    remedy: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[Decimal | None]
    currency: Mapped[str | None] = mapped_column(String(3))
    root_cause_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("root_cause.id"))
    root_cause_function_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("function.id"))
    problem_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("problem.id"), index=True)
    satisfaction: Mapped[int | None]
    recommendation: Mapped[int | None]
    satisfaction_channel: Mapped[str | None] = mapped_column(String(10))
    """The channel the customer's scores came by (phone, shop, email…)."""
    satisfaction_at: Mapped[datetime | None]
    linked_complaint_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("complaint.id"))
    external_ref: Mapped[str | None] = mapped_column(String(80), index=True)
    version: Mapped[int] = mapped_column(default=1)
    # Stored sort keys, table columns only: database triggers (migration 0013) keep them in
    # step with the names whoever writes them (imports, merges, erasures, renames, sync), so
    # the ORM neither writes nor audits them. Queues read them through ``Complaint.__table__``.
    customer_name: Unmapped[str] = unmapped_column(String(200), server_default="")
    """The customer's display name."""
    owner_name: Unmapped[str] = unmapped_column(String(120), server_default="")
    """The owner's display name, empty while nobody owns the complaint."""

    __mapper_args__ = {"version_id_col": version}


class RoutingDecision(IdMixin, Base):
    """Why a complaint sits where it sits: the rule that routed it, and when."""

    __tablename__ = "routing_decision"
    __table_args__ = (Index(None, "team_queue", "decided_at"),)

    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("complaint.id"), index=True)
    complaint: Mapped[Complaint] = relationship(lazy="raise")
    rule_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("routing_rule.id"))
    decided_at: Mapped[datetime]
    function_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("function.id"))
    priority: Mapped[int | None]
    team_queue: Mapped[str | None] = mapped_column(String(40))
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    explanation: Mapped[str] = mapped_column(String(500))
    """The reason in English, for older versions and the command line."""
    reason: Mapped[dict[str, Any] | None]
    """The reason as data (:class:`complaintdesk.domain.routing.Reason`), worded on screen in
    the reader's language; None on decisions made before it was stored."""


class Message(IdMixin, Base):
    """One inbound or outbound exchange on a channel, or an internal note."""

    __tablename__ = "message"
    __table_args__ = (
        Index(None, "complaint_id", "occurred_at"),
        Index(None, "delivery_state", "recorded_at"),
        Index(None, "channel", "conversation"),
        UniqueConstraint("channel", "external_id"),
    )

    complaint_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("complaint.id"))
    complaint: Mapped[Complaint | None] = relationship(lazy="raise")
    customer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customer.id"), index=True)
    direction: Mapped[str] = mapped_column(String(10))
    channel: Mapped[str] = mapped_column(String(10))
    sender: Mapped[str | None] = mapped_column(String(300))
    recipient: Mapped[str | None] = mapped_column(String(300))
    subject: Mapped[str | None] = mapped_column(String(500))
    body_text: Mapped[str] = mapped_column(Text, default="")
    body_original: Mapped[str | None] = mapped_column(Text)
    occurred_at: Mapped[datetime]
    recorded_at: Mapped[datetime]
    external_id: Mapped[str | None] = mapped_column(String(500))
    in_reply_to: Mapped[str | None] = mapped_column(String(500))
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    delivery_state: Mapped[str | None] = mapped_column(String(12))
    """For outbound messages: ``queued``, ``sent`` or ``failed``."""
    delivery_attempts: Mapped[int] = mapped_column(default=0)
    delivery_error: Mapped[str | None] = mapped_column(String(500))
    automatic: Mapped[bool] = mapped_column(default=False)
    """Auto-reply, bounce or list loop: recorded, never answered."""
    public: Mapped[bool] = mapped_column(default=False, server_default=false())
    """Posted where anyone can read it (a tweet, a comment under a post).

    The server default lets bulk writers that know nothing of social media leave it out."""
    conversation: Mapped[str | None] = mapped_column(String(300))
    """Social: the thread a post or direct message belongs to, so replies find their complaint."""
    content_hash: Mapped[str | None] = mapped_column(String(64))
    """Email: a hash of sender, subject, text and attachments, telling a second delivery of
    this message from a different message that reuses its Message-ID."""
    id_clash: Mapped[bool] = mapped_column(default=False, server_default=false())
    """Email: an earlier, different message already carries this Message-ID; both are kept
    (this one's ``external_id`` gains a suffix) and the clash is shown."""
    letter_kind: Mapped[str | None] = mapped_column(String(20))
    """For a regulated letter: ``final_response``, ``summary_resolution``, ``holding_reply``."""


class AttachmentContent(IdMixin, Base):
    """Attachment bytes stored once per content hash."""

    __tablename__ = "attachment_content"

    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Attachment(IdMixin, Base):
    """A file attached to a message; a refused one keeps its name and the reason."""

    __tablename__ = "attachment"

    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("message.id"), index=True)
    message: Mapped[Message] = relationship(lazy="raise")
    filename: Mapped[str] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str | None] = mapped_column(String(64))
    refused_reason: Mapped[str | None] = mapped_column(String(300))


class ContributionRequest(IdMixin, Timestamps, Base):
    """What the owner asks of a function, with the function's internal due instant."""

    __tablename__ = "contribution_request"
    __table_args__ = (Index(None, "function_id", "state", "due_at"),)

    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("complaint.id"), index=True)
    complaint: Mapped[Complaint] = relationship(lazy="raise")
    function_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("function.id"))
    requested_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    question: Mapped[str] = mapped_column(Text)
    requested_at: Mapped[datetime]
    due_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(12), default="open")
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    answered_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(String(500))


class CustomerCommitment(IdMixin, Timestamps, Base):
    """What the customer must provide, by when, and the reminders sent."""

    __tablename__ = "customer_commitment"

    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("complaint.id"), index=True)
    complaint: Mapped[Complaint] = relationship(lazy="raise")
    description: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(12), default="open")
    reminders_sent: Mapped[int] = mapped_column(default=0)
    last_reminder_at: Mapped[datetime | None]
    fulfilled_at: Mapped[datetime | None]
    # Reminders that leave on their own, and what the customer delivered (migration 0017).
    next_reminder_at: Mapped[datetime | None] = mapped_column(index=True)
    """When the next automatic reminder is due (None: none left)."""
    proposed_at: Mapped[datetime | None]
    """When something the customer sent was proposed to the owner as fulfilling it."""
    proposed_message_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("message.id"))
    overdue_at: Mapped[datetime | None]
    """When it was found overdue, ended the pause it caused and was told to the owner."""


class Problem(IdMixin, Timestamps, Base):
    """A recurring cause linking many complaints, owned until fixed upstream."""

    __tablename__ = "problem"

    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    root_cause_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("root_cause.id"))
    function_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("function.id"))
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    status: Mapped[str] = mapped_column(String(20), default="open")
    actions: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None]

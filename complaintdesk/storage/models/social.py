"""Social gateways the social channel polls, how far each one was read, and our own accounts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from complaintdesk.storage.models.base import Base, IdMixin, Timestamps


class SocialGateway(IdMixin, Timestamps, Base):
    """The company's social gateway: an HTTPS endpoint returning batches of webhook payloads.

    The access token is never stored here: ``token_ref`` names where the secret lives
    (``keyring:…`` or ``file:…``). ``cursor`` is the gateway's own position marker, moved
    on in the same transaction as the posts of the batch it follows.
    """

    __tablename__ = "social_gateway"

    name: Mapped[str] = mapped_column(String(80), unique=True)
    url: Mapped[str] = mapped_column(String(500))
    token_ref: Mapped[str | None] = mapped_column(String(200))
    cursor: Mapped[str | None] = mapped_column(String(500))
    site_code: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(default=True)
    last_polled_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))


class CompanyAccount(IdMixin, Timestamps, Base):
    """One of the company's own accounts on a platform: its posts are ours, never a customer's.

    ``handle`` is normalised like a contact point (``x:@acme``); ``platform_id`` is the
    platform's id of the account when known (an X ``accountId``, a Facebook page id).
    """

    __tablename__ = "company_account"
    __table_args__ = (UniqueConstraint("handle"),)

    platform: Mapped[str] = mapped_column(String(20))
    handle: Mapped[str] = mapped_column(String(120))
    platform_id: Mapped[str | None] = mapped_column(String(64), index=True)
    name: Mapped[str | None] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(default=True)

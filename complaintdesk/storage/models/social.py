"""Social gateways the social channel polls, and how far each one was read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
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

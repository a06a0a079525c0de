"""Mailboxes the email channel watches, and how far each folder has been read."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from complaintdesk.storage.models.base import Base, IdMixin, Timestamps


class Mailbox(IdMixin, Timestamps, Base):
    """An IMAP mailbox to poll and the SMTP server that sends its answers.

    The password is never stored here: ``password_ref`` names where the secret lives
    (``keyring:…`` in the OS keyring, ``file:…`` in a user-only file of the data folder).
    """

    __tablename__ = "mailbox"

    name: Mapped[str] = mapped_column(String(80), unique=True)
    host: Mapped[str] = mapped_column(String(255))
    port: Mapped[int]
    tls: Mapped[str] = mapped_column(String(10), default="ssl")
    """``ssl`` (implicit TLS), ``starttls`` or ``none``."""
    username: Mapped[str] = mapped_column(String(255))
    password_ref: Mapped[str | None] = mapped_column(String(200))
    folders: Mapped[list[Any]] = mapped_column(default=lambda: ["INBOX"])
    smtp_host: Mapped[str | None] = mapped_column(String(255))
    smtp_port: Mapped[int | None]
    smtp_tls: Mapped[str] = mapped_column(String(10), default="starttls")
    smtp_login: Mapped[bool] = mapped_column(default=True)
    """Sign in to the SMTP server with the mailbox's user name and password."""
    from_address: Mapped[str | None] = mapped_column(String(254))
    site_code: Mapped[str | None] = mapped_column(String(10))
    """Site whose reference sequence new complaints from this mailbox take (None: the caller's)."""
    active: Mapped[bool] = mapped_column(default=True)


class MailboxFolderState(IdMixin, Base):
    """The last UID stored from one folder, valid while the folder keeps its UIDVALIDITY."""

    __tablename__ = "mailbox_folder_state"
    __table_args__ = (UniqueConstraint("mailbox_id", "folder"),)

    mailbox_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mailbox.id"))
    mailbox: Mapped[Mailbox] = relationship(lazy="raise")
    folder: Mapped[str] = mapped_column(String(255))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    """IMAP UIDVALIDITY is an unsigned 32-bit number: too large for a signed INTEGER."""
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime]

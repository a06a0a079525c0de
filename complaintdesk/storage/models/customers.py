"""Customers and the contact points they are recognised by."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from complaintdesk.domain.customers import keys
from complaintdesk.storage.models.base import Base, IdMixin, Timestamps


class Customer(IdMixin, Timestamps, Base):
    """A person or business who complains; merged duplicates point to the winner."""

    __tablename__ = "customer"

    display_name: Mapped[str] = mapped_column(String(200), index=True)
    given_name: Mapped[str | None] = mapped_column(String(100))
    family_name: Mapped[str | None] = mapped_column(String(100))
    postcode: Mapped[str | None] = mapped_column(String(20), index=True)
    """Indexed: likely duplicates are looked for among the customers of one postcode."""
    segment: Mapped[str] = mapped_column(String(20), default="standard")
    preferred_language: Mapped[str] = mapped_column(String(8), default="en")
    preferred_channel: Mapped[str | None] = mapped_column(String(20))
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("customer.id"))
    erased_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)
    # Match keys (migration 0017), kept with the name: likely duplicates are looked up
    # through them by index instead of comparing every pair of records.
    name_key: Mapped[str | None] = mapped_column(String(12), index=True)
    """Soundex of the family name and the given name's initial (``M635l``)."""
    name_key_alt: Mapped[str | None] = mapped_column(String(12), index=True)
    """The same of the swapped reading (``Martin Léa`` read as given name Martin)."""
    name_ident: Mapped[str | None] = mapped_column(String(120), index=True)
    """Given and family names run together (``leamartin``), as handles spell them."""

    @validates("display_name")
    def _keep_keys(self, _key: str, name: str) -> str:
        self.name_key, self.name_key_alt = keys.name_keys(name)
        self.name_ident = keys.name_ident(name)
        return name


class ContactPoint(IdMixin, Base):
    """Email, phone (E.164), social handle (``platform:handle``) or postal address."""

    __tablename__ = "contact_point"
    __table_args__ = (Index(None, "kind", "value"),)

    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customer.id"), index=True)
    customer: Mapped[Customer] = relationship(lazy="raise")
    """Declared so a batch flush writes the customer before its contact points."""
    kind: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(300))
    """Normalised: E.164 phone, lower-cased email, ``platform:handle``."""
    label: Mapped[str | None] = mapped_column(String(60))
    verified: Mapped[bool] = mapped_column(default=False)
    match_key: Mapped[str | None] = mapped_column(String(120), index=True)
    """Letters of an email's local part or of a handle (``leamartin``): see ``keys``."""

    @validates("kind", "value")
    def _keep_key(self, field: str, given: str) -> str:
        kind = given if field == "kind" else self.kind
        value = given if field == "value" else self.value
        self.match_key = keys.contact_key(kind, value) if kind and value else None
        return given


class CustomerMerge(IdMixin, Base):
    """A merge of two customer records; undoing it keeps the record."""

    __tablename__ = "customer_merge"

    winner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customer.id"))
    loser_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customer.id"), index=True)
    merged_at: Mapped[datetime]
    merged_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    undone_at: Mapped[datetime | None]
    undone_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    reason: Mapped[str | None] = mapped_column(String(300))
    moved: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """What moved to the winner, by kind (``complaint``, ``message``, ``contact_point``): ids."""
    kind: Mapped[str] = mapped_column(String(10), default="merge", server_default="merge")
    """``merge`` (a supervisor's) or ``link`` (an agent linked a sender to a customer)."""

"""Customers found while someone types: through indexes only, so it stays fast at any size.

A name is looked up in the full-text index's ``people`` field (the customer's name and
contact points on each of their complaints: accent- and case-insensitive, the last word as
a prefix); an email address or a phone number by the start of its normalised value in the
``contact_point`` (kind, value) index. Nothing here scans the customer table.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Integer, Uuid, column, func, literal_column, select, table, text
from sqlalchemy.dialects.postgresql import TSVECTOR

from complaintdesk.storage.models import Complaint, ContactPoint, Customer
from complaintdesk.storage.search_index import KEY_TABLE, SEARCH_TABLE
from complaintdesk.storage.search_text import SearchText, fts5_query, tsquery
from complaintdesk.storage.unit_of_work import UnitOfWork

NAME_WINDOW = 200
"""Latest complaints whose people field matches, among which customers are picked."""
PREFIX_END = "\U0010ffff"
"""Sorts after every character: ``value < prefix + PREFIX_END`` bounds a prefix range."""


def by_name(uow: UnitOfWork, typed: str, limit: int) -> list[Customer]:
    """Return up to ``limit`` live customers whose name (or contact) holds the words typed."""
    search = SearchText.parse(typed)
    if not search.words:
        return []
    sqlite = _dialect(uow) == "sqlite"
    found = _sqlite_people(search) if sqlite else _postgresql_people(search)
    customers = select(Complaint.customer_id).join(found, found.c.complaint_id == Complaint.id)
    rows: list[Customer] = uow.scalars(
        select(Customer)
        .where(Customer.id.in_(customers), *_live())
        .order_by(Customer.display_name, Customer.id)
        .limit(limit)
    )
    return rows


def _sqlite_people(search: SearchText) -> Any:
    # A column filter keeps matches in the people field: "Dan" is a name, "dans" a word.
    query = f"people : ({fts5_query(search)})"
    latest = text(
        f"SELECT rowid AS doc FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :query "
        "ORDER BY rowid DESC LIMIT :window"
    ).bindparams(query=query, window=NAME_WINDOW)
    found = latest.columns(column("doc", Integer)).subquery("people")
    key = table(KEY_TABLE, column("id", Integer), column("complaint_id", Uuid))
    return (
        select(key.c.complaint_id)
        .join_from(found, key, key.c.id == found.c.doc)
        .subquery("people_hit")
    )


def _postgresql_people(search: SearchText) -> Any:
    index = table(SEARCH_TABLE, column("complaint_id", Uuid), column("document", TSVECTOR))
    query = tsquery(search)
    people_only = func.ts_filter(index.c.document, literal_column("'{b}'"), type_=TSVECTOR)
    return (
        select(index.c.complaint_id)
        .where(index.c.document.bool_op("@@")(query), people_only.bool_op("@@")(query))
        .order_by(index.c.complaint_id.desc())
        .limit(NAME_WINDOW)
        .subquery("people_hit")
    )


def by_contact_prefix(
    uow: UnitOfWork, kind: str, prefixes: Sequence[str], limit: int
) -> list[Customer]:
    """Return up to ``limit`` live customers with a ``kind`` contact starting with a prefix."""
    if not prefixes:
        return []
    ids: set[uuid.UUID] = set()
    for prefix in prefixes:
        ids.update(
            uow.scalars(
                select(ContactPoint.customer_id)
                .where(ContactPoint.kind == kind, *_starts_with(uow, prefix))
                .order_by(ContactPoint.value)
                .limit(limit)
            )
        )
    if not ids:
        return []
    rows: list[Customer] = uow.scalars(
        select(Customer)
        .where(Customer.id.in_(sorted(ids)), *_live())
        .order_by(Customer.display_name, Customer.id)
        .limit(limit)
    )
    return rows


def _starts_with(uow: UnitOfWork, prefix: str) -> list[Any]:
    if _dialect(uow) == "sqlite":
        # A range on the (kind, value) index; SQLite's LIKE would read every row.
        return [ContactPoint.value >= prefix, ContactPoint.value < prefix + PREFIX_END]
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [ContactPoint.value.like(f"{escaped}%", escape="\\")]


def _live() -> list[Any]:
    return [Customer.merged_into_id.is_(None), Customer.erased_at.is_(None)]


def _dialect(uow: UnitOfWork) -> str:
    return str(uow.session.get_bind().dialect.name)

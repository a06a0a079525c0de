"""Subject rights: everything held about a customer, exported or erased (DESIGN.md section 9).

The rows about a customer are found by following foreign keys from the ``customer`` row
outwards (complaints, their messages, attachments, contribution requests, commitments,
notifications, and whatever table a later release adds with a key to one of those), so an
access request never misses a table someone forgot to list here. Audit events about those
rows come with them.

Erasure is anonymisation: names, contact points, free texts and attachment contents are
replaced, while what statistics need stays (dates, channel, category, outcome, amounts,
clocks). See :mod:`complaintdesk.services.privacy.erasure`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, or_, select

from complaintdesk.domain.customers.contacts import normalise_email, normalise_phone
from complaintdesk.domain.errors import InvalidContactPoint, NotFound, ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.privacy import erasure
from complaintdesk.storage import lookups
from complaintdesk.storage.models import (
    AttachmentContent,
    AuditEvent,
    Base,
    ContactPoint,
    Customer,
)
from complaintdesk.storage.unit_of_work import UnitOfWork, audit_fields, json_value

NOT_FOLLOWED = frozenset({"audit_event", "change_log", "app_user", "site", "function"})
"""Tables never reached through a customer (people of the company, the journals apart)."""


@dataclass(frozen=True)
class CustomerExport:
    """Everything held about one customer, for an access request."""

    customer_id: uuid.UUID
    display_name: str
    exported_at: datetime
    tables: dict[str, list[dict[str, Any]]]
    """Table name to its rows about the customer, each column as a JSON-ready value."""
    attachments: dict[str, bytes] = field(default_factory=dict)
    """Attachment contents by SHA-256 (the ``attachment`` rows name them)."""

    def as_json(self) -> dict[str, Any]:
        """Return the export as one JSON document (attachment contents apart)."""
        return {
            "customer_id": str(self.customer_id),
            "display_name": self.display_name,
            "exported_at": self.exported_at.isoformat(),
            "tables": self.tables,
        }


def find_customer(ctx: ServiceContext, given: str) -> uuid.UUID:
    """Return the customer that ``given`` names: an id, a complaint reference, an email or phone.

    Raises:
        PermissionDenied: the caller may not manage personal data.
        NotFound: nothing matches.
    """
    ctx.actor.require(Permission.MANAGE_PERSONAL_DATA)
    given = given.strip()
    with ctx.uow() as uow:
        found = _by_id(uow, given) or _by_reference(uow, given) or _by_contact(uow, given)
    if found is None:
        raise NotFound(f"No customer matches {given!r} (an id, a reference, an email or phone).")
    return found


def _by_id(uow: UnitOfWork, given: str) -> uuid.UUID | None:
    try:
        ident = uuid.UUID(given)
    except ValueError:
        return None
    return ident if uow.get(Customer, ident) is not None else None


def _by_reference(uow: UnitOfWork, given: str) -> uuid.UUID | None:
    complaint = lookups.complaint_by_reference(uow, given.upper())
    return complaint.customer_id if complaint else None


def _by_contact(uow: UnitOfWork, given: str) -> uuid.UUID | None:
    values = []
    for normalise in (normalise_email, normalise_phone):
        try:
            values.append(normalise(given))
        except (InvalidContactPoint, ValidationError):
            continue
    if not values:
        return None
    found: list[uuid.UUID] = uow.scalars(
        select(ContactPoint.customer_id).where(ContactPoint.value.in_(values)).limit(1)
    )
    return found[0] if found else None


def export_customer(ctx: ServiceContext, customer_id: uuid.UUID) -> CustomerExport:
    """Return every row about ``customer_id`` (and the customers merged into it); audited.

    Raises:
        PermissionDenied: the caller may not manage personal data.
        NotFound: no such customer.
    """
    ctx.actor.require(Permission.MANAGE_PERSONAL_DATA)
    with ctx.uow(write=True) as uow:
        customer = uow.get(Customer, customer_id)
        if customer is None:
            raise NotFound("No such customer.")
        tables = related_rows(uow, customer_id)
        tables["audit_event"] = _audit_rows(uow, tables)
        digests = {r["sha256"] for r in tables.get("attachment", []) if r.get("sha256")}
        contents = uow.scalars(
            select(AttachmentContent).where(AttachmentContent.sha256.in_(sorted(digests)))
        )
        attachments = {c.sha256: bytes(c.data) for c in contents}
        uow.audit(
            "customer_exported",
            "customer",
            customer_id,
            user_id=ctx.actor.user_id,
            login=ctx.actor.login,
            after={"rows": sum(len(rows) for rows in tables.values())},
        )
        export = CustomerExport(
            customer_id, customer.display_name, datetime.now(UTC), tables, attachments
        )
        uow.commit()
    return export


def related_rows(uow: UnitOfWork, customer_id: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
    """Return table name → rows reachable from the customer by foreign keys.

    A row belongs to the customer when one of its foreign keys points to a row that does
    (self-references apart, except the customers merged into this one).
    """
    ids: dict[str, set[Any]] = {"customer": {customer_id}}
    rows: dict[str, dict[Any, dict[str, Any]]] = {}
    growing = True
    while growing:
        growing = False
        for table in Base.metadata.sorted_tables:
            if table.name in NOT_FOLLOWED:
                continue
            conditions = _conditions(table, ids)
            if not conditions:
                continue
            for row in uow.execute(select(table).where(or_(*conditions))).mappings():
                key = row["id"]
                if key in rows.setdefault(table.name, {}):
                    continue
                rows[table.name][key] = {k: json_value(v) for k, v in row.items()}
                ids.setdefault(table.name, set()).add(key)
                growing = True
    return {name: list(found.values()) for name, found in rows.items() if found}


def _conditions(table: Table, ids: dict[str, set[Any]]) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if table.name == "customer":
        conditions.append(table.c.id.in_(sorted(ids["customer"])))
    for key in table.foreign_keys:
        target = key.column.table.name
        if target == table.name and target != "customer":
            continue  # a complaint linked to another customer's is not theirs
        if ids.get(target) and "id" in table.c:
            conditions.append(key.parent.in_(sorted(ids[target])))
    return conditions


def _audit_rows(uow: UnitOfWork, tables: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    complaint_ids = [uuid.UUID(r["id"]) for r in tables.get("complaint", [])]
    entity_ids = [uuid.UUID(r["id"]) for rows in tables.values() for r in rows]
    events = uow.scalars(
        select(AuditEvent)
        .where(
            or_(
                AuditEvent.complaint_id.in_(complaint_ids),
                AuditEvent.entity_id.in_(entity_ids),
            )
        )
        .order_by(AuditEvent.occurred_at, AuditEvent.seq)
    )
    return [audit_fields(e) for e in events]


def erase_customer(
    ctx: ServiceContext, customer_id: uuid.UUID, reason: str
) -> erasure.ErasureSummary:
    """Anonymise a customer (and the customers merged into it), keeping the statistics.

    Raises:
        PermissionDenied: the caller may not manage personal data.
        ValidationError: no reason given, or the customer was erased already.
        NotFound: no such customer.
    """
    ctx.actor.require(Permission.MANAGE_PERSONAL_DATA)
    if not reason.strip():
        raise ValidationError("Give the reason for the erasure (it is kept in the audit trail).")
    with ctx.uow(write=True) as uow:
        customer = uow.get(Customer, customer_id)
        if customer is None:
            raise NotFound("No such customer.")
        if customer.erased_at is not None:
            raise ValidationError("This customer was erased already.")
        summary = erasure.erase(uow, ctx.actor, customer_id, reason.strip())
        uow.commit()
    return summary

"""What the journals keep of a person, and how an erasure scrubs it.

The audit trail must not keep what was erased. Earlier audit events about the customer's
rows have their personal values replaced and are sealed (what they hash to now, keyed), so
``audit verify`` accepts exactly those events in exactly their redacted form. Change-log
entries (sent or waiting), entries set aside and sync conflicts about the rows take the
values the erasure gave the rows.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import or_, select

from complaintdesk.storage.journal import audit_chains
from complaintdesk.storage.models import (
    Attachment,
    AuditEvent,
    Base,
    ChangeLogEntry,
    Complaint,
    ComplaintLink,
    ComplaintMerge,
    ContactPoint,
    ContributionRequest,
    Customer,
    CustomerCommitment,
    CustomerMerge,
    Message,
    Notification,
    QuarantineItem,
    SyncConflict,
    SyncSetAside,
)
from complaintdesk.storage.unit_of_work import UnitOfWork, json_value

ERASED = "(erased)"
ERASED_NAME = "Erased customer"
PERSONAL_FIELDS: dict[type[Base], dict[str, Any]] = {
    Customer: {
        "display_name": ERASED_NAME,
        "given_name": None,
        "family_name": None,
        # The match keys spell the name: they go after it (setting the name sets them).
        "name_key": None,
        "name_key_alt": None,
        "name_ident": None,
    },
    ContactPoint: {"value": ERASED, "label": None, "match_key": None},
    Complaint: {"subject": ERASED, "description": "", "remedy": None},
    Message: {
        "sender": None,
        "recipient": None,
        "subject": None,
        "body_text": "",
        "body_original": None,
        "conversation": None,
    },
    Attachment: {"filename": ERASED},
    ContributionRequest: {"question": ERASED, "answer": None, "cancel_reason": None},
    CustomerCommitment: {"description": ERASED},
    Notification: {"text": ERASED},
    ComplaintLink: {"note": None},
    ComplaintMerge: {"reason": None},
    CustomerMerge: {"reason": None},
    QuarantineItem: {"sender": None, "subject": None, "reason": ERASED, "decision_note": None},
}
"""Column → value it takes, per table. ``postcode`` goes too (below): it narrows a person."""
AUDIT_KEYS = frozenset(
    {key for fields in PERSONAL_FIELDS.values() for key in fields}
    | {"postcode", "reason", "text", "extra", "value", "label"}
)
"""Keys whose values are replaced in earlier audit events and change-log entries."""


def redact_audit(
    uow: UnitOfWork, complaint_ids: list[uuid.UUID], ids: set[uuid.UUID]
) -> tuple[dict[str, list[int]], dict[str, dict[str, Any]]]:
    """Replace personal values in earlier audit events.

    Returns:
        Chain → redacted seqs, and chain → seq → the seal of each redacted event (what it
        hashes to now, keyed): ``audit verify`` holds the event to its seal, so an event
        edited again after the erasure shows.
    """
    uow.flush()
    events: list[AuditEvent] = uow.scalars(
        select(AuditEvent)
        .where(or_(AuditEvent.complaint_id.in_(complaint_ids), AuditEvent.entity_id.in_(ids)))
        .order_by(AuditEvent.chain, AuditEvent.seq)
    )
    redacted: dict[str, list[int]] = {}
    seals: dict[str, dict[str, Any]] = {}
    for event in events:
        before, after = _scrub(event.before), _scrub(event.after)
        if before == event.before and after == event.after:
            continue
        event.before, event.after = before, after
        redacted.setdefault(event.chain, []).append(event.seq)
        seals.setdefault(event.chain, {})[str(event.seq)] = audit_chains.seal(event, uow.audit_keys)
    return redacted, seals


def scrub_journals(uow: UnitOfWork, ids: set[uuid.UUID], complaint_ids: list[uuid.UUID]) -> None:
    """Scrub the change log (entries sent or waiting), the sync conflicts and the entries set
    aside about these rows: the values they carry become the erased ones."""
    entries: list[ChangeLogEntry] = uow.scalars(
        select(ChangeLogEntry).where(ChangeLogEntry.entity_id.in_(sorted(ids)))
    )
    for entry in entries:
        scrubbed = _scrub_fields(entry.entity, entry.fields)
        if scrubbed != entry.fields:
            entry.fields = scrubbed
    aside: list[SyncSetAside] = uow.scalars(
        select(SyncSetAside).where(SyncSetAside.entity_id.in_(sorted(ids)))
    )
    for row in aside:
        row.fields = _scrub_fields(row.entity, row.fields)
        row.current = _scrub(row.current)
    conflicts: list[SyncConflict] = uow.scalars(
        select(SyncConflict).where(
            or_(
                SyncConflict.entity_id.in_(sorted(ids)),
                SyncConflict.complaint_id.in_(complaint_ids),
            )
        )
    )
    for conflict in conflicts:
        conflict.kept = _scrub(conflict.kept) or {}
        conflict.other = _scrub(conflict.other) or {}
        if conflict.detail:
            conflict.detail = _scrub_detail(conflict.detail)


def _scrub_fields(entity: str, fields: dict[str, Any]) -> dict[str, Any]:
    """An entry's fields as the erasure left the row: its own erased values, per table."""
    erased = next((v for m, v in PERSONAL_FIELDS.items() if m.__tablename__ == entity), {})
    scrubbed = {}
    for key, value in fields.items():
        if value in (None, "") or key not in AUDIT_KEYS:
            scrubbed[key] = value
        elif key in erased:
            scrubbed[key] = json_value(erased[key])
        elif key == "postcode":
            scrubbed[key] = None
        else:
            scrubbed[key] = ERASED
    return scrubbed


def _scrub_detail(detail: dict[str, Any]) -> dict[str, Any]:
    entries = [{**e, "fields": _scrub(e.get("fields")) or {}} for e in detail.get("entries", [])]
    return {**detail, "entries": entries} if entries else dict(detail)


def _scrub(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {
        key: (ERASED if key in AUDIT_KEYS and value not in (None, "") else value)
        for key, value in values.items()
    }

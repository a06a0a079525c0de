"""What the central server records for people after a push: merges done, entries set aside.

Sync settles everything at once so replicas agree; what a supervisor should know is raised
in the Sync conflicts list (with both versions), and what sync changed for them (a customer
recorded twice merged into one, two complaints about one email linked) is an ordinary,
audited change made under the name "sync", which travels to every replica concerned.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.domain.vocabulary import ContactKind, Role
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import Actor
from complaintdesk.services.customers import merge as customers
from complaintdesk.storage.models import Complaint, ContactPoint, Customer, ReplicaState
from complaintdesk.storage.unit_of_work import UnitOfWork
from complaintdesk.sync.arrival import duplicates
from complaintdesk.sync.conflicts import Conflict
from complaintdesk.sync.entries import Entry, among
from complaintdesk.sync.merge import Outcome, SetAside

IDENTIFYING = frozenset(
    {ContactKind.EMAIL.value, ContactKind.PHONE.value, ContactKind.SOCIAL.value}
)
LOGIN = "sync"
MERGE_REASON = "recorded in two places before they were synced (same {kind})"


def sync_actor(uow: UnitOfWork) -> Actor:
    """Who sync's own changes are recorded under: no person, the login ``sync``."""
    site = uow.scalars(select(ReplicaState.site_code).limit(1))
    return Actor(
        user_id=None,
        login=LOGIN,
        display_name="Sync",
        role=Role.ADMIN,
        site_id=uuid.UUID(int=0),
        site_code=site[0] if site else "HQ",
        team_queue=None,
        function_ids=frozenset(),
    )


def after_push(uow: UnitOfWork, outcome: Outcome) -> list[Conflict]:
    """Link the complaints of a message kept once, merge customers recorded twice, and return
    every conflict to raise (those the merge found included)."""
    actor = sync_actor(uow)
    raised = list(outcome.conflicts)
    raised += [_linked(uow, actor, merged) for merged in outcome.merged]
    raised += [_set_aside(aside) for aside in outcome.set_aside]
    raised += _merge_customers(uow, actor, outcome.applied)
    return raised


def _linked(uow: UnitOfWork, actor: Actor, merged: duplicates.Merged) -> Conflict:
    """Link the complaint of the copy folded away to the one the kept message belongs to."""
    kept, other = merged.winner_complaint_id, merged.loser_complaint_id
    if kept is not None and other is not None and kept != other:
        complaint = uow.get(Complaint, other)
        if complaint is not None and complaint.linked_complaint_id is None:
            complaint.linked_complaint_id = kept
            record(uow, actor, complaint, "complaint_linked_by_sync", complaint.id)
    return Conflict(
        "same_message",
        "message",
        merged.winner_id,
        other or kept,
        {"complaint_id": str(kept) if kept else None, "message_id": str(merged.winner_id)},
        {"complaint_id": str(other) if other else None},
        {"folded_message_id": str(merged.loser_id)},
    )


def _set_aside(aside: SetAside) -> Conflict:
    """An entry the central server could not apply: kept whole for a supervisor."""
    first = aside.entries[0]
    fields: dict[str, Any] = {}
    for entry in sorted(aside.entries, key=lambda e: e.stamp):
        fields.update(entry.fields)
    complaint = first.entity_id if first.entity == "complaint" else fields.get("complaint_id")
    current = dict(aside.refused.current or {})
    current.pop("_unique", None)
    return Conflict(
        "set_aside",
        first.entity,
        first.entity_id,
        uuid.UUID(str(complaint)) if complaint else None,
        {k: current[k] for k in fields if k in current} if current else {},
        fields,
        {
            "reason": aside.refused.reason,
            "unique": (aside.refused.current or {}).get("_unique"),
            "entries": [_entry_json(e) for e in aside.entries],
        },
    )


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": str(entry.id),
        "hlc": entry.hlc,
        "site_code": entry.site_code,
        "operation": entry.operation,
        "fields": entry.fields,
    }


def _merge_customers(uow: UnitOfWork, actor: Actor, applied: Sequence[Entry]) -> list[Conflict]:
    """Merge a customer recorded offline into the one who already had the same contact point."""
    raised: list[Conflict] = []
    new = _new_contacts(applied)
    holders = _first_holders(uow, new)
    for key, owner in new.items():
        if key not in holders:
            continue  # nobody else has this contact point: nothing to merge
        winner = uow.get(Customer, holders[key])
        loser = uow.get(Customer, owner)
        if winner is None or loser is None or loser.merged_into_id or loser.erased_at:
            continue
        if winner.merged_into_id or winner.erased_at or winner.id == loser.id:
            continue  # merged or erased by an earlier pair of this batch
        try:  # merge_in checks everything before it changes anything
            merged = customers.merge_in(
                uow, actor, winner.id, loser.id, MERGE_REASON.format(kind=key[0])
            )
        except ComplaintDeskError:
            continue  # a rule refuses it (one of them erased meanwhile): they stay apart
        raised.append(
            Conflict(
                "same_customer",
                "customer",
                winner.id,
                None,
                {"display_name": winner.display_name},
                {"display_name": loser.display_name},
                {"merge_id": str(merged.merge_id), "loser_id": str(loser.id)},
            )
        )
    return raised


def _new_contacts(applied: Iterable[Entry]) -> dict[tuple[str, str], uuid.UUID]:
    """Identifying contact points these entries added: (kind, value) → their customer."""
    found: dict[tuple[str, str], uuid.UUID] = {}
    for entry in applied:
        fields = entry.fields
        if entry.entity != "contact_point" or entry.operation != "insert":
            continue
        if fields.get("kind") in IDENTIFYING and fields.get("value") and fields.get("customer_id"):
            key = (str(fields["kind"]), str(fields["value"]))
            found.setdefault(key, uuid.UUID(str(fields["customer_id"])))
    return found


def _first_holders(
    uow: UnitOfWork, new: dict[tuple[str, str], uuid.UUID]
) -> dict[tuple[str, str], uuid.UUID]:
    """For each contact point, the other customer who had it first (one query a chunk)."""
    holders: dict[tuple[str, str], uuid.UUID] = {}
    connection = uow.session.connection()
    for condition in among(connection, ContactPoint.value, {value for _, value in new}):
        rows = uow.execute(
            select(ContactPoint.kind, ContactPoint.value, Customer.id)
            .join(Customer, ContactPoint.customer_id == Customer.id)
            .where(
                condition,
                ContactPoint.kind.in_(sorted({kind for kind, _ in new})),
                Customer.merged_into_id.is_(None),
                Customer.erased_at.is_(None),
            )
            .order_by(Customer.created_at.desc(), Customer.id.desc())
        )
        for kind, value, customer_id in rows:
            owner = new.get((kind, value))
            if owner is not None and customer_id != owner:
                holders[(kind, value)] = customer_id  # the last one written is the oldest
    return holders

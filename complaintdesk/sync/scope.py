"""What a branch may hold of the central server: its site's part (DESIGN.md section 8).

A branch holds the reference data (sites, users, catalogue, rules, templates…), its site's
complaints (and the complaints they are linked with), their customers with their contact
points, and what hangs from those: messages, attachments, requests, commitments, routing
decisions, targets and their clocks, surveys, source records, merges and links (when it may
see both ends) and the sync conflicts about them. Another site's customers, their
contact details and their messages never reach it. The central server decides, with its
current rows, for the first copy and for every pull.

Rows move between two sites' parts: a complaint merged into another of the same customer
at another site hands over its messages, requests and commitments (and an undo hands them
back). Such a row belongs where its complaint is now: it comes into the part of the site
of the complaint it moved into, and leaves the part of the site it moved out of
(:func:`complaintdesk.sync.pruning.drop_left`). Its older entries still name the other
site's complaint; that complaint is never copied in by reference (:meth:`Scope.within`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, select

from complaintdesk.storage.models import Complaint, Customer, Message, SyncConflict
from complaintdesk.sync.copying import LOCAL_ONLY, ROOTS, references_of, story_tables
from complaintdesk.sync.entries import Entry, among, table_of

COMPLAINT: Table = Complaint.__table__  # type: ignore[assignment]
CUSTOMER: Table = Customer.__table__  # type: ignore[assignment]
MESSAGE: Table = Message.__table__  # type: ignore[assignment]
CONFLICT: Table = SyncConflict.__table__  # type: ignore[assignment]
PRIORITY = ("complaint", "message", "customer")
"""A row hanging from several roots belongs where its first one (in this order) belongs."""
MERGE_HOPS = 20
PAIRS = frozenset({"customer_merge", "complaint_merge", "complaint_link"})
"""Rows joining two records: a branch holds one only when it may see both ends."""


class Scope:
    """The part of the central server one site may see, asked row by row (answers cached).

    Args:
        central: a connection to the central server.
        site_id: the branch's site.
    """

    def __init__(self, central: Connection, site_id: uuid.UUID) -> None:
        self.central = central
        self.site_id = site_id
        self._story = {t.name for t in story_tables()}
        self._known: dict[str, dict[uuid.UUID, bool]] = {}

    def visible(self, entries: Sequence[Entry]) -> list[Entry]:
        """Return the entries about rows the site may see, in their order."""
        wanted: dict[str, set[uuid.UUID]] = {}
        for entry in entries:
            wanted.setdefault(entry.entity, set()).add(entry.entity_id)
        allowed = {name: self.allowed(name, ids) for name, ids in wanted.items()}
        return [e for e in entries if e.entity_id in allowed[e.entity]]

    def within(self, wanted: Mapping[str, set[uuid.UUID]]) -> dict[str, set[uuid.UUID]]:
        """Return ``wanted`` (rows by table) cut down to what the site may see."""
        found = {name: self.allowed(name, ids) for name, ids in wanted.items()}
        return {name: ids for name, ids in found.items() if ids}

    def moved_in(self, entries: Sequence[Entry]) -> set[uuid.UUID]:
        """Return the rows of these entries that name a row the site may not see.

        They are rows the site may see now (see :meth:`visible`) that were elsewhere once:
        a message moved by a complaint merge from another site's complaint into one of this
        site's. Only all their entries together say where they are now.
        """
        named = [(e.entity_id, references_of([e])) for e in entries]
        wanted: dict[str, set[uuid.UUID]] = {}
        for _row, references in named:
            for name, ids in references.items():
                wanted.setdefault(name, set()).update(ids)
        seen = self.within(wanted)
        return {
            row
            for row, references in named
            if any(ids - seen.get(name, set()) for name, ids in references.items())
        }

    def allowed(self, name: str, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        """Return which rows of table ``name`` the site may see."""
        ids = set(ids)
        if not ids or name in LOCAL_ONLY:
            return set()
        if name == "sync_conflict":
            return self._conflicts(ids)
        if name not in self._story:
            return ids  # reference data: every site needs it
        known = self._known.setdefault(name, {})
        unknown = ids - set(known)
        if unknown:
            found = self._decide(name, unknown)
            known.update({i: i in found for i in unknown})
        return {i for i in ids if known[i]}

    def _decide(self, name: str, ids: set[uuid.UUID]) -> set[uuid.UUID]:
        if name == "complaint":
            return self._complaints(ids)
        if name == "customer":
            return self._customers(ids)
        if name == "message":
            return self._by_roots(
                MESSAGE, ids, [("complaint_id", "complaint"), ("customer_id", "customer")]
            )
        table = table_of(name)
        return self._by_roots(table, ids, _root_columns(table))

    def _complaints(self, ids: set[uuid.UUID]) -> set[uuid.UUID]:
        """The site's complaints, and those linked with one of them."""
        found: set[uuid.UUID] = set()
        site = COMPLAINT.c.site_id == self.site_id
        linking = COMPLAINT.alias("linking")
        for condition in among(self.central, COMPLAINT.c.id, ids):
            found.update(self._scalars(select(COMPLAINT.c.id).where(condition, site)))
            to_site = (
                select(COMPLAINT.c.id)
                .join(linking, linking.c.id == COMPLAINT.c.linked_complaint_id)
                .where(condition, linking.c.site_id == self.site_id)
            )
            found.update(self._scalars(to_site))
        for condition in among(self.central, COMPLAINT.c.linked_complaint_id, ids):
            linked_from_site = select(COMPLAINT.c.linked_complaint_id).where(site, condition)
            found.update(self._scalars(linked_from_site))
        return found & ids

    def _customers(self, ids: set[uuid.UUID]) -> set[uuid.UUID]:
        """Customers with a complaint the site may see, or merged into one who has."""
        found: set[uuid.UUID] = set()
        winner_of: dict[uuid.UUID, uuid.UUID] = {i: i for i in ids}
        frontier = set(ids)
        for _hop in range(MERGE_HOPS):
            holders = self._with_site_complaints(frontier)
            found.update(i for i, w in winner_of.items() if w in holders)
            rest = {w for i, w in winner_of.items() if i not in found}
            merged = self._merged_into(rest)
            if not merged:
                break
            winner_of = {i: merged[w] for i, w in winner_of.items() if w in merged}
            frontier = set(winner_of.values())
        return found

    def _with_site_complaints(self, ids: set[uuid.UUID]) -> set[uuid.UUID]:
        """Customers with a complaint the site may see (its own, or one linked with them)."""
        theirs: dict[uuid.UUID, uuid.UUID] = {}
        for condition in among(self.central, COMPLAINT.c.customer_id, ids):
            query = select(COMPLAINT.c.id, COMPLAINT.c.customer_id).where(condition)
            theirs.update((row[0], row[1]) for row in self.central.execute(query))
        visible = self.allowed("complaint", set(theirs))
        return {customer for complaint, customer in theirs.items() if complaint in visible}

    def _merged_into(self, ids: set[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        merged: dict[uuid.UUID, uuid.UUID] = {}
        for condition in among(self.central, CUSTOMER.c.id, ids):
            query = select(CUSTOMER.c.id, CUSTOMER.c.merged_into_id).where(
                condition, CUSTOMER.c.merged_into_id.is_not(None)
            )
            merged.update((row[0], row[1]) for row in self.central.execute(query))
        return merged

    def _by_roots(
        self, table: Table, ids: set[uuid.UUID], columns: Sequence[tuple[str, str]]
    ) -> set[uuid.UUID]:
        """Rows decided by the first root they hang from (see :data:`PRIORITY`)."""
        rows: list[Any] = []
        for condition in among(self.central, table.c.id, ids):
            query = select(table.c.id, *(table.c[c] for c, _ in columns))
            rows.extend(self.central.execute(query.where(condition)))
        wanted: dict[str, set[uuid.UUID]] = {}
        for row in rows:
            for (_, root), value in zip(columns, row[1:], strict=True):
                if value is not None:
                    wanted.setdefault(root, set()).add(value)
        allowed = {root: self.allowed(root, refs) for root, refs in wanted.items()}
        every = table.name in PAIRS  # both ends, or the pair would bring another site's row
        return {row[0] for row in rows if _decided(row[1:], columns, allowed, every=every)}

    def _conflicts(self, ids: set[uuid.UUID]) -> set[uuid.UUID]:
        """Conflicts about the site's complaints or customers; others about reference data."""
        rows: list[Any] = []
        for condition in among(self.central, CONFLICT.c.id, ids):
            query = select(CONFLICT.c.id, CONFLICT.c.entity, CONFLICT.c.entity_id).add_columns(
                CONFLICT.c.complaint_id
            )
            rows.extend(self.central.execute(query.where(condition)))
        complaints = self.allowed("complaint", {r[3] for r in rows if r[3] is not None})
        customers = self.allowed("customer", {r[2] for r in rows if r[1] == "customer"})
        found: set[uuid.UUID] = set()
        for row_id, entity, entity_id, complaint_id in rows:
            if complaint_id is not None:
                visible = complaint_id in complaints
            elif entity in self._story:
                visible = entity_id in customers if entity == "customer" else False
            else:
                visible = True
            if visible:
                found.add(row_id)
        return found

    def _scalars(self, query: Any) -> list[uuid.UUID]:
        return [v for v in self.central.scalars(query) if v is not None]


def _root_columns(table: Table) -> list[tuple[str, str]]:
    """The columns of ``table`` pointing at a root, most deciding first."""
    columns = [
        (fk.parent.name, fk.column.table.name)
        for fk in table.foreign_keys
        if fk.column.table.name in ROOTS and fk.column.name == "id"
    ]
    return sorted(columns, key=lambda c: (PRIORITY.index(c[1]), c[0]))


def _decided(
    values: Sequence[Any],
    columns: Sequence[tuple[str, str]],
    allowed: dict[str, set[uuid.UUID]],
    *,
    every: bool = False,
) -> bool:
    """The first kind of root with a value decides; within it, any visible one will do (or
    every one, with ``every``)."""
    for kind in PRIORITY:
        present = [v for v, (_, root) in zip(values, columns, strict=True) if root == kind and v]
        if present:
            seen = [v in allowed.get(kind, set()) for v in present]
            return all(seen) if every else any(seen)
    return False

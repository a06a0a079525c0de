"""Blocks of complaint numbers: handed out by the central server, used by one workstation.

At ``branch init`` and at every round a workstation tops up its blocks for its site (for the
current year, and for the next one in December), so it can number counter complaints for
days offline. The central server takes each block from the site's sequence, so its own
numbering, other workstations' blocks and this one never overlap. Whatever reference
arrives in a push, the central sequence moves past it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, Table, exc, func, insert, select, update

from complaintdesk.domain.reference import central_number, parse_reference
from complaintdesk.storage.models import ReferenceBlock, Site, SiteSequence
from complaintdesk.sync.entries import Entry

BLOCK = 1_000
"""Numbers in one block: a busy shop's month."""
LOW = 250
"""Below this many numbers left for a year, a round asks for another block."""
BLOCKS: Table = ReferenceBlock.__table__  # type: ignore[assignment]
SEQUENCE: Table = SiteSequence.__table__  # type: ignore[assignment]


def years_ahead(now: datetime) -> list[int]:
    """The years a workstation needs numbers for: this one, and the next one in December."""
    return [now.year, now.year + 1] if now.month == 12 else [now.year]


def numbers_left(local: Connection, site_id: uuid.UUID, year: int, origin: str) -> int:
    """Return how many numbers this workstation's blocks (its reserve apart) still hold."""
    remaining = func.coalesce(func.sum(BLOCKS.c.last_number - BLOCKS.c.next_number + 1), 0)
    query = select(remaining).where(
        BLOCKS.c.site_id == site_id,
        BLOCKS.c.year == year,
        BLOCKS.c.replica_code == origin,
        BLOCKS.c.next_number <= BLOCKS.c.last_number,
        BLOCKS.c.first_number < 1_000_000,
    )
    return int(local.scalar(query) or 0)


def allocate(
    central: Connection, site_id: uuid.UUID, year: int, origin: str, now: datetime
) -> dict[str, object]:
    """Take the next block of the site's sequence for ``origin``; return the block row."""
    row = _locked_sequence(central, site_id, year)
    first = int(row) + 1
    last = first + BLOCK - 1
    central.execute(
        update(SEQUENCE)
        .where(SEQUENCE.c.site_id == site_id, SEQUENCE.c.year == year)
        .values(last_number=last)
    )
    block = {
        "id": uuid.uuid4(),
        "site_id": site_id,
        "year": year,
        "replica_code": origin,
        "first_number": first,
        "last_number": last,
        "next_number": first,
        "allocated_at": now,
    }
    central.execute(insert(BLOCKS).values(block))  # the central server's record of it
    return block


def _locked_sequence(central: Connection, site_id: uuid.UUID, year: int) -> int:
    """Return the site's last number given out in ``year``, its row locked till commit."""
    for _attempt in range(3):
        query = (
            select(SEQUENCE.c.last_number)
            .where(SEQUENCE.c.site_id == site_id, SEQUENCE.c.year == year)
            .with_for_update()
        )
        found = central.execute(query).first()
        if found is not None:
            return int(found[0])
        try:
            with central.begin_nested():
                central.execute(
                    insert(SEQUENCE).values(
                        id=uuid.uuid4(), site_id=site_id, year=year, last_number=0
                    )
                )
        except exc.IntegrityError:
            continue  # someone made it first: lock theirs
    raise RuntimeError("the site sequence row keeps disappearing")


def advance_past(central: Connection, entries: Iterable[Entry]) -> None:
    """Move each site's central sequence past the references these entries recorded."""
    highest: dict[tuple[str, int], int] = {}
    for entry in entries:
        if entry.entity != "complaint" or entry.operation != "insert":
            continue
        parsed = parse_reference(str(entry.fields.get("reference") or ""))
        if parsed is None or not central_number(parsed[2]):
            continue
        key = (parsed[0], 2000 + parsed[1])
        highest[key] = max(highest.get(key, 0), parsed[2])
    if not highest:
        return
    sites = dict(
        central.execute(
            select(Site.code, Site.id).where(Site.code.in_({code for code, _ in highest}))
        ).all()
    )
    for (code, year), number in sorted(highest.items()):
        if code not in sites:
            continue
        current = _locked_sequence(central, sites[code], year)
        if number > current:
            central.execute(
                update(SEQUENCE)
                .where(SEQUENCE.c.site_id == sites[code], SEQUENCE.c.year == year)
                .values(last_number=number)
            )

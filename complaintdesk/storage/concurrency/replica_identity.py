"""This database's identity (which replica, which site), the clock its writers share, and the
reference numbers it gives.

The identity row is made once, by whoever writes first; two first starts at once make one
row (a unique ``singleton`` column and ``INSERT … ON CONFLICT DO NOTHING``). Writers read it
without a lock.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, Table, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from complaintdesk.domain import hlc
from complaintdesk.storage.models import ChangeLogEntry, ReplicaState, SiteSequence

REPLICA: Table = ReplicaState.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class Identity:
    """Which replica this database is, and what its writers need to know of it."""

    id: uuid.UUID
    site_code: str
    mode: str
    hlc_last: int
    server_ms: int | None
    """The database server's clock when this was read (PostgreSQL), the one time reference."""
    origin: str = ""
    """The code this replica stamps on its changes and audit chains (``PAR`` or ``PAR.2``)."""
    clock_offset_ms: int | None = None
    """The central server's clock minus this workstation's, as the last round measured it."""
    tolerance_ms: int = 300_000
    """How far this clock may stray before the central server's time is used instead."""


def read_identity(session: Session) -> Identity:
    """Return the identity row (making it if this database has none yet), without a lock."""
    postgres = session.get_bind().dialect.name == "postgresql"
    columns = [REPLICA.c.id, REPLICA.c.site_code, REPLICA.c.mode, REPLICA.c.hlc_last]
    clock = [REPLICA.c.replica_code, REPLICA.c.clock_offset_ms, REPLICA.c.max_clock_offset_ms]
    now = func.floor(func.extract("epoch", func.clock_timestamp()) * 1000)
    query = select(*columns, now if postgres else literal(None), *clock).limit(1)
    row = session.execute(query).first()
    if row is None:
        _make(session, postgres)
        row = session.execute(query).one()
    server_ms = int(row[4]) if row[4] is not None else None
    return Identity(
        row[0], row[1], row[2], int(row[3] or 0), server_ms, row[5] or row[1], row[6], row[7]
    )


def _make(session: Session, postgres: bool) -> None:
    values = {
        "id": uuid.uuid4(),
        "mode": "standalone",
        "site_code": "HQ",
        "hlc_last": 0,
        "singleton": True,
    }
    dialect_insert = postgresql.insert if postgres else sqlite.insert
    statement = dialect_insert(REPLICA).values(values).on_conflict_do_nothing()
    session.execute(statement)


class ProcessClock:
    """A hybrid logical clock kept by one process for a database its writers share."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # held for a comparison, never across a query
        self._last = hlc.ZERO
        self.seeded = False

    def raise_floor(self, stamp: int) -> None:
        """Never stamp below ``stamp``, e.g. what sync has seen or what is stored."""
        with self._lock:
            self.seeded = True
            if stamp:
                self._last = max(self._last, hlc.HybridTimestamp.of(stamp))

    def stamp(self, session: Session, identity: Identity, now_ms: int) -> hlc.HybridTimestamp:
        """Return the next stamp of a writer of this process on a shared (PostgreSQL) database.

        Never below what the change log holds (read once per process) nor what sync recorded
        in the identity row; on the database server's time read with the identity, the one
        reference for every workstation (``now_ms`` when it has none).
        """
        if not self.seeded:
            highest = session.execute(select(func.max(ChangeLogEntry.hlc))).scalar()
            self.raise_floor(highest or 0)
        self.raise_floor(identity.hlc_last)
        return self.tick(identity.server_ms if identity.server_ms is not None else now_ms)

    def tick(self, now_ms: int) -> hlc.HybridTimestamp:
        """Return the stamp of a local event, after every earlier one of this process."""
        with self._lock:
            self._last = hlc.tick(self._last, now_ms)
            return self._last


FIRST_START_LOCK = 0x436F6D706C616901
"""The advisory lock first-start set-up takes on PostgreSQL (SQLite: ``BEGIN IMMEDIATE``)."""


def lock_names(session: Session, names: list[str]) -> None:
    """Hold a lock on each of ``names`` until the transaction ends (PostgreSQL; SQLite has
    one writer at a time already).

    For what has no row to lock yet: two intakes at once for a new customer's email must not
    both create the customer. Names are locked in sorted order, so two transactions locking
    some of the same names never wait for each other in a circle.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for name in sorted(set(names)):
        session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(name, 0))))


def lock_first_start(session: Session) -> None:
    """Make first-start set-up wait for any other client doing it now, until this commits.

    Each step then checks again what is there and writes only what is missing, so six
    clients starting at once on a new database make one site and one catalogue.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(FIRST_START_LOCK)))


def next_number(session: Session, site_id: uuid.UUID, year: int) -> int:
    """Take the next reference number of a site and year.

    PostgreSQL: in a short transaction of its own, committed at once, so recording a complaint
    never holds the site's counter while it does the rest of its work (a complaint refused
    after this leaves a gap in the numbers, never a duplicate). SQLite: inside the caller's
    transaction, which already holds the database's one write lock.
    """
    table: Table = SiteSequence.__table__  # type: ignore[assignment]
    postgres = session.get_bind().dialect.name == "postgresql"
    dialect_insert = postgresql.insert if postgres else sqlite.insert
    upsert = dialect_insert(table).values(
        id=uuid.uuid4(), site_id=site_id, year=year, last_number=1
    )
    statement = upsert.on_conflict_do_update(
        index_elements=[table.c.site_id, table.c.year],
        set_={"last_number": table.c.last_number + 1},
    ).returning(table.c.last_number)
    if not postgres:
        return int(session.execute(statement).scalar_one())
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    with engine.connect() as connection:
        number = int(connection.execute(statement).scalar_one())
        connection.commit()
    return number

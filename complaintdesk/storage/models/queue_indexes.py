"""The indexes queue windows walk: one per kind of queue and sort key (migration 0019).

A queue's first page is its first 200 complaints in the order asked. It costs one frame only
if an index holds exactly that queue in exactly that order, so the planner reads 200 entries
and stops; an index that merely contains the queue (all open complaints, when the team's are
wanted) is walked until 200 of the queue turn up, which grows with the database. Each family
below is one kind of queue: its equality prefix (the owner, the team, the clock state) and the
condition it holds (open, resolved), written as the queue's SQL writes it so that the planner
matches the partial index (``storage.queue_queries.conditions``). Partial indexes hold only
the rows of their queue kind (the open complaints are a tenth of them), so closed history
costs them nothing to write and little to read.

"Waiting" walks the open family: its complaints are a large share of the open ones, so 200
turn up within a few hundred entries. The "Asked of my function" queue goes through the
contribution requests, not the complaint's indexes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Index, func, literal_column, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from complaintdesk.storage.types import UTCDateTime


class NothingOwed(FunctionElement[Any]):
    """Where a complaint owing no regulatory deadline sorts: 9999-12-31, after every real one.

    Written as a constant, never a bound parameter: the sort expression of the queries must be
    the indexed one, and a parameter matches no index expression.
    """

    type = UTCDateTime()
    inherit_cache = True
    name = "nothing_owed"


NOTHING_OWED_SQLITE = "9999-12-31 00:00:00.000000"
""":class:`NothingOwed` as SQLite stores instants (and gives them back)."""


@compiles(NothingOwed, "sqlite")
def _nothing_owed_sqlite(element: NothingOwed, compiler: SQLCompiler, **kw: Any) -> str:
    return f"'{NOTHING_OWED_SQLITE}'"


@compiles(NothingOwed)
def _nothing_owed(element: NothingOwed, compiler: SQLCompiler, **kw: Any) -> str:
    return "'9999-12-31 00:00:00+00'::timestamp with time zone"  # as PostgreSQL reflects it


def regulatory_due(column: Any) -> Any:
    """Return the regulatory sort key of ``column``: its instant, :class:`NothingOwed` if none."""
    return func.coalesce(column, NothingOwed())


SORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "due": ("next_due_at", "id"),
    "received": ("received_at", "id"),
    "priority": ("priority", "next_due_at", "id"),
    "reference": ("reference", "id"),
    "subject": ("subject", "id"),
    "customer": ("customer_name", "id"),
    "channel": ("channel", "next_due_at", "id"),
    "status": ("status", "next_due_at", "id"),
    "owner": ("owner_name", "next_due_at", "id"),
    # The site's code orders the sites (a handful of rows); within one, the due instant.
    "site": ("site_id", "next_due_at", "id"),
    # Nothing owed sorts last (a NULL would break the keyset comparison).
    "regulatory": ("regulatory_due", "next_due_at", "id"),
}
"""Index columns of every sort a queue offers (``queue_queries.SORTS``), the id last."""


@dataclass(frozen=True)
class Family:
    """One kind of queue, as an index sees it.

    Attributes:
        name: the middle of the index names (``ix_complaint_<name>_<sort>``).
        prefix: the columns a queue of this kind fixes by equality.
        sqlite_where: the partial index's condition, as SQLite queries write it.
        postgresql_where: the same, as PostgreSQL queries write it.
    """

    name: str
    prefix: tuple[str, ...]
    sqlite_where: str
    postgresql_where: str


_OPEN = ("is_open IS 1", "is_open IS true")
_RESOLVED = ("status = 'resolved'", "status = 'resolved'")
REGULATORY_RISK = ("at_risk", "breached")
"""The regulatory states of the supervisors' queue (deadline at risk or missed), sorted."""
_REGULATORY_RISK = f"regulatory_state IN {REGULATORY_RISK}"
"""The supervisors' queue, written as ``queue_queries.conditions`` writes it (values sorted)."""
FAMILIES = (
    Family("open", (), *_OPEN),  # All open, Waiting
    Family("owner", ("owner_id",), *_OPEN),  # My complaints, Unassigned (owner IS NULL)
    Family("team", ("team_queue",), *_OPEN),  # Team queue
    Family("clock", ("clock_state",), *_OPEN),  # At risk, Late
    Family("resolved", (), *_RESOLVED),  # Resolved
    Family(  # Regulatory deadline at risk or missed
        "regulatory",
        (),
        f"{_OPEN[0]} AND {_REGULATORY_RISK}",
        f"{_OPEN[1]} AND {_REGULATORY_RISK}",
    ),
)


def index_name(family: Family, sort: str) -> str:
    """Return the name of the index of ``family`` sorted by ``sort``."""
    return f"ix_complaint_{family.name}_{sort}"


def queue_indexes() -> tuple[Index, ...]:
    """Return every queue index, for the complaint table's ``__table_args__``."""
    return tuple(
        Index(
            index_name(family, sort),
            *family.prefix,
            *(_REGULATORY_KEY if c == "regulatory_due" else c for c in columns),
            sqlite_where=text(family.sqlite_where),
            postgresql_where=text(family.postgresql_where),
        )
        for family in FAMILIES
        for sort, columns in SORT_COLUMNS.items()
    )


_REGULATORY_KEY = regulatory_due(literal_column("regulatory_next_due_at"))

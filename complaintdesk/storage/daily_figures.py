"""The figures kept by day (``models.daily_figure``): sums over a period, and folding.

Triggers append one signed row per figure a complaint's write changes; a period's figure is
the sum of its rows, whether folded or not, so reads are right at any moment. Folding
replaces the rows of each (figure, day, site) that received new ones by their sums: it keeps
reads short, and it is the only statement that rewrites rows, so writers never wait on it
(PostgreSQL) or it waits for them (SQLite's one writer).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, func, select, text

from complaintdesk.storage.models import daily_figure
from complaintdesk.storage.unit_of_work import UnitOfWork

RECEIVED, OPEN, BY_FUNCTION, BY_CHANNEL = "received", "open", "function", "channel"
CAUSE, SCORE, LATE = "cause", "score", "late"
KEYS = ("channel", "function_id", "cause_id", "cause_function_id", "satisfaction")
"""The columns that tell a figure's rows apart, besides the figure, the day and the site."""
_T = daily_figure.c


def totals(
    figure: str, keys: tuple[str, ...], days: tuple[str, str], site_id: uuid.UUID | None
) -> Select[Any]:
    """Sum ``figure`` over the days in ``days`` ([first, end), ISO dates), grouped by ``keys``.

    Rows: the ``keys`` values, then the count, the promised and the kept counts.
    """
    columns = [_T[key] for key in keys]
    query = (
        select(*columns, func.sum(_T.n), func.sum(_T.promised), func.sum(_T.kept))
        .where(_T.figure == figure, _T.day >= days[0], _T.day < days[1])
        .group_by(*columns)
    )
    return query if site_id is None else query.where(_T.site_id == site_id)


def unfolded(uow: UnitOfWork) -> int:
    """Return how many rows triggers appended since the last fold."""
    count = uow.execute(select(func.count()).where(_T.folded.is_(False))).scalar_one()
    return int(count)


_GROUP = "figure, day, site_id, " + ", ".join(KEYS)
_COLUMNS = f"{_GROUP}, n, promised, kept, folded"
_SUMS = f"{_GROUP}, sum(n), sum(promised), sum(kept)"
_NOT_NIL = "sum(n) <> 0 OR sum(promised) <> 0 OR sum(kept) <> 0"
_POSTGRESQL_FOLD = f"""
    WITH touched AS (SELECT DISTINCT figure, day, site_id FROM daily_figure WHERE NOT folded),
    gone AS (
        DELETE FROM daily_figure AS d USING touched AS t
        WHERE d.figure = t.figure AND d.day = t.day AND d.site_id = t.site_id
        RETURNING d.*
    )
    INSERT INTO daily_figure ({_COLUMNS})
    SELECT {_SUMS}, true FROM gone GROUP BY {_GROUP} HAVING {_NOT_NIL}"""
"""One statement, one snapshot: it deletes exactly the rows it sums. Rows other writers
append meanwhile are not in its snapshot, so they stay, unfolded, for the next fold."""
_SQLITE_FOLD = (
    f"""CREATE TEMP TABLE folding AS SELECT {_SUMS} FROM daily_figure
    WHERE (figure, day, site_id) IN
        (SELECT figure, day, site_id FROM daily_figure WHERE folded IS 0)
    GROUP BY {_GROUP} HAVING {_NOT_NIL}""",
    """DELETE FROM daily_figure WHERE (figure, day, site_id) IN
        (SELECT figure, day, site_id FROM daily_figure WHERE folded IS 0)""",
    f"INSERT INTO daily_figure ({_COLUMNS}) SELECT *, 1 FROM folding",
    "DROP TABLE folding",
)
"""In the write transaction of the one SQLite writer: nobody appends meanwhile."""


def fold(uow: UnitOfWork) -> None:
    """Replace the rows of every (figure, day, site) that has new ones by their sums.

    Call in a write unit of work, then commit.
    """
    if uow.session.get_bind().dialect.name == "postgresql":
        uow.execute(text(_POSTGRESQL_FOLD))
        return
    for statement in _SQLITE_FOLD:
        uow.execute(text(statement))

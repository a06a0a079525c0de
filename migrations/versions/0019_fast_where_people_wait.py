"""Fast where people wait: an index per queue kind and sort; figures kept by day (issue 20).

Queue pages walked indexes that did not start with their queue (the team queue sorted by site
or reference walked every open complaint until 200 of the team's turned up, 60-73 ms at a
million complaints, 36 times its time at 100,000). Each kind of queue now has one partial index
per sort key: its equality prefix, the sort key, then the id, holding only the rows of that
kind of queue (open, or resolved). The full indexes they replace are dropped; the general
ones (a complaint's owner, site, status across all rows) stay.

The dashboard summed a year of complaints at every opening (1.5 s at a million). Its figures
are now kept by day in ``daily_figure`` by triggers on the complaint table (like the stored
sort keys of 0013: whatever writes complaints keeps them right), filled here from the
complaints already stored. Triggers only append signed rows; the application folds them.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SORT_COLUMNS = {
    "due": ("next_due_at", "id"),
    "received": ("received_at", "id"),
    "priority": ("priority", "next_due_at", "id"),
    "reference": ("reference", "id"),
    "subject": ("subject", "id"),
    "customer": ("customer_name", "id"),
    "channel": ("channel", "next_due_at", "id"),
    "status": ("status", "next_due_at", "id"),
    "owner": ("owner_name", "next_due_at", "id"),
    "site": ("site_id", "next_due_at", "id"),
    "regulatory": ("regulatory_due", "next_due_at", "id"),
}
REGULATORY_DUE = (
    "coalesce(regulatory_next_due_at, '9999-12-31 00:00:00.000000')",
    "coalesce(regulatory_next_due_at, '9999-12-31 00:00:00+00'::timestamp with time zone)",
)
"""(SQLite, PostgreSQL) the regulatory sort key: nothing owed sorts last (queue_indexes)."""
_OPEN = ("is_open IS 1", "is_open IS true")
_RESOLVED = ("status = 'resolved'", "status = 'resolved'")
_RISK = "regulatory_state IN ('at_risk', 'breached')"
FAMILIES = (
    ("open", (), _OPEN),
    ("owner", ("owner_id",), _OPEN),
    ("team", ("team_queue",), _OPEN),
    ("clock", ("clock_state",), _OPEN),
    ("resolved", (), _RESOLVED),
    ("regulatory", (), (f"{_OPEN[0]} AND {_RISK}", f"{_OPEN[1]} AND {_RISK}")),
)
"""(name, equality prefix, (SQLite condition, PostgreSQL condition)) of each queue kind."""

REPLACED = (
    ("is_open", "next_due_at", "id"),
    ("is_open", "received_at", "id"),
    ("is_open", "priority", "next_due_at", "id"),
    ("team_queue", "is_open", "next_due_at", "id"),
    ("is_open", "clock_state", "next_due_at", "id"),
    ("owner_id", "is_open", "received_at", "id"),
    ("owner_id", "is_open", "priority", "next_due_at", "id"),
    ("status", "received_at", "id"),
    ("status", "priority", "next_due_at", "id"),
    ("is_open", "reference", "id"),
    ("is_open", "channel", "next_due_at", "id"),
    ("is_open", "status", "next_due_at", "id"),
    ("is_open", "subject", "id"),
    ("owner_id", "is_open", "subject", "id"),
    ("team_queue", "is_open", "subject", "id"),
    ("status", "subject", "id"),
    ("is_open", "customer_name", "id"),
    ("owner_id", "is_open", "customer_name", "id"),
    ("team_queue", "is_open", "customer_name", "id"),
    ("status", "customer_name", "id"),
    ("is_open", "owner_name", "next_due_at", "id"),
    ("owner_id", "is_open", "owner_name", "next_due_at", "id"),
    ("team_queue", "is_open", "owner_name", "next_due_at", "id"),
    ("status", "owner_name", "next_due_at", "id"),
    ("owner_id", "is_open", "reference", "id"),
    ("status", "reference", "id"),
    ("owner_id", "is_open", "channel", "next_due_at", "id"),
    ("status", "channel", "next_due_at", "id"),
    ("owner_id", "is_open", "status", "next_due_at", "id"),
)
"""The full queue indexes of migrations 0001, 0008 and 0013 that the partial ones replace."""


def _queue_indexes() -> list[tuple[str, list[str], tuple[str, str]]]:
    return [
        (f"ix_complaint_{name}_{sort}", [*prefix, *columns], where)
        for name, prefix, where in FAMILIES
        for sort, columns in SORT_COLUMNS.items()
    ]


def _full_name(columns: Sequence[str]) -> str:
    return "ix_complaint_" + "_".join(columns)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for columns in REPLACED:
        op.drop_index(_full_name(columns), table_name="complaint")
    due = sa.text(REGULATORY_DUE[0 if sqlite else 1])
    for name, columns, (sqlite_where, postgresql_where) in _queue_indexes():
        op.create_index(
            name,
            "complaint",
            [due if c == "regulatory_due" else c for c in columns],
            sqlite_where=sa.text(sqlite_where),
            postgresql_where=sa.text(postgresql_where),
        )
    _open_breaches_index()
    _daily_figures(sqlite)
    if sqlite:
        # Statistics for the new indexes only (ANALYZE of the table reads every index).
        for name, _columns, _where in _queue_indexes():
            op.execute(f"ANALYZE {name}")
        op.execute(f"ANALYZE {OPEN_BREACHES}")
        op.execute("ANALYZE daily_figure")


OPEN_BREACHES = "ix_complaint_open_resolution_due"


def _open_breaches_index() -> None:
    """Open complaints by resolution due instant: the dashboard counts their broken promises."""
    op.create_index(
        OPEN_BREACHES,
        "complaint",
        ["resolution_due_at", "resolved_at", "site_id"],
        sqlite_where=sa.text(_OPEN[0]),
        postgresql_where=sa.text(_OPEN[1]),
    )


def _daily_figures(sqlite: bool) -> None:
    op.create_table(
        "daily_figure",
        sa.Column("figure", sa.String(length=8), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("site_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=True),
        sa.Column("function_id", sa.Uuid(), nullable=True),
        sa.Column("cause_id", sa.Uuid(), nullable=True),
        sa.Column("cause_function_id", sa.Uuid(), nullable=True),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("promised", sa.Integer(), nullable=False),
        sa.Column("kept", sa.Integer(), nullable=False),
        sa.Column("folded", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    # Filled before its indexes and triggers exist: a million complaints are read once.
    op.execute(_fill(sqlite))
    op.create_index(
        "ix_daily_figure_figure",
        "daily_figure",
        ["figure", "day", "site_id", *_FIGURE_KEYS, "n", "promised", "kept"],
    )
    op.create_index(
        "ix_daily_figure_unfolded",
        "daily_figure",
        ["figure", "day", "site_id"],
        sqlite_where=sa.text("folded IS 0"),
        postgresql_where=sa.text("folded IS false"),
    )
    if sqlite:
        for statement in _sqlite_triggers().values():
            op.execute(statement)
        return
    for statement in _postgresql_functions().values():
        op.execute(statement)
    for statement in _postgresql_triggers().values():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in _sqlite_triggers():
            op.execute(f"DROP TRIGGER {name}")
    else:
        for name in _postgresql_triggers():
            op.execute(f"DROP TRIGGER {name} ON complaint")
        for signature in reversed(list(_postgresql_functions())):
            op.execute(f"DROP FUNCTION {signature}")
    op.drop_table("daily_figure")
    op.drop_index(OPEN_BREACHES, table_name="complaint")
    for name, _columns, _where in reversed(_queue_indexes()):
        op.drop_index(name, table_name="complaint")
    for columns in REPLACED:
        op.create_index(_full_name(columns), "complaint", list(columns), unique=False)


# --- figures kept by day for the dashboard ---

_FIGURE_KEYS = ("channel", "function_id", "cause_id", "cause_function_id", "satisfaction")
_FIGURE_COLUMNS = ("figure", "day", "site_id", *_FIGURE_KEYS, "n", "promised", "kept", "folded")
_WATCHED = (
    "received_at",
    "site_id",
    "channel",
    "resolved_at",
    "resolution_due_at",
    "responsible_function_id",
    "root_cause_id",
    "root_cause_function_id",
    "satisfaction",
    "is_open",
)
"""The complaint's columns the figures depend on: an update of others changes nothing."""


def _selects(row: str, sign: str, day: str, false: str, source: str = "") -> list[str]:
    """The SELECTs of every figure row ``row`` (a complaint) counts for, ``sign`` times.

    ``day`` formats an instant as its UTC day, ``false`` is the SQL of false, ``source``
    the FROM clause (none in a trigger, where ``row`` is NEW or OLD). PostgreSQL types a
    UNION branch by branch: its empty keys are typed NULLs.
    """
    nulls = {} if false == "0" else _POSTGRESQL_NULLS
    resolved = f"{row}.resolved_at IS NOT NULL"
    promised = f"{sign} * CASE WHEN {row}.resolution_due_at IS NULL THEN 0 ELSE 1 END"
    kept = f"{sign} * CASE WHEN {row}.resolved_at <= {row}.resolution_due_at THEN 1 ELSE 0 END"
    late = (
        f"NOT {row}.is_open AND {row}.resolution_due_at IS NOT NULL AND "
        f"({row}.resolved_at IS NULL OR {row}.resolved_at > {row}.resolution_due_at)"
    )
    figures = (  # figure, day of, channel, function, cause, cause's function, score, counts, when
        ("received", "received_at", "channel", "NULL", "NULL", "NULL", "NULL", "0, 0", "1 = 1"),
        ("open", "received_at", "NULL", "NULL", "NULL", "NULL", "NULL", "0, 0", f"{row}.is_open"),
        ("function", "resolved_at", "NULL", "responsible_function_id", "NULL", "NULL", "NULL",
         f"{promised}, {kept}", resolved),
        ("channel", "resolved_at", "channel", "NULL", "NULL", "NULL", "NULL",
         f"{promised}, {kept}", resolved),
        ("cause", "resolved_at", "NULL", "NULL", "root_cause_id", "root_cause_function_id",
         "NULL", "0, 0", f"{resolved} AND {row}.root_cause_id IS NOT NULL"),
        ("score", "resolved_at", "NULL", "NULL", "NULL", "NULL", "satisfaction", "0, 0",
         f"{resolved} AND {row}.satisfaction IS NOT NULL"),
        ("late", "resolution_due_at", "NULL", "NULL", "NULL", "NULL", "NULL", "0, 0", late),
    )  # fmt: skip
    selects = []
    for figure, instant, *keys, counts, when in figures:
        values = [f"'{figure}'", day.format(f"{row}.{instant}"), f"{row}.site_id"]
        values += [
            nulls.get(column, "NULL") if key == "NULL" else f"{row}.{key}"
            for key, column in zip(keys, _FIGURE_KEYS, strict=True)
        ]
        values += [sign, *counts.split(", ", 1), false]
        named = ", ".join(f"{v} AS {c}" for v, c in zip(values, _FIGURE_COLUMNS, strict=True))
        selects.append(f"SELECT {named} {source} WHERE {when}")
    return selects


def _contributions(row: str, sign: str, day: str, false: str) -> str:
    """A trigger's INSERT of the figure rows of ``row`` (NEW or OLD), ``sign`` times."""
    selects = " UNION ALL ".join(_selects(row, sign, day, false))
    return f"INSERT INTO daily_figure ({', '.join(_FIGURE_COLUMNS)}) {selects}"


_POSTGRESQL_NULLS = {
    "channel": "NULL::varchar",
    "function_id": "NULL::uuid",
    "cause_id": "NULL::uuid",
    "cause_function_id": "NULL::uuid",
    "satisfaction": "NULL::integer",
}
_SQLITE_DAY = "substr({}, 1, 10)"
_POSTGRESQL_DAY = "to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD')"


def _changed(distinct: str) -> str:
    """The update trigger's condition: a change that can move the complaint's figures."""
    moved = " OR ".join(f"OLD.{c} {distinct} NEW.{c}" for c in _WATCHED[:3])
    counted = " OR ".join(f"OLD.{c} {distinct} NEW.{c}" for c in _WATCHED[3:])
    closed = (
        "OLD.resolved_at IS NOT NULL OR NEW.resolved_at IS NOT NULL "
        "OR NOT OLD.is_open OR NOT NEW.is_open"
    )
    # An open, unresolved complaint counts only where it was received: its promises,
    # recomputed at every policy change, are counted live, not kept here.
    return f"({moved}) OR (({closed}) AND ({counted}))"


def _sqlite_triggers() -> dict[str, str]:
    new = _contributions("NEW", "1", _SQLITE_DAY, "0")
    old = _contributions("OLD", "-1", _SQLITE_DAY, "0")
    watched = ", ".join(_WATCHED)
    return {
        "trg_daily_figure_insert": f"""CREATE TRIGGER trg_daily_figure_insert
            AFTER INSERT ON complaint BEGIN {new}; END""",
        "trg_daily_figure_update": f"""CREATE TRIGGER trg_daily_figure_update
            AFTER UPDATE OF {watched} ON complaint WHEN {_changed("IS NOT")}
            BEGIN {old}; {new}; END""",
        "trg_daily_figure_delete": f"""CREATE TRIGGER trg_daily_figure_delete
            AFTER DELETE ON complaint BEGIN {old}; END""",
    }


def _postgresql_functions() -> dict[str, str]:
    add = _contributions("c", "s", _POSTGRESQL_DAY, "false")
    return {
        "daily_figure_add(complaint, integer)": f"""CREATE FUNCTION
            daily_figure_add(c complaint, s integer) RETURNS void LANGUAGE sql AS $$ {add} $$""",
        "daily_figure_keep()": """CREATE FUNCTION daily_figure_keep() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM daily_figure_add(OLD, -1); END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM daily_figure_add(NEW, 1); END IF;
                RETURN NULL;
            END $$""",
    }


def _postgresql_triggers() -> dict[str, str]:
    watched = ", ".join(_WATCHED)
    run = "FOR EACH ROW EXECUTE FUNCTION daily_figure_keep()"
    return {
        "trg_daily_figure_insert": f"""CREATE TRIGGER trg_daily_figure_insert
            AFTER INSERT ON complaint {run}""",
        "trg_daily_figure_update": f"""CREATE TRIGGER trg_daily_figure_update
            AFTER UPDATE OF {watched} ON complaint FOR EACH ROW
            WHEN ({_changed("IS DISTINCT FROM")}) EXECUTE FUNCTION daily_figure_keep()""",
        "trg_daily_figure_delete": f"""CREATE TRIGGER trg_daily_figure_delete
            AFTER DELETE ON complaint {run}""",
    }


def _fill(sqlite: bool) -> str:
    """Every complaint's figures, summed, written folded (one statement)."""
    day, false = (_SQLITE_DAY, "0") if sqlite else (_POSTGRESQL_DAY, "false")
    selects = " UNION ALL ".join(_selects("c", "1", day, false, "FROM complaint AS c"))
    group = "figure, day, site_id, " + ", ".join(_FIGURE_KEYS)
    return (
        f"INSERT INTO daily_figure ({', '.join(_FIGURE_COLUMNS)}) "
        f"SELECT {group}, sum(n), sum(promised), sum(kept), {'1' if sqlite else 'true'} "
        f"FROM ({selects}) AS contributions GROUP BY {group}"
    )

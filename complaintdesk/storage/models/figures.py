"""Figures kept by day for the dashboard, by database triggers (migration 0019).

Derived data, like the search index: every replica's triggers keep its own from its
complaints, whatever writes them (services, demo seeding, sync merges, imports), so it is
never synced nor audited. Triggers only append signed rows (+1 for what a complaint now
counts for, -1 for what it counted for before), so concurrent writers never wait on one
another's totals; ``storage.report_queries.fold`` sums them into one row per key now and then.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, String, Table, Uuid, false, text

from complaintdesk.storage.models.base import Base

daily_figure = Table(
    "daily_figure",
    Base.metadata,
    Column("figure", String(8), nullable=False),
    Column("day", String(10), nullable=False),
    Column("site_id", Uuid(), nullable=False),
    Column("channel", String(10)),
    Column("function_id", Uuid()),
    Column("cause_id", Uuid()),
    Column("cause_function_id", Uuid()),
    Column("satisfaction", Integer),
    Column("n", Integer, nullable=False),
    Column("promised", Integer, nullable=False),
    Column("kept", Integer, nullable=False),
    Column("folded", Boolean, nullable=False, server_default=false()),
    # Every column: a period of one figure is read from the index alone.
    Index(
        "ix_daily_figure_figure",
        "figure",
        "day",
        "site_id",
        "channel",
        "function_id",
        "cause_id",
        "cause_function_id",
        "satisfaction",
        "n",
        "promised",
        "kept",
    ),
    Index(
        "ix_daily_figure_unfolded",
        "figure",
        "day",
        "site_id",
        sqlite_where=text("folded IS 0"),
        postgresql_where=text("folded IS false"),
    ),
)
"""One signed contribution of complaints to a figure of a UTC day (``day``: YYYY-MM-DD).

``figure`` says which, and which keys it fills:

- ``received``: complaints received that day, by ``channel``;
- ``open``: complaints received that day and still open;
- ``function`` / ``channel``: complaints resolved that day, by responsible ``function_id`` /
  by ``channel``, with how many had a resolution promise (``promised``) and kept it (``kept``);
- ``cause``: complaints resolved that day, by ``cause_id`` and ``cause_function_id``;
- ``score``: complaints resolved that day, by ``satisfaction``;
- ``late``: complaints no longer open whose resolution promise fell due that day and was
  broken (resolved after it, or never). Open complaints are counted live: their promises
  still move.
"""

"""Aggregates for the dashboard and the returns: GROUP BY in the database, never rows.

Every statement returns a handful of grouped rows (a count per channel and day, per age band,
per function…) however many complaints there are. Days are UTC calendar days, taken from the
stored instant with the database's own functions.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, or_, select, tuple_

from complaintdesk.storage.models import (
    Category,
    Complaint,
    ContactPoint,
    Customer,
    Function,
    RootCause,
    SourceRecord,
)


def day_of(dialect: str, column: Any) -> ColumnElement[str]:
    """Return the UTC calendar day of an instant column as ``YYYY-MM-DD`` text."""
    if dialect == "sqlite":
        # Stored as ISO text in UTC ("2025-03-04 09:15:00.000000"): the day is its start.
        return func.substr(column, 1, 10)
    return func.to_char(func.timezone("UTC", column), "YYYY-MM-DD")


def scope(site_id: uuid.UUID | None, visible: Sequence[ColumnElement[bool]]) -> list[Any]:
    """Return the conditions every figure shares: what the caller may see, one site or all."""
    found: list[Any] = list(visible)
    if site_id is not None:
        found.append(Complaint.site_id == site_id)
    return found


def inflow(
    dialect: str, start: datetime, end: datetime, where: list[Any]
) -> Select[*tuple[Any, ...]]:
    """Complaints received in [start, end) per channel and day: (channel, day, count)."""
    day = day_of(dialect, Complaint.received_at)
    return (
        select(Complaint.channel, day.label("day"), func.count())
        .where(Complaint.received_at >= start, Complaint.received_at < end, *where)
        .group_by(Complaint.channel, day)
    )


def backlog(now: datetime, bounds: Sequence[int], where: list[Any]) -> Select[*tuple[Any, ...]]:
    """Open complaints per age band: (band index, count); band i is younger than bounds[i] days.

    ``bounds`` are ascending ages in days; the last band (index ``len(bounds)``) is older.
    """
    band = case(
        *(
            (Complaint.received_at > now - timedelta(days=days), index)
            for index, days in enumerate(bounds)
        ),
        else_=len(bounds),
    ).label("band")
    return select(band, func.count()).where(Complaint.is_open.is_(True), *where).group_by(band)


def _resolved_in(start: datetime, end: datetime) -> list[ColumnElement[bool]]:
    return [Complaint.resolved_at >= start, Complaint.resolved_at < end]


def resolved(start: datetime, end: datetime, where: list[Any]) -> Select[*tuple[Any, ...]]:
    """Complaints resolved in the period, counted per everything the charts split them by.

    One pass over the period (served by one covering index) instead of one per chart. Rows:
    (channel, responsible function id, root cause id, root-cause function id, satisfaction,
    has a resolution promise, kept it, count).
    """
    due = Complaint.resolution_due_at
    promised = case((due.is_(None), 0), else_=1).label("promised")
    kept = case((Complaint.resolved_at <= due, 1), else_=0).label("kept")
    keys = (
        Complaint.channel,
        Complaint.responsible_function_id,
        Complaint.root_cause_id,
        Complaint.root_cause_function_id,
        Complaint.satisfaction,
        promised,
        kept,
    )
    return select(*keys, func.count()).where(*_resolved_in(start, end), *where).group_by(*keys)


def names(model: type[Function] | type[RootCause]) -> Select[*tuple[Any, ...]]:
    """Every (id, name) of a small reference table: functions or root causes."""
    return select(model.id, model.name)


def breaches(
    dialect: str, start: datetime, end: datetime, now: datetime, where: list[Any]
) -> Select[*tuple[Any, ...]]:
    """Resolution promises broken per day they fell due: (day, count).

    A promise is broken on its due day when the complaint was not resolved by then, whether
    it was resolved late since or is still open.
    """
    due = Complaint.resolution_due_at
    day = day_of(dialect, due)
    late = or_(Complaint.resolved_at.is_(None), Complaint.resolved_at > due)
    return (
        select(day.label("day"), func.count())
        .where(due >= start, due < min(end, now), late, *where)
        .group_by(day)
    )


def complaints_return_rows(
    site_ids: Sequence[uuid.UUID], since: datetime, until: datetime, where: list[Any]
) -> Select[*tuple[Any, ...]]:
    """One row per complaint of these sites that a return of [since, until) may count.

    Received before ``until`` and not closed before ``since`` (the caller narrows to local
    days): (site id, received at, closed at, product group, category name, product, root
    cause name, its regulatory cause, outcome, amount, currency). Closed means the final
    answer left (the final response, or the resolution when no letter was recorded) or the
    complaint was withdrawn.
    """
    withdrawn = case((Complaint.status == "withdrawn", Complaint.closed_at))
    closed = func.coalesce(Complaint.final_response_at, Complaint.resolved_at, withdrawn)
    return (
        select(
            Complaint.site_id,
            Complaint.received_at,
            closed.label("closed_at"),
            Category.product_group,
            Category.name,
            Complaint.product,
            RootCause.name.label("cause"),
            RootCause.regulatory_cause,
            Complaint.outcome,
            Complaint.amount,
            Complaint.currency,
        )
        .outerjoin(Category, Category.id == Complaint.category_id)
        .outerjoin(RootCause, RootCause.id == Complaint.root_cause_id)
        .where(
            Complaint.site_id.in_(site_ids),
            Complaint.received_at < until,
            or_(closed.is_(None), closed >= since),
            *where,
        )
    )


def cfpb_page(
    start: datetime | None,
    end: datetime | None,
    where: list[Any],
    cursor: tuple[Any, ...] | None,
    limit: int,
) -> Select[*tuple[Any, ...]]:
    """One page of complaints (received in [start, end)) with what a CFPB line needs.

    Keyset order (received_at, id): the next page starts strictly after ``cursor``.
    """
    # coalesce() keeps the planner on the customer's own contact points (the index on
    # customer_id); on "kind" it would read every postal address for every complaint.
    postal = (
        select(func.min(ContactPoint.value))
        .where(
            ContactPoint.customer_id == Complaint.customer_id,
            func.coalesce(ContactPoint.kind, "") == "postal",
        )
        .scalar_subquery()
    )
    conditions = list(where)
    if start is not None:
        conditions.append(Complaint.received_at >= start)
    if end is not None:
        conditions.append(Complaint.received_at < end)
    if cursor is not None:
        conditions.append(tuple_(Complaint.received_at, Complaint.id) > tuple_(*cursor))
    return (
        select(
            Complaint.id,
            Complaint.reference,
            Complaint.external_ref,
            Complaint.received_at,
            Category.name.label("category"),
            Complaint.product,
            Complaint.subject,
            Complaint.description,
            Complaint.channel,
            Complaint.channel_detail,
            Complaint.status,
            Complaint.outcome,
            Complaint.remedy,
            Complaint.amount,
            Complaint.first_response_at,
            Complaint.resolved_at,
            Complaint.sent_at,
            Complaint.final_response_at,
            Customer.postcode,
            Customer.segment,
            postal.label("postal"),
            SourceRecord.fields.label("source_fields"),
        )
        .join(Customer, Customer.id == Complaint.customer_id)
        .outerjoin(Category, Category.id == Complaint.category_id)
        .outerjoin(SourceRecord, SourceRecord.complaint_id == Complaint.id)
        .where(*conditions)
        .order_by(Complaint.received_at, Complaint.id)
        .limit(limit)
    )

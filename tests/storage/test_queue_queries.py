"""Queue windows: each queue kind and sort reads its own index, in order (SQLite), and the
driver reads them inside or outside a transaction, failing as any read does (both databases).

A first page costs one frame only when SQLite reads 200 entries of an index holding exactly
that queue in exactly that order; a plan that sorts ("TEMP B-TREE") or walks an index of
another queue grows with the database. EXPLAIN QUERY PLAN says which it is, cheaply, on the
demo data a newcomer gets.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Select, update
from sqlalchemy.exc import DBAPIError

from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.demo import seed as demo
from complaintdesk.domain.errors import DatabaseError
from complaintdesk.services.admin import auth
from complaintdesk.services.context import ServiceContext
from complaintdesk.services.insight import queues
from complaintdesk.services.read_models import QueueKind, QueueRequest, SortKey
from complaintdesk.storage import queue_queries
from complaintdesk.storage.database import driver_rows, sqlite_url, translate
from complaintdesk.storage.models import Complaint
from tests.ui.factories import add_complaints

INDEX_OF: dict[QueueKind, tuple[str, ...]] = {
    QueueKind.MINE: ("ix_complaint_owner_",),
    QueueKind.UNASSIGNED: ("ix_complaint_owner_",),
    QueueKind.TEAM: ("ix_complaint_team_",),
    QueueKind.ALL_OPEN: ("ix_complaint_open_", "ix_complaint_site_id_is_open_"),
    QueueKind.WAITING: ("ix_complaint_open_", "ix_complaint_site_id_is_open_"),
    QueueKind.AT_RISK: ("ix_complaint_clock_",),
    QueueKind.BREACHED: ("ix_complaint_clock_",),
    QueueKind.RESOLVED: ("ix_complaint_resolved_", "ix_complaint_status_"),
    QueueKind.REGULATORY: ("ix_complaint_regulatory_",),
}
"""The indexes a queue kind's pages may walk: its own family, or a general index starting
with the same condition (owner, status, or each site's open complaints for the site sort)."""


SCALE = 1_000
"""The planner is told the demo's complaints are this many times more numerous."""


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """The demo's 1,500 complaints, planned for as if they were 1,500,000.

    With a few thousand rows sorting is cheap and SQLite rightly prefers it; the statistics
    are scaled (same distribution, a thousand times the rows) so the plans are the ones a
    million complaints get, without writing a million complaints.
    """
    folder: Path = tmp_path_factory.mktemp("queue-plans")
    backend = open_backend(Settings(sqlite_url(folder / "demo.db"), folder))
    demo.seed(backend.uow, complaints=1_500, seed=3)
    with backend.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
        stats = connection.exec_driver_sql(
            "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'complaint'"
        ).all()
        for index, stat in stats:
            connection.exec_driver_sql(
                "UPDATE sqlite_stat1 SET stat = ? WHERE tbl = 'complaint' AND idx IS ?",
                (_scaled(stat), index),
            )
        connection.exec_driver_sql("ANALYZE sqlite_schema")  # reload the statistics
    yield backend
    backend.engine.dispose()


def _scaled(stat: str) -> str:
    """Scale "rows avg-per-prefix..." by SCALE, keeping unique prefixes (1) unique."""
    words = stat.split()
    numbers = [str(int(w) * SCALE if int(w) > 1 or n == 0 else 1) for n, w in enumerate(words)]
    return " ".join(numbers)


def _plan(backend: Backend, ctx: ServiceContext, request: QueueRequest, after: bool) -> str:
    spec = queues.queue_filter(ctx.actor, request)
    template = queue_queries.page_template(
        spec, request.sort.value, request.descending, after, queues.PAGE_SIZE
    )
    query = queue_queries.driver_query(template, backend.engine.dialect)
    cursor = ("", "", "") if after else None
    with backend.engine.connect() as connection:
        parameters = query.parameters(cursor[: _cursor_size(request.sort)] if cursor else None)
        found = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {query.sql}", parameters)
        return " | ".join(str(row[3]) for row in found)


def _cursor_size(sort: SortKey) -> int:
    return len(queue_queries.SORTS[sort.value]) + 1


@pytest.mark.parametrize("login", ["agent", "supervisor"])
def test_every_queue_page_walks_its_own_index_without_sorting(
    demo_database: Backend, login: str
) -> None:
    ctx = ServiceContext(demo_database.uow, auth.sign_in(demo_database.uow, login, f"demo-{login}"))
    checked = 0
    for queue in queues.visible_queues(ctx.actor):
        if queue is QueueKind.ASKED:
            continue  # through the contribution requests, not the complaint's indexes
        for sort in SortKey:
            for descending in (False, True):
                for after in (False, True):
                    request = QueueRequest(queue, sort, descending)
                    plan = _plan(demo_database, ctx, request, after)
                    complaint_step = next(s for s in plan.split(" | ") if "complaint" in s)
                    assert "TEMP B-TREE" not in plan, (queue, sort, descending, plan)
                    assert any(f"INDEX {name}" in complaint_step for name in INDEX_OF[queue]), (
                        queue,
                        sort,
                        plan,
                    )
                    checked += 1
    assert checked >= 8 * 10 * 2 * 2


def _reference_of_first(backend: Backend) -> list[tuple[object, ...]]:
    with backend.uow() as uow:
        return queue_queries.page_rows(uow, _references(), None)


def _references() -> Select[*tuple[Any, ...]]:
    return queue_queries.page_template(
        queue_queries.QueueFilter(open_only=False), "reference", False, False, 5
    )


def test_a_window_read_inside_a_transaction_sees_what_it_wrote(backend: Backend) -> None:
    add_complaints(backend.uow, 2, messages=0)
    with backend.uow(write=True) as uow:
        uow.execute(
            update(Complaint)
            .where(Complaint.reference == "HQ-25-00001")
            .values(subject="Changed, not committed")
        )
        inside = queue_queries.page_rows(uow, _references(), None)
    alone = _reference_of_first(backend)

    assert [row[2] for row in inside][:1] == ["Changed, not committed"]
    assert [row[2] for row in alone][:1] != ["Changed, not committed"]


def test_a_failing_window_read_fails_as_any_other_read(backend: Backend) -> None:
    """SQLite's failures are worded for a person; PostgreSQL's bug stays a bug."""
    engine = backend.engine
    sql = "SELECT reference FROM no_such_table"
    with pytest.raises(DBAPIError) as through_sqlalchemy, engine.connect() as connection:
        connection.exec_driver_sql(sql)

    with pytest.raises(DBAPIError) as through_the_driver:
        driver_rows(engine, sql, ())

    assert through_the_driver.type is through_sqlalchemy.type
    if engine.dialect.name == "sqlite":
        assert isinstance(translate(through_the_driver.value, engine), DatabaseError)

"""A deadlock is named for what it is and done again for the person, never shown as a server
that cannot be reached; what already committed is never done twice."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select, update

from complaintdesk.app import Backend, Settings, open_backend
from complaintdesk.domain.errors import TransactionConflict
from complaintdesk.domain.vocabulary import SiteKind
from complaintdesk.services.admin import organisation
from complaintdesk.services.context import ATTEMPTS, ServiceContext, retrying
from complaintdesk.storage.models import Site
from tests.conftest import command_line_actor


@pytest.fixture
def central(migrated_postgres_url: str, data_dir: Path) -> Iterator[Backend]:
    """The central PostgreSQL server, where writers meet."""
    backend = open_backend(Settings(migrated_postgres_url, data_dir))
    yield backend
    backend.close()


def _two_sites(backend: Backend, admin: ServiceContext) -> tuple[uuid.UUID, uuid.UUID]:
    organisation.add_site(admin, "LYO", "Lyon", SiteKind.BRANCH, "Europe/Paris")
    organisation.add_site(admin, "NIC", "Nice", SiteKind.BRANCH, "Europe/Paris")
    with backend.uow() as uow:
        ids = dict(uow.execute(select(Site.code, Site.id)).all())
    return ids["LYO"], ids["NIC"]


def _crossing(
    backend: Backend, first: uuid.UUID, second: uuid.UUID, meet: threading.Barrier
) -> Callable[[], str]:
    """A unit of work that changes two rows, meeting the other one in between (once)."""
    attempts = []

    def work() -> str:
        attempts.append(1)
        with backend.uow(write=True) as uow:
            uow.execute(update(Site).where(Site.id == first).values(name=f"{first}"))
            if len(attempts) == 1:
                meet.wait(timeout=30)
            uow.execute(update(Site).where(Site.id == second).values(name=f"{second}"))
            uow.commit()
        return f"done after {len(attempts)}"

    return work


@pytest.mark.postgres
def test_a_deadlock_reaches_the_caller_as_a_conflict_in_plain_words(central: Backend) -> None:
    lyon, nice = _two_sites(central, ServiceContext(central.uow, command_line_actor()))
    meet = threading.Barrier(2)
    with ThreadPoolExecutor(2) as pool:
        one = pool.submit(_crossing(central, lyon, nice, meet))
        other = pool.submit(_crossing(central, nice, lyon, meet))
        outcomes = [f.exception(timeout=60) or f.result() for f in (one, other)]

    (refused,) = [o for o in outcomes if isinstance(o, Exception)]
    assert isinstance(refused, TransactionConflict)
    assert "reach" not in str(refused)
    assert "nothing was saved. Try again." in str(refused)


@pytest.mark.postgres
def test_crossing_changes_both_succeed_when_run_as_the_window_runs_them(central: Backend) -> None:
    lyon, nice = _two_sites(central, ServiceContext(central.uow, command_line_actor()))
    meet = threading.Barrier(2)
    with ThreadPoolExecutor(2) as pool:
        one = pool.submit(retrying, _crossing(central, lyon, nice, meet))
        other = pool.submit(retrying, _crossing(central, nice, lyon, meet))
        results = sorted([one.result(timeout=60), other.result(timeout=60)])

    assert results == ["done after 1", "done after 2"]


def test_a_call_is_done_again_only_while_it_has_saved_nothing() -> None:
    calls: list[int] = []

    def refused_once() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise TransactionConflict("gave way")
        return "saved"

    assert retrying(refused_once) == "saved"
    assert len(calls) == 2


@pytest.mark.postgres
def test_a_call_that_committed_before_its_conflict_is_not_done_twice(
    central: Backend,
) -> None:
    calls: list[int] = []

    def half_done() -> None:
        calls.append(1)
        with central.uow(write=True) as uow:
            uow.audit("note", "site", None, user_id=None, login="test")
            uow.commit()
        raise TransactionConflict("gave way")

    with pytest.raises(TransactionConflict):
        retrying(half_done)
    assert len(calls) == 1


def test_a_call_refused_every_time_gives_up_after_a_few_attempts() -> None:
    calls: list[int] = []

    def always() -> None:
        calls.append(1)
        raise TransactionConflict("gave way")

    with pytest.raises(TransactionConflict):
        retrying(always)
    assert len(calls) == ATTEMPTS

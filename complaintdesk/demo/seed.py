"""Demo and benchmark data: realistic complaints across channels, sites and languages.

Reference data (calendars, sites, functions, taxonomy, service catalogue, routing rules,
templates, staff and the :data:`DEMO_USERS`) is written once through the ORM and reused by
code on later runs. Complaints, with their customers, messages, contribution requests and
customer commitments, are generated in batches and written by the bulk loader: a million
complaints take minutes, not hours.

Running :func:`seed` on a database that already holds complaints adds ``complaints`` more:
references continue each site's sequence, customers get fresh contact points, and the
generator is seeded with both ``seed`` and the number of complaints already there, so a
second run tells new stories instead of repeating the first. The same seed on the same
starting database always writes the same data (ids and the instant of the run aside).

Bulk rows carry no per-row audit event or change-log entry: a demo load is not anyone's
work, and it is not meant to be synced. One ``demo_seeded`` audit event records each run.
"""

from __future__ import annotations

import multiprocessing
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from queue import Empty

from sqlalchemy import func, select

from complaintdesk.demo import reference
from complaintdesk.demo.batches import Batch, Recipe, make_batches, produce
from complaintdesk.demo.catalogue import DEMO_USERS, STAFF_PASSWORD, DemoUser
from complaintdesk.demo.reference import Catalogue
from complaintdesk.domain.errors import ComplaintDeskError, ValidationError
from complaintdesk.services.promises import catalogue as catalogue_module
from complaintdesk.storage import bulk, report_queries
from complaintdesk.storage.models import Complaint, Customer, Site, SiteSequence, User
from complaintdesk.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

Progress = Callable[[int, int], None]
"""Called with (complaints written, complaints asked for)."""

BATCH_SIZE = 20_000
"""Complaints per transaction: big enough for speed, small enough for memory (~200 MB)."""
IN_PROCESS_BATCHES = 3
"""Up to this many batches, starting a worker process would cost more than it saves."""


@dataclass(frozen=True)
class SeedSummary:
    """What a seeding run wrote."""

    complaints: int
    messages: int
    customers: int
    users: int
    seconds: float = 0.0


def is_seeded(uow_factory: UnitOfWorkFactory) -> bool:
    """Return True once the demo accounts exist and complaints have been written."""
    logins = [user.login for user in DEMO_USERS]
    with uow_factory() as uow:
        found = uow.scalars(select(User.login).where(User.login.in_(logins)))
        has_complaints = bool(uow.scalars(select(Complaint.id).limit(1)))
    return len(found) == len(logins) and has_complaints


def seed(
    uow_factory: UnitOfWorkFactory,
    *,
    complaints: int,
    seed: int = 1,
    progress: Progress | None = None,
    now: datetime | None = None,
    batch_size: int = BATCH_SIZE,
) -> SeedSummary:
    """Write demo data: reference data once, then ``complaints`` more complaints.

    Args:
        uow_factory: where to write.
        complaints: how many complaints to add (zero writes only the reference data).
        seed: the random seed; the same seed on the same database gives the same data.
        progress: told after each batch how many complaints are written so far.
        now: the instant the data is generated around (default: the current time).
        batch_size: complaints per transaction.

    Raises:
        ValidationError: ``complaints`` is negative or ``batch_size`` is not positive.
    """
    if complaints < 0 or batch_size < 1:
        raise ValidationError("Ask for zero or more complaints, in batches of at least one.")
    started = time.perf_counter()
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    recipe, users = _prepare(uow_factory, seed, complaints, batch_size, moment)
    written = _write(uow_factory, recipe, progress)
    summary = SeedSummary(written["complaints"], written["messages"], written["customers"], users)
    _finish(uow_factory, seed, summary)
    return replace(summary, seconds=time.perf_counter() - started)


def _prepare(
    uow_factory: UnitOfWorkFactory, seed: int, complaints: int, batch_size: int, now: datetime
) -> tuple[Recipe, int]:
    """Write the missing reference data; return the run's recipe and how many users it added."""
    catalogue_module.install_presets(uow_factory)  # a no-op once a catalogue exists
    with uow_factory(write=True) as uow:
        users_before = _count(uow, User)
        catalogue = reference.ensure(uow, DEMO_USERS)
        users = _count(uow, User) - users_before
        start = _count(uow, Complaint)
        recipe = Recipe(
            catalogue,
            seed=seed if start == 0 else f"{seed}:{start}",
            now=bulk.micros(now),
            total=complaints,
            batch_size=batch_size,
            customer_serial=_count(uow, Customer),
            sequences=_sequences(uow),
        )
        uow.commit()
    return recipe, users


def _write(
    uow_factory: UnitOfWorkFactory, recipe: Recipe, progress: Progress | None
) -> Counter[str]:
    """Write the run's batches, one transaction each; return how many rows of each kind."""
    written: Counter[str] = Counter()
    for batch in _batches(recipe):
        with uow_factory(write=True) as uow:
            bulk.write(uow, batch.tables)
            _save_sequences(uow, batch.sequences, recipe.catalogue)
            report_queries.fold(uow)  # the batch's figures, summed before the next batch's
            uow.commit()
        written.update(
            complaints=batch.complaints, messages=batch.messages, customers=batch.customers
        )
        if progress is not None:
            progress(written["complaints"], recipe.total)
    return written


def _batches(recipe: Recipe) -> Iterator[Batch]:
    """Yield the run's batches; a big run makes them in a worker process meanwhile.

    Generating rows and writing them each keep a core busy, so on two cores a big run
    takes half the time when a second process generates while this one writes (threads
    would fight over the GIL). The worker makes exactly the batches this process would.
    """
    if recipe.total <= IN_PROCESS_BATCHES * recipe.batch_size:
        yield from make_batches(recipe)
        return
    context = multiprocessing.get_context("spawn")  # fork is unsafe beside Qt or threads
    queue: Queue[Batch | str | None] = context.Queue(maxsize=2)
    worker = context.Process(target=produce, args=(recipe, queue), name="demo-seed", daemon=True)
    worker.start()
    try:
        while (item := _next(queue, worker)) is not None:
            yield item
    finally:
        worker.terminate()  # only ours, and only if still running (an error or interrupt)
        worker.join()


def _next(queue: Queue[Batch | str | None], worker: BaseProcess) -> Batch | None:
    while True:
        try:
            item = queue.get(timeout=1)
        except Empty:
            if not worker.is_alive():
                raise ComplaintDeskError("The demo data generator stopped unexpectedly.") from None
            continue
        if isinstance(item, str):
            raise ComplaintDeskError(f"The demo data generator failed:\n{item}")
        return item


def _count(uow: UnitOfWork, model: type[User | Complaint | Customer]) -> int:
    return int(uow.execute(select(func.count()).select_from(model)).scalar_one())


def _sequences(uow: UnitOfWork) -> dict[tuple[str, int], int]:
    rows = uow.execute(
        select(Site.code, SiteSequence.year, SiteSequence.last_number).join(
            Site, Site.id == SiteSequence.site_id
        )
    ).all()
    return {(code, year): number for code, year, number in rows}


def _save_sequences(
    uow: UnitOfWork, sequences: dict[tuple[str, int], int], catalogue: Catalogue
) -> None:
    """Store the last numbers used, so live complaints continue after the demo ones."""
    stored = {(s.site_id, s.year): s for s in uow.scalars(select(SiteSequence))}
    for (code, year), number in sequences.items():
        if code not in catalogue.sites:
            continue  # a site the demo does not write to: its sequence is not ours
        site_id = uuid.UUID(catalogue.sites[code].id)
        row = stored.get((site_id, year))
        if row is None:
            uow.add(SiteSequence(site_id=site_id, year=year, last_number=number))
        elif row.last_number < number:
            row.last_number = number


def _finish(uow_factory: UnitOfWorkFactory, seed: int, summary: SeedSummary) -> None:
    """Record the run in the audit trail and refresh the planner's statistics."""
    with uow_factory(write=True) as uow:
        uow.audit(
            "demo_seeded",
            "database",
            None,
            user_id=None,
            login="demo",
            after={
                "seed": seed,
                "complaints": summary.complaints,
                "messages": summary.messages,
                "customers": summary.customers,
                "users": summary.users,
            },
        )
        bulk.analyze(uow)
        uow.commit()
        bulk.checkpoint(uow)


__all__ = [
    "DEMO_USERS",
    "STAFF_PASSWORD",
    "DemoUser",
    "Progress",
    "SeedSummary",
    "is_seeded",
    "seed",
]

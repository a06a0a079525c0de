"""Batches of generated rows: customers, complaints and their timelines, ready for bulk writing."""

from __future__ import annotations

import functools
import gc
import random
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.queues import Queue
from typing import Any

from complaintdesk.demo import complaints, customers, routing, timeline
from complaintdesk.demo.complaints import Case, Drafter
from complaintdesk.demo.customers import Profile
from complaintdesk.demo.promises import TARGET_COLUMNS, Promises
from complaintdesk.demo.reference import Catalogue
from complaintdesk.domain.routing import Reason
from complaintdesk.storage import bulk
from complaintdesk.storage.bulk import TableRows


@dataclass(frozen=True)
class Recipe:
    """Everything needed to make a run's batches, in this process or another one.

    Attributes:
        catalogue: ids of the reference data complaints point to.
        seed: seeds the run's only random generator (same seed, same data).
        now: the run's "now", in microseconds since the epoch.
        total: complaints in the whole run (spreads receipt times over the three years).
        batch_size: complaints per batch.
        customer_serial: first serial number for new customers (keeps addresses unique).
        sequences: last reference number per (site code, year) before the run.
    """

    catalogue: Catalogue
    seed: int | str
    now: int
    total: int
    batch_size: int
    customer_serial: int
    sequences: dict[tuple[str, int], int]


@dataclass(frozen=True)
class Batch:
    """The rows of one batch, in the order their foreign keys need."""

    tables: list[TableRows]
    complaints: int
    messages: int
    customers: int
    sequences: dict[tuple[str, int], int]
    """Last reference number per (site code, year) once this batch is written."""


def make_batches(recipe: Recipe) -> Iterator[Batch]:
    """Yield the run's batches one after the other."""
    maker = BatchMaker(recipe)
    for first in range(0, recipe.total, recipe.batch_size):
        yield maker.make(first, min(recipe.batch_size, recipe.total - first))


def produce(recipe: Recipe, queue: Queue[Batch | str | None]) -> None:
    """Make the run's batches in a worker process and hand them over through ``queue``.

    Puts each batch, then None at the end, or the text of the error that stopped it.
    """
    gc.disable()  # this process only builds rows that live until they are sent
    try:
        for batch in make_batches(recipe):
            queue.put(batch)
    except Exception:
        queue.put(traceback.format_exc())
        return
    queue.put(None)


class BatchMaker:
    """Generates a run's complaints batch after batch, from one random generator."""

    def __init__(self, recipe: Recipe) -> None:
        self.catalogue = recipe.catalogue
        self.rng = rng = random.Random(recipe.seed)
        self.now = now = recipe.now
        self.drafter = Drafter(recipe.catalogue, rng, now, recipe.total)
        self.new_id = functools.partial(next, bulk.id_texts())
        self.messages = timeline.MessageWriter(rng, now, self.new_id)
        self.serial = recipe.customer_serial
        self.sequences = dict(recipe.sequences)
        self.promises = Promises(recipe.catalogue.policies)

    def make(self, first: int, size: int) -> Batch:
        """Return the rows of complaints ``first`` to ``first + size - 1`` of the run."""
        profiles, customer_rows, contact_rows = self._customers(max(1, size // 2))
        complaint_rows: list[tuple[Any, ...]] = []
        message_rows: list[tuple[Any, ...]] = []
        request_rows: list[tuple[Any, ...]] = []
        commitment_rows: list[tuple[Any, ...]] = []
        decision_rows: list[tuple[Any, ...]] = []
        target_rows: list[tuple[Any, ...]] = []
        rng, now = self.rng, self.now
        for case in self._cases(first, size, profiles):
            reason = self._decide(case)
            last_message = self.messages.rows(case, message_rows)
            case.updated = max(last_message, case.closed_at)
            timeline.request_rows(case, rng, self.catalogue, now, request_rows, self.new_id)
            timeline.commitment_rows(case, rng, now, commitment_rows, self.new_id)
            complaint_rows.append(complaints.complaint_row(case, self.catalogue))
            decision_rows.append(routing.decision_row(case, self.catalogue, reason, self.new_id()))
            target_rows.extend(case.targets)
        finished = [
            customers.customer_row(row, p.first_received)
            for row, p in zip(customer_rows, profiles, strict=True)
        ]
        tables = [
            TableRows("customer", customers.CUSTOMER_COLUMNS, finished),
            TableRows("contact_point", customers.CONTACT_COLUMNS, contact_rows),
            TableRows("complaint", complaints.COMPLAINT_COLUMNS, complaint_rows),
            TableRows("message", timeline.MESSAGE_COLUMNS, message_rows),
            TableRows("contribution_request", timeline.REQUEST_COLUMNS, request_rows),
            TableRows("customer_commitment", timeline.COMMITMENT_COLUMNS, commitment_rows),
            TableRows("routing_decision", routing.DECISION_COLUMNS, decision_rows),
            TableRows("complaint_target", TARGET_COLUMNS, target_rows),
        ]
        counts = len(complaint_rows), len(message_rows), len(finished)
        return Batch(tables, *counts, dict(self.sequences))

    def _customers(
        self, count: int
    ) -> tuple[list[Profile], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        profiles, rows, contacts = [], [], []
        for _ in range(count):
            profile, row, points = customers.make_customer(self.rng, self.serial, self.new_id)
            self.serial += 1
            profiles.append(profile)
            rows.append(row)
            contacts.extend(points)
        return profiles, rows, contacts

    def _cases(self, first: int, size: int, profiles: list[Profile]) -> list[Case]:
        """Return the batch's cases in receipt order, each customer with at least one."""
        rng = self.rng
        order = list(range(len(profiles)))
        order += [rng.randrange(len(profiles)) for _ in range(size - len(profiles))]
        rng.shuffle(order)
        drafts = []
        for index, which in enumerate(order):
            profile = profiles[which]
            channel = profile.pick_channel(rng)
            drafts.append((self.drafter.received(first + index, channel), index, profile, channel))
        drafts.sort(key=lambda draft: (draft[0], draft[1]))
        cases = []
        for received, _, profile, channel in drafts:
            if not profile.first_received:
                profile.first_received = received
            site = self.drafter.site(channel, profile)
            cases.append(Case(received, profile, channel, site, self.new_id()))
        return cases

    def _decide(self, case: Case) -> Reason:
        """Decide the case's story; return why routing sent it where it went."""
        rng, now = self.rng, self.now
        case.status = complaints.status_for(rng, now - case.received)
        complaints.assign(case, rng, self.sequences)
        complaints.write_texts(case, rng)
        reason = routing.route_case(case, self.catalogue, rng)
        complaints.set_times(case, rng, now)
        self.promises.assign(case)
        self.promises.set_dues(case, now)
        if case.status in complaints.OPEN and case.clock == "breached":
            self._answer_in_time(case)
        complaints.set_resolution(case, rng, self.catalogue)
        return reason

    def _answer_in_time(self, case: Case) -> None:
        """Most complaints past a promise were answered: only a few are left late."""
        rng, now = self.rng, self.now
        if rng.random() < complaints.LATE_KEPT:
            return
        case.status = "closed" if now - case.received > 20 * complaints.DAY else "resolved"
        if case.owner is None:
            case.owner = rng.choice(case.site.owners)
        complaints.set_times(case, rng, now)
        self.promises.set_dues(case, now)

"""Likely-duplicate proposals measured on a generated population: precision, recall, speed.

    python -m tests.benchmarks.bench_duplicates [--persons 20000] [--seed 18] [--keep DIR]

Generates people in households, each reaching the company on one to four channels
(:mod:`tests.benchmarks.duplicate_population`), stores one customer record per channel
contact as intake would (names as typed or displayed, contact points normalised), then:

- runs the supervisors' list over every block (``duplicates.pairs_in``) and compares the
  pairs proposed with the truth: precision (proposed pairs that are one person) and
  recall (pairs of one person's records proposed), plus *reach*: the share of people with
  several records whose records are all joined by correct proposals (what an agent needs
  to make them one);
- times ``duplicates.candidates`` (what the workspace and the screen pop ask) on a sample.

Nothing here is a test: the figures go to the README.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
import uuid
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from complaintdesk.services.customers import duplicates
from complaintdesk.storage import schema
from complaintdesk.storage.database import create_database_engine, sqlite_url
from complaintdesk.storage.models import ContactPoint, Customer
from complaintdesk.storage.unit_of_work import unit_of_work_factory
from tests.benchmarks.duplicate_population import Population, population

BATCH = 2_000


def store(url: str, people: Population) -> tuple[dict[uuid.UUID, int], object]:
    """Store one customer per record; return customer id → person, and the uow factory."""
    engine = create_database_engine(url)
    schema.upgrade(engine)
    make = unit_of_work_factory(engine)
    owner: dict[uuid.UUID, int] = {}
    for start in range(0, len(people.records), BATCH):
        with make(write=True) as uow:
            for record in people.records[start : start + BATCH]:
                customer = Customer(display_name=record.name, postcode=record.postcode)
                uow.add(customer)
                for kind, value in record.contacts:
                    uow.add(ContactPoint(customer_id=customer.id, kind=kind, value=value))
                owner[customer.id] = record.person
            uow.commit()
    return owner, make


def truth(owner: dict[uuid.UUID, int]) -> set[frozenset[uuid.UUID]]:
    by_person: dict[int, list[uuid.UUID]] = defaultdict(list)
    for customer, person in owner.items():
        by_person[person].append(customer)
    return {frozenset(p) for ids in by_person.values() for p in combinations(ids, 2)}


def reach(owner: dict[uuid.UUID, int], correct: set[frozenset[uuid.UUID]]) -> tuple[int, int]:
    """Return (people whose records are all joined by correct proposals, people with 2+)."""
    parent = {c: c for c in owner}

    def root(c: uuid.UUID) -> uuid.UUID:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for pair in correct:
        a, b = tuple(pair)
        parent[root(a)] = root(b)
    by_person: dict[int, list[uuid.UUID]] = defaultdict(list)
    for customer, person in owner.items():
        by_person[person].append(customer)
    several = [ids for ids in by_person.values() if len(ids) > 1]
    joined = sum(len({root(c) for c in ids}) == 1 for ids in several)
    return joined, len(several)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--sample", type=int, default=500, help="customers timed one by one")
    parser.add_argument("--keep", type=Path, help="folder to keep the database in")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="complaintdesk-bench-duplicates-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "duplicates.db"
    if path.exists():
        path.unlink()
    people = population(args.persons, args.seed)
    began = time.perf_counter()
    owner, make = store(sqlite_url(path), people)
    stored_s = time.perf_counter() - began
    began = time.perf_counter()
    with make() as uow:  # type: ignore[operator]
        pairs = duplicates.pairs_in(uow, limit=None)
    pairs_s = time.perf_counter() - began
    proposed = {frozenset((p.first.customer_id, p.second.customer_id)) for p in pairs}
    expected = truth(owner)
    correct = proposed & expected
    joined, several = reach(owner, correct)
    ids = list(owner)[:: max(1, len(owner) // args.sample)][: args.sample]
    timings = []
    with make() as uow:  # type: ignore[operator]
        for customer_id in ids:
            began = time.perf_counter()
            duplicates.candidates_in(uow, customer_id)
            timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    figures = {
        "persons": args.persons,
        "records": len(people.records),
        "true_pairs": len(expected),
        "proposed_pairs": len(proposed),
        "correct_pairs": len(correct),
        "precision": round(len(correct) / len(proposed), 3) if proposed else None,
        "recall": round(len(correct) / len(expected), 3) if expected else None,
        "reach": round(joined / several, 3) if several else None,
        "people_with_several_records": several,
        "store_s": round(stored_s, 1),
        "all_pairs_s": round(pairs_s, 2),
        "candidates_ms_p50": round(statistics.median(timings), 2),
        "candidates_ms_p95": round(timings[int(len(timings) * 0.95) - 1], 2),
        "load": round(os.getloadavg()[0], 1),
    }
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()

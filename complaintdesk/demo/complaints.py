"""Demo complaints: when they came in, where they stand now, how they ended.

All instants are integers (microseconds since the epoch) until they are written: a million
complaints leave no time for ``datetime`` arithmetic.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Any

from complaintdesk.demo.customers import Profile, pick
from complaintdesk.demo.reference import Catalogue, Person, SiteInfo
from complaintdesk.demo.texts import OPENINGS, REMEDIES, REQUESTS, date_text
from complaintdesk.demo.topics import TOPICS, Topic
from complaintdesk.domain.promises import sla
from complaintdesk.domain.promises.business_time import add_business_time
from complaintdesk.domain.reference import format_reference
from complaintdesk.domain.vocabulary import OPEN_STATUSES
from complaintdesk.storage.bulk import from_micros, instant_text, micros

MINUTE = 60_000_000
HOUR = 60 * MINUTE
DAY = 24 * HOUR
SPAN = 3 * 365 * DAY
GROWTH = 2.0
"""The newest day sees 1 + GROWTH times as many complaints as the oldest one."""
RECENT = 28 * DAY
RECENT_SHARE = 0.1
"""The share of complaints received in the last :data:`RECENT` (the ones still worked on)."""

OPEN = frozenset(status.value for status in OPEN_STATUSES)
RESPONDED = frozenset({"in_progress", "waiting_on_customer", "waiting_on_function", "reopened"})
FINISHED = frozenset({"resolved", "closed"})


def _cumulative(*weights: float) -> tuple[float, ...]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return tuple(out)


_ALL = (
    "new", "acknowledged", "in_progress", "waiting_on_customer", "waiting_on_function",
    "reopened", "resolved", "closed", "withdrawn",
)  # fmt: skip
STATUS_BANDS = (
    (DAY, _cumulative(45, 35, 15, 2, 0, 0, 3, 0, 0)),
    (3 * DAY, _cumulative(6, 28, 40, 8, 8, 0, 8, 0, 2)),
    (10 * DAY, _cumulative(0, 4, 34, 12, 12, 2, 30, 3, 3)),
    (30 * DAY, _cumulative(0, 0, 7, 5, 4, 2, 42, 37, 3)),
    (60 * DAY, _cumulative(0, 0, 1, 1, 0, 0, 8, 86, 4)),
    (SPAN * 2, _cumulative(0, 0, 0, 0, 0, 0, 0, 96, 4)),
)
"""Status mix by age: recent complaints are being worked, older ones answered and closed; a
complaint of more than two months is never still open (a demo of a desk that keeps up)."""
LATE_KEPT = 0.2
"""Of the open complaints past a promise, the share left late (the others were answered in
time): most open complaints are on track, a few at risk, a handful late."""

TOPIC_WEIGHTS = _cumulative(*(t.weight for t in TOPICS))
PRIORITIES = ((1, 2, 3, 4), _cumulative(3, 15, 70, 12))
CORRECTED = ("We have corrected the error on your file.", "Nous avons corrigé votre dossier.")
OUTCOMES = (("upheld", "partly_upheld", "not_upheld"), _cumulative(40, 25, 35))
TIME_OF_DAY = {
    "phone": (7 * HOUR, 12 * HOUR),
    "shop": (8 * HOUR, 9 * HOUR),
    "email": (5 * HOUR, 18 * HOUR),
    "social": (6 * HOUR, 17 * HOUR),
    "letter": (8 * HOUR, 4 * HOUR),
}
"""UTC start and length of the hours in which each channel brings complaints in."""


@lru_cache(maxsize=4096)
def year_of(day: int) -> int:
    """Return the calendar year of a day counted from 1970-01-01."""
    return from_micros(day * DAY).year


def money(value: float, language: int, currency: str) -> str:
    """Return an amount as customers write it: "£12.50", "12,50 €"."""
    symbol = "£" if currency == "GBP" else "€"
    if language == 0:
        return f"{symbol}{value:.2f}"
    return f"{value:.2f}".replace(".", ",") + f" {symbol}"


@dataclass(slots=True)
class Case:
    """One complaint being generated; becomes a complaint row plus its timeline.

    Instants are microseconds since the epoch; 0 means "not yet".
    """

    received: int
    customer: Profile
    channel: str
    site: SiteInfo
    id: str
    status: str = "new"
    topic: Topic = TOPICS[0]
    reference: str = ""
    year: int = 0
    number: int = 0
    priority: int = 3
    owner: Person | None = None
    subject: str = ""
    description: str = ""
    product: str = ""
    ack_at: int = 0
    response_at: int = 0
    resolved_at: int = 0
    closed_at: int = 0
    paused_since: int = 0
    updated: int = 0
    service: sla.Policy | None = None
    regulatory: sla.Policy | None = None
    ack_due: int = 0
    response_due: int = 0
    resolution_due: int = 0
    regulatory_due: int = 0
    next_due: int = 0
    clock: str = "on_track"
    regulatory_state: str = "stopped"
    regulatory_next_due: int = 0
    targets: tuple[Any, ...] = ()
    """The complaint_target rows of the case (see ``promises.Promises.set_dues``)."""
    outcome: str | None = None
    remedy: str | None = None
    amount: float | None = None
    root_cause: tuple[str, str] | None = None
    problem: str | None = None
    satisfaction: int | None = None
    function: str = ""
    """The responsible function's code, as routing set it."""
    team_queue: str = ""
    rule_id: str | None = None
    """The routing rule that decided (wire format)."""

    @property
    def language(self) -> int:
        """The customer's language: :data:`~complaintdesk.demo.topics.EN` or ``FR``."""
        return self.customer.language


@dataclass
class Drafter:
    """Decides when, where and through which channel each complaint of a run came in."""

    catalogue: Catalogue
    rng: random.Random
    now: int
    total: int

    def received(self, index: int, channel: str) -> int:
        """Return the receipt instant of the ``index``-th complaint of the run.

        Complaints are spread over the last three years, more of them recently, in the
        hours the channel is open; the index keeps them in time order across batches.
        """
        u = (index + self.rng.random()) / self.total
        if u < 1 - RECENT_SHARE:  # three years of steady growth…
            u /= 1 - RECENT_SHARE
            x = (math.sqrt(1 + 2 * GROWTH * u * (1 + GROWTH / 2)) - 1) / GROWTH
            day = (self.now - RECENT - int((1 - x) * (SPAN - RECENT))) // DAY
        else:  # …and the weeks a demo shows, busy enough for every queue to hold work
            share = (u - (1 - RECENT_SHARE)) / RECENT_SHARE
            day = (self.now - int((1 - share) * RECENT)) // DAY
        if channel in ("phone", "shop") and (day + 3) % 7 == 6:
            day -= 1  # closed on Sundays
        start, length = TIME_OF_DAY[channel]
        instant = day * DAY + start + self.rng.randrange(length)
        return min(instant, self.now - self.rng.randrange(MINUTE, 2 * HOUR))

    def site(self, channel: str, customer: Profile) -> SiteInfo:
        """Return where a complaint on ``channel`` is handled."""
        sites, roll = self.catalogue.sites, self.rng.random()
        if channel == "shop":
            return sites[customer.shop]
        if channel == "phone":
            return sites["CC" if roll < 0.8 else "HQ"]
        if channel == "email":
            return sites["CC" if roll < 0.55 else "HQ"]
        return sites["HQ"]


def status_for(rng: random.Random, age: int) -> str:
    """Return a status that fits a complaint received ``age`` microseconds ago."""
    for limit, weights in STATUS_BANDS:
        if age < limit:
            return pick(rng, _ALL, weights)
    return "closed"


def assign(case: Case, rng: random.Random, sequences: dict[tuple[str, int], int]) -> None:
    """Give the case its reference, status, topic, priority and owner."""
    case.year = year_of(case.received // DAY)
    key = (case.site.code, case.year)
    case.number = sequences.get(key, 0) + 1
    sequences[key] = case.number
    case.reference = format_reference(case.site.code, case.year, case.number)
    case.topic = pick(rng, TOPICS, TOPIC_WEIGHTS)
    priority = pick(rng, PRIORITIES[0], PRIORITIES[1])
    segment = case.customer.segment
    if segment == "vulnerable" or (segment != "standard" and rng.random() < 0.3):
        priority = min(priority, 2)
    case.priority = priority
    taken_in_person = case.channel in ("phone", "shop")
    if case.status != "new" or taken_in_person or rng.random() < 0.4:
        case.owner = rng.choice(case.site.owners)


def set_times(case: Case, rng: random.Random, now: int) -> None:
    """Set when the complaint was acknowledged, answered, resolved and closed (or withdrawn).

    Each step falls between the previous one and now, so the timeline is always in order,
    and within the site's opening hours: that is when its staff work.
    """
    case.ack_at = case.response_at = case.resolved_at = case.closed_at = case.paused_since = 0
    _draw_times(case, rng, now)
    working = staff_hours(case, now, rng)
    case.ack_at = working(case.ack_at)
    case.response_at = working(max(case.response_at, case.ack_at) if case.response_at else 0)
    case.resolved_at = working(max(case.resolved_at, case.response_at) if case.resolved_at else 0)
    case.closed_at = working(max(case.closed_at, case.resolved_at) if case.closed_at else 0)
    if case.paused_since:  # the owner asked the customer for something, at work too
        case.paused_since = working(max(case.paused_since, case.response_at))


def staff_hours(case: Case, now: int, rng: random.Random) -> Callable[[int], int]:
    """Return a function moving an instant into the opening hours of the case's site.

    An instant within opening hours stays; one after hours moves to some time in the first
    hours of the next opening (the night's backlog is worked through in the morning). One
    that would move past ``now`` stays (recent: someone worked late).
    """
    calendar = case.site.calendar

    def working(instant: int) -> int:
        if not instant or calendar is None:
            return instant
        moved = micros(add_business_time(calendar, from_micros(instant), _TICK)) - 1
        if moved != instant:
            backlog = timedelta(minutes=rng.randrange(5, 150))
            moved = micros(add_business_time(calendar, from_micros(moved), backlog))
        return moved if moved <= now else instant

    return working


_TICK = timedelta(microseconds=1)


def _draw_times(case: Case, rng: random.Random, now: int) -> None:
    status, received = case.status, case.received
    end = now
    if status in FINISHED or status == "withdrawn":
        end = received + min(DAY + int(rng.expovariate(1 / 6) * DAY), int((now - received) * 0.85))
    if status != "new":
        in_person = case.channel in ("phone", "shop")
        delay = rng.randrange(MINUTE, 10 * MINUTE) if in_person else _ack_delay(rng)
        case.ack_at = received + min(delay, (end - received) // 4)
    if status in RESPONDED or status in FINISHED:
        delay = rng.randrange(HOUR, 5 * DAY)
        case.response_at = case.ack_at + min(delay, (end - case.ack_at) // 2)
    if status in FINISHED:
        case.resolved_at = end
    if status == "closed":
        case.closed_at = end + min(rng.randrange(DAY, 15 * DAY), (now - end) * 9 // 10)
    elif status == "withdrawn":
        case.closed_at = end
    if status == "waiting_on_customer":  # since the owner asked the customer for something
        case.paused_since = case.response_at + int((now - case.response_at) * rng.uniform(0.3, 0.9))


def _ack_delay(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.9:
        return rng.randrange(HOUR // 2, 20 * HOUR)
    if roll < 0.98:
        return rng.randrange(DAY, 2 * DAY)
    return rng.randrange(2 * DAY, 5 * DAY)


def set_resolution(case: Case, rng: random.Random, catalogue: Catalogue) -> None:
    """Decide how a resolved or closed complaint ended: outcome, remedy, root cause."""
    if case.status not in FINISHED:
        return
    outcome = pick(rng, OUTCOMES[0], OUTCOMES[1])
    case.outcome = outcome
    if outcome != "not_upheld" and rng.random() < 0.65:
        case.amount = round(rng.uniform(5, 350) * (1 if outcome == "upheld" else 0.5), 2)
    causes = case.topic.root_causes
    if outcome == "not_upheld" and "customer_error" in causes and rng.random() < 0.6:
        cause = "customer_error"
    else:
        cause = rng.choice([c for c in causes if c != "customer_error"])
    case.root_cause = catalogue.root_causes[cause]
    problem = catalogue.problems.get(case.topic.code)
    if problem is not None and cause == causes[0] and rng.random() < 0.5:
        case.problem = problem
    if case.status == "closed" and rng.random() < 0.35:
        low = {"upheld": 3, "partly_upheld": 2, "not_upheld": 1}[outcome]
        case.satisfaction = low + rng.randrange(3)
    case.remedy = _remedy(case, rng)


def _remedy(case: Case, rng: random.Random) -> str | None:
    if case.outcome not in REMEDIES:
        return None
    if case.amount is None:
        return CORRECTED[case.language]
    amount = money(case.amount, case.language, case.site.currency)
    return rng.choice(REMEDIES[case.outcome][case.language]).format(amount=amount)


def write_texts(case: Case, rng: random.Random) -> None:
    """Write the subject, description and product, in the customer's language."""
    topic: Topic = case.topic
    language = case.language
    product = rng.choice(topic.products)[language]
    words = {
        "product": product,
        "amount": money(rng.uniform(9, 480), language, case.site.currency),
        "date": date_text(case.received // DAY - rng.randrange(1, 20), language),
    }
    subject = rng.choice(topic.subjects[language]).format(**words)
    case.subject = subject[0].upper() + subject[1:]
    case.product = product
    detail = rng.choice(topic.details[language]).format(**words)
    request = rng.choice(REQUESTS[language])
    if case.channel in ("email", "letter"):
        case.description = f"{rng.choice(OPENINGS[language])}\n\n{detail} {request}"
    else:  # a social post, or what the agent wrote down at the counter or on the phone
        case.description = f"{detail} {request}"


COMPLAINT_COLUMNS = (
    "id", "reference", "customer_id", "channel", "site_id", "subject", "description",
    "language", "category_id", "product", "priority", "status", "is_open", "owner_id",
    "responsible_function_id", "team_queue", "policy_id", "regulatory_policy_id",
    "received_at", "acknowledged_at", "first_response_at", "resolved_at", "closed_at",
    "acknowledge_due_at", "response_due_at", "resolution_due_at", "regulatory_due_at",
    "next_due_at", "clock_state", "paused_since", "paused_seconds", "outcome", "remedy",
    "amount", "currency", "root_cause_id", "root_cause_function_id", "problem_id",
    "satisfaction", "recommendation", "version", "created_at", "updated_at",
    "final_response_at", "final_response_kind", "regulatory_state", "regulatory_next_due_at",
)  # fmt: skip


def _at(value: int) -> str | None:
    return instant_text(value) if value else None


def complaint_row(case: Case, catalogue: Catalogue) -> tuple[Any, ...]:
    """Return the complaint row in the order of :data:`COMPLAINT_COLUMNS`."""
    topic, customer, owner = case.topic, case.customer, case.owner
    cause_id, cause_function = case.root_cause or (None, None)
    satisfaction = case.satisfaction
    received = instant_text(case.received)
    return (
        case.id, case.reference, customer.id, case.channel, case.site.id, case.subject,
        case.description, ("en", "fr")[case.language], catalogue.categories[topic.code],
        case.product, case.priority,
        case.status, int(case.status in OPEN), owner.id if owner else None,
        catalogue.functions[case.function or topic.function],
        case.team_queue or case.site.team_queue,
        case.service.id.hex if case.service else None,
        case.regulatory.id.hex if case.regulatory else None,
        received, _at(case.ack_at), _at(case.response_at), _at(case.resolved_at),
        _at(case.closed_at), _at(case.ack_due), _at(case.response_due),
        _at(case.resolution_due), _at(case.regulatory_due),
        instant_text(case.next_due), case.clock, _at(case.paused_since), 0, case.outcome,
        case.remedy, case.amount, case.site.currency if case.amount else None, cause_id,
        cause_function or None, case.problem, satisfaction,
        min(10, satisfaction * 2) if satisfaction else None, 1, received,
        instant_text(case.updated),
        _at(case.resolved_at), "final_response" if case.resolved_at else None,
        case.regulatory_state, _at(case.regulatory_next_due),
    )  # fmt: skip

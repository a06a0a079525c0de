"""A demo complaint's timeline: messages, contribution requests, customer commitments."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from complaintdesk.demo import texts
from complaintdesk.demo.complaints import DAY, FINISHED, Case, staff_hours
from complaintdesk.demo.customers import NewId, pick
from complaintdesk.demo.reference import Catalogue
from complaintdesk.domain.promises.business_time import add_business_time
from complaintdesk.storage.bulk import from_micros, instant_text, micros

MESSAGE_COLUMNS = (
    "id", "complaint_id", "customer_id", "direction", "channel", "sender", "recipient",
    "subject", "body_text", "occurred_at", "recorded_at", "external_id", "in_reply_to",
    "author_id", "delivery_state", "delivery_attempts", "automatic",
)  # fmt: skip
REQUEST_COLUMNS = (
    "id", "complaint_id", "function_id", "requested_by_id", "question", "requested_at",
    "due_at", "state", "answer", "answered_by_id", "answered_at", "created_at", "updated_at",
)  # fmt: skip
COMMITMENT_COLUMNS = (
    "id", "complaint_id", "description", "due_at", "state", "reminders_sent",
    "last_reminder_at", "fulfilled_at", "created_at", "updated_at",
)  # fmt: skip

FIRST, ACK, UPDATE, ASK, FOLLOW_UP, NOTE, FINAL, THANKS, WITHDRAW = range(9)
INBOUND_KINDS = frozenset({FIRST, FOLLOW_UP, THANKS, WITHDRAW})
MIDDLE = ((NOTE, FOLLOW_UP, UPDATE), (45, 75, 100))
MIDDLE_COUNT = {
    "new": (0, 0),
    "acknowledged": (0, 1),
    "in_progress": (1, 3),
    "waiting_on_customer": (1, 2),
    "waiting_on_function": (1, 3),
    "reopened": (2, 4),
    "resolved": (0, 4),
    "closed": (0, 4),
    "withdrawn": (0, 1),
}
"""How many exchanges (notes, follow-ups, updates) sit between the first and last message."""
SOCIAL_ACCOUNTS = {
    "twitter": "@complaintdesk_help",
    "facebook": "@ComplaintDesk",
    "instagram": "@complaintdesk",
}
COMPANY_DOMAIN = "complaintdesk.example"
TAKEN_BY_RECEIVER = ("phone", "shop", "letter")
"""Channels whose first message is written down by the person who took the complaint."""
IN_PERSON = ("Call notes: ", "Notes d'appel : "), ("At the counter: ", "Au guichet : ")


def plan(case: Case, rng: random.Random, now: int) -> list[tuple[int, int]]:
    """Return the ``(instant, kind)`` of every message of ``case``, in time order."""
    events = [(case.received, FIRST)]
    if case.ack_at:
        events.append((case.ack_at, ACK))
    start = case.ack_at or case.received
    end = case.resolved_at or case.closed_at or now
    low, high = MIDDLE_COUNT[case.status]
    kinds, weights = MIDDLE
    for _ in range(rng.randint(low, high)):
        kind = pick(rng, kinds, weights) if case.owner else FOLLOW_UP
        events.append((start + int((end - start) * rng.random()), kind))
    if case.status == "new" and rng.random() < 0.3:
        events.append((start + int((now - start) * rng.random()), FOLLOW_UP))
    if case.paused_since:
        events.append((case.paused_since, ASK))
    if case.status in FINISHED:
        events.append((case.resolved_at, FINAL))
        if case.closed_at and rng.random() < 0.25:
            events.append((case.resolved_at + (case.closed_at - case.resolved_at) // 2, THANKS))
    elif case.status == "withdrawn":
        events.append((case.closed_at, WITHDRAW))
    events.sort()
    return events


class MessageWriter:
    """Turns a planned timeline into message rows."""

    def __init__(self, rng: random.Random, now: int, new_id: NewId) -> None:
        self.rng = rng
        self.now = now
        self.new_id = new_id

    def rows(self, case: Case, out: list[tuple[Any, ...]]) -> int:
        """Append the messages of ``case`` to ``out``; return the last message's instant."""
        words = _words(case)
        first_id: str | None = None
        at = case.received
        working = staff_hours(case, self.now, self.rng)
        for number, (when, kind) in enumerate(plan(case, self.rng, self.now)):
            at = working(when) if kind in (NOTE, UPDATE) else when  # written at work
            channel = _channel(case, kind)
            external = _external_id(case, kind, channel, number)
            if kind == FIRST:
                first_id = external
            out.append(self._row(case, kind, channel, at, words, external, first_id))
        return at

    def _row(
        self,
        case: Case,
        kind: int,
        channel: str,
        at: int,
        words: dict[str, str],
        external: str | None,
        first_id: str | None,
    ) -> tuple[Any, ...]:
        inbound = kind in INBOUND_KINDS
        direction = "inbound" if inbound else ("note" if kind == NOTE else "outbound")
        customer_side, our_side = _addresses(case, channel)
        sender, recipient = (customer_side, our_side) if inbound else (our_side, customer_side)
        recorded_by_us = not inbound or (kind == FIRST and channel in TAKEN_BY_RECEIVER)
        author = case.owner.id if case.owner and recorded_by_us else None
        subject = _subject(case, kind, channel)
        when = instant_text(at)
        outbound = direction == "outbound"
        return (
            self.new_id(), case.id, case.customer.id, direction, channel, sender, recipient,
            subject, self._body(case, kind, words), when, when, external,
            first_id if outbound and channel == "email" else None, author,
            "sent" if outbound else None, int(outbound), 0,
        )  # fmt: skip

    def _body(self, case: Case, kind: int, words: dict[str, str]) -> str:
        language, choice = case.language, self.rng.choice
        if kind == FIRST:
            return _first_body(case)
        if kind == ACK:
            if case.channel in ("phone", "shop"):
                spoken = texts.SPOKEN_ACKNOWLEDGEMENTS[language][case.channel == "shop"]
                return spoken.format(**words)
            return choice(texts.ACKNOWLEDGEMENTS[language]).format(**words)
        if kind == FINAL:
            assert case.outcome is not None
            return texts.FINAL_RESPONSES[case.outcome][language][0].format(**words)
        pool = {
            UPDATE: texts.UPDATES,
            ASK: texts.INFORMATION_REQUESTS,
            FOLLOW_UP: texts.FOLLOW_UPS,
            NOTE: texts.NOTES,
            THANKS: texts.THANKS,
            WITHDRAW: texts.WITHDRAWALS,
        }[kind]
        return choice(pool[language]).format(**words)


def _words(case: Case) -> dict[str, str]:
    promised = case.resolution_due or case.regulatory_due or case.received + 15 * DAY
    due = texts.date_text(promised // DAY, case.language)
    owner = case.owner.name if case.owner else ""
    return {
        "name": case.customer.name,
        "reference": case.reference,
        "agent": owner,
        "due": due,
        "remedy": case.remedy or "",
    }


def _first_body(case: Case) -> str:
    if case.channel in ("phone", "shop"):
        prefix = IN_PERSON[case.channel == "shop"][case.language]
        return prefix + case.description
    return case.description


def _channel(case: Case, kind: int) -> str:
    """Return the channel a message of ``kind`` travels on, given the customer's contacts."""
    if kind == NOTE:
        return "internal"
    channel, customer = case.channel, case.customer
    if kind in (FIRST, ACK):
        return channel
    if kind in INBOUND_KINDS:
        if channel in ("email", "social"):
            return channel
        return "phone" if customer.phone else channel
    if kind in (UPDATE, ASK) and channel == "social":
        return "social"
    if channel == "letter" or customer.email is None:
        return "letter" if customer.postal or channel == "letter" else "phone"
    return "email"


def _addresses(case: Case, channel: str) -> tuple[str | None, str | None]:
    """Return ``(customer side, our side)`` of a message on ``channel``."""
    customer = case.customer
    if channel == "email":
        return customer.email, case.site.mailbox
    if channel == "social" and customer.handle:
        platform = customer.handle.split(":", 1)[0]
        return customer.handle, f"{platform}:{SOCIAL_ACCOUNTS[platform]}"
    if channel == "phone":
        return customer.phone, None
    if channel == "letter":
        return customer.postal, None
    if channel == "shop":
        return customer.name, case.site.code
    return None, None


def _subject(case: Case, kind: int, channel: str) -> str | None:
    if kind == FIRST:
        return case.subject
    if channel in ("email", "letter"):
        return (
            f"Re: {case.subject}" if kind in INBOUND_KINDS else f"{case.reference} – {case.subject}"
        )
    return None


def _external_id(case: Case, kind: int, channel: str, number: int) -> str | None:
    """Return a Message-ID or social post id, unique because the reference is."""
    if channel == "email":
        domain = (case.customer.email or "").rpartition("@")[2] if kind in INBOUND_KINDS else ""
        return f"<{case.reference}.{number}@{domain or COMPANY_DOMAIN}>"
    if channel == "social" and case.customer.handle:
        platform = case.customer.handle.split(":", 1)[0]
        serial = f"{case.site.index}{case.year % 100:02d}{case.number:07d}{number:02d}"
        return f"{platform}:1{serial}"
    return None


def request_rows(
    case: Case,
    rng: random.Random,
    catalogue: Catalogue,
    now: int,
    out: list[tuple[Any, ...]],
    new_id: NewId,
) -> None:
    """Append the contribution request of ``case``, if it has one.

    Complaints waiting on a function have an open request (and some others being worked
    too); some finished ones had a request answered before they were resolved.
    """
    status, owner = case.status, case.owner
    worked = status in ("in_progress", "reopened") and rng.random() < 0.4
    answered = status in FINISHED and rng.random() < 0.2
    if owner is None or not (status == "waiting_on_function" or worked or answered):
        return
    function = case.topic.function
    start = case.response_at or case.ack_at
    end = case.resolved_at if answered else now
    asked = start + int((end - start) * rng.uniform(0.1, 0.5))
    due = instant_text(_internal_due(catalogue, function, asked))
    question = rng.choice(texts.QUESTIONS[function])
    head = (new_id(), case.id, catalogue.functions[function], owner.id, question)
    asked_text = instant_text(asked)
    if not answered:
        out.append((*head, asked_text, due, "open", None, None, None, asked_text, asked_text))
        return
    answer = _answer(rng, catalogue, function, owner.id, asked + int((end - asked) * rng.random()))
    out.append((*head, asked_text, due, "answered", *answer, asked_text, answer[2]))


def _answer(
    rng: random.Random, catalogue: Catalogue, function: str, owner: str, at: int
) -> tuple[str, str, str]:
    """Return the answer, who gave it (a member of the function) and when."""
    members = catalogue.function_members[function]
    answered_by = rng.choice(members) if members else owner
    return rng.choice(texts.ANSWERS[function]), answered_by, instant_text(at)


def _internal_due(catalogue: Catalogue, function: str, asked: int) -> int:
    """Return when the function owes its answer, as ``promises.internal_due`` computes it."""
    hours = timedelta(hours=catalogue.function_hours[function])
    calendar = catalogue.function_calendars[function]
    return micros(add_business_time(calendar, from_micros(asked), hours))


def commitment_rows(
    case: Case, rng: random.Random, now: int, out: list[tuple[Any, ...]], new_id: NewId
) -> None:
    """Append what the customer promised to provide: open while the case waits on them."""
    description = texts.COMMITMENTS[case.language]
    if case.paused_since:
        asked = case.paused_since
        due = asked + rng.randrange(7, 15) * DAY
        reminders = [r for r in (due - 2 * DAY, due + DAY) if r < now]
        last = instant_text(reminders[-1]) if reminders else None
        when = instant_text(asked)
        head = (new_id(), case.id, rng.choice(description), instant_text(due), "open")
        out.append((*head, len(reminders), last, None, when, last or when))
    elif case.status == "closed" and rng.random() < 0.08:
        asked = case.ack_at + (case.resolved_at - case.ack_at) // 4
        fulfilled = instant_text(asked + (case.resolved_at - asked) // 2)
        due_text = instant_text(asked + 10 * DAY)
        row = (new_id(), case.id, rng.choice(description), due_text, "fulfilled")
        out.append((*row, 0, None, fulfilled, instant_text(asked), fulfilled))

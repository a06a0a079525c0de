"""Whether two customer records are likely the same person: the rules, as pure functions.

Likely duplicates are only ever proposed to a person (DESIGN.md section 4): the same
normalised phone, email or social handle, or a close name at the same postcode.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import fuzz

from complaintdesk.domain.text import fold

K = TypeVar("K")
NAME_THRESHOLD = 85.0
"""token_sort_ratio (0-100) from which two names at one postcode are proposed."""


@dataclass(frozen=True)
class CustomerFacts:
    """What the rules compare: the name, the postcode and the normalised contact points."""

    name: str
    postcode: str | None
    contacts: frozenset[tuple[str, str]]
    """``(kind, value)`` of the identifying contact points (email, phone, social)."""


def postcode_key(postcode: str | None) -> str | None:
    """``sw1a 1aa`` and ``SW1A1AA`` are one postcode; an empty one is none."""
    key = "".join((postcode or "").split()).upper()
    return key or None


def name_similarity(first: str, second: str) -> float:
    """Return 0-100: word order, case and accents do not count (``Zoé Martin``/``martin zoe``)."""
    return float(fuzz.token_sort_ratio(fold(first), fold(second)))


@dataclass(frozen=True)
class Reason:
    """One reason two records look like one person; ``str()`` says it in English.

    Either a shared contact point (``contact_kind`` and ``value``) or a close name at one
    postcode (``score`` and ``postcode``); the screens word it in the user's language.
    """

    contact_kind: str | None = None
    value: str | None = None
    score: float | None = None
    postcode: str | None = None

    def __str__(self) -> str:
        if self.contact_kind is not None:
            return f"same {self.contact_kind} {self.value}"
        return f"close name ({self.score:.0f}%) at postcode {self.postcode}"


def reasons(a: CustomerFacts, b: CustomerFacts) -> tuple[Reason, ...]:
    """Return why ``a`` and ``b`` look like one person (empty: they do not)."""
    found = [
        Reason(contact_kind=kind, value=value) for kind, value in sorted(a.contacts & b.contacts)
    ]
    postcode = postcode_key(a.postcode)
    if postcode is not None and postcode == postcode_key(b.postcode):
        score = name_similarity(a.name, b.name)
        if score >= NAME_THRESHOLD:
            found.append(Reason(score=score, postcode=postcode))
    return tuple(found)


def pairs(customers: Iterable[tuple[K, CustomerFacts]]) -> list[tuple[K, K, tuple[Reason, ...]]]:
    """Return ``(first, second, reasons)`` for every likely pair among ``(key, facts)``."""
    listed = list(customers)
    found = []
    for i, (key_a, a) in enumerate(listed):
        for key_b, b in listed[i + 1 :]:
            why = reasons(a, b)
            if why:
                found.append((key_a, key_b, why))
    return found

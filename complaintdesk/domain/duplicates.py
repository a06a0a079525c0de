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


def reasons(a: CustomerFacts, b: CustomerFacts) -> tuple[str, ...]:
    """Return why ``a`` and ``b`` look like one person (empty: they do not)."""
    found = [f"same {kind} {value}" for kind, value in sorted(a.contacts & b.contacts)]
    same_postcode = postcode_key(a.postcode) is not None and postcode_key(
        a.postcode
    ) == postcode_key(b.postcode)
    if same_postcode:
        score = name_similarity(a.name, b.name)
        if score >= NAME_THRESHOLD:
            found.append(f"close name ({score:.0f}%) at postcode {postcode_key(a.postcode)}")
    return tuple(found)


def pairs(customers: Iterable[tuple[K, CustomerFacts]]) -> list[tuple[K, K, tuple[str, ...]]]:
    """Return ``(first, second, reasons)`` for every likely pair among ``(key, facts)``."""
    listed = list(customers)
    found = []
    for i, (key_a, a) in enumerate(listed):
        for key_b, b in listed[i + 1 :]:
            why = reasons(a, b)
            if why:
                found.append((key_a, key_b, why))
    return found

"""The shape of a demo topic: a category leaf, its products and words, in English and French.

Every text comes as an ``(English, French)`` pair, indexed by :data:`EN` and :data:`FR`.
Subjects and details take ``{product}``, ``{amount}`` and ``{date}``.
"""

from __future__ import annotations

from dataclasses import dataclass

EN, FR = 0, 1

Pair = tuple[str, str]


@dataclass(frozen=True)
class Topic:
    """One leaf of the category taxonomy with the words customers use about it."""

    code: str
    name: Pair
    function: str
    root_causes: tuple[str, ...]
    products: tuple[Pair, ...]
    subjects: tuple[tuple[str, ...], tuple[str, ...]]
    details: tuple[tuple[str, ...], tuple[str, ...]]
    weight: int
    problem: str | None = None
    """Title of the recurring problem some of its complaints are linked to."""

    @property
    def parent(self) -> str:
        """Code of the top-level category."""
        return self.code.split(".", 1)[0]


CARDS = (
    ("Visa Classic card", "carte Visa Classic"),
    ("Mastercard Gold card", "carte Mastercard Gold"),
    ("Visa Premier card", "carte Visa Premier"),
)
LINES = (("mobile plan", "forfait mobile"), ("fibre broadband", "abonnement fibre"))
POLICIES = (
    ("home insurance", "assurance habitation"),
    ("car insurance", "assurance auto"),
    ("travel insurance", "assurance voyage"),
)

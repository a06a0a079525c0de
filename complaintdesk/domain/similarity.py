"""Groups of similar texts: TF-IDF cosine inside blocks, linked into clusters.

Pure functions on plain values. Texts are only compared inside their block (the caller
blocks by category and product), identical texts are compared once, and candidate pairs
come from an inverted index on each text's strongest terms, so thousands of complaints
take seconds rather than the hours of comparing every pair.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from complaintdesk.domain.text import fold

_STOPWORD_TEXT = """
    the and for are was were been being have has had not but you your yours our ours they them
    their this that these those with from into onto upon out off over under again then than
    there here when where why how all any both each few more most other some such only own same
    very can will just don should now also would could may might must shall did does doing done
    about above after before below between during through until while again once who whom which
    what its it's i'm i've i'd she her hers him his himself herself itself myself yourself
    ourselves themselves because per via one two three said told asked get got make made let
    les des une est pas pour que qui dans sur par avec mais ont sont etait elle ils nous vous
    leur plus tout tous cette ces mon mes son ses aux
    company consumer complaint complaints
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
"""Words that say nothing about a problem (English and French), plus the CFPB's own."""

_WORD = re.compile(r"[a-z][a-z0-9']+")
_REDACTED = re.compile(r"^x+$")
"""CFPB narratives hide names and numbers as XXXX."""

Vector = dict[str, float]
SHORT_TEXT = 6
"""Texts with fewer distinct terms are linked by one shared strong term."""


def terms(text: str) -> list[str]:
    """Return the meaningful words of ``text``: folded, 3+ letters, no stopwords or redactions."""
    words = (w.removesuffix("'s").strip("'") for w in _WORD.findall(fold(text)))
    return [
        w
        for w in words
        if len(w) >= 3 and w not in STOPWORDS and not w.endswith("n't") and not _REDACTED.match(w)
    ]


@dataclass(frozen=True)
class Group:
    """Similar texts found together.

    Attributes:
        members: indexes of the texts in the caller's sequence.
        theme: the words that weigh most in the group, strongest first.
        cohesion: mean cosine of the members to the group's centre (1.0: identical texts).
    """

    members: tuple[int, ...]
    theme: tuple[str, ...]
    cohesion: float


def similar_groups(
    texts: Sequence[tuple[Hashable, str]],
    *,
    threshold: float = 0.5,
    min_size: int = 3,
    index_terms: int = 12,
) -> list[Group]:
    """Return the groups of at least ``min_size`` similar texts, largest first.

    Args:
        texts: (block, text) pairs; only texts of the same block are compared.
        threshold: the cosine two texts must reach to be linked.
        min_size: the smallest group returned.
        index_terms: how many of a text's strongest terms find its candidate pairs.
    """
    vectors = tfidf([terms(text) for _block, text in texts])
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    for index, (block, _text) in enumerate(texts):
        blocks[block].append(index)
    groups: list[Group] = []
    for members in blocks.values():
        if len(members) >= min_size:
            groups.extend(_block_groups(members, vectors, threshold, min_size, index_terms))
    groups.sort(key=lambda g: (-len(g.members), g.members[0]))
    return groups


def tfidf(documents: Sequence[Sequence[str]]) -> list[Vector]:
    """Return unit-length TF-IDF vectors (sublinear term frequency, smoothed IDF)."""
    frequency: Counter[str] = Counter()
    for words in documents:
        frequency.update(set(words))
    count = len(documents)
    idf = {t: math.log((1 + count) / (1 + df)) + 1.0 for t, df in frequency.items()}
    vectors = []
    for words in documents:
        weights = {t: (1.0 + math.log(n)) * idf[t] for t, n in Counter(words).items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({t: w / norm for t, w in weights.items()})
    return vectors


def cosine(a: Vector, b: Vector) -> float:
    """Return the cosine of two unit vectors."""
    return sum(a[t] * b[t] for t in a.keys() & b.keys())  # the intersection runs in C


def _block_groups(
    members: list[int], vectors: list[Vector], threshold: float, min_size: int, index_terms: int
) -> list[Group]:
    # Identical texts are one representative with a weight (CFPB rows without narrative).
    same: dict[tuple[tuple[str, float], ...], list[int]] = defaultdict(list)
    for index in members:
        same[tuple(sorted(vectors[index].items()))].append(index)
    unique = [indexes for key, indexes in same.items() if key]
    neighbours: dict[int, set[int]] = defaultdict(set)
    for first, second in _candidates(unique, vectors, index_terms):
        if cosine(vectors[unique[first][0]], vectors[unique[second][0]]) >= threshold:
            neighbours[first].add(second)
            neighbours[second].add(first)
    groups = []
    for seed_group in _around_seeds(unique, neighbours):
        indexes = sorted(i for u in seed_group for i in unique[u])
        if len(indexes) >= min_size:
            groups.append(_group(indexes, vectors))
    return groups


def _around_seeds(unique: list[list[int]], neighbours: dict[int, set[int]]) -> list[list[int]]:
    """Group each best-connected text with its direct neighbours not taken yet.

    Unlike linking every similar pair (which chains A~B~C… into one heap of loosely related
    texts), every member of a group is similar to its seed.
    """

    def reach(u: int) -> int:
        return len(unique[u]) + sum(len(unique[v]) for v in neighbours.get(u, ()))

    taken: set[int] = set()
    groups = []
    for seed in sorted(range(len(unique)), key=lambda u: (-reach(u), u)):
        if seed in taken:
            continue
        group = [seed, *sorted(v for v in neighbours.get(seed, ()) if v not in taken)]
        taken.update(group)
        groups.append(group)
    return groups


def _candidates(
    unique: list[list[int]], vectors: list[Vector], index_terms: int
) -> list[tuple[int, int]]:
    """Pairs of representatives sharing their strongest, not too common, terms.

    Texts of some length must share two of them: one shared word between two long texts
    says little, and it is what makes the number of pairs explode.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for position, indexes in enumerate(unique):
        vector = vectors[indexes[0]]
        for term in sorted(vector, key=lambda t: -vector[t])[:index_terms]:
            postings[term].append(position)
    # A word most texts share links nothing, and its pairs would cost quadratic time.
    common = min(300, max(50, len(unique) // 2))
    shared: Counter[tuple[int, int]] = Counter()
    for positions in postings.values():
        if len(positions) > common:
            continue
        for n, first in enumerate(positions):
            shared.update((first, second) for second in positions[n + 1 :])

    def needed(position: int) -> int:
        return 2 if len(vectors[unique[position][0]]) >= SHORT_TEXT else 1

    return [
        pair for pair, count in shared.items() if count >= min(needed(pair[0]), needed(pair[1]))
    ]


def _group(indexes: list[int], vectors: list[Vector]) -> Group:
    centre: dict[str, float] = defaultdict(float)
    for index in indexes:
        for term, weight in vectors[index].items():
            centre[term] += weight / len(indexes)
    norm = math.sqrt(sum(w * w for w in centre.values())) or 1.0
    unit = {t: w / norm for t, w in centre.items()}
    cohesion = sum(cosine(vectors[i], unit) for i in indexes) / len(indexes)
    theme = tuple(sorted(unit, key=lambda t: (-unit[t], t))[:6])
    return Group(tuple(indexes), theme, round(cohesion, 3))

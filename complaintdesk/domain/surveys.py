"""Satisfaction surveys: their own reference, and what counts as a score in a reply to one.

A survey message carries a reference of its own (``SAT-7K2Q9D``) in its subject, and a
Message-ID the customer's mail program puts in the reply's threading headers: only a reply
to a survey is read for a score. Even then a score must look like one — ``8``, ``8/10``,
``9 10``, ``Note : 8 — très bien`` — never a line that merely starts with a number (``2
months later and still no refund`` is a complaint, not a 2).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

TOKEN_PREFIX = "SAT-"
TOKEN_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""No 0/O or 1/I: a customer may type the reference."""
TOKEN_LENGTH = 6
TOKEN_IN_TEXT = re.compile(rf"\b{TOKEN_PREFIX}[{TOKEN_ALPHABET}]{{{TOKEN_LENGTH}}}\b")

_SCORE = r"(10|[0-9])(?!\d)(\s*/\s*10|\s+(?:sur|out\s+of)\s+10)?"
_LABEL = r"(?:(?:note|score|satisfaction)\s*:?\s*)?"
_SCORES = re.compile(
    rf"^\s*{_LABEL}{_SCORE}(?:\s*(?:[,;&/+]|-|\bet\b|\band\b)?\s*{_SCORE})?", re.IGNORECASE
)
"""A score out of ten, then maybe a recommendation score."""
_AFTER = re.compile(r"^\s*(?:$|[.!,;:)(\-–—]|\(|\s*$)")
"""What may follow a bare number for it to be a score: nothing, or punctuation."""


@dataclass(frozen=True)
class Scores:
    """What the customer gave: satisfaction 1-10, recommendation 0-10 (optional)."""

    satisfaction: int
    recommendation: int | None = None


def new_token() -> str:
    """Return a fresh survey reference, e.g. ``SAT-7K2Q9D``."""
    return TOKEN_PREFIX + "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def tokens_in(text: str) -> list[str]:
    """Return the survey references written in ``text`` (a reply's subject)."""
    return TOKEN_IN_TEXT.findall(text.upper())


def reply_scores(body: str) -> Scores | None:
    """Return the scores a reply to a survey gives, or None when it gives none.

    Only the reply's first line of its own counts (quoted lines, ``> …``, are the survey).
    """
    first = next(
        (line for line in body.splitlines() if line.strip() and not line.lstrip().startswith(">")),
        "",
    )
    found = _SCORES.match(first)
    if found is None:
        return None
    satisfaction, out_of_ten, second, second_out_of_ten = found.groups()
    # "8/10 great service" is a score; "2 months later" is not: a bare number must end the
    # line or be followed by punctuation.
    if not (second_out_of_ten if second else out_of_ten) and not _AFTER.match(first[found.end() :]):
        return None
    if not 1 <= int(satisfaction) <= 10:
        return None
    return Scores(int(satisfaction), int(second) if second is not None else None)

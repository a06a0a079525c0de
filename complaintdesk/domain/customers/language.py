"""Which of the supported languages a customer wrote in, when nobody told us."""

from __future__ import annotations

import re
from datetime import date

SUPPORTED = ("en", "fr")
DEFAULT = "en"
_WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœæ']+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FRENCH = _words(
    """bonjour madame monsieur merci cordialement je vous nous est une les des pour pas avec
    mon ma mes votre vos sur dans qui que été très depuis facture remboursement commande
    réclamation problème salutations veuillez svp"""
)
_ENGLISH = _words(
    """hello dear thanks thank regards the and you your is are was for not with my have has
    this that been since invoice refund order complaint problem please sincerely"""
)


def supported(code: str | None) -> str | None:
    """Return the supported language a tag such as ``fr-CA`` or ``EN`` names, or None."""
    if not code:
        return None
    primary = code.strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in SUPPORTED else None


def guess(text: str, declared: str | None = None) -> str:
    """Return ``fr`` or ``en``: the declared language if supported, else by common words.

    Args:
        text: what the customer wrote (subject and body).
        declared: a language tag the message carried (e.g. email ``Content-Language``).
    """
    known = supported(declared)
    if known is not None:
        return known
    words = _WORD.findall(text[:4000].lower())
    french = sum(word in _FRENCH for word in words)
    english = sum(word in _ENGLISH for word in words)
    return "fr" if french > english else DEFAULT


_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
}


def long_date(day: date, language: str) -> str:
    """Return ``day`` as a person writes it: ``3 March 2026``, ``3 mars 2026``."""
    code = supported(language) or DEFAULT
    month = _MONTHS[code].split()[day.month - 1]
    if code == "fr" and day.day == 1:
        return f"1er {month} {day.year}"
    return f"{day.day} {month} {day.year}"

"""Text folding so that matching ignores case and accents ("Réclamation" = "reclamation")."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Return ``text`` case-folded with diacritics removed, for matching only."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))

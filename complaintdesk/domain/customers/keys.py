"""Match keys: what a customer record is looked up by when its likely duplicates are sought.

Pure and cheap (no fuzzy-matching library: the storage models call these on every write).
A name is split into a given name and a family name the way people write them (``Léa
Martin``, ``MARTIN Léa``, ``Martin, Léa``, ``L. Martin``, ``lea.martin`` as an email gave
it); its *block key* is the family name's Soundex code and the given name's first letter,
so typos after the first letter, initials and nicknames of the same letter fall in one
block. The swapped reading (``Martin Léa`` written without capitals) has a key of its own.

A contact point's *match key* is what a person chose to be called by: an email address's
local part or a social handle, folded to letters only (``Lea.Martin75@…``, ``x:@leamartin``
and ``facebook:@léa.martin`` all give ``leamartin``). A name's *idents* are the same shape
(``leamartin``, ``martinlea``, ``lmartin``), so a handle that spells a name is found by index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from complaintdesk.domain.text import fold

_WORD = re.compile(r"[^\W\d_]+")
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "mme",
        "mlle",
        "mle",
        "m",
        "monsieur",
        "madame",
        "mademoiselle",
    ]
)
"""Courtesy titles, dropped before a name is read."""
MIN_KEY_LETTERS = 4
"""Shorter local parts and handles (``jd``, ``info``-like) say too little to match on."""
GENERIC_LOCAL_PARTS = frozenset(
    [
        "info",
        "contact",
        "admin",
        "support",
        "service",
        "sales",
        "hello",
        "bonjour",
        "mail",
        "email",
        "office",
        "accueil",
        "noreply",
        "reply",
        "compta",
        "facturation",
        "billing",
        "team",
    ]
)
"""Shared mailboxes: the same local part at two companies is not one person."""
_SOUNDEX = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}

_NICKNAME_GROUPS = (
    # English
    "robert bob bobby rob robbie bert",
    "william bill billy will willy liam",
    "james jim jimmy jamie",
    "michael mike mikey mick mickey",
    "david dave davy",
    "daniel dan danny",
    "thomas tom tommy",
    "anthony tony",
    "christopher chris kit",
    "katherine catherine kate katie kathy cathy kat",
    "elizabeth liz lizzie beth betty eliza elsie",
    "margaret meg maggie peggy",
    "susan sue suzy",
    "jennifer jen jenny",
    "nicholas nicolas nick nicky nico",
    "alexander alexandre alexandra alex sandy",
    "samuel samantha sam",
    "benjamin ben benji",
    "matthew matt",
    "patrick patricia pat",
    "steven stephen steve",
    "joseph joe joey jo",
    "edward ed eddie ted",
    "charles charlie chuck",
    "henry harry hal",
    "john jack johnny jon",
    "jonathan jon",
    "frederick frederic fred freddie",
    "andrew andy drew",
    "gregory greg",
    "jeffrey jeff",
    "joshua josh",
    "nathan nate nathaniel",
    "richard rick ricky dick",
    "ronald ron",
    "timothy tim",
    "victoria vicky",
    "abigail abby",
    "rebecca becky",
    "deborah debbie",
    "amanda mandy",
    "pamela pam",
    "sarah sally",
    "jessica jess",
    "eleanor ellie nell",
    "alfred alfie",
    "callum cal",
    "megan meg",
    "oliver ollie",
    # French
    "emmanuel emmanuelle manu",
    "sebastien seb",
    "maxime maximilien max",
    "florence florian flo",
    "caroline caro",
    "stephane stephanie steph",
    "isabelle isa",
    "dominique domi",
    "gerard gege",
    "christophe chris",
    "christine chris",
    "valerie val",
    "aurelien aurelie aurel",
    "guillaume guigui",
    "francois francoise fanfan",
    "mathieu matthieu math",
    "camille cam",
    "josephine jojo jo",
    "margaux margot",
    "ines inez",
    "chloe cloe",
)


def _nicknames() -> dict[str, frozenset[str]]:
    """Return every form of a given name → the full names it may stand for."""
    found: dict[str, set[str]] = {}
    for group in _NICKNAME_GROUPS:
        words = group.split()
        full = words[0]
        for word in words:
            found.setdefault(word, set()).add(full)
    return {word: frozenset(full) for word, full in found.items()}


NICKNAMES = _nicknames()


@lru_cache(maxsize=65_536)
def canonical_given(word: str) -> frozenset[str]:
    """Return the full given names ``word`` may be (itself if it is no known nickname)."""
    folded = fold(word)
    return NICKNAMES.get(folded, frozenset()) | {folded}


@dataclass(frozen=True)
class NameParts:
    """A name as read: folded given name (first one) and family name, in reading order.

    ``marked`` says the family name was marked by its writer (capitals or a comma), so the
    swapped reading is not worth trying.
    """

    given: str
    family: str
    tokens: tuple[str, ...]
    marked: bool = False

    @property
    def single(self) -> bool:
        """One word only: a first name, a family name or a handle (``leamartin``)."""
        return len(self.tokens) == 1

    def swapped(self) -> NameParts | None:
        """Return the reading with the last word as given name (``Martin Léa``)."""
        if self.marked or len(self.tokens) < 2:
            return None
        return NameParts(self.tokens[-1], self.tokens[0], self.tokens, marked=True)


def _words(text: str) -> list[tuple[str, str]]:
    """Return (as written, folded) of each word, leading courtesy titles dropped.

    A hyphenated name is one word of several parts (``Martin-Dupont`` → ``martin dupont``).
    """
    found: list[tuple[str, str]] = []
    for written in re.split(r"[\s,._/]+", text):
        parts = _WORD.findall(written)
        folded = " ".join(fold(p) for p in parts)
        if not folded or (not found and folded in TITLES):
            continue  # ``Mme Martin``, but ``Léa M`` keeps its initial
        found.append(("-".join(parts), folded))
    return found


@lru_cache(maxsize=65_536)
def parse_name(name: str) -> NameParts | None:
    """Read ``name`` as given and family names; None when it holds no letters."""
    if "," in name:
        family_part, _, given_part = name.partition(",")
        family_words = [f for _, f in _words(family_part)]
        given_words = [f for _, f in _words(given_part)]
        if family_words and given_words:
            tokens = (*given_words, *family_words)
            return NameParts(given_words[0], " ".join(family_words), tokens, marked=True)
    words = _words(name)
    if not words:
        return None
    tokens = tuple(f for _, f in words)
    if len(words) == 1:
        return NameParts(tokens[0], tokens[0], tokens)
    capitals = [i for i, (w, _) in enumerate(words) if len(w) > 1 and w.isupper()]
    if capitals and len(capitals) < len(words):
        family = " ".join(words[i][1] for i in capitals)
        given = next(f for i, (_, f) in enumerate(words) if i not in capitals)
        return NameParts(given, family, tokens, marked=True)
    return NameParts(tokens[0], tokens[-1], tokens)


def soundex(word: str) -> str:
    """Return the American Soundex code of a folded word (``martin`` → ``M635``)."""
    letters = [c for c in word if "a" <= c <= "z"]
    if not letters:
        return ""
    code = letters[0].upper()
    previous = _SOUNDEX.get(letters[0], "")
    for letter in letters[1:]:
        digit = _SOUNDEX.get(letter, "")
        if digit and digit != previous:
            code += digit
            if len(code) == 4:
                break
        if letter not in "hw":  # h and w do not separate two letters of one code
            previous = digit
    return code.ljust(4, "0")


def _block(parts: NameParts) -> str | None:
    family = parts.family.split()[0] if parts.family else ""
    code = soundex(family)
    if not code:
        return None
    initial = "" if parts.single else parts.given[:1]
    return f"{code}{initial}"


def name_keys(name: str) -> tuple[str | None, str | None]:
    """Return the block keys of ``name``: as read, and swapped (None when not worth it)."""
    parts = parse_name(name)
    if parts is None:
        return None, None
    swapped = parts.swapped()
    return _block(parts), (_block(swapped) if swapped is not None else None)


def name_ident(name: str) -> str | None:
    """Return given and family names run together (``Léa Martin`` → ``leamartin``)."""
    parts = parse_name(name)
    if parts is None:
        return None
    ident = parts.tokens[0] if parts.single else parts.given + parts.family
    ident = ident.replace(" ", "")
    return ident[:120] if len(ident) >= MIN_KEY_LETTERS else None


@lru_cache(maxsize=65_536)
def name_idents(name: str) -> frozenset[str]:
    """Return the ways a handle or an email address may spell ``name``.

    ``Léa Martin`` → ``leamartin``, ``martinlea``, ``lmartin``, ``martinl``; a known
    nickname counts as the given name it stands for (``Bob Smith`` → ``robertsmith`` too).
    """
    parts = parse_name(name)
    if parts is None:
        return frozenset()
    family = parts.family.replace(" ", "")
    if parts.single:
        found = {family}
    else:
        found = {family + parts.given[:1], parts.given[:1] + family}
        for given in canonical_given(parts.given):
            found |= {given.replace(" ", "") + family, family + given.replace(" ", "")}
    return frozenset(f for f in found if len(f) >= MIN_KEY_LETTERS)


@lru_cache(maxsize=65_536)
def contact_key(kind: str, value: str) -> str | None:
    """Return the match key of a contact point: letters of a local part or a handle.

    Phones and postal addresses have none (they are matched as they are).
    """
    if kind == "email":
        local = value.partition("@")[0].partition("+")[0]
        if local in GENERIC_LOCAL_PARTS:
            return None
        return _letters(local)
    if kind == "social":
        return _letters(value.partition(":")[2].lstrip("@"))
    return None


def contact_digits(kind: str, value: str) -> str:
    """Return the digits of a local part or a handle (``lea.martin75`` → ``75``)."""
    if kind == "email":
        text = value.partition("@")[0].partition("+")[0]
    elif kind == "social":
        text = value.partition(":")[2]
    else:
        return ""
    return "".join(c for c in text if c.isdigit())


def _letters(text: str) -> str | None:
    letters = "".join(c for c in fold(text) if c.isalpha())
    return letters[:120] if len(letters) >= MIN_KEY_LETTERS else None

"""Whether two customer records are likely the same person: the rules, as pure functions.

Likely duplicates are only ever proposed to a person (DESIGN.md section 4). The rules work
on what channels actually give: a name (typed by an agent, given by an email's sender, a
social account's display name, or only a handle), contact points, sometimes a postcode.

Evidence adds up to a score; a pair is proposed from :data:`THRESHOLD`:

- the same email address or social handle decides on its own; the same phone number too,
  unless the two first names differ (a family landline);
- the name: the same (case, accents, word order and titles aside), a nickname (``Bob`` /
  ``Robert``), an initial (``L. Martin``) or a close spelling; a name many customers carry
  weighs less (two Jean Martin records are not one person on the name alone), and two
  different first names under one family name rule the name out;
- contact points alike: an email's local part that is a social handle elsewhere, one
  local part at two providers, a phone number one digit apart; a handle or a local part
  that spells the other record's name; the very same handle, digits included, on two
  services (``gaelle43@…`` / ``x:@gaelle43``);
- a rare name given by an account itself (an email's sender name, a social display name)
  that is the other record's name;
- the same postcode or postal address (weak: a family shares both).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from complaintdesk.domain.customers import keys
from complaintdesk.domain.customers.keys import NameParts
from complaintdesk.domain.text import fold

K = TypeVar("K")
THRESHOLD = 0.7
"""Score from which a pair is proposed."""
CLOSE_SPELLING = 85.0
"""Ratio (0-100) from which two family names (4 letters or more) are one misspelt."""
ACCOUNT_KINDS = frozenset({"email", "social"})
"""Contact points whose account gives a name of its own (sender name, display name)."""
LONG_IDENT = 9
"""Letters from which a handle one typo away from a name still spells it."""
COMMON_NAME_WEIGHT = 0.6
"""A common name's evidence is multiplied by this."""


class Evidence(StrEnum):
    """Kinds of reason two records look like one person."""

    SAME_CONTACT = "same_contact"
    SIMILAR_CONTACT = "similar_contact"
    CONTACT_ALIKE = "contact_alike"
    SAME_HANDLE = "same_handle"
    CONTACT_SPELLS_NAME = "contact_spells_name"
    SAME_NAME = "same_name"
    ACCOUNT_NAME = "account_name"
    NICKNAME = "nickname"
    INITIAL = "initial"
    CLOSE_NAME = "close_name"
    SAME_POSTCODE = "same_postcode"
    SAME_ADDRESS = "same_address"


WEIGHTS = {
    Evidence.SAME_NAME: 0.5,
    Evidence.NICKNAME: 0.4,
    Evidence.CLOSE_NAME: 0.3,
    Evidence.INITIAL: 0.35,
    Evidence.SIMILAR_CONTACT: 0.45,
    Evidence.CONTACT_ALIKE: 0.5,
    Evidence.SAME_HANDLE: 0.75,
    Evidence.ACCOUNT_NAME: 0.2,
    Evidence.CONTACT_SPELLS_NAME: 0.35,
    Evidence.SAME_POSTCODE: 0.25,
    Evidence.SAME_ADDRESS: 0.3,
}
DECISIVE = 1.0
SHARED_PHONE = 0.9
SHARED_PHONE_OTHER_PERSON = 0.25
"""A phone shared by two different first names: a household, not one person."""


@dataclass(frozen=True)
class CustomerFacts:
    """What the rules compare: the name, the postcode and the normalised contact points."""

    name: str
    postcode: str | None
    contacts: frozenset[tuple[str, str]]
    """``(kind, value)`` of the contact points (email, phone, social, postal)."""
    common_name: bool = False
    """Many customers carry this exact name: it says less about who this is."""


@dataclass(frozen=True)
class Reason:
    """One reason two records look like one person; ``str()`` says it in English.

    Attributes:
        kind: what was found.
        value: this side's contact point, name or postcode.
        other: the other side's, when it differs (a nickname, a similar address).
        contact_kind: ``email``, ``phone``, ``social`` or ``postal`` for contact evidence.
        score: how close two spellings are (0-100), for close names.
    """

    kind: Evidence
    value: str | None = None
    other: str | None = None
    contact_kind: str | None = None
    score: float | None = None

    def __str__(self) -> str:
        return _ENGLISH[self.kind].format(
            value=self.value, other=self.other, kind=self.contact_kind, score=self.score or 0
        )


_ENGLISH = {
    Evidence.SAME_CONTACT: "same {kind} {value}",
    Evidence.SIMILAR_CONTACT: "similar {kind}: {value} / {other}",
    Evidence.CONTACT_ALIKE: "{value} and {other} look alike",
    Evidence.SAME_HANDLE: "the same handle on two services: {value} / {other}",
    Evidence.ACCOUNT_NAME: "{value} is the name the account {other} gives",
    Evidence.CONTACT_SPELLS_NAME: "{value} spells the name {other}",
    Evidence.SAME_NAME: "same name {value}",
    Evidence.NICKNAME: "nickname: {value} / {other}",
    Evidence.INITIAL: "initial: {value} / {other}",
    Evidence.CLOSE_NAME: "close name ({score:.0f}%): {value} / {other}",
    Evidence.SAME_POSTCODE: "same postcode {value}",
    Evidence.SAME_ADDRESS: "same address {value}",
}


@dataclass(frozen=True)
class Proposal:
    """The evidence found between two records and what it adds up to."""

    score: float
    reasons: tuple[Reason, ...]

    @property
    def proposed(self) -> bool:
        """True when the pair is worth a person's look."""
        return self.score >= THRESHOLD


def postcode_key(postcode: str | None) -> str | None:
    """``sw1a 1aa`` and ``SW1A1AA`` are one postcode; an empty one is none."""
    key = "".join((postcode or "").split()).upper()
    return key or None


def name_similarity(first: str, second: str) -> float:
    """Return 0-100: word order, case and accents do not count (``Zoé Martin``/``martin zoe``)."""
    return float(fuzz.token_sort_ratio(fold(first), fold(second)))


def compare(a: CustomerFacts, b: CustomerFacts) -> Proposal:
    """Return the evidence that ``a`` and ``b`` are one person, and its score."""
    shared = _shared_contacts(a, b)
    name, conflict = _name_evidence(a, b)
    score = 0.0
    for reason in shared:
        if reason.contact_kind in ("email", "social"):
            score += DECISIVE
        elif reason.contact_kind == "phone":
            score += SHARED_PHONE_OTHER_PERSON if conflict else SHARED_PHONE
    found = list(shared)
    if name is not None:
        common = a.common_name or b.common_name
        weight = WEIGHTS[name.kind] * (COMMON_NAME_WEIGHT if common else 1)
        score += weight
        found.append(name)
        account = _account_name(a, b, name) if not common else None
        if account is not None:
            score += WEIGHTS[account.kind]
            found.append(account)
    contact = _contact_evidence(a, b)
    score += sum(WEIGHTS[r.kind] for r in contact)
    found += contact
    place = _place_evidence(a, b)
    score += sum(WEIGHTS[r.kind] for r in place)
    found += place
    if conflict and not any(r.contact_kind in ("email", "social") for r in shared):
        score = min(score, THRESHOLD / 2)
    return Proposal(round(score, 3), tuple(found))


def reasons(a: CustomerFacts, b: CustomerFacts) -> tuple[Reason, ...]:
    """Return why ``a`` and ``b`` look like one person (empty: not enough to propose)."""
    proposal = compare(a, b)
    return proposal.reasons if proposal.proposed else ()


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


# --- names ---


def _name_evidence(a: CustomerFacts, b: CustomerFacts) -> tuple[Reason | None, bool]:
    """Return the best name evidence and whether the names belong to different people."""
    first, second = keys.parse_name(a.name), keys.parse_name(b.name)
    if first is None or second is None:
        return None, False
    if first.single or second.single:
        return _single_word(first, second, a.name, b.name), False
    readings = [second, *filter(None, [second.swapped()])]
    best: Reason | None = None
    conflict = False
    for reading in readings:
        reason, differs = _two_names(first, reading, a.name, b.name)
        conflict = conflict or differs
        if reason is not None and (best is None or WEIGHTS[reason.kind] > WEIGHTS[best.kind]):
            best = reason
    return best, conflict and best is None


def _single_word(first: NameParts, second: NameParts, a: str, b: str) -> Reason | None:
    """A one-word name (``leamartin``, a handle given as name) against a full one."""
    one, full, one_text, full_text = (
        (first, second, a, b) if first.single else (second, first, b, a)
    )
    word = one.tokens[0]
    if full.single:
        return Reason(Evidence.SAME_NAME, a) if word == full.tokens[0] else None
    if word in keys.name_idents(full_text):
        return Reason(Evidence.SAME_NAME, full_text, one_text)
    return None


def _two_names(first: NameParts, second: NameParts, a: str, b: str) -> tuple[Reason | None, bool]:
    """Compare given and family names; the flag says they are two different people's."""
    family = _family_match(first.family, second.family)
    if family is None:
        return None, False
    given = _given_match(first.given, second.given)
    if given is None:
        return None, family == "same"  # one family, two first names: a household
    if family == "initial" or given == "initial":
        compatible = family in ("same", "initial") and given in ("same", "initial")
        return (Reason(Evidence.INITIAL, a, b), False) if compatible else (None, False)
    if family == "same" and given == "same":
        return Reason(Evidence.SAME_NAME, a, b if fold(a) != fold(b) else None), False
    if family == "same" and given == "nickname":
        return Reason(Evidence.NICKNAME, a, b), False
    return Reason(Evidence.CLOSE_NAME, a, b, score=name_similarity(a, b)), False


def _family_match(first: str, second: str) -> str | None:
    """How two family names agree: ``same``, ``initial``, ``close`` or None."""
    if first == second or set(first.split()) & set(second.split()):
        return "same"  # ``Martin-Dupont`` and ``Martin``: a married or double name counts
    if len(first) == 1 or len(second) == 1:
        return "initial" if first[0] == second[0] else None  # ``Léa M.``
    if min(len(first), len(second)) < 4:
        return None
    if DamerauLevenshtein.distance(first, second) <= 1:
        return "close"
    return "close" if fuzz.ratio(first, second) >= CLOSE_SPELLING else None


def _given_match(first: str, second: str) -> str | None:
    """How two first names agree: ``same``, ``nickname``, ``initial``, ``close`` or None."""
    if first == second:
        return "same"
    if len(first) == 1 or len(second) == 1:
        return "initial" if first[0] == second[0] else None
    if first.split()[0] == second.split()[0]:
        return "close"  # ``Jean-Pierre`` / ``Jean``: maybe, not surely, one person
    if keys.canonical_given(first) & keys.canonical_given(second):
        return "nickname"
    if min(len(first), len(second)) >= 4 and DamerauLevenshtein.distance(first, second) <= 1:
        return "close"
    return None


# --- contact points and places ---


def _shared_contacts(a: CustomerFacts, b: CustomerFacts) -> list[Reason]:
    return [
        Reason(Evidence.SAME_CONTACT, value, contact_kind=kind)
        for kind, value in sorted(a.contacts & b.contacts)
        if kind != "postal"
    ]


def _contact_evidence(a: CustomerFacts, b: CustomerFacts) -> list[Reason]:
    """Alike or similar contact points; evidence that only spells the name counts once."""
    found: list[Reason] = []
    spelling = dict.fromkeys(keys.name_idents(b.name), b.name)
    spelling |= dict.fromkeys(keys.name_idents(a.name), a.name)
    for kind, value in sorted(a.contacts - b.contacts):
        for other_kind, other in sorted(b.contacts - a.contacts):
            similar = _similar(kind, value, other_kind, other)
            key = keys.contact_key(kind, value)
            if similar is not None:
                found.append(similar)
            elif key is not None and key == keys.contact_key(other_kind, other):
                mine, theirs = (
                    keys.contact_digits(kind, value),
                    keys.contact_digits(other_kind, other),
                )
                if mine and theirs and mine != theirs:
                    continue  # ``surfer75`` and ``surfer92``: two people's numbers
                if mine and mine == theirs:  # ``gaelle43`` here and there: one person's
                    found.append(Reason(Evidence.SAME_HANDLE, value, other, contact_kind=kind))
                elif key in spelling:
                    found.append(_spelling(value, spelling[key], kind))
                else:
                    found.append(Reason(Evidence.CONTACT_ALIKE, value, other, contact_kind=kind))
    spelled = _spells_name(a, b) or _spells_name(b, a)
    if spelled is not None:
        found.append(spelled)
    kept: dict[Evidence, Reason] = {}
    for reason in found:  # one reason per kind: three alike handles are not three proofs
        kept.setdefault(reason.kind, reason)
    return list(kept.values())


def _account_name(a: CustomerFacts, b: CustomerFacts, name: Reason) -> Reason | None:
    """A full name given by an account (email sender, social profile) that is the other's."""
    if name.kind is not Evidence.SAME_NAME:
        return None
    for mine in (a, b):
        accounts = [v for k, v in sorted(mine.contacts) if k in ACCOUNT_KINDS]
        parts = keys.parse_name(mine.name)
        if (
            accounts
            and all(k in ACCOUNT_KINDS for k, _ in mine.contacts)
            and parts is not None
            and len(parts.tokens) >= 2
            and len(parts.given) > 1
            and keys.contact_key(*sorted(mine.contacts)[0]) != keys.name_ident(mine.name)
        ):
            return Reason(Evidence.ACCOUNT_NAME, mine.name, accounts[0])
    return None


def _spells_name(a: CustomerFacts, b: CustomerFacts) -> Reason | None:
    """A contact point of ``a`` that spells ``b``'s name (``x:@leamartin`` / Léa Martin).

    A long name may be misspelt on one side (``jadenicolas`` / Jade Nicalas).
    """
    idents = keys.name_idents(b.name)
    for kind, value in sorted(a.contacts - b.contacts):
        key = keys.contact_key(kind, value)
        if key is not None and (key in idents or _near(key, idents)):
            return _spelling(value, b.name, kind)
    return None


def _near(key: str, idents: frozenset[str]) -> bool:
    return len(key) >= LONG_IDENT and any(
        DamerauLevenshtein.distance(key, ident) <= 1 for ident in idents
    )


def _spelling(contact: str, name: str, kind: str) -> Reason:
    return Reason(Evidence.CONTACT_SPELLS_NAME, contact, name, contact_kind=kind)


def _similar(kind: str, value: str, other_kind: str, other: str) -> Reason | None:
    """A phone one digit apart, or an email address one typo apart."""
    if kind != other_kind or kind not in ("phone", "email"):
        return None
    comparable = kind == "email" or (len(value) == len(other) and value[:3] == other[:3])
    if comparable and DamerauLevenshtein.distance(value, other) == 1:
        return Reason(Evidence.SIMILAR_CONTACT, value, other, contact_kind=kind)
    return None


def _place_evidence(a: CustomerFacts, b: CustomerFacts) -> list[Reason]:
    found = []
    postcode = postcode_key(a.postcode)
    if postcode is not None and postcode == postcode_key(b.postcode):
        found.append(Reason(Evidence.SAME_POSTCODE, postcode))
    addresses = {fold(v) for k, v in a.contacts if k == "postal"}
    shared = sorted(v for k, v in b.contacts if k == "postal" and fold(v) in addresses)
    if shared:
        found.append(Reason(Evidence.SAME_ADDRESS, shared[0], contact_kind="postal"))
    return found

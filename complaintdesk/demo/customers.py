"""Demo customers and their contact points, as bulk rows."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from complaintdesk.demo import people
from complaintdesk.domain.customers import keys
from complaintdesk.storage.bulk import instant_text

CUSTOMER_COLUMNS = (
    "id", "display_name", "given_name", "family_name", "postcode", "segment",
    "preferred_language", "preferred_channel", "version", "created_at", "updated_at",
    "name_key", "name_key_alt", "name_ident",
)  # fmt: skip
CONTACT_COLUMNS = ("id", "customer_id", "kind", "value", "label", "verified", "match_key")
LANGUAGES = ("en", "fr")
SEGMENTS = ("standard", "premium", "professional", "vulnerable")
SEGMENT_WEIGHTS = (78, 88, 95, 100)
CHANNEL_WEIGHTS = {"phone": 35, "email": 35, "social": 10, "shop": 17, "letter": 3}
SHOPS = (("PAR01", "LYO01", "BOR01"), (50, 80, 100))


T = TypeVar("T")
NewId = Callable[[], str]
"""Returns a fresh id in the bulk wire format."""


def pick(rng: random.Random, items: Sequence[T], cumulative: Sequence[float]) -> T:
    """Return one of ``items`` drawn with ``cumulative`` weights (cheaper than ``choices``)."""
    return items[bisect(cumulative, rng.random() * cumulative[-1])]


class Profile:
    """A customer as complaints need them: id, language, names and contact points."""

    __slots__ = (
        "channels", "email", "first_received", "handle", "id", "language", "name",
        "phone", "postal", "preferred", "segment", "serial", "shop",
    )  # fmt: skip

    def __init__(self, ident: str, serial: int, language: int, segment: str, name: str) -> None:
        self.id = ident
        self.serial = serial
        self.language = language
        self.segment = segment
        self.name = name
        self.email: str | None = None
        self.phone: str | None = None
        self.handle: str | None = None
        self.postal: str | None = None
        self.preferred = "phone"
        self.shop = "PAR01"
        self.channels: tuple[list[str], list[int]] = ([], [])
        self.first_received = 0

    def pick_channel(self, rng: random.Random) -> str:
        """Return the channel of this customer's next complaint (mostly their preferred one)."""
        if rng.random() < 0.65:
            return self.preferred
        names, cumulative = self.channels
        return pick(rng, names, cumulative)


def make_customer(
    rng: random.Random, serial: int, new_id: NewId
) -> tuple[Profile, tuple[Any, ...], list[tuple[Any, ...]]]:
    """Return a new customer's profile, its customer row (without instants) and contacts."""
    language = 1 if rng.random() < 0.4 else 0
    segment = pick(rng, SEGMENTS, SEGMENT_WEIGHTS)
    given = rng.choice(people.GIVEN_NAMES[language])
    family = rng.choice(people.FAMILY_NAMES[language])
    name = f"{given} {family}"
    if segment == "professional":
        name = rng.choice(people.COMPANIES[language]).format(family=family)
    profile = Profile(new_id(), serial, language, segment, name)
    street = rng.choice(people.ADDRESSES[language])
    contacts = _contacts(rng, profile, given, family, street, new_id)
    _choose_channels(rng, profile)
    row = (profile.id, name, given, family, street[2], segment, LANGUAGES[language])
    return profile, (*row, profile.preferred, 1), contacts


def _contacts(
    rng: random.Random,
    profile: Profile,
    given: str,
    family: str,
    street: tuple[str, str, str],
    new_id: NewId,
) -> list[tuple[Any, ...]]:
    language, serial, cid = profile.language, profile.serial, profile.id
    work = profile.segment == "professional"
    contacts: list[tuple[Any, ...]] = []
    if rng.random() < 0.9:
        domain = rng.choice(people.MAIL_DOMAINS[language])
        profile.email = people.email_address(given, family, serial, domain)
        label = "work" if work else "personal"
        verified = int(rng.random() < 0.6)
        match = keys.contact_key("email", profile.email)
        contacts.append((new_id(), cid, "email", profile.email, label, verified, match))
    if profile.email is None or rng.random() < 0.9:
        profile.phone = people.phone_number(language, serial)
        contacts.append((new_id(), cid, "phone", profile.phone, "mobile", 0, None))
    if rng.random() < 0.18:
        platform = rng.choice(people.SOCIAL_PLATFORMS)
        profile.handle = people.social_handle(platform, given, family, serial)
        match = keys.contact_key("social", profile.handle)
        contacts.append((new_id(), cid, "social", profile.handle, platform, 0, match))
    if rng.random() < 0.35:
        profile.postal = people.postal_address(language, rng.randrange(1, 180), street)
        kind = "office" if work else "home"
        contacts.append((new_id(), cid, "postal", profile.postal, kind, 0, None))
    return contacts


def _choose_channels(rng: random.Random, profile: Profile) -> None:
    available = {
        "phone": profile.phone is not None,
        "email": profile.email is not None,
        "social": profile.handle is not None,
        "shop": True,
        "letter": profile.postal is not None,
    }
    names = [name for name, ok in available.items() if ok]
    cumulative, total = [], 0
    for name in names:
        total += CHANNEL_WEIGHTS[name]
        cumulative.append(total)
    profile.channels = (names, cumulative)
    if profile.handle is not None and rng.random() < 0.55:
        profile.preferred = "social"
    else:
        profile.preferred = pick(rng, names, cumulative)
    if profile.language == 0:
        profile.shop = "LON01" if rng.random() < 0.85 else "PAR01"
    else:
        profile.shop = pick(rng, SHOPS[0], SHOPS[1])


def customer_row(row: tuple[Any, ...], first_received: int) -> tuple[Any, ...]:
    """Return the finished customer row, created when their first complaint came in."""
    created = instant_text(first_received)
    return (*row, created, created, *keys.name_keys(row[1]), keys.name_ident(row[1]))

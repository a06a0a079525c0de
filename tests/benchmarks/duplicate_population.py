"""A realistic population of customer records, some of them the same person, for measuring.

People are drawn with the name frequencies of France and Britain: a fifth of the British and
one French person in twelve carry one of the 150 commonest family names of their country
(Martin, Bernard, Smith, Jones… — Zipf-weighted, so Martin and Smith are shared by many), the
others a name of the long tail (made of syllables, as rare as most family names are); given
names come from about ninety of each country's usual ones, so namesakes are frequent; they
live in households (a couple or a family
shares the family name, the postal address, often the landline), and reach the company on
one to four channels. Each channel makes a record the way it really does:

- phone or counter: the name as the agent typed it (accents dropped, a typo, the family
  name in capitals, a title), the mobile (or the household landline), often a postcode;
- email: the mail program's display name (or none: the local part), the address
  (``lea.martin@…``, ``lmartin75@…``, a nickname, or something unrelated);
- X, Instagram: the display name (full, ``Léa M.``, a nickname, or just the handle), the
  handle (the name run together, with digits, or a hobby);
- Facebook: the full name, the handle made from it.

The ground truth (which records are one person) is kept beside, never written to the base.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from complaintdesk.domain.customers.keys import NICKNAMES


def _words(text: str) -> list[str]:
    """The words of ``text``; an underscore joins a name of two words (``Le_Gall``)."""
    return [w.replace("_", " ") if w[0].isupper() else w for w in text.split()]


FRENCH_FAMILY = _words(
    """
Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent
Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefebvre
Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc
Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez
Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly
Gautier Roger Roche Roy Noël Meyer Lucas Meunier Jean Pérez Marchand Dufour Blanchard
Marie Barbier Brun Dumas Brunet Schmitt Leroux Colin Fernandez Pierre Renard Arnaud
Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine Picard Gaillard
Philippe Leclercq Lacroix Fabre Dupuis Olivier Rodriguez Da_Silva Hubert Louis Charles
Guillot Rivière Le_Gall Guillaume Adam Rey Moulin Gonzalez Berger Lecomte Menard Fleury
Deschamps Carpentier Julien Benoît Paris Maillard Marchal Aubry Vasseur Le_Roux Renault
Jacquet Collet Prévost Poirier Charpentier Royer Huet Baron Dupuy Pons Paul Laine Carré
Breton Rémy Schneider Perrot Guyot Barre Marty Cousin
"""
)
ENGLISH_FAMILY = _words(
    """
Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson
Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson
Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan
Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell
Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan
Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb
Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes
Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham
Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart Elliott Reynolds
Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer
Gill Dawson Ball Burton O'Brien Watts Rose Booth Perry Ryan Grant Wells Armstrong
Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory Carr Lowe Page
Marsh Riley
"""
)
FRENCH_GIVEN = _words(
    """
Camille Léa Manon Chloé Inès Jade Louise Emma Hugo Lucas Louis Gabriel Arthur Jules
Raphaël Théo Nathan Élodie Hélène Sébastien François Amélie Zoé Maël Noémie Jérôme
Cécile Stéphane Benoît Françoise Yasmine Karim Anaïs Loïc Gaëlle Nicolas Julien Thomas
Alexandre Maxime Florian Caroline Isabelle Nathalie Sophie Sandrine Valérie Christophe
Philippe Patrick Michel Pierre Jean Marie Anne Claire Julie Laura Sarah Mathilde Margaux
Clément Antoine Baptiste Romain Guillaume Aurélie Émilie Céline Delphine Virginie
Laurent Frédéric Olivier Vincent Éric Thierry Pascal Dominique Catherine Martine Monique
Sylvie Christine Brigitte Joséphine Mathieu Quentin Adrien Léo Paul Victor Alice Lina
Rose
"""
)
ENGLISH_GIVEN = _words(
    """
Oliver George Harry Jack Amelia Olivia Isla Ava Emily Sophie James William Thomas
Charlotte Mia Noah Leo Grace Freya Alfie Chloe Daniel Hannah Samuel Priya Mohammed Aisha
Sean Siobhan Rhys Megan Eleanor Callum Ruth Kwame Zara Robert Michael David Richard
Christopher Matthew Andrew Joseph Edward Benjamin Alexander Jonathan Timothy Stephen
Peter Paul Mark John Elizabeth Katherine Margaret Susan Jennifer Rebecca Victoria Sarah
Laura Emma Lucy Alice Rachel Helen Claire Jessica Abigail Deborah Amanda Nicholas
Patrick Frederick Gregory Joshua Nathan Ronald Anthony Charles Henry Jack Lily Ella
Poppy
"""
)
DOMAINS = (
    ("gmail.com", "orange.fr", "free.fr", "laposte.net", "sfr.fr", "hotmail.fr", "yahoo.fr"),
    ("gmail.com", "outlook.com", "btinternet.com", "yahoo.co.uk", "hotmail.co.uk", "icloud.com"),
)
HOBBIES = _words(
    """
surfer cycling_fan bookworm kitesurf jazzlover foodie runner travel gamer photog hiker
chef_at_home vintage_car gardener
"""
)
TITLES = ("Mme", "M.", "Mr", "Mrs", "Ms", "Dr")
POSTCODES = (
    [f"750{n:02d}" for n in range(1, 21)] + ["69001", "69003", "33000", "13001", "31000"],
    ["SW1A 1AA", "N1 9GU", "M1 1AE", "B1 1BB", "LS1 4DY", "E1 6AN", "SE1 7PB", "EH1 1YZ"],
)


COMMON_SHARE = (0.2, 0.08)
"""People carrying one of the 150 commonest family names, in Britain and in France (the rest
a name of the long tail): in England the 100 commonest cover about a fifth of the people,
in France about one person in twenty (Martin alone 0.4 %)."""
SYLLABLES = _words(
    """
ker lan bra gou riv mon lac roch gar del bou cha fer vil ber mar tal per sau lem qui dra
bes cor pla jou mau tis val gri lou sal poi fon bon car dur mic nor chau
|
ville mont ac eau et in ard ier ot ault ez as oux enne ec ou ic el on ais erre ade oul
|
ash wor brook ing ham ley craw ford bar dal fen kirk mor pen ross sel thorn war ald bir
cal dun elm gar hol lang mark nor ox pick rad stan tun wes yar bris cob
|
ton field by well worth wick son ley ridge dale more den croft hurst stead wood lock gate
"""
)
"""Syllables of long-tail family names: French starts, French ends, English starts, ends."""


def _zipf(names: Sequence[str], exponent: float = 1.0) -> list[float]:
    total, cumulative = 0.0, []
    for rank in range(1, len(names) + 1):
        total += 1 / rank**exponent
        cumulative.append(total)
    return cumulative


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _slug(text: str) -> str:
    return "".join(c for c in fold(text).lower() if c.isalnum())


@dataclass
class Person:
    """One real person and what they use."""

    ident: int
    language: int
    given: str
    family: str
    mobile: str
    household: Household
    email: str | None = None
    handle: str | None = None
    nickname: str | None = None


@dataclass
class Household:
    """People sharing a family name, an address, and maybe a landline."""

    family: str
    postcode: str
    address: str
    landline: str | None


@dataclass(frozen=True)
class Record:
    """One customer record as a channel made it, and who it really is."""

    person: int
    channel: str
    name: str
    postcode: str | None
    contacts: tuple[tuple[str, str], ...]


@dataclass
class Population:
    """The records to store, the persons behind them, and the truth."""

    records: list[Record] = field(default_factory=list)
    persons: int = 0


class Generator:
    """Draws people, households and their records with a seeded random source."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.weights = {
            "family": (_zipf(FRENCH_FAMILY, 0.8), _zipf(ENGLISH_FAMILY, 0.8)),
            "given": (_zipf(FRENCH_GIVEN, 0.5), _zipf(ENGLISH_GIVEN, 0.5)),
        }
        self.numbers: set[str] = set()
        self.taken: set[str] = set()
        """Email addresses and handles already someone's: each is one person's."""

    def pick(self, names: Sequence[str], weights: list[float]) -> str:
        return self.rng.choices(names, cum_weights=weights)[0]

    def phone(self, language: int, mobile: bool) -> str:
        while True:
            if language:  # France: 06/07 mobiles, 01 landlines
                head = self.rng.choice(("+336", "+337")) if mobile else "+331"
                number = head + "".join(self.rng.choice("0123456789") for _ in range(8))
            else:
                head = "+447" if mobile else "+4420"
                rest = 9 if mobile else 8
                number = head + "".join(self.rng.choice("0123456789") for _ in range(rest))
            if number not in self.numbers:
                self.numbers.add(number)
                return number

    def rare_family(self, language: int) -> str:
        """A family name of the long tail (two or three syllables of the country)."""
        groups = " ".join(SYLLABLES).split("|")
        starts = groups[2 * (1 - language)].split()
        ends = groups[2 * (1 - language) + 1].split()
        middle = self.rng.choice(starts) if self.rng.random() < 0.4 else ""
        return (self.rng.choice(starts) + middle + self.rng.choice(ends)).title()

    def unique(self, value: str) -> str:
        """``value``, or with digits added when someone else has it already."""
        found = value
        while found in self.taken:
            head, at, tail = value.partition("@")
            found = f"{head}{self.rng.randrange(2, 999)}{at}{tail}"
        self.taken.add(found)
        return found

    def household(self, language: int) -> Household:
        if self.rng.random() < COMMON_SHARE[language]:
            family = self.pick(
                (ENGLISH_FAMILY, FRENCH_FAMILY)[language], self.weights["family"][1 - language]
            )
        else:
            family = self.rare_family(language)
        postcode = self.rng.choice(POSTCODES[1 - language])
        street = self.rng.randrange(1, 200)
        address = (
            f"{street} rue des Lilas, {postcode} Paris"
            if language
            else f"{street} High Street, {postcode} London"
        )
        landline = self.phone(language, mobile=False) if self.rng.random() < 0.5 else None
        return Household(family, postcode, address, landline)

    def person(self, ident: int, language: int, household: Household) -> Person:
        given = self.pick(
            (ENGLISH_GIVEN, FRENCH_GIVEN)[language], self.weights["given"][1 - language]
        )
        person = Person(
            ident, language, given, household.family, self.phone(language, True), household
        )
        nicknames = [
            n for n, full in NICKNAMES.items() if _slug(given) in full and n != _slug(given)
        ]
        if nicknames and self.rng.random() < 0.4:
            person.nickname = self.rng.choice(nicknames).title()
        person.email = self.email(person)
        person.handle = self.handle(person)
        return person

    def email(self, p: Person) -> str:
        given, family = _slug(p.given), _slug(p.family)
        digits = str(self.rng.randrange(10, 99))
        shapes = [
            f"{given}.{family}",
            f"{given}{family}",
            f"{given[0]}{family}",
            f"{given[0]}.{family}{digits}",
            f"{family}.{given}",
            f"{given}{digits}",
            f"{self.rng.choice(HOBBIES)}{digits}",
        ]
        if p.nickname:
            shapes.append(f"{_slug(p.nickname)}.{family}")
        weights = [30, 12, 12, 8, 8, 6, 6, 8][: len(shapes)]
        local = self.rng.choices(shapes, weights=weights)[0]
        return self.unique(f"{local}@{self.rng.choice(DOMAINS[1 - p.language])}")

    def handle(self, p: Person) -> str:
        given, family = _slug(p.given), _slug(p.family)
        local = p.email.partition("@")[0].replace(".", "") if p.email else given
        shapes = [
            f"{given}{family}",
            f"{given}_{family}",
            f"{given}{family}{self.rng.randrange(1, 99)}",
            local,  # the same name everywhere
            f"{self.rng.choice(HOBBIES)}{self.rng.randrange(1, 999)}",
        ]
        return self.unique(self.rng.choices(shapes, weights=[30, 10, 15, 25, 20])[0])

    # --- the name as each channel writes it ---

    def typed(self, p: Person) -> str:
        """The name an agent typed on the phone or at the counter."""
        given, family = p.given, p.family
        roll = self.rng.random()
        if roll < 0.15:
            given, family = fold(given), fold(family)
        elif roll < 0.25:
            family = self._typo(family)
        elif roll < 0.32:
            return f"{family.upper()} {given}"
        elif roll < 0.38:
            title = self.rng.choice(TITLES[:2] if p.language else TITLES[2:])
            return f"{title} {given} {family}"
        elif roll < 0.42 and p.nickname:
            given = p.nickname
        return f"{given} {family}"

    def display(self, p: Person, channel: str) -> str | None:
        """The display name a mail program or a social account gives (None: none)."""
        roll = self.rng.random()
        if channel == "email":
            if roll < 0.25:
                return None
            if roll < 0.35:
                return f"{p.given[0]}. {p.family}"
            return f"{p.given} {p.family}"
        if channel == "facebook":
            return f"{p.nickname or p.given} {p.family}" if roll < 0.2 else f"{p.given} {p.family}"
        if roll < 0.45:
            return f"{p.given} {p.family}"
        if roll < 0.6:
            return f"{p.given} {p.family[0]}."
        if roll < 0.7 and p.nickname:
            return f"{p.nickname} {p.family}"
        return None

    def _typo(self, word: str) -> str:
        if len(word) < 5:
            return word
        at = self.rng.randrange(1, len(word) - 1)
        kind = self.rng.random()
        if kind < 0.4:
            return word[:at] + word[at + 1 :]
        if kind < 0.7:
            return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        return word[:at] + self.rng.choice("aeiourstln") + word[at + 1 :]

    # --- records ---

    def records(self, p: Person) -> list[Record]:
        channels = ["phone", "email", "x", "facebook", "shop", "instagram"]
        count = self.rng.choices([1, 2, 3, 4], weights=[45, 30, 15, 10])[0]
        chosen = self.rng.sample(channels, count)
        return [self.record(p, channel) for channel in chosen]

    def record(self, p: Person, channel: str) -> Record:
        if channel in ("phone", "shop"):
            number = (
                p.household.landline
                if p.household.landline and self.rng.random() < 0.3
                else p.mobile
            )
            postcode = (
                p.household.postcode
                if self.rng.random() < (0.8 if channel == "shop" else 0.35)
                else None
            )
            contacts = [("phone", number)]
            if channel == "shop" and self.rng.random() < 0.5:
                contacts.append(("postal", p.household.address))
            return Record(p.ident, channel, self.typed(p), postcode, tuple(contacts))
        if channel == "email":
            assert p.email is not None
            name = self.display(p, "email") or p.email.partition("@")[0]
            return Record(p.ident, channel, name, None, (("email", p.email),))
        if channel == "facebook":
            name = self.display(p, "facebook") or f"{p.given} {p.family}"
            # Facebook makes the handle of an export from the name: two namesakes share one,
            # as a real export makes them (intake then matches them: not ours to measure).
            handle = "facebook:@" + self.unique(re.sub(r"[^\w]+", ".", name.lower()).strip("."))
            return Record(p.ident, channel, name, None, ((("social", handle)),))
        assert p.handle is not None
        name = self.display(p, channel) or p.handle
        return Record(p.ident, channel, name, None, (("social", f"{channel}:@{p.handle.lower()}"),))


def population(persons: int, seed: int = 18) -> Population:
    """Return ``persons`` people's records (households of one to four people)."""
    generator = Generator(seed)
    found = Population(persons=persons)
    ident = 0
    while ident < persons:
        language = 1 if generator.rng.random() < 0.6 else 0
        household = generator.household(language)
        size = generator.rng.choices([1, 2, 3, 4], weights=[40, 35, 15, 10])[0]
        for _ in range(min(size, persons - ident)):
            found.records += generator.records(generator.person(ident, language, household))
            ident += 1
    return found

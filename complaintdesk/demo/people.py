"""Names, addresses and contact points of demo people, English and French.

Customer e-mail addresses live under the reserved ``.example`` top-level domain, so a demo
database wired to a real mail server can never write to a real person.
"""

from __future__ import annotations

import unicodedata

GIVEN_NAMES = (
    (
        "Oliver",
        "George",
        "Harry",
        "Jack",
        "Amelia",
        "Olivia",
        "Isla",
        "Ava",
        "Emily",
        "Sophie",
        "James",
        "William",
        "Thomas",
        "Charlotte",
        "Mia",
        "Noah",
        "Leo",
        "Grace",
        "Freya",
        "Alfie",
        "Chloe",
        "Daniel",
        "Hannah",
        "Samuel",
        "Priya",
        "Mohammed",
        "Aisha",
        "Sean",
        "Siobhan",
        "Rhys",
        "Megan",
        "Eleanor",
        "Callum",
        "Ruth",
        "Kwame",
        "Zara",
    ),
    (
        "Camille",
        "Léa",
        "Manon",
        "Chloé",
        "Inès",
        "Jade",
        "Louise",
        "Emma",
        "Hugo",
        "Lucas",
        "Louis",
        "Gabriel",
        "Arthur",
        "Jules",
        "Raphaël",
        "Théo",
        "Nathan",
        "Élodie",
        "Hélène",
        "Sébastien",
        "François",
        "Amélie",
        "Zoé",
        "Maël",
        "Noémie",
        "Jérôme",
        "Cécile",
        "Stéphane",
        "Benoît",
        "Françoise",
        "Yasmine",
        "Karim",
        "Anaïs",
        "Loïc",
        "Gaëlle",
    ),
)
FAMILY_NAMES = (
    (
        "Smith",
        "Jones",
        "Taylor",
        "Brown",
        "Williams",
        "Wilson",
        "Johnson",
        "Davies",
        "Robinson",
        "Wright",
        "Thompson",
        "Evans",
        "Walker",
        "White",
        "Roberts",
        "Green",
        "Hall",
        "Wood",
        "Jackson",
        "Clarke",
        "Patel",
        "Khan",
        "Lewis",
        "Phillips",
        "Mason",
        "Mitchell",
        "O'Brien",
        "Murphy",
        "Kelly",
        "Hughes",
        "Edwards",
        "Okafor",
        "Nowak",
        "Campbell",
    ),
    (
        "Martin",
        "Bernard",
        "Dubois",
        "Thomas",
        "Robert",
        "Richard",
        "Petit",
        "Durand",
        "Leroy",
        "Moreau",
        "Simon",
        "Laurent",
        "Lefèvre",
        "Michel",
        "Garcia",
        "David",
        "Bertrand",
        "Roux",
        "Vincent",
        "Fournier",
        "Morel",
        "Girard",
        "André",
        "Mercier",
        "Dupont",
        "Lambert",
        "Bonnet",
        "Legrand",
        "Garnier",
        "Faure",
        "Rousseau",
        "Guérin",
        "Muller",
        "Perrin",
        "Chevalier",
        "Béranger",
        "Châtelain",
        "Nguyen",
        "Benali",
        "Da Silva",
    ),
)
COMPANIES = (
    ("{family} & Sons Ltd", "{family} Plumbing Ltd", "{family} Consulting", "The {family} Café"),
    ("Boulangerie {family}", "Garage {family} SARL", "Cabinet {family}", "Transports {family}"),
)
MAIL_DOMAINS = (
    ("gmail.example", "outlook.example", "btinternet.example", "yahoo.example", "icloud.example"),
    ("orange.example", "free.example", "laposte.example", "gmail.example", "sfr.example"),
)
ADDRESSES = (
    (
        ("High Street", "London", "EC2M 7PY"),
        ("Station Road", "Manchester", "M1 1AE"),
        ("Church Lane", "Bristol", "BS1 4DJ"),
        ("Victoria Road", "Leeds", "LS1 5AA"),
        ("Mill Lane", "Cambridge", "CB2 1TN"),
    ),
    (
        ("rue de la République", "Lyon", "69002"),
        ("avenue Jean Jaurès", "Paris", "75019"),
        ("rue Sainte-Catherine", "Bordeaux", "33000"),
        ("boulevard de la Liberté", "Lille", "59000"),
        ("rue Nationale", "Tours", "37000"),
        ("place de l'Église", "Saint-Étienne", "42000"),
    ),
)
SOCIAL_PLATFORMS = ("twitter", "twitter", "facebook", "instagram")


def ascii_word(text: str) -> str:
    """Return ``text`` lower-cased without accents, spaces or apostrophes (for addresses)."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (c for c in decomposed if c.isascii() and c.isalnum())
    return "".join(kept).lower()


def phone_number(language: int, serial: int) -> str:
    """Return a valid E.164 mobile number, a different one for each ``serial``.

    Only number ranges that are valid mobile ranges are used (UK 071-073, French 060-062
    and 064-068), and the digits are a bijection of the serial, so customers never share.
    """
    if language == 0:
        lead, rest = "123"[serial % 3], serial // 3
        return f"+447{lead}{(rest * 7_919_317 + 13_579) % 10**8:08d}"
    lead, rest = "01245678"[serial % 8], serial // 8
    return f"+336{lead}{(rest * 7_919_317 + 13_579) % 10**7:07d}"


def email_address(given: str, family: str, serial: int, domain: str) -> str:
    """Return a lower-cased address unique to ``serial``, like real ones: name and digits."""
    return f"{ascii_word(given)}.{ascii_word(family)}{serial}@{domain}"


def social_handle(platform: str, given: str, family: str, serial: int) -> str:
    """Return a normalised ``platform:@handle`` unique to ``serial``."""
    return f"{platform}:@{ascii_word(given)[:8]}_{ascii_word(family)[:6]}{serial}"


def postal_address(language: int, number: int, street: tuple[str, str, str]) -> str:
    """Return a one-line postal address in the country's usual order."""
    name, city, postcode = street
    if language == 0:
        return f"{number} {name}, {city} {postcode}"
    return f"{number} {name}, {postcode} {city}"

"""Contact points in normalised form, so a customer is recognised on every channel."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from complaintdesk.domain.errors import InvalidContactPoint
from complaintdesk.domain.vocabulary import ContactKind

_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")
# One-letter platforms exist (``x:@jdoe``).
_HANDLE = re.compile(r"^[a-z][a-z0-9_.-]{0,30}:@?[\w.-]{1,100}$")


@dataclass(frozen=True)
class ContactPointValue:
    """A normalised contact point: the key by which a customer is matched."""

    kind: ContactKind
    value: str


def normalise_email(raw: str) -> str:
    """Return a lower-cased address, or raise for something that is not one."""
    candidate = raw.strip().strip("<>").strip().lower()
    if not _EMAIL.match(candidate):
        raise InvalidContactPoint(f"{raw.strip()!r} is not an email address.", "email")
    return candidate


_TIMEZONE_REGIONS = {"Europe/London": "GB", "Europe/Paris": "FR", "Europe/Brussels": "BE"}


def phone_region(timezone: str) -> str:
    """Return the country (ISO 3166) whose national numbers a site in ``timezone`` reads.

    One rule for every channel: a clerk in London who types ``020 7946 0000`` means a UK
    number, an agent in Paris who types ``06 12 34 56 78`` a French one.
    """
    if timezone.startswith("America/"):
        return "US"
    return _TIMEZONE_REGIONS.get(timezone, "FR")


def normalise_phone(raw: str, default_region: str = "FR") -> str:
    """Return the E.164 form of a phone number, reading national numbers in ``default_region``.

    Raises:
        ValidationError: the number cannot be a real phone number.
    """
    text = raw.strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException:
        raise InvalidContactPoint(f"{raw.strip()!r} is not a phone number.", "phone") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidContactPoint(f"{raw.strip()!r} is not a valid phone number.", "phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_social(raw: str) -> str:
    """Return ``platform:@handle`` lower-cased (``Twitter: @Jane`` → ``twitter:@jane``)."""
    platform, _, handle = raw.strip().partition(":")
    handle = handle.strip().lstrip("@").lower()
    value = f"{platform.strip().lower()}:@{handle}"
    if not handle or not _HANDLE.match(value):
        raise InvalidContactPoint(
            f"{raw.strip()!r} is not a social handle (platform:handle).", "social"
        )
    return value


def normalise_postal(raw: str) -> str:
    """Return a postal address with whitespace collapsed."""
    value = " ".join(raw.split())
    if not value:
        raise InvalidContactPoint("A postal address cannot be empty.", "postal")
    return value


def normalise(kind: ContactKind, raw: str, default_region: str = "FR") -> ContactPointValue:
    """Return the normalised contact point of ``kind`` written as ``raw``."""
    match kind:
        case ContactKind.EMAIL:
            value = normalise_email(raw)
        case ContactKind.PHONE:
            value = normalise_phone(raw, default_region)
        case ContactKind.SOCIAL:
            value = normalise_social(raw)
        case ContactKind.POSTAL:
            value = normalise_postal(raw)
    return ContactPointValue(kind, value)

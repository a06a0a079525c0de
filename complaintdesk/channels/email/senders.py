"""Who wrote a message: the address a person can answer, salvaged from damaged headers.

Real mail carries From headers no parser reads as written: ``Big Bug bb@bug.com`` (no angle
brackets), ``"Jane Doe <jane@example.com>`` (an unbalanced quote), two addresses without a
comma. The address is salvaged rather than the message refused; only when no field holds
an address anybody could answer does the message go to the quarantine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from email.utils import getaddresses

from complaintdesk.channels.email.headers import CONTROL, decode_words, raw_header, unsurrogate
from complaintdesk.domain.customers.contacts import normalise_email
from complaintdesk.domain.errors import InvalidContactPoint

FIELDS = ("From", "Sender", "Reply-To")
MAX_ADDRESS = 254
_ANGLED = re.compile(r"<\s*([^<>\s]+@[^<>\s]+?)\s*>")
_SEPARATORS = re.compile(r"[\s,;]+")
_NAME_NOISE = " \t\"'<>,;:()[]"
_COMMENT = re.compile(r"\([^()]*\)")
_SPACED_DOT = re.compile(r"\s*([.@])\s*")


@dataclass(frozen=True)
class Sender:
    """The author of a message: a usable address, or what the fields said instead."""

    address: str | None
    name: str | None
    said: str | None = None
    """The From (or Sender, Reply-To) as written, when no usable address was found."""


def sender_of(message: Message) -> Sender:
    """Return who wrote ``message``: the first usable address of From, Sender or Reply-To."""
    said = None
    for field in FIELDS:
        raw = raw_header(message, field)
        if not raw or not raw.strip():
            continue
        # Addresses are split before the display names are decoded: a decoded name may
        # hold the commas and quotes that separate addresses.
        unfolded = " ".join(CONTROL.sub(" ", unsurrogate(raw)).split())
        found = address_in(unfolded)
        if found is not None:
            return found
        said = said or " ".join(decode_words(unfolded).split())[:300]
    return Sender(None, None, said)


def address_in(value: str) -> Sender | None:
    """Return the first usable address in a header value, salvaging damaged syntax."""
    for display, address in getaddresses([value]):
        usable = usable_address(decode_words(address))
        if usable is not None:
            return Sender(usable, _name(decode_words(display)))
    for match in _ANGLED.finditer(value):  # an unbalanced quote hides the brackets from parsing
        usable = usable_address(match.group(1))
        if usable is not None:
            return Sender(usable, _name(decode_words(value[: match.start()])))
    tidied = _tidy(value)
    if tidied != value:  # obsolete syntax: comments and spaces inside the address
        return address_in(tidied)
    tokens = _SEPARATORS.split(value)
    for index, token in enumerate(tokens):  # an address written without brackets
        usable = usable_address(token.strip(_NAME_NOISE))
        if usable is not None:
            return Sender(usable, _name(decode_words(" ".join(tokens[:index]))))
    return None


def _tidy(value: str) -> str:
    """Drop comments and the spaces obsolete syntax allows around ``.`` and ``@``."""
    without = _COMMENT.sub(" ", value)
    return _SPACED_DOT.sub(r"\1", without).strip()


def usable_address(text: str) -> str | None:
    """Return ``text`` as a lower-cased address somebody could answer, or None."""
    if not text or "@" not in text or len(text) > MAX_ADDRESS:
        return None
    try:
        return normalise_email(text)
    except InvalidContactPoint:
        return None


def _name(text: str) -> str | None:
    name = _COMMENT.sub(" ", text)
    if "(" in name and ")" not in name:  # a comment left open
        name = name.split("(", 1)[0]
    name = " ".join(name.split()).strip(_NAME_NOISE)
    return name or None

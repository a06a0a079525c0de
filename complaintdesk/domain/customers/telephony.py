"""Numbers as telephony software hands them over: a ``tel:`` URI (RFC 3966) or digits.

A pure rule, so the screen pop, the ``complaintdesk call`` command and the GUI read numbers
alike; the number is then normalised to E.164 in the region of the agent's site.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from complaintdesk.domain.errors import InvalidContactPoint

SCHEMES = ("tel:", "callto:", "phone:")
"""``tel:`` is the standard; some softphones pass ``callto:`` or ``phone:``."""
_VISUAL_SEPARATORS = re.compile(r"[\s\-.()/\[\]]")
"""RFC 3966 section 5.1.1: separators that carry no meaning, only readability."""
_DIALLABLE = re.compile(r"^\+?[0-9]{2,20}$")
MAX_LENGTH = 200


def dialled_number(text: str) -> str:
    """Return the number in ``text`` (a ``tel:`` URI or a typed number), separators removed.

    Parameters of a URI (``;ext=``, ``;phone-context=``, ``;isub=``) are dropped: the screen
    pop looks up the line the customer calls from, not an extension. A typed number is
    returned as typed (trimmed): the services read it in the agent's country.

    Raises:
        InvalidContactPoint: ``text`` is a URI whose number is not diallable, or is empty.
    """
    given = text.strip()[:MAX_LENGTH]
    lowered = given.lower()
    scheme = next((s for s in SCHEMES if lowered.startswith(s)), None)
    if scheme is None:
        if not given:
            raise InvalidContactPoint("No phone number was given.", "phone")
        return given
    body = unquote(given[len(scheme) :]).lstrip("/")
    number = _VISUAL_SEPARATORS.sub("", body.split(";", 1)[0].split("?", 1)[0])
    if not _DIALLABLE.match(number):
        raise InvalidContactPoint(f"{given!r} does not hold a phone number.", "phone")
    return number

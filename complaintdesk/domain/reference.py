"""Human complaint references ``SITE-YY-NNNNN``, one sequence per site and year."""

from __future__ import annotations

import re

from complaintdesk.domain.errors import ValidationError

_PATTERN = re.compile(r"^([A-Z][A-Z0-9]{1,9})-(\d{2})-(\d{5,})$")
SITE_CODE = re.compile(r"\A[A-Z][A-Z0-9]{1,9}\Z")  # \Z: "$" would let "HQ\n" through


def format_reference(site_code: str, year: int, number: int) -> str:
    """Return the reference of the ``number``-th complaint of ``site_code`` in ``year``."""
    if not SITE_CODE.match(site_code):
        raise ValidationError(f"Site code {site_code!r} must be 2-10 capital letters or digits.")
    if number < 1:
        raise ValidationError("Reference numbers start at 1.")
    return f"{site_code}-{year % 100:02d}-{number:05d}"


def parse_reference(text: str) -> tuple[str, int, int] | None:
    """Return ``(site_code, yy, number)`` for a reference, or None if it is not one."""
    match = _PATTERN.match(text.strip().upper())
    if match is None:
        return None
    return match.group(1), int(match.group(2)), int(match.group(3))


REFERENCE_IN_TEXT = re.compile(r"\b([A-Z][A-Z0-9]{1,9}-\d{2}-\d{5,})\b")


RESERVE = 1_000_000
"""Numbers from ``RESERVE × n`` up belong to the replica numbered ``n`` alone.

A branch workstation numbers its complaints from blocks the central server hands it at each
round; one that runs out of blocks while offline falls back on its reserve, so two places
can never give out the same reference. Numbers below ``RESERVE`` are the central server's
to give out, directly or in blocks."""


def reserve_of(replica_number: int) -> tuple[int, int]:
    """Return the first and last number of replica ``replica_number``'s reserve."""
    if replica_number < 1:
        raise ValidationError("Only a registered branch workstation has a reserve of numbers.")
    return RESERVE * replica_number + 1, RESERVE * (replica_number + 1) - 1


def central_number(number: int) -> bool:
    """Return True if ``number`` is one the central server hands out (not a reserve's)."""
    return 0 < number < RESERVE

"""When the customer sent a complaint, as far as we can believe what it claims.

A complaint stores two instants: when it reached us (``received_at``) and when the customer
sent it (``sent_at``: the date written on a letter, an email's Date header, the day the CFPB
received it from the consumer). Some presets count from the sending (ACPR 2022-R-01, "à
compter de votre envoi"), so a claimed sending instant is kept only within sane bounds.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from complaintdesk.domain.errors import ValidationError

CLOCK_SKEW = timedelta(minutes=5)
"""How far after the receipt a sending instant may claim to be (another machine's clock)."""
EMAIL_WINDOW = timedelta(days=7)
"""An email's Date header older than this before receipt is a wrong clock or an old draft:
mail servers give up delivering after about five days (RFC 5321 section 4.5.4.1)."""
LETTER_WINDOW = timedelta(days=366)
"""A letter dated more than a year before it reached us is a typing mistake."""


def believable_sent_at(
    claimed: datetime | None, received: datetime, window: timedelta | None
) -> datetime | None:
    """Return the sending instant to keep, or None when unknown or not believable.

    Args:
        claimed: what the message says (naive instants are not believable).
        received: when it reached us.
        window: how long before ``received`` it may have been sent (None: no limit).

    A claim a few minutes after the receipt (clock skew) is kept as the receipt itself.
    """
    if claimed is None or claimed.tzinfo is None:
        return None
    if claimed > received + CLOCK_SKEW:
        return None
    if window is not None and received - claimed > window:
        return None
    return min(claimed, received)


def checked_letter_date(claimed: datetime | None, received: datetime) -> datetime | None:
    """Return a letter's date typed by a person, refusing one that cannot be right.

    Raises:
        ValidationError: the date is after the receipt, or more than a year before it.
    """
    if claimed is None:
        return None
    if claimed.tzinfo is None:
        raise ValidationError("The letter's date needs a time zone.")
    if claimed > received + CLOCK_SKEW:
        raise ValidationError("The letter's date is after the day it was received.")
    if received - claimed > LETTER_WINDOW:
        raise ValidationError("The letter's date is more than a year before it was received.")
    return min(claimed, received)

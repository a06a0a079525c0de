"""The customer's sending instant, kept only when believable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.promises import instants

RECEIVED = datetime(2026, 2, 5, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("claimed", "window", "kept"),
    [
        (RECEIVED - timedelta(days=2), instants.EMAIL_WINDOW, RECEIVED - timedelta(days=2)),
        (RECEIVED + timedelta(minutes=3), instants.EMAIL_WINDOW, RECEIVED),  # clock skew
        (RECEIVED + timedelta(hours=2), instants.EMAIL_WINDOW, None),  # a clock in the future
        (RECEIVED - timedelta(days=8), instants.EMAIL_WINDOW, None),  # an old draft
        (RECEIVED - timedelta(days=215), None, RECEIVED - timedelta(days=215)),  # CFPB
        (None, None, None),
        (datetime(2026, 2, 1, 9, 0), None, None),  # naive: no zone, not believable
    ],
)
def test_a_claimed_sending_instant_is_kept_within_bounds(
    claimed: datetime | None, window: timedelta | None, kept: datetime | None
) -> None:
    assert instants.believable_sent_at(claimed, RECEIVED, window) == kept


def test_a_letter_date_typed_by_a_person_is_refused_when_impossible() -> None:
    assert instants.checked_letter_date(None, RECEIVED) is None
    dated = RECEIVED - timedelta(days=30)
    assert instants.checked_letter_date(dated, RECEIVED) == dated
    with pytest.raises(ValidationError, match="after the day it was received"):
        instants.checked_letter_date(RECEIVED + timedelta(days=1), RECEIVED)
    with pytest.raises(ValidationError, match="more than a year"):
        instants.checked_letter_date(RECEIVED - timedelta(days=400), RECEIVED)

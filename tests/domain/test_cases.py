"""Merge rules: what may be merged, and what the kept complaint becomes."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from complaintdesk.domain import cases
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.vocabulary import Status

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LEA = uuid.uuid4()
ANN = uuid.uuid4()


def case(reference: str, **changes: object) -> cases.CaseFacts:
    base = cases.CaseFacts(
        id=uuid.uuid4(),
        reference=reference,
        customer_id=LEA,
        customer_name="Léa Martin",
        status=Status.IN_PROGRESS,
        owner_id=ANN,
        priority=3,
        received_at=T0,
        acknowledged_at=None,
        first_response_at=None,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_the_kept_complaint_counts_from_the_earliest_receipt_and_keeps_what_was_done() -> None:
    kept = case("HQ-26-00002", received_at=T0 + timedelta(days=1), owner_id=None)
    earlier = case(
        "HQ-26-00001",
        acknowledged_at=T0 + timedelta(hours=2),
        priority=2,
        owner_id=ANN,
    )

    assert cases.merged_fields(kept, earlier) == {
        "received_at": T0,
        "acknowledged_at": T0 + timedelta(hours=2),
        "priority": 2,
        "owner_id": ANN,
    }


def test_the_kept_owner_stays_the_owner() -> None:
    other_owner = uuid.uuid4()
    assert "owner_id" not in cases.merged_fields(case("A"), case("B", owner_id=other_owner))


@pytest.mark.parametrize(
    ("kept", "merged", "message"),
    [
        (case("A"), case("B", customer_id=uuid.uuid4()), "merge the customers first"),
        (case("A", status=Status.MERGED), case("B"), "already merged"),
        (case("A", status=Status.WITHDRAWN), case("B"), "withdrawn"),
        (case("A", status=Status.CLOSED), case("B"), "keep the open one"),
    ],
)
def test_merges_that_would_hide_something_are_refused(
    kept: cases.CaseFacts, merged: cases.CaseFacts, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        cases.check_merge(kept, merged)


def test_a_complaint_is_not_merged_into_itself() -> None:
    one = case("A")
    with pytest.raises(ValidationError, match="itself"):
        cases.check_merge(one, one)


def test_the_same_grievance_in_other_words_resembles_and_another_does_not() -> None:
    refund = "Remboursement de la commande 4411 jamais reçu"
    again = "Commande 4411 annulée : toujours pas de remboursement"
    other = "Le livreur a cassé mon portail"

    assert cases.resemblance(refund, again) >= cases.RESEMBLANCE
    assert cases.resembling(refund, [("again", again), ("other", other)])[0][0] == "again"
    assert cases.resemblance(refund, other) == 0.0


def test_a_deadline_counted_from_the_sending_counts_from_the_first_sent() -> None:
    kept = case("HQ-26-00002", received_at=T0 + timedelta(days=2))
    letter = case("HQ-26-00001", received_at=T0 + timedelta(days=3), sent_at=T0)

    assert cases.merged_fields(kept, letter) == {"sent_at": T0}

"""Numbers as telephony software passes them (RFC 3966 ``tel:`` URIs) and as people type them."""

from __future__ import annotations

import pytest

from complaintdesk.domain.customers.telephony import dialled_number
from complaintdesk.domain.errors import InvalidContactPoint


@pytest.mark.parametrize(
    ("given", "number"),
    [
        ("tel:+33612345678", "+33612345678"),
        ("tel:+33-6-12-34-56-78", "+33612345678"),
        ("TEL:+33.6.12.34.56.78", "+33612345678"),
        ("tel:+44-20-7946-0018;ext=12", "+442079460018"),
        ("tel:0612345678;phone-context=+33", "0612345678"),
        ("tel:%2B33%206%2012%2034%2056%2078", "+33612345678"),
        ("callto:+33612345678", "+33612345678"),
        ("tel://+33612345678", "+33612345678"),
        ("  06 12 34 56 78 ", "06 12 34 56 78"),
    ],
)
def test_the_number_is_taken_out_of_what_telephony_passes(given: str, number: str) -> None:
    assert dialled_number(given) == number


@pytest.mark.parametrize("given", ["tel:", "tel:;ext=1", "tel:anonymous", "tel:+33 6 12 ab", "  "])
def test_no_number_is_refused_in_plain_words(given: str) -> None:
    with pytest.raises(InvalidContactPoint):
        dialled_number(given)

"""Contact points read the way the site's people say them."""

from __future__ import annotations

from complaintdesk.domain.customers.contacts import normalise_phone, phone_region


def test_a_national_number_is_read_in_the_country_of_the_site() -> None:
    assert normalise_phone("06 12 34 56 78", phone_region("Europe/Paris")) == "+33612345678"
    assert normalise_phone("020 7946 0018", phone_region("Europe/London")) == "+442079460018"
    assert normalise_phone("(202) 555-0173", phone_region("America/New_York")) == "+12025550173"


def test_an_international_number_ignores_the_site() -> None:
    assert normalise_phone("+44 20 7946 0018", phone_region("Europe/Paris")) == "+442079460018"

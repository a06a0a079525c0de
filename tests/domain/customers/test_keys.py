"""Match keys: blocks of names, and the letters of handles and local parts."""

from __future__ import annotations

import pytest

from complaintdesk.domain.customers import keys


@pytest.mark.parametrize(
    ("word", "code"),
    [("robert", "R163"), ("rupert", "R163"), ("ashcraft", "A261"), ("tymczak", "T522")],
)
def test_soundex_is_the_standard_one(word: str, code: str) -> None:
    assert keys.soundex(word) == code


@pytest.mark.parametrize(
    "name", ["Léa Martin", "MARTIN Léa", "Martin, Léa", "L. Martin", "Mme Lea MARTIN", "lea.martin"]
)
def test_one_person_written_many_ways_has_one_block(name: str) -> None:
    assert "M635l" in keys.name_keys(name)


@pytest.mark.parametrize(
    ("kind", "value", "key"),
    [
        ("email", "Lea.Martin75@orange.fr", "leamartin"),
        ("email", "lea.martin+shop@gmail.com", "leamartin"),
        ("social", "x:@leamartin", "leamartin"),
        ("social", "facebook:@léa.martin", "leamartin"),
        ("email", "info@acme.fr", None),
        ("email", "jd@acme.fr", None),
        ("phone", "+33612345678", None),
    ],
)
def test_contact_keys_are_the_letters_a_person_chose(
    kind: str, value: str, key: str | None
) -> None:
    assert keys.contact_key(kind, value) == key


def test_a_name_is_spelled_the_ways_handles_spell_it() -> None:
    assert keys.name_idents("Bob Smith") >= {"bobsmith", "robertsmith", "smithbob", "bsmith"}
    assert keys.name_ident("Léa Martin") == "leamartin"

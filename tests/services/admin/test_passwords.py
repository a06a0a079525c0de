"""Password hashing with the parameters ComplaintDesk ships (not the cheap test ones)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, extract_parameters
from argon2.profiles import RFC_9106_LOW_MEMORY

from complaintdesk.domain.errors import ValidationError
from complaintdesk.services.admin import passwords


@pytest.fixture
def fast_password_hashing() -> None:
    """Override the suite's cheap hasher: these tests check the shipped one."""


def test_a_password_is_stored_as_an_argon2id_hash_that_verifies() -> None:
    stored = passwords.hash_password("correct horse")

    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert passwords.verify(stored, "correct horse")
    assert not passwords.verify(stored, "correct horsE")


def test_the_same_password_hashes_differently_each_time() -> None:
    assert passwords.hash_password("correct horse") != passwords.hash_password("correct horse")


def test_shipped_parameters_are_at_least_rfc_9106_low_memory() -> None:
    stored = extract_parameters(passwords.hash_password("correct horse"))
    floor = RFC_9106_LOW_MEMORY

    assert stored.memory_cost >= floor.memory_cost
    assert stored.time_cost >= floor.time_cost


def test_a_hash_made_with_weaker_parameters_asks_to_be_remade() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1).hash("correct horse")

    assert passwords.verify(weak, "correct horse")
    assert passwords.needs_rehash(weak)


def test_a_damaged_hash_never_verifies() -> None:
    assert not passwords.verify("not a hash", "correct horse")


@pytest.mark.parametrize("password", ["", "short", "7 chars"])
def test_a_password_under_eight_characters_is_refused(password: str) -> None:
    with pytest.raises(ValidationError, match="at least 8 characters"):
        passwords.check_strength(password)


def test_an_eight_character_password_is_accepted() -> None:
    passwords.check_strength("8 chars!")

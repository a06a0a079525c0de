"""Password hashing with argon2; hashes only, never the password itself."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from complaintdesk.domain.errors import ValidationError

_HASHER = PasswordHasher()
MIN_LENGTH = 8


def check_strength(password: str) -> None:
    """Refuse a password too short to be worth hashing."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"A password needs at least {MIN_LENGTH} characters.")


def hash_password(password: str) -> str:
    """Return the argon2 hash of ``password``."""
    return _HASHER.hash(password)


def verify(stored_hash: str, password: str) -> bool:
    """Return True if ``password`` matches ``stored_hash``."""
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Return True if the hash was made with weaker parameters than today's."""
    return _HASHER.check_needs_rehash(stored_hash)

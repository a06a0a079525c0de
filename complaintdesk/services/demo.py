"""Demo and benchmark data: realistic complaints across channels, sites and languages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from complaintdesk.storage.unit_of_work import UnitOfWorkFactory

Progress = Callable[[int, int], None]
"""Called with (complaints written, complaints asked for)."""


@dataclass(frozen=True)
class DemoUser:
    """A demo account the README lists."""

    login: str
    password: str
    role: str
    site_code: str
    display_name: str


DEMO_USERS: tuple[DemoUser, ...] = ()


@dataclass(frozen=True)
class SeedSummary:
    """What a seeding run wrote."""

    complaints: int
    messages: int
    customers: int
    users: int
    seconds: float


def is_seeded(uow_factory: UnitOfWorkFactory) -> bool:
    """Return True if demo data is already there."""
    raise NotImplementedError


def seed(
    uow_factory: UnitOfWorkFactory,
    *,
    complaints: int,
    seed: int = 1,
    progress: Progress | None = None,
) -> SeedSummary:
    """Write demo data (reference data once, then ``complaints`` complaints)."""
    raise NotImplementedError

"""Who is calling, and the unit of work they call through."""

from __future__ import annotations

import logging
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from complaintdesk.domain.errors import PermissionDenied, TransactionConflict
from complaintdesk.domain.permissions import Permission, allows
from complaintdesk.domain.vocabulary import Role
from complaintdesk.services.replicas.replication import BranchLink
from complaintdesk.storage.concurrency import transaction_errors
from complaintdesk.storage.unit_of_work import UnitOfWorkFactory

if TYPE_CHECKING:  # read models only: no service module is imported from here
    from complaintdesk.services.inbound.quarantined import (
        QuarantineView,
        ReleaseTarget,
        RetryResult,
    )

log = logging.getLogger(__name__)
T = TypeVar("T")
ATTEMPTS = 4


@dataclass(frozen=True)
class Actor:
    """The signed-in user, as services need them."""

    user_id: uuid.UUID | None
    """None for the command line acting as an administrator."""
    login: str
    display_name: str
    role: Role
    site_id: uuid.UUID
    site_code: str
    team_queue: str | None
    function_ids: frozenset[uuid.UUID]
    language: str = "en"

    def can(self, permission: Permission) -> bool:
        """Return True if this actor's role carries ``permission``."""
        return allows(self.role, permission)

    def require(self, permission: Permission) -> None:
        """Raise :class:`PermissionDenied` unless the role carries ``permission``."""
        if not self.can(permission):
            raise PermissionDenied(
                f"Your role ({self.role.value}) does not allow this ({permission.value})."
            )


@dataclass(frozen=True)
class ServiceContext:
    """What every service call takes: the unit-of-work factory and the caller."""

    uow: UnitOfWorkFactory
    actor: Actor


class QuarantineChannels(Protocol):
    """What the channels offer the screens: an item read again, or attached by hand.

    Reading an item needs the channel that read it first (:mod:`complaintdesk.channels`),
    which services may not call; the wiring (``app.py``) hands it to the GUI here.
    """

    def retry(self, ctx: ServiceContext, item_id: uuid.UUID) -> RetryResult:
        """Read a waiting item again and store it (idempotent)."""
        ...

    def release(
        self, ctx: ServiceContext, item_id: uuid.UUID, target: ReleaseTarget
    ) -> QuarantineView:
        """Attach a waiting item to the customer or complaint a person picked."""
        ...


@dataclass(frozen=True)
class Connection:
    """An open database as the GUI sees it: opaque units of work and a description."""

    uow: UnitOfWorkFactory
    description: str
    """The database in use, password hidden (for the status bar)."""
    mode: str = "standalone"
    branch: BranchLink | None = None
    """A branch replica's link to the central server (None in other modes)."""
    quarantine: QuarantineChannels | None = None
    """The channels that read quarantined items again (retry, release by hand)."""


def retrying(call: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """Run a service call, and again (up to ``attempts`` times) when the database gave way.

    A deadlock broken or a serialization refused by PostgreSQL rolls the whole unit of work
    back: nothing was saved, so doing it again is what the person would do, without asking
    them. A call that had already committed a unit of work before the conflict is not run
    again (it would do that part twice): the person is told, in plain words.

    Raises:
        TransactionConflict: still refused after ``attempts``, or after a commit.
    """
    for attempt in range(1, attempts + 1):
        with transaction_errors.attempt() as commits:
            try:
                return call()
            except TransactionConflict:
                if commits.get() or attempt == attempts:
                    raise
                log.info("transaction gave way to another (attempt %d); running it again", attempt)
        time.sleep(random.uniform(0.005, 0.02) * 2**attempt)  # both sides must not meet again
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


__all__ = [
    "Actor",
    "Connection",
    "QuarantineChannels",
    "ServiceContext",
    "UnitOfWorkFactory",
    "retrying",
]

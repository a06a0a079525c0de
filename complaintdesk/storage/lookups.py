"""Rows found by what people and other systems know them by, for the services that share them.

Sites, functions, root causes and categories by their code, users by their login,
complaints by their reference, customers through their contact points and merges,
messages by the id their channel gave them; and the lists people pick codes from.
``*_by_*`` functions return None when nothing matches; ``require_*`` and ``picked_*`` ones
raise the message the person reads: ``require_*`` where a code was typed or configured,
``picked_*`` where it was picked from a list that has gone stale meanwhile.
"""

from __future__ import annotations

import uuid
from typing import TypeVar

from sqlalchemy import Select, select

from complaintdesk.domain.errors import NotFound
from complaintdesk.storage.memo import MemoKey
from complaintdesk.storage.models import (
    Category,
    Complaint,
    ContactPoint,
    Customer,
    Function,
    Message,
    RootCause,
    Site,
    TeamQueue,
    User,
)
from complaintdesk.storage.unit_of_work import UnitOfWork

RowT = TypeVar("RowT")
MERGE_HOPS = 20
"""How many merges :func:`surviving_customer` follows at the most (a guard against a loop)."""


_BY_CODE = MemoKey[dict[tuple[type, str], Site | Function]]("sites and functions by code")
"""Sites and functions found by code in this unit of work (a batch looks them up per item)."""


def site_by_code(uow: UnitOfWork, code: str) -> Site | None:
    """Return the site whose code is exactly ``code``, or None."""
    return _by_code(uow, Site, code)


def require_site(uow: UnitOfWork, code: str) -> Site:
    """Return the site of ``code``, typed in any case (``lon01`` is ``LON01``).

    Raises:
        NotFound: no site has the code.
    """
    found = site_by_code(uow, code.upper())
    if found is None:
        known = ", ".join(sorted(s.code for s in all_sites(uow))) or "none yet"
        raise NotFound(f"No site has the code {code!r}: the sites are {known}.")
    return found


def function_by_code(uow: UnitOfWork, code: str) -> Function | None:
    """Return the function of ``code``, or None."""
    return _by_code(uow, Function, code)


SiteOrFunction = TypeVar("SiteOrFunction", Site, Function)


def _by_code(uow: UnitOfWork, model: type[SiteOrFunction], code: str) -> SiteOrFunction | None:
    """Found once per unit of work (only what exists is kept: one added later is found)."""
    known = uow.memo.remember(_BY_CODE, dict)
    found = known.get((model, code))
    if isinstance(found, model) and found.code == code:  # still its code (not renamed since)
        return found
    found = _first(uow, select(model).where(model.code == code))
    if found is not None:
        known[(model, code)] = found
    return found


def require_function(uow: UnitOfWork, code: str) -> Function:
    """Return the function of ``code``.

    Raises:
        NotFound: no function has the code.
    """
    found = function_by_code(uow, code)
    if found is None:
        known = ", ".join(sorted(f.code for f in active_functions(uow))) or "none yet"
        raise NotFound(f"No function {code!r} exists: the functions are {known}.")
    return found


def picked_function(uow: UnitOfWork, code: str) -> Function:
    """Return the function of ``code``, picked from a list of functions.

    Raises:
        NotFound: no function has the code (any more).
    """
    return _found(
        function_by_code(uow, code), f"Unknown function {code!r}: pick one from the list."
    )


def root_cause_by_code(uow: UnitOfWork, code: str) -> RootCause | None:
    """Return the root cause of ``code`` (active or retired), or None."""
    return _first(uow, select(RootCause).where(RootCause.code == code))


def picked_root_cause(uow: UnitOfWork, code: str) -> RootCause:
    """Return the root cause of ``code`` (active or retired), picked from a list of causes.

    Raises:
        NotFound: no root cause has the code (any more).
    """
    return _found(
        root_cause_by_code(uow, code), f"Unknown root cause {code!r}: pick one from the list."
    )


def category_by_code(uow: UnitOfWork, code: str) -> Category | None:
    """Return the category of ``code``, or None."""
    return _first(uow, select(Category).where(Category.code == code))


def user_by_login(uow: UnitOfWork, login: str) -> User | None:
    """Return the user (active or not) whose login is exactly ``login``, or None.

    Logins are stored in lower case: callers that take one as typed lower it first.
    """
    return _first(uow, select(User).where(User.login == login))


def all_sites(uow: UnitOfWork) -> list[Site]:
    """Return every site, by code."""
    found: list[Site] = uow.scalars(select(Site).order_by(Site.code))
    return found


def active_functions(uow: UnitOfWork) -> list[Function]:
    """Return the functions still in use, by name."""
    found: list[Function] = uow.scalars(
        select(Function).where(Function.active.is_(True)).order_by(Function.name)
    )
    return found


def all_categories(uow: UnitOfWork) -> list[Category]:
    """Return the whole category taxonomy, by name."""
    found: list[Category] = uow.scalars(select(Category).order_by(Category.name))
    return found


def complaint_by_reference(uow: UnitOfWork, reference: str) -> Complaint | None:
    """Return the complaint whose reference is exactly ``reference`` (canonical form), or None.

    No visibility check: the caller decides what the person may see of it.
    """
    return _first(uow, select(Complaint).where(Complaint.reference == reference))


def customers_holding(uow: UnitOfWork, kind: str, value: str, limit: int) -> list[uuid.UUID]:
    """Return up to ``limit`` ids of customers with the contact point (merged ones too).

    Args:
        value: normalised, as contact points store it.
    """
    found: list[uuid.UUID] = uow.scalars(
        select(ContactPoint.customer_id)
        .where(ContactPoint.kind == kind, ContactPoint.value == value)
        .limit(limit)
    )
    return found


def contacts_of(uow: UnitOfWork, customer_id: uuid.UUID) -> list[tuple[str, str]]:
    """Return the customer's contact points as ``(kind, value)``, sorted by kind then value."""
    rows = uow.execute(
        select(ContactPoint.kind, ContactPoint.value)
        .where(ContactPoint.customer_id == customer_id)
        .order_by(ContactPoint.kind, ContactPoint.value)
    ).all()
    return [(kind, value) for kind, value in rows]


def surviving_customer(uow: UnitOfWork, customer_id: uuid.UUID) -> Customer | None:
    """Return the customer, or the one it was merged into (merges followed), or None.

    After :data:`MERGE_HOPS` merges the customer reached is returned as it is.
    """
    customer = uow.get(Customer, customer_id)
    for _ in range(MERGE_HOPS):
        if customer is None or customer.merged_into_id is None:
            break
        customer = uow.get(Customer, customer.merged_into_id)
    return customer


def message_by_external_id(
    uow: UnitOfWork, channel: str, external_id: str
) -> tuple[uuid.UUID, uuid.UUID | None] | None:
    """Return ``(message id, complaint id)`` of the message its channel calls ``external_id``.

    Args:
        channel: a :class:`~complaintdesk.domain.vocabulary.Channel` value; ids are
            unique per channel only (an email's Message-ID, ``platform:post id``).
    """
    found = uow.execute(
        select(Message.id, Message.complaint_id).where(
            Message.channel == channel, Message.external_id == external_id
        )
    ).first()
    return None if found is None else (found[0], found[1])


TEAM_QUEUE_NAMES = MemoKey[dict[str, str]]("team_queue_names")
"""Team queue names by code, read once per unit of work."""


def team_queue_names(uow: UnitOfWork) -> dict[str, str]:
    """Return the name of every named team queue by its code (read once per unit of work)."""

    def read() -> dict[str, str]:
        rows = uow.execute(select(TeamQueue.code, TeamQueue.name)).all()
        return {str(code): str(name) for code, name in rows}

    return uow.memo.remember(TEAM_QUEUE_NAMES, read)


def team_queue_name(uow: UnitOfWork, code: str | None) -> str | None:
    """Return the name of team queue ``code`` (its code while unnamed), None for no queue."""
    return team_queue_names(uow).get(code, code) if code else None


def _first(uow: UnitOfWork, statement: Select[RowT]) -> RowT | None:
    found: list[RowT] = uow.scalars(statement)
    return found[0] if found else None


def _found(row: RowT | None, missing: str) -> RowT:
    if row is None:
        raise NotFound(missing)
    return row

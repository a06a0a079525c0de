"""Rows found by what people and other systems know them by, for the services that share them.

Sites, functions, root causes and categories by their code, users by their login.
``*_by_*`` functions return None when nothing matches; ``require_*`` and ``picked_*`` ones
raise the message the person reads: ``require_*`` where a code was typed or configured,
``picked_*`` where it was picked from a list that has gone stale meanwhile.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import Select, select

from complaintdesk.domain.errors import NotFound
from complaintdesk.storage.models import Category, Function, RootCause, Site, User
from complaintdesk.storage.unit_of_work import UnitOfWork

RowT = TypeVar("RowT")


def site_by_code(uow: UnitOfWork, code: str) -> Site | None:
    """Return the site whose code is exactly ``code``, or None."""
    return _first(uow, select(Site).where(Site.code == code))


def require_site(uow: UnitOfWork, code: str) -> Site:
    """Return the site of ``code``, typed in any case (``lon01`` is ``LON01``).

    Raises:
        NotFound: no site has the code.
    """
    return _found(site_by_code(uow, code.upper()), f"No site has the code {code!r}.")


def function_by_code(uow: UnitOfWork, code: str) -> Function | None:
    """Return the function of ``code``, or None."""
    return _first(uow, select(Function).where(Function.code == code))


def require_function(uow: UnitOfWork, code: str) -> Function:
    """Return the function of ``code``.

    Raises:
        NotFound: no function has the code.
    """
    return _found(function_by_code(uow, code), f"No function {code!r} exists.")


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


def _first(uow: UnitOfWork, statement: Select[RowT]) -> RowT | None:
    found: list[RowT] = uow.scalars(statement)
    return found[0] if found else None


def _found(row: RowT | None, missing: str) -> RowT:
    if row is None:
        raise NotFound(missing)
    return row

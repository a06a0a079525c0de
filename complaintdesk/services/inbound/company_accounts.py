"""The company's own social accounts: what they post is ours, never a customer's words.

An X archive downloaded from our account holds our own tweets (without any ``user``
object: the account is named in the archive's ``account.js``); a webhook or an export may
carry a post by one of our accounts. Such a post is recorded as an outbound message on the
complaint it answers (a reply given outside the desk is still a reply), never as a customer.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from sqlalchemy import select

from complaintdesk.domain.customers.contacts import normalise_social
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.memo import MemoKey
from complaintdesk.storage.models import CompanyAccount
from complaintdesk.storage.unit_of_work import UnitOfWork

PLATFORMS = ("facebook", "instagram", "x")
ACCOUNTS = MemoKey[frozenset[tuple[str, str]]]("company_accounts")
"""(platform, handle) and (platform, ``id:…``) of our accounts, read once per transaction."""


@dataclass(frozen=True)
class CompanyAccountView:
    """One of our accounts as administrators list them."""

    platform: str
    handle: str
    platform_id: str | None
    name: str | None


def add_account(
    ctx: ServiceContext,
    platform: str,
    handle: str,
    platform_id: str | None = None,
    name: str | None = None,
) -> CompanyAccountView:
    """Declare one of the company's accounts (or update the one of that handle).

    Raises:
        PermissionDenied: the caller may not change the configuration.
        ValidationError: an unknown platform or a handle that is not one.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    platform = platform.strip().lower()
    if platform not in PLATFORMS:
        raise ValidationError(f"Unknown platform {platform!r}: {', '.join(PLATFORMS)}.")
    value = normalise_social(f"{platform}:{handle}")
    with ctx.uow(write=True) as uow:
        found: list[CompanyAccount] = uow.scalars(
            select(CompanyAccount).where(CompanyAccount.handle == value)
        )
        row = found[0] if found else CompanyAccount(platform=platform, handle=value, active=True)
        row.platform_id = (platform_id or "").strip() or row.platform_id
        row.name = (name or "").strip() or row.name
        row.active = True
        record(uow, ctx.actor, row, "company_account_changed" if found else "company_account_added")
        uow.commit()
        return _view(row)


def list_accounts(ctx: ServiceContext) -> tuple[CompanyAccountView, ...]:
    """Return the company's active accounts by platform and handle."""
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow() as uow:
        rows: list[CompanyAccount] = uow.scalars(
            select(CompanyAccount)
            .where(CompanyAccount.active.is_(True))
            .order_by(CompanyAccount.platform, CompanyAccount.handle)
        )
        return tuple(_view(r) for r in rows)


def is_ours(uow: UnitOfWork, platform: str, handle: str | None, author_id: str | None) -> bool:
    """Return True when the author of a post is one of the company's accounts."""
    accounts = uow.memo.remember(ACCOUNTS, lambda: _keys(uow))
    wanted = set()
    if handle:
        # A handle that cannot be normalised is no account of ours (check() refuses it later).
        with contextlib.suppress(ValidationError):
            wanted.add((platform, normalise_social(f"{platform}:{handle}")))
    if author_id:
        wanted.add((platform, f"id:{author_id}"))
    return bool(wanted & accounts)


def _keys(uow: UnitOfWork) -> frozenset[tuple[str, str]]:
    rows = uow.execute(
        select(CompanyAccount.platform, CompanyAccount.handle, CompanyAccount.platform_id).where(
            CompanyAccount.active.is_(True)
        )
    ).all()
    return frozenset({(p, h) for p, h, _ in rows} | {(p, f"id:{i}") for p, _, i in rows if i})


def _view(row: CompanyAccount) -> CompanyAccountView:
    return CompanyAccountView(row.platform, row.handle, row.platform_id, row.name)

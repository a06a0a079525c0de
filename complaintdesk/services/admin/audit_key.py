"""The installation's audit key: registered by fingerprint, kept outside the database.

An embedded database makes its key at first start. A shared (PostgreSQL) database uses the
key an administrator made with ``audit key new`` or gave every workstation in
``COMPLAINTDESK_AUDIT_KEY``; a first start on it registers that environment key if there is
one, and never makes a key only this workstation would hold.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from complaintdesk.domain.audit import key_id_of
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.ids import stable_id
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.journal import audit_keys
from complaintdesk.storage.journal.audit_keys import AuditKeys
from complaintdesk.storage.models import AuditKey
from complaintdesk.storage.secrets import Secrets
from complaintdesk.storage.unit_of_work import UnitOfWork, UnitsOfWork

log = logging.getLogger(__name__)


def ensure_audit_key(units: UnitsOfWork, store: Secrets, *, may_create: bool) -> None:
    """Register the installation's first audit key if it has none (safe to race).

    Args:
        may_create: make a new key when the environment gives none (an embedded database:
            this machine is the only writer); otherwise writers hash without a key.
    """
    if units.audit_keys.signing is not None and _registered(units):
        return
    with units(write=True) as uow:
        uow.lock_first_start()
        known = list(uow.scalars(select(AuditKey.key_id).order_by(AuditKey.created_at)))
        if known:
            units.audit_keys = audit_keys.load(known, store)
            return
        key = audit_keys.environment_key()
        if key is None and may_create:
            key = audit_keys.new_key()
            audit_keys.keep(store, key)
        if key is None:
            log.warning(
                "this database has no audit key: events are hashed without one until an "
                "administrator runs `complaintdesk audit key new`"
            )
            return
        _register(uow, units, key, login="system", user_id=None)
        uow.commit()


def new_audit_key(ctx: ServiceContext, store: Secrets) -> str:
    """Make a new audit key, keep it on this machine, and hash new events with it.

    Earlier events keep the key they were hashed with (``audit verify`` needs both). Returns
    the new key's id.

    Raises:
        PermissionDenied: the caller may not administer the database.
    """
    ctx.actor.require(Permission.ADMINISTER_DATABASE)
    units = _units(ctx)
    key = audit_keys.new_key()
    audit_keys.keep(store, key)
    with units(write=True) as uow:
        _register(uow, units, key, login=ctx.actor.login, user_id=ctx.actor.user_id)
        uow.commit()
    return key_id_of(key)


def export_audit_key(ctx: ServiceContext) -> tuple[str, str]:
    """Return the current key's id and the key as text, to give to another workstation.

    Raises:
        PermissionDenied: the caller may not administer the database.
        ValidationError: this machine does not hold the current key.
    """
    ctx.actor.require(Permission.ADMINISTER_DATABASE)
    signing = _units(ctx).audit_keys.signing
    if signing is None:
        raise ValidationError("This workstation does not hold the audit key of this database.")
    with ctx.uow(write=True) as uow:
        uow.audit(
            "audit_key_exported",
            "audit_key",
            None,
            user_id=ctx.actor.user_id,
            login=ctx.actor.login,
            after={"key_id": signing[0]},
        )
        uow.commit()
    return signing[0], audit_keys.format_key(signing[1])


def import_audit_key(ctx: ServiceContext, store: Secrets, text: str) -> str:
    """Keep a key given by an administrator on this machine; return its id.

    Raises:
        PermissionDenied: the caller may not administer the database.
        ValidationError: not a key, or not one of this database's keys.
    """
    ctx.actor.require(Permission.ADMINISTER_DATABASE)
    units = _units(ctx)
    key = audit_keys.parse_key(text)
    key_id = key_id_of(key)
    with units() as uow:
        known = list(uow.scalars(select(AuditKey.key_id).order_by(AuditKey.created_at)))
    if key_id not in known:
        raise ValidationError(
            "This is not an audit key of this database (its fingerprint is unknown here); "
            "nothing was kept."
        )
    audit_keys.keep(store, key)
    units.audit_keys = audit_keys.load(known, store)
    return key_id


def _units(ctx: ServiceContext) -> UnitsOfWork:
    """The units of work of the database, which hold the keys this machine uses."""
    if not isinstance(ctx.uow, UnitsOfWork):
        raise TypeError("the audit key belongs to an open database's units of work")
    return ctx.uow


def _registered(units: UnitsOfWork) -> bool:
    with units() as uow:
        return bool(uow.scalars(select(AuditKey.id).limit(1)))


def _register(
    uow: UnitOfWork, units: UnitsOfWork, key: bytes, *, login: str, user_id: uuid.UUID | None
) -> None:
    key_id = key_id_of(key)
    held = dict(units.audit_keys.keys)
    held[key_id] = key
    units.audit_keys = AuditKeys(held, key_id)  # the registration itself is hashed with it
    row = AuditKey(id=stable_id("audit_key", key_id), key_id=key_id, created_at=datetime.now(UTC))
    uow.record(row, "audit_key_registered", user_id=user_id, login=login)

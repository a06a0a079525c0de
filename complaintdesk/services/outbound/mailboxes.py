"""Mailboxes an administrator configures, and how far each watched folder was read."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from complaintdesk.domain.customers.contacts import normalise_email
from complaintdesk.domain.errors import ValidationError
from complaintdesk.domain.permissions import Permission
from complaintdesk.services.complaints.access import record
from complaintdesk.services.context import ServiceContext
from complaintdesk.storage.models import Mailbox, MailboxFolderState
from complaintdesk.storage.secrets import SecretStore
from complaintdesk.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
TLS_MODES = ("ssl", "starttls", "none")
SMTP_PORTS = {"ssl": 465, "starttls": 587, "none": 25}


@dataclass(frozen=True)
class MailboxSpec:
    """A mailbox as an administrator describes it (the password comes apart)."""

    name: str
    host: str
    port: int
    username: str
    tls: str = "ssl"
    folders: Sequence[str] = ("INBOX",)
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_tls: str = "starttls"
    smtp_login: bool = True
    from_address: str | None = None
    site_code: str | None = None


@dataclass(frozen=True)
class MailboxSettings:
    """A configured mailbox; ``password_ref`` names where the secret is, never the secret."""

    id: uuid.UUID
    name: str
    host: str
    port: int
    tls: str
    username: str
    password_ref: str | None
    folders: tuple[str, ...]
    smtp_host: str | None
    smtp_port: int | None
    smtp_tls: str
    smtp_login: bool
    from_address: str | None
    site_code: str | None
    active: bool


@dataclass(frozen=True)
class FolderPosition:
    """Where an IMAP message came from; stored with it so the folder is read once."""

    mailbox_id: uuid.UUID
    folder: str
    uidvalidity: int
    uid: int


def add_mailbox(
    ctx: ServiceContext, spec: MailboxSpec, password: str, secrets: SecretStore
) -> MailboxSettings:
    """Configure a mailbox (or reconfigure the one of that name) and keep its password.

    The password goes to ``secrets`` (OS keyring or user-only file); the database only
    keeps the reference.

    Raises:
        PermissionDenied: the caller may not change the configuration.
        ValidationError: a missing host, a bad port, TLS mode or address.
    """
    ctx.actor.require(Permission.MANAGE_CONFIGURATION)
    _check(spec)
    if not password:
        raise ValidationError("Give the mailbox's password.")
    with ctx.uow(write=True) as uow:
        found = uow.scalars(select(Mailbox).where(Mailbox.name == spec.name.strip()))
        mailbox = found[0] if found else Mailbox(name=spec.name.strip(), host="", port=0)
        _apply(mailbox, spec)
        mailbox.password_ref = secrets.put(f"mailbox-{mailbox.id}", password)
        record(uow, ctx.actor, mailbox, "mailbox_changed" if found else "mailbox_added")
        uow.commit()
        return settings_of(mailbox)


def _check(spec: MailboxSpec) -> None:
    if not spec.name.strip() or len(spec.name.strip()) > 80:
        raise ValidationError("Name the mailbox (at most 80 characters).")
    if not spec.host.strip() or not spec.username.strip():
        raise ValidationError("A mailbox needs a host and a user name.")
    for port in (spec.port, spec.smtp_port):
        if port is not None and not 0 < port < 65536:
            raise ValidationError(f"{port} is not a port number (1-65535).")
    for mode in (spec.tls, spec.smtp_tls):
        if mode not in TLS_MODES:
            raise ValidationError(f"TLS mode {mode!r} is none of {', '.join(TLS_MODES)}.")
    if not [f for f in spec.folders if f.strip()]:
        raise ValidationError("Name at least one folder to watch (e.g. INBOX).")


def _apply(mailbox: Mailbox, spec: MailboxSpec) -> None:
    mailbox.host = spec.host.strip()
    mailbox.port = spec.port
    mailbox.tls = spec.tls
    mailbox.username = spec.username.strip()
    mailbox.folders = list(dict.fromkeys(f.strip() for f in spec.folders if f.strip()))
    mailbox.smtp_host = spec.smtp_host.strip() if spec.smtp_host else None
    mailbox.smtp_port = spec.smtp_port or (SMTP_PORTS[spec.smtp_tls] if spec.smtp_host else None)
    mailbox.smtp_tls = spec.smtp_tls
    mailbox.smtp_login = spec.smtp_login
    mailbox.from_address = normalise_email(spec.from_address) if spec.from_address else None
    mailbox.site_code = spec.site_code.strip().upper() if spec.site_code else None
    mailbox.active = True


def settings_of(row: Mailbox) -> MailboxSettings:
    """Return the read model of a mailbox row."""
    return MailboxSettings(
        id=row.id,
        name=row.name,
        host=row.host,
        port=row.port,
        tls=row.tls,
        username=row.username,
        password_ref=row.password_ref,
        folders=tuple(str(f) for f in row.folders),
        smtp_host=row.smtp_host,
        smtp_port=row.smtp_port,
        smtp_tls=row.smtp_tls,
        smtp_login=row.smtp_login,
        from_address=row.from_address,
        site_code=row.site_code,
        active=row.active,
    )


def list_mailboxes(ctx: ServiceContext, *, active_only: bool = True) -> tuple[MailboxSettings, ...]:
    """Return the configured mailboxes by name (pollers and senders read them)."""
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow() as uow:
        return tuple(settings_of(row) for row in configured(uow, active_only=active_only))


def configured(uow: UnitOfWork, *, active_only: bool = True) -> list[Mailbox]:
    """Return the mailbox rows by name, inside the caller's unit of work."""
    query = select(Mailbox).order_by(Mailbox.name)
    if active_only:
        query = query.where(Mailbox.active.is_(True))
    rows: list[Mailbox] = uow.scalars(query)
    return rows


def start_folder(ctx: ServiceContext, mailbox_id: uuid.UUID, folder: str, uidvalidity: int) -> int:
    """Return the last UID stored from ``folder``, starting over if its UIDVALIDITY changed.

    A new UIDVALIDITY means the server renumbered the folder: every message is read again
    and the Message-ID deduplication keeps those already stored from being stored twice.
    """
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow(write=True) as uow:
        state = _state(uow, mailbox_id, folder)
        if state is not None and state.uidvalidity != uidvalidity:
            log.warning("folder %s was renumbered (UIDVALIDITY changed): reading it again", folder)
            state.uidvalidity, state.last_uid = uidvalidity, 0
            state.updated_at = datetime.now(UTC)
        elif state is None:
            state = _new_state(uow, mailbox_id, folder, uidvalidity)
        uow.commit()
        return state.last_uid


def advance(uow: UnitOfWork, position: FolderPosition) -> None:
    """Record inside the caller's unit of work that ``position`` has been handled.

    The position is a local reading cursor (like the replica's own state), not business
    data: it is neither audited nor sent to other replicas.
    """
    state = _state(uow, position.mailbox_id, position.folder)
    if state is None:
        state = _new_state(uow, position.mailbox_id, position.folder, position.uidvalidity)
    if state.uidvalidity != position.uidvalidity:
        state.uidvalidity, state.last_uid = position.uidvalidity, 0
    state.last_uid = max(state.last_uid, position.uid)
    state.updated_at = datetime.now(UTC)


def skip(ctx: ServiceContext, position: FolderPosition) -> None:
    """Move past a message that could not be stored (it was reported to the person)."""
    ctx.actor.require(Permission.HANDLE_COMPLAINTS)
    with ctx.uow(write=True) as uow:
        advance(uow, position)
        uow.commit()


def _state(uow: UnitOfWork, mailbox_id: uuid.UUID, folder: str) -> MailboxFolderState | None:
    found: list[MailboxFolderState] = uow.scalars(
        select(MailboxFolderState).where(
            MailboxFolderState.mailbox_id == mailbox_id, MailboxFolderState.folder == folder
        )
    )
    return found[0] if found else None


def _new_state(
    uow: UnitOfWork, mailbox_id: uuid.UUID, folder: str, uidvalidity: int
) -> MailboxFolderState:
    state = MailboxFolderState(
        mailbox_id=mailbox_id,
        folder=folder,
        uidvalidity=uidvalidity,
        last_uid=0,
        updated_at=datetime.now(UTC),
    )
    uow.add(state)
    return state

"""The installation's audit key: kept outside the database, found the same way everywhere.

The database holds only each key's fingerprint (``audit_key.key_id``). A machine finds the
key itself, in this order, in ``COMPLAINTDESK_AUDIT_KEY`` (servers, scripts, the tests) or in
its keyring (else a user-only file in the data folder) under ``audit-key-<key id>``, where
``complaintdesk audit key new`` or ``audit key import`` put it. An embedded database makes its
own key at first start; a shared server's key is made once by an administrator and handed to
each workstation. A writer without the key still records every event, hashed without it, and
``audit verify`` counts those apart.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Engine, inspect, select

from complaintdesk.domain.audit import key_id_of
from complaintdesk.domain.errors import ValidationError
from complaintdesk.storage.models import AuditKey
from complaintdesk.storage.secrets import Secrets

log = logging.getLogger(__name__)

KEY_VARIABLE = "COMPLAINTDESK_AUDIT_KEY"
KEY_BYTES = 32


@dataclass(frozen=True)
class AuditKeys:
    """The audit keys this machine holds, by key id, and the one new events are hashed with."""

    keys: Mapping[str, bytes] = field(default_factory=dict)
    current: str | None = None

    def key(self, key_id: str) -> bytes | None:
        """Return the key of ``key_id``, or None when this machine does not hold it."""
        return self.keys.get(key_id)

    @property
    def signing(self) -> tuple[str, bytes] | None:
        """The key id and key new events are hashed with (None: no key here)."""
        if self.current is None or self.current not in self.keys:
            return None
        return self.current, self.keys[self.current]


def new_key() -> bytes:
    """Return a fresh random audit key."""
    return secrets.token_bytes(KEY_BYTES)


def format_key(key: bytes) -> str:
    """Return ``key`` as the text a person copies (hexadecimal)."""
    return key.hex()


def parse_key(text: str) -> bytes:
    """Read a key written by :func:`format_key` (or URL-safe base64).

    Raises:
        ValidationError: not a key of at least 32 bytes.
    """
    text = text.strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        try:
            key = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        except (binascii.Error, ValueError):
            key = b""
    if len(key) < KEY_BYTES:
        raise ValidationError(
            f"Not an audit key: give the {KEY_BYTES * 2} hexadecimal characters "
            "`complaintdesk audit key export` printed."
        )
    return key


def secret_name(key_id: str) -> str:
    """Name of a key in the keyring or the secrets folder."""
    return f"audit-key-{key_id}"


def environment_key() -> bytes | None:
    """Return the key given in ``COMPLAINTDESK_AUDIT_KEY`` (None if unset)."""
    text = os.environ.get(KEY_VARIABLE)
    return parse_key(text) if text else None


def registered(engine: Engine) -> list[str]:
    """Return the key ids of the installation, oldest first (none before the first start)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(AuditKey.__tablename__):
            return []
        rows = connection.execute(
            select(AuditKey.key_id).order_by(AuditKey.created_at, AuditKey.key_id)
        )
        return [str(key_id) for key_id in rows.scalars()]


def load(key_ids: Iterable[str], store: Secrets | None) -> AuditKeys:
    """Find the keys of ``key_ids`` on this machine; the newest one held signs.

    With no key registered yet, the environment's key (if any) is the current one.
    """
    found: dict[str, bytes] = {}
    given = environment_key()
    if given is not None:
        found[key_id_of(given)] = given
    wanted = list(key_ids)
    for key_id in wanted:
        if key_id not in found and store is not None:
            text = store.find(secret_name(key_id))
            if text:
                found[key_id] = parse_key(text)
    held = [k for k in wanted if k in found]
    if held:
        return AuditKeys(found, held[-1])
    if wanted:
        log.warning(
            "this workstation does not hold the audit key %s: its audit events are hashed "
            "without it; an administrator runs `complaintdesk audit key export` and "
            "`audit key import` here",
            wanted[-1],
        )
        return AuditKeys(found, None)
    return AuditKeys(found, key_id_of(given) if given is not None else None)


def from_environment() -> AuditKeys:
    """The keys of a process that knows no data folder: the environment's only."""
    return load((), None)


def keep(store: Secrets, key: bytes) -> str:
    """Keep ``key`` on this machine (keyring, else a user-only file); return its key id."""
    key_id = key_id_of(key)
    store.put(secret_name(key_id), format_key(key))
    return key_id

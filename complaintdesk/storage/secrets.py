"""Where mailbox passwords live: the OS keyring when one works, else a user-only file.

The database keeps only a reference (``keyring:NAME`` or ``file:NAME``), so a copy of the
database, a backup or the change log never carries a password. Secrets are never logged.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Protocol

from complaintdesk.domain.errors import ComplaintDeskError
from complaintdesk.storage.safekeeping.private_files import private_folder

log = logging.getLogger(__name__)

KEYRING_SERVICE = "ComplaintDesk"
_NAME = re.compile(r"\A[A-Za-z0-9_.-]{1,120}\Z")


class SecretMissing(ComplaintDeskError):
    """A stored password cannot be found (keyring entry or file removed)."""


class SecretStore(Protocol):
    """Keeps secrets by name and hands back the reference to store in the database."""

    def put(self, name: str, secret: str) -> str:
        """Store ``secret`` under ``name``; return its reference."""
        ...

    def get(self, reference: str) -> str:
        """Return the secret a reference names.

        Raises:
            SecretMissing: nothing is stored there any more.
        """
        ...


class FileSecrets:
    """Secrets in files that only the user can read, in ``<data folder>/secrets``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, name: str, secret: str) -> str:
        """Write ``secret`` to a file created with mode 0600 in a 0700 folder."""
        path = self._path(name)
        private_folder(self.folder)
        self.folder.chmod(0o700)
        temporary = path.with_suffix(".tmp")
        temporary.unlink(missing_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secret)
        temporary.replace(path)
        return f"file:{name}"

    def get(self, reference: str) -> str:
        """Read the secret of a ``file:`` reference."""
        try:
            return self._path(reference.removeprefix("file:")).read_text(encoding="utf-8")
        except (FileNotFoundError, ValueError):
            raise SecretMissing(
                "The stored mailbox password is missing; set it again with `mailbox add`."
            ) from None

    def find(self, name: str) -> str | None:
        """Return the secret stored under ``name`` here, or None."""
        try:
            return self._path(name).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def remove(self, name: str) -> None:
        """Forget the secret stored under ``name`` (nothing happens if there is none)."""
        self._path(name).unlink(missing_ok=True)

    def _path(self, name: str) -> Path:
        if not _NAME.match(name):
            raise ValueError(f"unusable secret name {name!r}")
        return self.folder / f"{name}.secret"


class KeyringSecrets:
    """Secrets in the operating system's keyring (through the ``keyring`` package)."""

    def put(self, name: str, secret: str) -> str:
        """Store ``secret`` in the keyring under this application's service name."""
        import keyring

        keyring.set_password(KEYRING_SERVICE, name, secret)
        return f"keyring:{name}"

    def get(self, reference: str) -> str:
        """Read the secret of a ``keyring:`` reference."""
        import keyring

        found = keyring.get_password(KEYRING_SERVICE, reference.removeprefix("keyring:"))
        if found is None:
            raise SecretMissing(
                "The mailbox password is not in the keyring; set it again with `mailbox add`."
            )
        return found


class Secrets:
    """Stores new secrets in the keyring if one works, reads either kind of reference."""

    def __init__(self, data_dir: Path, *, use_keyring: bool | None = None) -> None:
        self.files = FileSecrets(data_dir / "secrets")
        self.keyring = KeyringSecrets()
        self.use_keyring = keyring_available() if use_keyring is None else use_keyring

    def put(self, name: str, secret: str) -> str:
        """Store ``secret`` in the keyring, or in a user-only file when there is none."""
        if self.use_keyring:
            try:
                return self.keyring.put(name, secret)
            except Exception as error:  # any backend failure: fall back, say so, never the secret
                log.warning(
                    "keyring refused the secret (%s); keeping it in a user-only file", error
                )
        return self.files.put(name, secret)

    def get(self, reference: str) -> str:
        """Return the secret behind a ``keyring:`` or ``file:`` reference."""
        if reference.startswith("keyring:"):
            return self.keyring.get(reference)
        return self.files.get(reference)

    def find(self, name: str) -> str | None:
        """Return the secret kept under ``name`` in the keyring or the secrets folder, or None."""
        if self.use_keyring:
            try:
                import keyring

                found = keyring.get_password(KEYRING_SERVICE, name)
            except Exception as error:  # a broken backend: the file may still hold it
                log.warning("keyring could not be read (%s)", type(error).__name__)
                found = None
            if found is not None:
                return found
        return self.files.find(name)

    def remove(self, name: str) -> None:
        """Forget ``name`` in the keyring and in the secrets folder."""
        if self.use_keyring:
            try:
                import keyring

                keyring.delete_password(KEYRING_SERVICE, name)
            except Exception:  # nothing stored there, or no usable keyring: the file remains
                log.debug("no keyring entry %s to remove", name)
        self.files.remove(name)


def keyring_available() -> bool:
    """Return True when the ``keyring`` package is installed with a working backend."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend configuration means: no keyring
        return False
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 0) > 0

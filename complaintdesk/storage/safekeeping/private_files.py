"""Folders and files only their owner may read: the data folder, databases, backups, secrets."""

from __future__ import annotations

import errno
from pathlib import Path


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) readable by their owner only.

    A folder that already exists is left as its owner set it.

    Raises:
        OSError: it cannot be created (a file is in the way, no permission…).
    """
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(errno.EEXIST, "a file is in the way", str(folder))
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for level in reversed(missing):
        level.mkdir(mode=0o700, exist_ok=True)
